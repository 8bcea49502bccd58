/**
 * The evaluation view's work, all done by the library: decode the input (`Establishment.decode`,
 * `Proposal.decode`), choose the pack governing the decision date (`Resolution.forDate`) with the
 * province's overlay when it has one (`Overlay.apply`), evaluate with a trace (`Evaluate.evaluate`),
 * explain (`Evaluate.explain`); for a what-if, the same under the national pack with one parameter
 * changed (`Reform.apply`).
 */
import { Corpus, Establishment, Evaluate, LocalDate, Messages, Money, Overlay, Pack, Proposal, Rate, Reform, Resolution, type Errors, type RulePack } from "@khuyencong/core"
import * as r2014 from "@khuyencong/rules-2014-2018"
import * as r2021 from "@khuyencong/rules-2021-2025"
import * as r2026 from "@khuyencong/rules-2026-2030"

interface Installed {
  readonly national: RulePack.RulePack
  readonly overlays: ReadonlyArray<Overlay.Overlay>
}

let installed: ReadonlyArray<Installed> | undefined
const packs = (): ReadonlyArray<Installed> =>
  (installed ??= [r2014, r2021, r2026].map((m) => ({ national: Pack.loadOrThrow(m.pack), overlays: m.overlays })))

/** The three national packs, loaded once, in order of their periods. */
export const nationalPacks = (): ReadonlyArray<RulePack.RulePack> => packs().map((p) => p.national)

/** One problem with the input, in both languages, with where it is. */
export interface Problem {
  /** `proposal`, `establishments[0]`, `date`, `json`, `whatIf`… */
  readonly where: string
  /** Path inside it: `activities.0.costLines.0.unitCost`. */
  readonly path: string
  readonly code: string
  readonly vi: string
  readonly en: string
}

/** What was evaluated: the evaluation, its explanation, the rules used and the date. */
export interface Evaluated {
  readonly evaluation: Evaluate.Evaluation
  readonly explanation: string
  /** The pack used (with the province's overlay when it has one). */
  readonly rules: RulePack.RulePack
  readonly national: RulePack.RulePack
  readonly overlay: Overlay.Overlay | undefined
  readonly date: LocalDate.LocalDate
  readonly proposal: Proposal.Proposal
  readonly establishments: ReadonlyMap<string, Establishment.Establishment>
}

export type Outcome = { readonly ok: true; readonly value: Evaluated } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }

const problemsOf = (where: string, e: Errors.ValidationError | Errors.LookupError | Errors.RuleViolation | Errors.ParseError): Array<Problem> => {
  const issues: ReadonlyArray<Messages.IssueLike & { readonly path: ReadonlyArray<string | number> }> = "issues" in e && e.issues.length > 0 ? e.issues : [e]
  return issues.map((i) => ({ where, path: i.path.join("."), code: i.code, vi: Messages.messageOf(i, "vi"), en: Messages.messageOf(i, "en") }))
}

const problem = (where: string, code: string, vi: string, en: string, path = ""): Problem => ({ where, path, code, vi, en })

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Parse pasted text as JSON: the problem names the position. */
export const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e)
    return { ok: false, problems: [problem("json", "explorer/invalid-json", `Văn bản dán vào không phải JSON hợp lệ: ${m}`, `The pasted text is not valid JSON: ${m}`)] }
  }
}

/** The national pack governing a date, with the overlay of a province when the pack has one in force. */
const rulesFor = (date: LocalDate.LocalDate, province: string | undefined): Pick<Evaluated, "rules" | "national" | "overlay"> | Problem => {
  const r = Resolution.forDate(nationalPacks(), date)
  if (!r.ok) return problemsOf("date", r.error)[0] ?? problem("date", r.error.code, r.error.message, r.error.message)
  const national = r.value
  const overlay = province === undefined ? undefined : packs().find((p) => p.national.id === national.id)?.overlays.find((o) => o.province === province)
  if (overlay === undefined) return { rules: national, national, overlay }
  const applied = Overlay.apply(national, overlay)
  return applied.ok ? { rules: applied.value, national, overlay } : { rules: national, national, overlay: undefined }
}

/**
 * Decode and evaluate `{ date?, establishments: [...], proposal: {...} }`: every problem of the
 * input with its place, or the evaluation with its explanation in Vietnamese.
 */
