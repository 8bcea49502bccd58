/**
 * The activity catalogue (danh mục nội dung hoạt động) as a register reads and writes it: codes,
 * legal names and the short forms officials write (the corpus's `aliases`), matched without
 * accents, case or punctuation; the closest activities for a name that matches none ("did you
 * mean"); Vietnamese names for reports.
 *
 * The names come from the caller (`Register.Options.activities`, e.g. a rule pack's
 * `pack.activities`) or, by default, from the corpus of `@khuyencong/law` (`Corpus.law()`): every
 * version of every activity, so a register of any year reads.
 *
 * "Did you mean" ranks by the Monge–Elkan similarity of the accent-folded words (each word of the
 * cell against its closest word of the name, by Levenshtein distance from `fastest-levenshtein`,
 * counted when at least 75 % alike, averaged; both ways, the cell's words weighing twice), taking
 * the best of an activity's names and short forms. A whole-string edit distance would rank a
 * short form typed by an official far from the long legal name it abbreviates; comparing word by
 * word does not.
 */
import { Corpus } from "@khuyencong/core"
import { distance } from "fastest-levenshtein"
import type { ActivityEntry } from "../Register.js"
import { fold, foldCached } from "./text.js"

/** An activity as the catalogue passed gives it (a `RulePack.Activity` fits). */
export type ActivityLike = ActivityEntry

/** A suggestion: an activity, the name of it that came closest, and how close (0–1). */
export interface Suggestion {
  readonly code: string
  readonly name: string
  readonly score: number
}

export interface Catalogue {
  readonly codes: ReadonlySet<string>
  /** The activity code a cell names: a code, a name or a short form, with or without "Hỗ trợ" before it; or a unique word-prefix of one (≥ 3 words). */
  readonly resolve: (text: string) => string | undefined
  /** The closest activities to a cell that names none, best first. */
  readonly suggest: (text: string, n?: number) => ReadonlyArray<Suggestion>
  /** The spending item a cell names within an activity: an item code or its Vietnamese name. */
  readonly item: (activity: string, text: string) => string | undefined
  /** Vietnamese name of an activity for a report: its first short form (`short`) or its legal name (`full`). */
  readonly nameOf: (code: string, style?: "short" | "full") => string | undefined
  /** Vietnamese name of a spending item. */
  readonly itemName: (code: string) => string | undefined
}

interface Names {
  readonly code: string
  /** Legal Vietnamese name(s), newest first. */
  readonly legal: Array<string>
  readonly aliases: Array<string>
  readonly other: Array<string>
  readonly items: Map<string, string>
}

const words = (s: string): ReadonlyArray<string> => (s === "" ? [] : s.split(" "))

/** Monge–Elkan similarity of `a` to `b` (folded texts): each word of `a` against its closest word of `b`. */
const mongeElkan = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number => {
  if (a.length === 0 || b.length === 0) return 0
  let sum = 0
  for (const w of a) {
    let best = 0
    for (const v of b) {
      const d = distance(w, v)
      const s = 1 - d / Math.max(w.length, v.length)
      // a typo counts ("tuyen truyn"); an unrelated short word ("ke" against "ky") does not
      if (s >= 0.75 && s > best) best = s
    }
    sum += best
  }
  return sum / a.length
}

