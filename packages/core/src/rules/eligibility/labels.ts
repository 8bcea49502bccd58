/**
 * Internal: the words several eligibility rule kinds use for an establishment's facts, in English
 * with the Vietnamese term: legal forms (loại hình), commune-level units (đơn vị hành chính cấp xã)
 * and socio-economic difficulty (địa bàn khó khăn). The words of legal forms and units are those
 * of `Messages.term` (one place for them, which reasons and forms also show); this module only
 * puts them together as a condition's text reads them.
 * @module
 */
import { legalFormKinds as establishmentLegalForms, type CommuneKind, type DifficultArea, type LegalForm } from "../../records/Establishment.js"
import { term } from "../../values/Messages.js"

/** A code in English with its Vietnamese term in brackets: `cooperative (hợp tác xã)`. */
const bilingual = (code: string, more = ""): string => `${term(code, "en")} (${term(code, "vi")}${more})`

/** Every legal form kind, in the order of `Establishment.legalFormKinds`. */
export const legalFormKinds: ReadonlyArray<LegalForm["kind"]> = establishmentLegalForms

/** Each legal form an establishment may have, in words (a large enterprise said not to be a small or medium one). */
export const legalFormLabel: { readonly [K in LegalForm["kind"]]: string } = Object.fromEntries(
  legalFormKinds.map((k) => [k, k === "large-enterprise" ? bilingual(k, `, not a ${term("enterprise", "vi")}`) : bilingual(k)])
) as { readonly [K in LegalForm["kind"]]: string }

/** Every commune-level unit kind, in the order its conditions are listed. */
export const unitKinds: ReadonlyArray<CommuneKind> = ["commune", "township", "ward", "special-zone"]

/** Each commune-level unit kind, in words with its article. */
export const unitLabel: Readonly<Record<string, string>> = Object.fromEntries(unitKinds.map((k) => [k, `a ${bilingual(k)}`]))

/** Each level of socio-economic difficulty, in words. */
export const difficultyLabel: { readonly [K in DifficultArea]: string } = {
  none: "an area without socio-economic difficulty",
  difficult: "an area with difficult socio-economic conditions (địa bàn có điều kiện kinh tế - xã hội khó khăn)",
  "especially-difficult": "an area with especially difficult socio-economic conditions (địa bàn có điều kiện kinh tế - xã hội đặc biệt khó khăn)"
}
