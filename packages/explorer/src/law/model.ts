/**
 * The law view's data: every parameter and rule of the corpus (`Corpus.law()`), searchable by
 * Vietnamese name (with or without diacritics), id, instrument or article (`Điều 8 khoản 4`), and
 * each one's history with the citation and grade of every value.
 */
import { Citation, Corpus, type LocalDate, type Overlay, type Parameter, type RulePack } from "@khuyencong/core"

/** The corpus, decoded once. */
export const law = (): Corpus.Corpus => Corpus.law()

/** One dated value or version of an entry, with its citation. */
export interface Step {
  readonly from: string
  readonly value: RulePack.ParameterValue | null
  readonly citation: Citation.Citation | undefined
  /** A rule's name at this version (Vietnamese, English). */
  readonly name?: readonly [string, string]
  /** The parameters a rule reads at this version, by role (`industries` → `eligibility.industries`). */
  readonly reads?: Readonly<Record<string, string>>
}

/** A parameter or a rule of the corpus, as the law view lists it. */
export interface Entry {
  readonly kind: "parameter" | "rule"
  /** The corpus id: `support.machinery.cap`, `eligibility.industry`, `activity:machinery`. */
  readonly id: string
  /** Which section of the corpus it is from (for a rule): eligibility, activities, calendar… */
  readonly section: string
  readonly nameVi: string
  readonly nameEn: string
  readonly unit: string | undefined
  readonly steps: ReadonlyArray<Step>
  /** Folded text searched by words (no diacritics, lower case). */
  readonly haystack: string
}

/** Lower case without diacritics (`Điều` → `dieu`), for search. */
export const fold = (s: string): string =>
  s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()

/** The Vietnamese term a description gives in brackets (`… (ứng dụng máy móc thiết bị) …`). */
const vietnameseOf = (description: string): string | undefined => {
  for (const m of description.matchAll(/\(([^()]+)\)/g)) {
    const t = m[1] ?? ""
    if (/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(t)) return t
  }
  return undefined
}

const citationText = (c: Citation.Citation | undefined): string =>
  c === undefined ? "" : `${c.instrument.number} ${Citation.formatVi(c)} ${Citation.format(c)} ${c.note ?? ""}`

const parameterEntry = (p: Parameter.Parameter<RulePack.ParameterValue>): Entry => {
  const steps: Array<Step> = p.values.map((v) => ({ from: v.from, value: v.value, citation: v.citation }))
  // `until`: the parameter ends the day after (`value: null` in the corpus)
  const vi = vietnameseOf(p.description) ?? p.description
  return {
    kind: "parameter",
    id: p.id,
    section: p.id.split(".")[0] ?? "",
    nameVi: vi,
    nameEn: p.description,
    unit: p.unit,
    steps,
    haystack: fold([p.id, p.description, ...steps.map((s) => citationText(s.citation))].join(" "))
  }
}

interface Named {
  readonly parameters?: Readonly<Record<string, string>>
  readonly name?: string
  readonly nameVi?: string
  readonly citation?: Citation.Citation
}

const sections: ReadonlyArray<readonly [keyof Corpus.Corpus, string]> = [
  ["eligibility", "eligibility"],
  ["activities", "activity"],
  ["areaPriorities", "priority.area"],
  ["industryPriorities", "priority.industry"],
  ["priorityOrders", "priority.order"],
  ["advanceTiers", "advance.tier"],
  ["advanceRemainders", "advance.remainder"],
  ["calendar", "calendar"]
]

const ruleEntries = (c: Corpus.Corpus): Array<Entry> => {
  const out: Array<Entry> = []
  for (const [key, section] of sections) {
    const entries = c[key] as Readonly<Record<string, Corpus.Entry<Named>>>
    for (const [id, entry] of Object.entries(entries)) {
      const steps: Array<Step> = entry.versions.map((v) => {
        const n = v.value
        const s: Step = { from: v.from, value: null, citation: n?.citation, ...(n?.parameters === undefined ? {} : { reads: n.parameters }) }
        return n?.name === undefined ? s : { ...s, name: [n.nameVi ?? n.name, n.name] as const }
      })
      const last = [...entry.versions].reverse().find((v) => v.value !== null)?.value
      const fullId = id.startsWith(section) ? id : `${section}:${id}`
      out.push({
        kind: "rule",
        id: fullId,
        section,
        nameVi: last?.nameVi ?? last?.name ?? id,
        nameEn: last?.name ?? id,
        unit: undefined,
        steps,
        haystack: fold([fullId, last?.name ?? "", last?.nameVi ?? "", ...steps.map((s) => citationText(s.citation))].join(" "))
      })
    }
  }
  return out
}