export const evaluateInput = (input: unknown): Outcome => {
  if (!isRecord(input) || !Array.isArray(input["establishments"]) || !isRecord(input["proposal"]))
    return {
      ok: false,
      problems: [
        problem(
          "json",
          "explorer/input-shape",
          "Dữ liệu cần có dạng { \"date\"?: \"YYYY-MM-DD\", \"establishments\": [ … ], \"proposal\": { … } }",
          "The input must be { \"date\"?: \"YYYY-MM-DD\", \"establishments\": [ … ], \"proposal\": { … } }"
        )
      ]
    }
  const problems: Array<Problem> = []
  const proposal = Proposal.decode(input["proposal"])
  if (!proposal.ok) problems.push(...problemsOf("proposal", proposal.error))
  let date: LocalDate.LocalDate | undefined
  if (input["date"] !== undefined) {
    const d = LocalDate.parse(String(input["date"]))
    if (d.ok) date = d.value
    else problems.push(...problemsOf("date", d.error))
  } else if (proposal.ok) date = Evaluate.dateOf(proposal.value)
  const establishments = new Map<string, Establishment.Establishment>()
  input["establishments"].forEach((raw, i) => {
    const e = Establishment.decode(raw, date === undefined ? {} : { asOf: date })
    if (e.ok) establishments.set(e.value.id, e.value)
    else problems.push(...problemsOf(`establishments[${i}]`, e.error))
  })
  if (problems.length > 0 || !proposal.ok || date === undefined) return { ok: false, problems }
  const rules = rulesFor(date, proposal.value.locations[0]?.provinceCode)
  if ("code" in rules) return { ok: false, problems: [rules] }
  return evaluateWith(rules, date, proposal.value, establishments)
}

const evaluateWith = (
  rules: Pick<Evaluated, "rules" | "national" | "overlay">,
  date: LocalDate.LocalDate,
  proposal: Proposal.Proposal,
  establishments: ReadonlyMap<string, Establishment.Establishment>
): Outcome => {
  const resolved = Pack.resolve(rules.rules, date)
  if (!resolved.ok) return { ok: false, problems: problemsOf("date", resolved.error) }
  const e = Evaluate.evaluate(proposal, resolved.value, { establishments, trace: true })
  if (!e.ok) return { ok: false, problems: problemsOf("proposal", e.error) }
  return { ok: true, value: { ...rules, evaluation: e.value, explanation: Evaluate.explain(e.value, { lang: "vi", resolved: resolved.value }), date, proposal, establishments } }
}

/** The parameters an evaluation read (from its trace), numeric ones first: what a what-if may change. */
export const parametersRead = (e: Evaluate.Evaluation): ReadonlyArray<string> => {
  const ids = new Set<string>()
  for (const l of e.support.lines) if (l.bindingParameter !== undefined) ids.add(l.bindingParameter.id)
  for (const s of e.trace?.steps ?? []) for (const r of s.parameters) ids.add(r.id)
  const law = Corpus.law().parameters
  return [...ids].filter((id) => law[id]?.unit !== undefined)
}

/** A parameter's value on the date in the rules used. */
export const valueIn = (rules: RulePack.RulePack, id: string, date: LocalDate.LocalDate): RulePack.ParameterValue | undefined => {
  const r = Pack.read(rules, id, date)
  return r.ok ? r.value.value : undefined
}

/** Read what the user typed for a parameter of this unit: money (`400 triệu`), a rate (`60%`), a count. */
export const parseValue = (unit: string | undefined, text: string): { readonly ok: true; readonly value: RulePack.ParameterValue } | { readonly ok: false; readonly problem: Problem } => {
  const fail = (vi: string, en: string) => ({ ok: false as const, problem: problem("whatIf", "explorer/what-if-value", vi, en, "value") })
  if (unit === "VND") {
    const m = Money.parse(text)
    return m.ok ? { ok: true, value: m.value } : fail(`Không đọc được số tiền "${text}" (ví dụ 400.000.000 hoặc 400 triệu)`, `Cannot read the amount "${text}" (e.g. 400.000.000 or 400 triệu)`)
  }
  if (unit === "rate" || unit === "share" || unit === "×") {
    const r = Rate.parse(text)
    return r.ok ? { ok: true, value: r.value } : fail(`Không đọc được tỷ lệ "${text}" (ví dụ 60%)`, `Cannot read the rate "${text}" (e.g. 60%)`)
  }
  const n = Number(text.trim())
  return Number.isInteger(n) && text.trim() !== "" ? { ok: true, value: n } : fail(`"${text}" không phải số nguyên`, `"${text}" is not a whole number`)
}

/** The evaluation again with one parameter changed from the decision date on (a what-if reform of the national pack). */
export const whatIf = (before: Evaluated, parameter: string, value: RulePack.ParameterValue): Outcome => {
  const reform: Reform.Reform = {
    id: "explorer-what-if",
    title: `What-if: ${parameter} changed (giả định thay đổi tham số)`,
    overrides: [{ parameter, range: { start: before.date }, value }]
  }
  const reformed = Reform.apply(before.national, reform)
  if (!reformed.ok) return { ok: false, problems: problemsOf("whatIf", reformed.error) }
  if (before.overlay === undefined) return evaluateWith({ rules: reformed.value, national: reformed.value, overlay: undefined }, before.date, before.proposal, before.establishments)
  const rules = Overlay.apply(reformed.value, before.overlay)
  if (!rules.ok) return { ok: false, problems: problemsOf("whatIf", rules.error) }
  return evaluateWith({ rules: rules.value, national: reformed.value, overlay: before.overlay }, before.date, before.proposal, before.establishments)
}
