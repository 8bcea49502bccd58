/**
 * Province names (tên tỉnh) and codes (mã tỉnh), to read a location (địa điểm) typed as a name.
 * Codes were reused by the 2025 reorganisation (15 = Yên Bái before it, Lào Cai after), so a name
 * is looked up among the provinces in force on the proposal's start date.
 *
 * The names, codes and days are core's `AdminUnits` (the corpus of `@khuyencong/law`); what is
 * spreadsheet-specific stays here: names are matched without accents, case or a "Tỉnh" / "Thành
 * phố" / "TP." prefix, and a few abbreviations officials type are known.
 */
import { AdminUnits, LocalDate } from "@khuyencong/core"
import { fold } from "./text.js"

/** Abbreviations and older names officials type, by folded key → the folded short name. */
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

/** The province in force on `day` named `name`, as a code and its short name. */
const named = (name: string, day: LocalDate.LocalDate): Province | undefined => {
  const p = AdminUnits.provinceNamed(name, day, { key: provinceKey })
  return p === undefined ? undefined : { code: p.code, name: p.shortName }
}

/**
 * The province a name denotes on a date (the provinces in force that day), or, without a date,
 * before or from the reorganisation when both agree.
 */
const CACHE = new Map<string, ProvinceLookup>()

export const provinceByName = (name: string, on: LocalDate.LocalDate | undefined): ProvinceLookup => {
  const key = `${name}\u0000${on ?? ""}`
  let r = CACHE.get(key)
  if (r === undefined) {
    r = lookupByName(name, on)
    if (CACHE.size >= 4096) CACHE.clear()
    CACHE.set(key, r)
  }
  return r
}

const lookupByName = (name: string, on: LocalDate.LocalDate | undefined): ProvinceLookup => {
  const first = AdminUnits.reorganisationDay()
  const last = LocalDate.addDays(first, -1)
  const after = on !== undefined && on >= first
  const old = named(name, on !== undefined && !after ? on : last)
  const now = named(name, on !== undefined && after ? on : first)
  if (on === undefined) {
    if (old !== undefined && now !== undefined && old.code !== now.code)
      return {
        ok: false,
        detail: `the province (tỉnh) "${name}" had code ${old.code} until ${LocalDate.formatVi(last)} and ${now.code} from ${LocalDate.formatVi(first)}; without a start date write the code, e.g. "${old.code} - ${old.name}"`
      }
    const p = old ?? now
    return p === undefined ? { ok: false, detail: `"${name}" is not the name of a province (tỉnh); write the 2-digit province code` } : { ok: true, value: p }
  }
  const p = after ? now : old
  if (p !== undefined) return { ok: true, value: p }
  const other = after ? old : now
  if (other !== undefined)
    return {
      ok: false,
      detail: after
        ? `"${name}" is no longer a province (tỉnh) on ${on} (provinces were merged on ${LocalDate.formatVi(first)}); write the province in force then, or its code`
        : `"${name}" is a province (tỉnh) only from ${LocalDate.formatVi(first)}, not on ${on}; write the province in force then, or its code`
    }
  return { ok: false, detail: `"${name}" is not the name of a province (tỉnh); write the 2-digit province code` }
}