let all: ReadonlyArray<Entry> | undefined

/** Every parameter, then every rule, of the corpus. */
export const entries = (): ReadonlyArray<Entry> =>
  (all ??= [...Object.values(law().parameters).map(parameterEntry).sort((a, b) => a.id.localeCompare(b.id)), ...ruleEntries(law())])

/** The entry with this id. */
export const entry = (id: string): Entry | undefined => entries().find((e) => e.id === id)

/** An article reference in a query: `Điều 8 khoản 4 điểm c`, `art. 8 cl. 4`, `khoản 4 Điều 8`. */
export interface ArticleQuery {
  readonly article: string
  readonly clause?: string
  readonly point?: string
}

const ARTICLE = /\b(?:dieu|art\.?|article)\s*(\d+[a-z]?)/
const CLAUSE = /\b(?:khoan|cl\.?|clause)\s*(\d+[a-z]?)/
const POINT = /\b(?:diem|pt\.?|point)\s*([a-z]{1,2})\b/

/** The article part of a folded query and the words left over. */
export const parseQuery = (query: string): { readonly article: ArticleQuery | undefined; readonly words: ReadonlyArray<string> } => {
  let q = fold(query)
  const a = ARTICLE.exec(q)
  const c = CLAUSE.exec(q)
  const p = POINT.exec(q)
  for (const m of [a, c, p]) if (m !== null) q = q.replace(m[0], " ")
  const words = q.split(/[\s,;]+/).filter((w) => w !== "")
  if (a === null) return { article: undefined, words: c === null && p === null ? words : words }
  const article: ArticleQuery = { article: a[1] ?? "", ...(c === null ? {} : { clause: c[1] ?? "" }), ...(p === null ? {} : { point: p[1] ?? "" }) }
  return { article, words }
}

const cites = (c: Citation.Citation | undefined, a: ArticleQuery): boolean =>
  c !== undefined &&
  c.article === a.article &&
  (a.clause === undefined || c.clause === a.clause) &&
  (a.point === undefined || (c.point !== undefined && fold(c.point) === a.point))

/** The entries matching a query: every word in the folded text, and the article cited by some value. */
export const search = (query: string): ReadonlyArray<Entry> => {
  const { article, words } = parseQuery(query)
  if (article === undefined && words.length === 0) return entries()
  return entries().filter((e) => (article === undefined || e.steps.some((s) => cites(s.citation, article))) && words.every((w) => e.haystack.includes(w)))
}

/** The step in force on a day (the last one from on or before it), or undefined before the first. */
export const stepAt = (e: Entry, date: string): Step | undefined => {
  let found: Step | undefined
  for (const s of e.steps) if (s.from <= date) found = s
  return found
}

/** A provincial overlay's level for a parameter: the province, the operation and its value. */
export interface ProvincialLevel {
  readonly overlay: Overlay.Overlay
  readonly instrument: Corpus.InstrumentEntry
  readonly op: "lower" | "raise"
  readonly value: RulePack.ParameterValue
}

/** The provincial levels the corpus's overlays set for a parameter. */
export const provincialLevels = (parameterId: string): ReadonlyArray<ProvincialLevel> => {
  const out: Array<ProvincialLevel> = []
  for (const o of Object.values(law().overlays))
    for (const op of o.overlay.operations)
      if ((op.op === "lower" || op.op === "raise") && op.parameter === parameterId) out.push({ overlay: o.overlay, instrument: o.instrument, op: op.op, value: op.value })
  return out
}

/** Whether an overlay is in force on a day. */
export const inForce = (o: Overlay.Overlay, date: string): boolean => o.effective.start <= date && (o.effective.end === undefined || date <= o.effective.end)

/** The instruments, by the day they took effect. */
export const instruments = (): ReadonlyArray<Corpus.InstrumentEntry> =>
  [...law().instruments.values()].sort((a, b) => a.effective.localeCompare(b.effective) || a.number.localeCompare(b.number))

/** The packs (manifests) of the corpus with their periods. */
export const packs = (): ReadonlyArray<Corpus.ManifestEntry> => Object.values(law().packs).sort((a, b) => a.governs.decisions.start.localeCompare(b.governs.decisions.start))

/** Today as `YYYY-MM-DD` (the default date of the view). */
export const today = (): LocalDate.LocalDate => new Date().toISOString().slice(0, 10) as LocalDate.LocalDate
