/**
 * Province names (tên tỉnh) and codes (mã tỉnh), to read a location (địa điểm) typed as a name.
 * Codes were reused by the 2025 reorganisation (15 = Yên Bái before 2025-07-01, Lào Cai after),
 * so a name is looked up in the list in force on the proposal's start date.
 *
 * Source: ../shared/data/admin-units/province-mapping-63-to-34.csv (63 provinces of Decision
 * 124/2004/QĐ-TTg as updated, until 2025-06-30; 34 provinces of Decision 19/2025/QĐ-TTg from
 * 2025-07-01).
 */
import { Establishment, type LocalDate } from "@khuyencong/core"
import { fold } from "./text.js"

const UNTIL_REFORM: ReadonlyArray<readonly [string, string]> = [
  ["01", "Hà Nội"], ["02", "Hà Giang"], ["04", "Cao Bằng"], ["06", "Bắc Kạn"], ["08", "Tuyên Quang"], ["10", "Lào Cai"],
  ["11", "Điện Biên"], ["12", "Lai Châu"], ["14", "Sơn La"], ["15", "Yên Bái"], ["17", "Hòa Bình"], ["19", "Thái Nguyên"],
  ["20", "Lạng Sơn"], ["22", "Quảng Ninh"], ["24", "Bắc Giang"], ["25", "Phú Thọ"], ["26", "Vĩnh Phúc"], ["27", "Bắc Ninh"],
  ["30", "Hải Dương"], ["31", "Hải Phòng"], ["33", "Hưng Yên"], ["34", "Thái Bình"], ["35", "Hà Nam"], ["36", "Nam Định"],
  ["37", "Ninh Bình"], ["38", "Thanh Hóa"], ["40", "Nghệ An"], ["42", "Hà Tĩnh"], ["44", "Quảng Bình"], ["45", "Quảng Trị"],
  ["46", "Huế"], ["48", "Đà Nẵng"], ["49", "Quảng Nam"], ["51", "Quảng Ngãi"], ["52", "Bình Định"], ["54", "Phú Yên"],
  ["56", "Khánh Hòa"], ["58", "Ninh Thuận"], ["60", "Bình Thuận"], ["62", "Kon Tum"], ["64", "Gia Lai"], ["66", "Đắk Lắk"],
  ["67", "Đắk Nông"], ["68", "Lâm Đồng"], ["70", "Bình Phước"], ["72", "Tây Ninh"], ["74", "Bình Dương"], ["75", "Đồng Nai"],
  ["77", "Bà Rịa - Vũng Tàu"], ["79", "Hồ Chí Minh"], ["80", "Long An"], ["82", "Tiền Giang"], ["83", "Bến Tre"],
  ["84", "Trà Vinh"], ["86", "Vĩnh Long"], ["87", "Đồng Tháp"], ["89", "An Giang"], ["91", "Kiên Giang"], ["92", "Cần Thơ"],
  ["93", "Hậu Giang"], ["94", "Sóc Trăng"], ["95", "Bạc Liêu"], ["96", "Cà Mau"]
]

const FROM_REFORM: ReadonlyArray<readonly [string, string]> = [
  ["01", "Hà Nội"], ["04", "Cao Bằng"], ["08", "Tuyên Quang"], ["11", "Điện Biên"], ["12", "Lai Châu"], ["14", "Sơn La"],
  ["15", "Lào Cai"], ["19", "Thái Nguyên"], ["20", "Lạng Sơn"], ["22", "Quảng Ninh"], ["24", "Bắc Ninh"], ["25", "Phú Thọ"],
  ["31", "Hải Phòng"], ["33", "Hưng Yên"], ["37", "Ninh Bình"], ["38", "Thanh Hóa"], ["40", "Nghệ An"], ["42", "Hà Tĩnh"],
  ["44", "Quảng Trị"], ["46", "Huế"], ["48", "Đà Nẵng"], ["51", "Quảng Ngãi"], ["52", "Gia Lai"], ["56", "Khánh Hòa"],
  ["66", "Đắk Lắk"], ["68", "Lâm Đồng"], ["75", "Đồng Nai"], ["79", "Hồ Chí Minh"], ["80", "Tây Ninh"], ["82", "Đồng Tháp"],
  ["86", "Vĩnh Long"], ["91", "An Giang"], ["92", "Cần Thơ"], ["96", "Cà Mau"]
]

const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["thua thien hue", "hue"],
  ["hcm", "ho chi minh"],
  ["tphcm", "ho chi minh"],
  ["tp hcm", "ho chi minh"],
  ["sai gon", "ho chi minh"],
  ["brvt", "ba ria vung tau"],
  ["dac lac", "dak lak"],
  ["dak lak", "dak lak"]
]
const ALIAS = new Map(ALIASES)

const index = (list: ReadonlyArray<readonly [string, string]>) => new Map(list.map(([code, name]) => [fold(name), { code, name }]))
const OLD = index(UNTIL_REFORM)
const NEW = index(FROM_REFORM)

/** Fold a province name and drop its "tỉnh" / "thành phố" / "TP." prefix. */
export const provinceKey = (name: string): string => {
  const f = fold(name).replace(/^(?:tinh|thanh pho|tp)\s+/, "")
  return ALIAS.get(f) ?? f
}

export interface Province {
  readonly code: string
  readonly name: string
}

export type ProvinceLookup =
  | { readonly ok: true; readonly value: Province }
  | { readonly ok: false; readonly detail: string }

/**
 * The province a name denotes on a date (the list in force that day), or, without a date, in
 * either list when both agree.
 */
export const provinceByName = (name: string, on: LocalDate.LocalDate | undefined): ProvinceLookup => {
  const key = provinceKey(name)
  const old = OLD.get(key)
  const now = NEW.get(key)
  if (on === undefined) {
    if (old !== undefined && now !== undefined && old.code !== now.code)
      return { ok: false, detail: `the province (tỉnh) "${name}" had code ${old.code} until 30/06/2025 and ${now.code} from 01/07/2025; without a start date write the code, e.g. "${old.code} - ${old.name}"` }
    const p = old ?? now
    return p === undefined ? { ok: false, detail: `"${name}" is not the name of a province (tỉnh); write the 2-digit province code` } : { ok: true, value: p }
  }
  const after = on >= Establishment.reformDate
  const p = after ? now : old
  if (p !== undefined) return { ok: true, value: p }
  const other = after ? old : now
  if (other !== undefined)
    return {
      ok: false,
      detail: after
        ? `"${name}" is no longer a province (tỉnh) on ${on} (provinces were merged on 01/07/2025); write the province in force then, or its code`
        : `"${name}" is a province (tỉnh) only from 01/07/2025, not on ${on}; write the province in force then, or its code`
    }
  return { ok: false, detail: `"${name}" is not the name of a province (tỉnh); write the 2-digit province code` }
}