const build = (entries: ReadonlyArray<Names>): Catalogue => {
  const byKey = new Map<string, string>()
  const ambiguous = new Set<string>()
  const byCode = new Map<string, Names>()
  const all: Array<{ readonly code: string; readonly name: string; readonly key: string; readonly words: ReadonlyArray<string> }> = []
  const items = new Map<string, Map<string, string>>()
  const itemNames = new Map<string, string>()
  for (const e of entries) {
    byCode.set(e.code, e)
    const keys = new Set<string>()
    const vietnamese = new Set([...e.legal, ...e.aliases])
    for (const n of [e.code, ...e.legal, ...e.aliases, ...e.other]) {
      const k = fold(n)
      if (k === "" || keys.has(k)) continue
      keys.add(k)
      const owner = byKey.get(k)
      if (owner === undefined) byKey.set(k, e.code)
      else if (owner !== e.code) ambiguous.add(k)
      // suggestions are Vietnamese names, as an official reads them
      if (vietnamese.has(n)) all.push({ code: e.code, name: n, key: k, words: words(k) })
    }
    const m = new Map<string, string>()
    for (const [code, nameVi] of e.items) {
      m.set(fold(code), code)
      if (nameVi !== "") m.set(fold(nameVi), code)
      itemNames.set(code, nameVi)
    }
    items.set(e.code, m)
  }
  for (const k of ambiguous) byKey.delete(k)
  const codes = new Set(byCode.keys())
  const prefixCache = new Map<string, string | undefined>()
  const resolve = (text: string): string | undefined => {
    if (codes.has(text)) return text
    const k = foldCached(text)
    const found = byFolded(k)
    // "Hỗ trợ máy móc thiết bị": a short form with the word "support" (hỗ trợ) before it, when the
    // whole text names nothing ("Hỗ trợ thành lập doanh nghiệp" is a legal name and matched above)
    return found === undefined && !ambiguous.has(k) && k.startsWith("ho tro ") ? byFolded(k.slice(7)) : found
  }
  const byFolded = (k: string): string | undefined => {
    const exact = byKey.get(k)
    if (exact !== undefined || ambiguous.has(k)) return exact
    let p = prefixCache.get(k)
    if (p === undefined && !prefixCache.has(k)) {
      // a unique word-prefix of a name (the legal name cut short), at least 3 words long
      const n = words(k).length
      const owners = new Set<string>()
      if (n >= 3) for (const a of all) if (a.key.startsWith(`${k} `)) owners.add(a.code)
      p = owners.size === 1 ? [...owners][0] : undefined
      if (prefixCache.size > 4096) prefixCache.clear()
      prefixCache.set(k, p)
    }
    return p
  }
  const suggest = (text: string, n = 3): ReadonlyArray<Suggestion> => {
    const w = words(fold(text))
    const best = new Map<string, Suggestion>()
    for (const a of all) {
      // symmetric: the cell's words in the name, and the name's words in the cell, averaged
      const score = (mongeElkan(w, a.words) * 2 + mongeElkan(a.words, w)) / 3
      const prev = best.get(a.code)
      if (prev === undefined || score > prev.score) best.set(a.code, { code: a.code, name: a.name, score })
    }
    const ranked = [...best.values()].sort((x, y) => y.score - x.score || (x.code < y.code ? -1 : 1))
    const top = ranked[0]?.score ?? 0
    // only the close ones: a fair match, and not far behind the best
    return ranked.filter((s) => s.score >= 0.3 && s.score >= top - 0.15).slice(0, n)
  }
  return {
    codes,
    resolve,
    suggest,
    item: (activity, text) => {
      const m = items.get(activity)
      if (m === undefined) return undefined
      return m.get(fold(text))
    },
    nameOf: (code, style = "short") => {
      const e = byCode.get(code)
      if (e === undefined) return undefined
      return style === "short" ? (e.aliases[0] ?? e.legal[0] ?? e.other[0]) : (e.legal[0] ?? e.other[0] ?? e.aliases[0])
    },
    itemName: (code) => itemNames.get(code)
  }
}

/** The catalogue of activities passed by a caller. */
const fromActivities = (activities: ReadonlyArray<ActivityLike>): Catalogue => {
  const merged = new Map<string, Names>()
  for (const a of activities) {
    let e = merged.get(a.code)
    if (e === undefined) {
      e = { code: a.code, legal: [], aliases: [], other: [], items: new Map() }
      merged.set(a.code, e)
    }
    if (a.nameVi !== undefined) e.legal.push(a.nameVi)
    if (a.name !== undefined) e.other.push(a.name)
    for (const x of a.aliases ?? []) e.aliases.push(x)
    for (const it of a.items ?? []) e.items.set(it.code, it.nameVi ?? it.name ?? "")
  }
  return build([...merged.values()])
}

let lawCatalogue: Catalogue | undefined
let lawActivities: ReadonlyArray<ActivityLike> | undefined

/**
 * Every activity of the corpus of the law, all versions (newest first, so the current legal name
 * and short forms are the ones written on reports).
 */
const corpusActivities = (): ReadonlyArray<ActivityLike> => {
  if (lawActivities !== undefined) return lawActivities
  const law = Corpus.law()
  const out: Array<ActivityLike> = []
  const entries = Object.entries(law.activities).sort(([, a], [, b]) => a.order - b.order)
  for (const [code, entry] of entries) {
    const versions = [...entry.versions].reverse()
    for (const v of versions) {
      const value = v.value as (Corpus.ActivityVersion & { readonly aliases?: ReadonlyArray<string> }) | null
      if (value === null) continue
      const a: ActivityLike = { code, nameVi: value.nameVi, name: value.name, aliases: value.aliases ?? [], items: value.items }
      out.push(a)
    }
  }
  lawActivities = out
  return out
}

/** The catalogue of the corpus of the law (built once). */
const corpusCatalogue = (): Catalogue => (lawCatalogue ??= fromActivities(corpusActivities()))

/** The catalogue of the activities given, or of the corpus. */
export const catalogueOf = (activities: ReadonlyArray<ActivityLike> | undefined): Catalogue =>
  activities === undefined ? corpusCatalogue() : fromActivities(activities)
