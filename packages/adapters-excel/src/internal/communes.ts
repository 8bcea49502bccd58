/**
 * Commune-level units (đơn vị hành chính cấp xã: xã, phường, thị trấn, đặc khu) of a province on
 * a date, to check the commune of a location cell. The lists are `@khuyencong/law/communes.json`
 * (a module of its own, not the corpus: only readers of locations load it), one per period — the
 * GSO list before the 2025 reorganisation, by old province code, and the list from it, by new
 * code — secondary transcriptions whose caveats the file states (law README).
 *
 * Names are matched folded as the adapter folds labels (accents, case, punctuation), without
 * their type word; a name listed several times in an old province (different districts) is one
 * name. A name that matches none gets the closest names of the province: the same name under
 * another type word, then the names at the smallest Levenshtein distance of the folded names
 * (`fastest-levenshtein`), if it is at most a third of the name's length (at least 2).
 */
import data from "@khuyencong/law/communes.json" with { type: "json" }
import type { LocalDate } from "@khuyencong/core"
import { distance } from "fastest-levenshtein"
import { fold } from "./text.js"

export type CommuneKind = "commune" | "ward" | "township" | "special-zone"

/** The type words of the lists' names, as the generator writes them. */
const KIND_OF_WORD: ReadonlyArray<readonly [string, CommuneKind]> = [
  ["Xã ", "commune"],
  ["Phường ", "ward"],
  ["Thị trấn ", "township"],
  ["Đặc khu ", "special-zone"]
]

interface Unit {
  /** The full name, with its type word ("Xã Tân Lập"). */
  readonly name: string
  readonly kind: CommuneKind
}
interface Index {
  /** By folded name without the type word. */
  readonly byKey: ReadonlyMap<string, ReadonlyArray<Unit>>
  /** The day the list was transcribed as of (its source's date). */
  readonly asOf: string
}

interface Period {
  readonly from?: string
  readonly until?: string
  readonly asOf: string
  readonly provinces: { readonly [code: string]: ReadonlyArray<string> }
}
const PERIODS = (data as { readonly periods: ReadonlyArray<Period> }).periods

const indexes = new Map<string, Index | undefined>()

/** The units of the province with `code` in force on `day`, indexed; undefined when not listed. */
const indexOf = (code: string, day: LocalDate.LocalDate): Index | undefined => {
  const p = PERIODS.findIndex((x) => (x.from === undefined || day >= x.from) && (x.until === undefined || day <= x.until))
  const key = `${p}:${code}`
  if (indexes.has(key)) return indexes.get(key)
  const period = PERIODS[p]
  const names = period?.provinces[code]
  let index: Index | undefined
  if (period !== undefined && names !== undefined) {
    const byKey = new Map<string, Array<Unit>>()
    for (const name of names) {
      const [word, kind] = KIND_OF_WORD.find(([w]) => name.startsWith(w)) ?? ["", "commune"]
      const k = fold(name.slice(word.length))
      const list = byKey.get(k)
      if (list === undefined) byKey.set(k, [{ name, kind }])
      else list.push({ name, kind })
    }
    index = { byKey, asOf: period.asOf }
  }
  indexes.set(key, index)
  return index
}

export type CommuneCheck =
  /** Listed under that name and kind (or under that name, when no kind was written). */
  | { readonly known: true; readonly unit: Unit }
  /** Not listed: the closest names of the province, best first (possibly none), and the list's date. */
  | { readonly known: false; readonly closest: ReadonlyArray<string>; readonly asOf: string }
  /** The province has no list for the day (a code not in force then). */
  | undefined

/**
 * Check a commune's name (without its type word, as written) and kind, when one was written,
 * against the units of the province with `code` on `day`.
 */
export const checkCommune = (code: string, name: string, kind: CommuneKind | undefined, day: LocalDate.LocalDate): CommuneCheck => {
  const index = indexOf(code, day)
  if (index === undefined) return undefined
  const key = fold(name)
  const found = index.byKey.get(key) ?? []
  const unit = found.find((u) => kind === undefined || u.kind === kind)
  if (unit !== undefined) return { known: true, unit }
  // the same name with another type word first, then the names within a few edits
  const near: Array<readonly [number, string]> = []
  const limit = Math.max(2, Math.floor(key.length / 3))
  for (const [k, units] of index.byKey) {
    if (k === key) continue
    const d = distance(k, key)
    if (d <= limit) for (const u of units) near.push([d, u.name])
  }
  // the names at the smallest distance (up to three)
  near.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1], "vi"))
  const best = near.filter(([d]) => d === near[0]?.[0]).slice(0, 3)
  return { known: false, asOf: index.asOf, closest: [...found.map((u) => u.name), ...best.map(([, n]) => n)] }
}
