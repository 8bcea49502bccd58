/**
 * Internal: the words several eligibility rule kinds use for an establishment's facts, in English
 * with the Vietnamese term: legal forms (loại hình), commune-level units (đơn vị hành chính cấp xã)
 * and socio-economic difficulty (địa bàn khó khăn).
 * @module
 */
import type { DifficultArea, LegalForm } from "../../records/Establishment.js"

/** Each legal form an establishment may have, in words. */
export const legalFormLabel: { readonly [K in LegalForm["kind"]]: string } = {
  enterprise: "small or medium enterprise (doanh nghiệp nhỏ và vừa)",
  "large-enterprise": "large enterprise (doanh nghiệp lớn, not a doanh nghiệp nhỏ và vừa)",
  cooperative: "cooperative (hợp tác xã)",
  "union-of-cooperatives": "union of cooperatives (liên hiệp hợp tác xã)",
  "cooperative-group": "cooperative group (tổ hợp tác)",
  "business-household": "business household (hộ kinh doanh)"
}

/** Every legal form kind, in the order of {@link legalFormLabel}. */
export const legalFormKinds = Object.keys(legalFormLabel) as ReadonlyArray<LegalForm["kind"]>

/** Each commune-level unit kind, in words with its article. */
export const unitLabel: Readonly<Record<string, string>> = {
  commune: "a commune (xã)",
  township: "a township (thị trấn)",
  ward: "a ward (phường)",
  "special-zone": "a special zone (đặc khu)"
}

/** Every commune-level unit kind, in the order of {@link unitLabel}. */
export const unitKinds = Object.keys(unitLabel)

/** Each level of socio-economic difficulty, in words. */
export const difficultyLabel: { readonly [K in DifficultArea]: string } = {
  none: "an area without socio-economic difficulty",
  difficult: "an area with difficult socio-economic conditions (địa bàn có điều kiện kinh tế - xã hội khó khăn)",
  "especially-difficult": "an area with especially difficult socio-economic conditions (địa bàn có điều kiện kinh tế - xã hội đặc biệt khó khăn)"
}
