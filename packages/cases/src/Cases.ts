/**
 * Cases (ca kiểm thử): test cases a policy officer can read and write. A case file (YAML, or JSON)
 * holds one or more cases; each names the rule pack (or asks to resolve it by date), optionally a
 * provincial overlay and an inline what-if reform, the decision date and plan year, the input
 * (establishments and a proposal in their JSON form) and the expected output: the verdict, the
 * conditions that must fail or pass, the support per cost line with its binding constraint, the
 * total, the priority class, or the error code a bad input must produce.
 *
 * Money in a case file is written as officials write it (`900 triệu`, `1,5 tỷ`, `300.000.000`)
 * and read with `Money.parse`. Dates may be `2023-06-30` or `30/06/2023`.
 *
 * {@link parse} reads and validates a case file: every problem names the file, the line, the case
 * and the field. {@link install} loads rule packs (and their overlays) from modules;
 * {@link run} evaluates the cases and lists each difference between expected and actual output;
 * {@link report} renders the results as the `khuyencong-cases` command prints them. This module
 * does no file or network access: the command line (`khuyencong-cases`) reads the files.
 * The format is documented in docs/cases.md.
 *
 * @example
 * ```ts
 * import { Cases } from "@khuyencong/cases"
 * import { pack, overlays } from "@khuyencong/rules-2021-2025"
 * const installation = Cases.installOrThrow([{ pack, overlays }])
 * const file = Cases.parse(yamlText, "cases/machinery.yaml")
 * if (file.ok) for (const r of Cases.run(file.value, installation)) console.log(r.name, r.passed)
 * ```
 * @since 0.1.0
 * @module
 */
import { LineCounter, parseDocument, visit, type Scalar } from "yaml"
import { Eligibility, Errors, Establishment, Evaluate, LocalDate, Money, Overlay, Pack, Priority, Proposal, Rate, Reform, Resolution, Result, type RulePack, type Support } from "@khuyencong/core"
import { Issues, showPath } from "./internal/issues.js"

// ---------------------------------------------------------------------------------------------
// Models

/**
 * How a cost line of the expected output is picked: by its position (`line`, 1 = the proposal's
 * first cost line, counting across activities in order) or by spending item, optionally with the
 * activity and the beneficiary (cơ sở thụ hưởng) in a group project.
 * @category models
 * @since 0.1.0
 */
export type LineSelector =
  | { readonly line: number }
  | { readonly item: string; readonly activity?: string; readonly beneficiary?: string }

/**
 * The expected support of one cost line. `rateCap` and `absoluteCap` are `"none"` when the item
 * has no such cap.
 * @category models
 * @since 0.1.0
 */
export interface LineExpectation {
  readonly select: LineSelector
  /** How the line is named in differences, e.g. `support[machinery.equipment @ e2]`. */
  readonly label: string
  readonly support?: Money.Money
  readonly binding?: Support.Binding
  readonly rateCap?: Money.Money | "none"
  readonly absoluteCap?: Money.Money | "none"
  readonly layer?: string
  readonly grade?: string
}

/**
 * The expected priority classification (nguyên tắc ưu tiên). A class id, or `"none"`.
 * @category models
 * @since 0.1.0
 */
export interface PriorityExpectation {
  readonly area?: string
  readonly industry?: string
  readonly unranked?: boolean
}

/**
 * The expected output of a case. `failed` is the exact set of rules that must fail (a rule id,
 * or `rule@establishment` for one establishment); `passed` and `notApplicable` list rules that
 * must have that status. `error` excludes every other expectation.
 * @category models
 * @since 0.1.0
 */
export interface Expectation {
  readonly verdict?: Eligibility.Verdict
  readonly failed?: ReadonlyArray<string>
  readonly passed?: ReadonlyArray<string>
  readonly notApplicable?: ReadonlyArray<string>
  readonly support?: ReadonlyArray<LineExpectation>
  readonly total?: Money.Money
  readonly payable?: Money.Money
  readonly priority?: PriorityExpectation
  readonly multiplierApplied?: boolean
  readonly error?: string
}

/**
 * An inline what-if reform: parameter overrides with a date range. Values are written as in the
 * case file and read with the type of the parameter they replace.
 * @category models
 * @since 0.1.0
 */
export interface ReformSpec {
  readonly id: string
  readonly title: string
  readonly overrides: ReadonlyArray<{
    readonly parameter: string
    readonly start: LocalDate.LocalDate
    readonly end?: LocalDate.LocalDate
    readonly value: unknown
  }>
}

/**
 * One validated case. `establishments` and `proposal` are in their JSON (encoded) form with money
 * already turned into digit strings; they are decoded when the case runs, so that a case can
 * expect a decoding error.
 * @category models
 * @since 0.1.0
 */
export interface Case {
  readonly file: string
  /** Position in the file, from 0. */
  readonly index: number
  /** Line of the case in the file, when known. */
  readonly line?: number
  readonly name: string
  readonly description?: string
  readonly reference?: string
  /** Pack id; absent when the pack is resolved by date among the installed packs. */
  readonly pack?: string
  readonly resolve: boolean
  readonly overlay?: string
  readonly reform?: ReformSpec
  readonly date?: LocalDate.LocalDate
  readonly planYear?: number
  readonly applyPriorityMultiplier: boolean
  /** Every establishment the file and the case define, by id (JSON form, `extends` applied). */
  readonly establishments: Readonly<Record<string, unknown>>
  readonly proposal: unknown
  readonly expect: Expectation
}

/**
 * A validated case file.
 * @category models
 * @since 0.1.0
 */
export interface CaseFile {
  readonly file: string
  readonly title?: string
  readonly cases: ReadonlyArray<Case>
}

/**
 * What a pack module exports: `pack` (a rule pack definition) and optionally `overlays`.
 * @category models
 * @since 0.1.0
 */
export interface PackModule {
  readonly pack: RulePack.RulePack
  readonly overlays?: ReadonlyArray<Overlay.Overlay>
}

/**
 * The loaded packs and overlays cases run against.
 * @category models
 * @since 0.1.0
 */
export interface Installation {
  readonly packs: ReadonlyArray<RulePack.RulePack>
  readonly overlays: ReadonlyArray<Overlay.Overlay>
}

/**
 * One difference between expected and actual output.
 * @category models
 * @since 0.1.0
 */
export interface Difference {
  readonly field: string
  readonly expected: string
  readonly actual: string
}

/**
 * The result of one case.
 * @category models
 * @since 0.1.0
 */
export interface CaseResult {
  readonly file: string
  readonly name: string
  readonly index: number
  readonly line?: number
  readonly passed: boolean
  readonly differences: ReadonlyArray<Difference>
}

/**
 * A case file that could not be read or is not a valid case file.
 * @category models
 * @since 0.1.0
 */
export interface FileError {
  readonly file: string
  readonly error: Errors.ValidationError
}

/**
 * The results of running many case files.
 * @category models
 * @since 0.1.0
 */
export interface Report {
  readonly results: ReadonlyArray<CaseResult>
  readonly fileErrors: ReadonlyArray<FileError>
  readonly passed: number
  readonly failed: number
}

// ---------------------------------------------------------------------------------------------
// Parsing

const VERDICTS: ReadonlyArray<Eligibility.Verdict> = ["eligible", "ineligible", "not-applicable"]
const BINDINGS: ReadonlyArray<Support.Binding> = ["rate", "absolute-cap", "request", "not-in-catalogue"]
const GRADES = ["primary", "secondary", "provincial-copy", "unconfirmed"]
const FILE_KEYS = ["title", "description", "defaults", "establishments", "cases"]
const SETTING_KEYS = ["pack", "resolve", "overlay", "reform", "date", "planYear", "applyPriorityMultiplier", "proposal"]
const CASE_KEYS = ["name", "description", "reference", ...SETTING_KEYS, "establishments", "expect"]
const EXPECT_KEYS = ["verdict", "reasons", "support", "total", "payable", "priority", "multiplierApplied", "error"]
const LINE_KEYS = ["line", "activity", "item", "beneficiary", "support", "binding", "rateCap", "absoluteCap", "layer", "grade"]
const REFORM_KEYS = ["id", "title", "overrides"]
const OVERRIDE_KEYS = ["parameter", "from", "to", "value"]
const PRIORITY_KEYS = ["area", "industry", "unranked"]
const REASON_KEYS = ["failed", "passed", "notApplicable"]
const MONEY_LINE_FIELDS = ["unitCost", "total", "requestedSupport", "counterpartFunding", "otherStateFunding"]

type Json = Record<string, unknown>
const isRecord = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)
const has = (o: Json, k: string): boolean => Object.hasOwn(o, k) && o[k] !== undefined

/** Collects issues whose messages name the file, the line, the case and the field. */
class Problems {
  readonly issues = new Issues()
  constructor(
    readonly file: string,
    readonly lineOf: (path: Errors.Path) => number | undefined
  ) {}
  add(code: string, path: Errors.Path, caseName: string | undefined, message: string, actual?: unknown): void {
    const line = this.lineOf(path)
    const where = `${this.file}${line === undefined ? "" : `:${line}`}`
    const field = fieldOf(path)
    const subject = caseName === undefined ? "" : ` case "${caseName}",`
    this.issues.add(code, path, `${where}:${subject} field ${field}: ${message}`, actual)
  }
}

/** The field path inside a case (`expect.total`), or the whole path outside cases. */
const fieldOf = (path: Errors.Path): string => {
  if (path[0] === "cases" && typeof path[1] === "number") return path.length === 2 ? "(case)" : showPath(path.slice(2))
  return showPath(path)
}

const describeValue = (u: unknown): string => {
  if (u === undefined) return "nothing"
  if (typeof u === "string") return JSON.stringify(u)
  try {
    return JSON.stringify(u, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(u)
  } catch {
    return String(u)
  }
}

/** Money written as officials write it, or as a whole number; `undefined` after adding a problem. */
const readMoney = (value: unknown, problems: Problems, path: Errors.Path, caseName: string | undefined): Money.Money | undefined => {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return Money.make(BigInt(value))
    problems.add("cases/invalid-money", path, caseName, `amount (số tiền) ${String(value)} is not a whole number of đồng; write it as text such as "1,5 tỷ" or "1.500.000.000"`, value)
    return undefined
  }
  if (typeof value === "bigint") return Money.make(value)
  if (typeof value === "string") {
    const r = Money.parse(value)
    if (r.ok) return r.value
    problems.add("cases/invalid-money", path, caseName, r.error.message, value)
    return undefined
  }
  problems.add("cases/invalid-money", path, caseName, `expected an amount (số tiền) such as "900 triệu", "1,5 tỷ" or "300.000.000", got ${describeValue(value)}`, value)
  return undefined
}

/** Money fields of the JSON input become digit strings; other values are left to the decoders. */
const moneyField = (o: Json, key: string, problems: Problems, path: Errors.Path, caseName: string | undefined): void => {
  const v = o[key]
  if (v === undefined || v === null) return
  if (typeof v !== "string" && typeof v !== "number") return
  const m = readMoney(v, problems, [...path, key], caseName)
  if (m !== undefined) o[key] = m.toString()
}

const readDate = (value: unknown, problems: Problems, path: Errors.Path, caseName: string | undefined): LocalDate.LocalDate | undefined => {
  if (typeof value === "string") {
    const r = LocalDate.parse(value)
    if (r.ok) return r.value
    problems.add("cases/invalid-date", path, caseName, r.error.message, value)
    return undefined
  }
  problems.add("cases/invalid-date", path, caseName, `expected a date (ngày) such as 2023-06-30 or 30/06/2023, got ${describeValue(value)}`, value)
  return undefined
}

const readString = (value: unknown, problems: Problems, path: Errors.Path, caseName: string | undefined, what: string): string | undefined => {
  if (typeof value === "string" && value.trim() !== "") return value.trim()
  problems.add("cases/invalid-value", path, caseName, `expected ${what} (non-empty text), got ${describeValue(value)}`, value)
  return undefined
}

const readBoolean = (value: unknown, problems: Problems, path: Errors.Path, caseName: string | undefined): boolean | undefined => {
  if (typeof value === "boolean") return value
  problems.add("cases/invalid-value", path, caseName, `expected true or false, got ${describeValue(value)}`, value)
  return undefined
}

const readStrings = (value: unknown, problems: Problems, path: Errors.Path, caseName: string | undefined, what: string): ReadonlyArray<string> | undefined => {
  const list = typeof value === "string" ? [value] : value
  if (Array.isArray(list) && list.every((s) => typeof s === "string" && s.trim() !== "")) return list.map((s: string) => s.trim())
  problems.add("cases/invalid-value", path, caseName, `expected a list of ${what}, got ${describeValue(value)}`, value)
  return undefined
}

/** A key that is the tail of an amount split at its comma inside `{ … }`: `{ total: 1,5 tỷ }`. */
const SPLIT_AMOUNT = /^\d+\s*(?:tỷ|tỉ|triệu|nghìn|ngàn)(?!\p{L})/u
const SPLIT_HINT = 'an amount with a comma inside { … } must be quoted, e.g. { total: "1,5 tỷ" }'

const unknownKeys = (o: Json, allowed: ReadonlyArray<string>, problems: Problems, path: Errors.Path, caseName: string | undefined, what: string): void => {
  for (const k of Object.keys(o))
    if (!allowed.includes(k))
      problems.add(
        "cases/unknown-field",
        [...path, k],
        caseName,
        SPLIT_AMOUNT.test(k) ? `"${k}" is not a field: ${SPLIT_HINT}` : `"${k}" is not a field of ${what}; the fields are ${allowed.join(", ")}`
      )
}

/** Keys anywhere in the input that are amounts split at their comma (see {@link SPLIT_AMOUNT}). */
const splitAmounts = (u: unknown, path: Errors.Path, problems: Problems, caseName: string | undefined): void => {
  if (Array.isArray(u)) u.forEach((v, i) => splitAmounts(v, [...path, i], problems, caseName))
  else if (isRecord(u))
    for (const [k, v] of Object.entries(u)) {
      if (SPLIT_AMOUNT.test(k)) problems.add("cases/invalid-money", [...path, k], caseName, `"${k}" is not a field: ${SPLIT_HINT}`)
      else splitAmounts(v, [...path, k], problems, caseName)
    }
}

/**
 * Deep merge for `extends`: objects merge key by key, anything else is replaced; an object whose
 * `kind` differs from the one it extends replaces it (a legal form of another kind keeps no size);
 * a field set to `null` is removed.
 */
const deepMerge = (base: unknown, over: unknown): unknown => {
  if (!isRecord(base) || !isRecord(over)) return structuredClone(over)
  if (has(over, "kind") && has(base, "kind") && over["kind"] !== base["kind"]) return structuredClone(over)
  const out: Json = structuredClone(base)
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k]
    else out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v)
  }
  return out
}

/** Numbers whose source is not a plain integer (`1.500`, `0.6`) stay text, as written. */
const keepNumbersAsWritten = (doc: ReturnType<typeof parseDocument>): void => {
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== "number") return
      const source = typeof node.source === "string" ? node.source : String(node.value)
      if (!/^[-+]?[0-9]+$/.test(source) || !Number.isSafeInteger(node.value)) node.value = source
    }
  })
}

/**
 * Read and validate a case file (YAML 1.2, of which JSON is a subset). Fails with a
 * `ValidationError` (`cases/invalid-file`) listing every problem; each message names the file,
 * the line, the case and the field, e.g. `cases/machinery.yaml:42: case "Cap binds", field
 * expect.total: Cannot read the amount (số tiền) "3OO triệu" …`. Codes: `cases/syntax`,
 * `cases/not-a-case-file`, `cases/unknown-field`, `cases/missing-field`, `cases/invalid-value`,
 * `cases/invalid-money`, `cases/invalid-date`, `cases/duplicate-name`, `cases/unknown-establishment`,
 * `cases/no-line`, `cases/conflict`.
 * @category parsing
 * @since 0.1.0
 * @example `parse("cases:\n  - name: …", "machinery.yaml")` → `ok({ file: "machinery.yaml", cases: [{ name: "…", … }] })`
 */
export const parse = (text: string, file: string): Result.Result<CaseFile, Errors.ValidationError> => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true })
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line
  const lineOf = (path: Errors.Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined
      if (node !== undefined && node !== null && Array.isArray(node.range)) return lineAt(node.range[0])
    }
    return undefined
  }
  const problems = new Problems(file, lineOf)
  const fail = (): Result.Result<CaseFile, Errors.ValidationError> => Result.err(toFileError(file, problems.issues))
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? (typeof e.pos[0] === "number" ? lineAt(e.pos[0]) : undefined)
      problems.issues.add("cases/syntax", [], `${file}${line === undefined ? "" : `:${line}`}: not valid YAML or JSON: ${e.message.split("\n")[0] ?? e.message}`)
    }
    return fail()
  }
  keepNumbersAsWritten(doc)
  let root: unknown
  try {
    root = doc.toJS({ maxAliasCount: 10_000 })
  } catch (e) {
    problems.issues.add("cases/syntax", [], `${file}: cannot read the YAML: ${e instanceof Error ? e.message : String(e)}`)
    return fail()
  }

  // The file: { title?, description?, defaults?, establishments?, cases }. A bare list or a single
  // case is refused with a hint rather than read: one documented shape.
  let rawCases: unknown
  let defaults: Json = {}
  let shared: ReadonlyArray<unknown> = []
  let title: string | undefined
  if (Array.isArray(root)) {
    problems.issues.add("cases/not-a-case-file", [], `${file}: write the cases under a "cases:" key (a bare list is not read)`)
    return fail()
  } else if (isRecord(root) && has(root, "cases")) {
    unknownKeys(root, FILE_KEYS, problems, [], undefined, "a case file")
    rawCases = root["cases"]
    if (has(root, "title")) title = readString(root["title"], problems, ["title"], undefined, "a title")
    if (has(root, "description")) readString(root["description"], problems, ["description"], undefined, "a description")
    if (has(root, "defaults")) {
      if (isRecord(root["defaults"])) {
        defaults = root["defaults"]
        unknownKeys(defaults, SETTING_KEYS, problems, ["defaults"], undefined, "defaults")
      } else problems.add("cases/invalid-value", ["defaults"], undefined, `expected the settings every case starts from (${SETTING_KEYS.join(", ")})`)
    }
    if (has(root, "establishments")) {
      if (Array.isArray(root["establishments"])) shared = root["establishments"]
      else problems.add("cases/invalid-value", ["establishments"], undefined, "expected a list of establishments (cơ sở), each with an id")
    }
  } else if (isRecord(root) && has(root, "name")) {
    problems.issues.add("cases/not-a-case-file", [], `${file}: write the case in a list under a "cases:" key`)
    return fail()
  } else {
    problems.issues.add(
      "cases/not-a-case-file",
      [],
      `${file}: not a case file: expected a mapping with a "cases:" list (and optionally title, description, defaults, establishments)`
    )
    return fail()
  }
  if (!Array.isArray(rawCases) || rawCases.length === 0) {
    problems.add("cases/missing-field", ["cases"], undefined, "expected a non-empty list of cases")
    return fail()
  }

  const sharedEstablishments = readEstablishments(shared, ["establishments"], problems, undefined, {})
  const names = new Map<string, number>()
  const cases: Array<Case> = []
  rawCases.forEach((raw, i) => {
    const path: Errors.Path = ["cases", i]
    const c = readCase(raw, i, path, file, defaults, sharedEstablishments, problems, lineOf)
    if (c === undefined) return
    const seen = names.get(c.name)
    if (seen !== undefined) problems.add("cases/duplicate-name", [...path, "name"], c.name, `the name is already used by case ${seen + 1}; give each case its own name`)
    else names.set(c.name, i)
    cases.push(c)
  })
  if (!problems.issues.empty) return fail()
  return Result.ok(title === undefined ? { file, cases } : { file, title, cases })
}

/**
 * {@link parse}, throwing the `ValidationError`.
 * @function
 * @category parsing
 * @since 0.1.0
 * @example `parseOrThrow(text, "machinery.yaml").cases.length` → `12`
 */
export const parseOrThrow = Result.orThrow(parse)

const toFileError = (file: string, issues: Issues): Errors.ValidationError => {
  const list = issues.list
  const shown = list.slice(0, 5).map((i) => i.message)
  const more = list.length > 5 ? `\n… and ${list.length - 5} more` : ""
  return new Errors.ValidationError({
    code: "cases/invalid-file",
    path: [],
    message: `case file ${file} is not valid (${list.length} ${list.length === 1 ? "problem" : "problems"}):\n${shown.join("\n")}${more}`,
    issues: list.slice()
  })
}

/** Establishments by id in JSON form, `extends` applied and money as digit strings. */
const readEstablishments = (
  list: ReadonlyArray<unknown>,
  path: Errors.Path,
  problems: Problems,
  caseName: string | undefined,
  inherited: Readonly<Record<string, unknown>>
): Record<string, unknown> => {
  const raw = new Map<string, { readonly value: Json; readonly k: number }>()
  list.forEach((e, k) => {
    splitAmounts(e, [...path, k], problems, caseName)
    if (!isRecord(e) || typeof e["id"] !== "string" || e["id"].trim() === "") {
      problems.add("cases/invalid-value", [...path, k], caseName, "expected an establishment (cơ sở) in its JSON form, with an id")
      return
    }
    if (raw.has(e["id"])) problems.add("cases/invalid-value", [...path, k, "id"], caseName, `establishment id "${e["id"]}" is defined twice`)
    raw.set(e["id"], { value: e, k })
  })
  const out: Record<string, unknown> = {}
  const resolving = new Set<string>()
  const resolveOne = (id: string): unknown => {
    if (Object.hasOwn(out, id)) return out[id]
    const entry = raw.get(id)
    if (entry === undefined) return inherited[id]
    const { value, k } = entry
    let result: unknown = value
    if (has(value, "extends")) {
      const base = value["extends"]
      const { extends: _omit, ...rest } = value
      let b: unknown
      if (typeof base !== "string") {
        problems.add("cases/invalid-value", [...path, k, "extends"], caseName, "expected the id of the establishment this one is like")
      } else if (base === id) {
        b = inherited[id]
      } else if (raw.has(base)) {
        if (resolving.has(base)) problems.add("cases/invalid-value", [...path, k, "extends"], caseName, `establishments "${id}" and "${base}" extend each other`)
        else {
          resolving.add(id)
          b = resolveOne(base)
          resolving.delete(id)
        }
      } else b = inherited[base]
      if (b === undefined) {
        if (typeof base === "string")
          problems.add("cases/unknown-establishment", [...path, k, "extends"], caseName, `no establishment "${base}" to extend; define it in the file's establishments or the case's`)
        result = rest
      } else result = deepMerge(b, rest)
    } else result = structuredClone(value)
    if (isRecord(result)) moneyField(result, "annualRevenue", problems, [...path, k], caseName)
    out[id] = result
    return result
  }
  for (const id of raw.keys()) resolveOne(id)
  return out
}

const readCase = (
  raw: unknown,
  index: number,
  path: Errors.Path,
  file: string,
  defaults: Json,
  shared: Readonly<Record<string, unknown>>,
  problems: Problems,
  lineOf: (path: Errors.Path) => number | undefined
): Case | undefined => {
  if (!isRecord(raw)) {
    problems.add("cases/invalid-value", path, undefined, `expected a case (a mapping with name, the input and expect), got ${describeValue(raw)}`)
    return undefined
  }
  const name = typeof raw["name"] === "string" && raw["name"].trim() !== "" ? raw["name"].trim() : undefined
  const label = name ?? `#${index + 1}`
  if (name === undefined) problems.add("cases/missing-field", [...path, "name"], label, "every case needs a name (non-empty text)")
  unknownKeys(raw, CASE_KEYS, problems, path, label, "a case")

  // Settings: the case's own, else the file's defaults (a proposal merges key by key).
  const setting = (k: string): { readonly value: unknown; readonly at: Errors.Path } | undefined =>
    has(raw, k) ? { value: raw[k], at: [...path, k] } : has(defaults, k) ? { value: defaults[k], at: ["defaults", k] } : undefined

  const out: { -readonly [K in keyof Case]: Case[K] } = {
    file,
    index,
    name: label,
    resolve: false,
    applyPriorityMultiplier: false,
    establishments: {},
    proposal: undefined,
    expect: {}
  }
  const line = lineOf(path)
  if (line !== undefined) out.line = line
  if (has(raw, "description")) {
    const d = readString(raw["description"], problems, [...path, "description"], label, "a description")
    if (d !== undefined) out.description = d
  }
  if (has(raw, "reference")) {
    const r = readString(raw["reference"], problems, [...path, "reference"], label, "a reference (article)")
    if (r !== undefined) out.reference = r
  }
  // The pack choice (pack or resolve) is one setting: the case's own choice replaces the defaults'.
  const own = has(raw, "pack") || has(raw, "resolve")
  const choice: Json = own ? raw : defaults
  const choicePath: Errors.Path = own ? path : ["defaults"]
  if (has(choice, "pack") && choice["pack"] !== null) {
    const p = readString(choice["pack"], problems, [...choicePath, "pack"], label, "a rule pack id such as vn-khuyen-cong-2021-2025")
    if (p !== undefined) out.pack = p
  }
  if (has(choice, "resolve")) {
    const r = readBoolean(choice["resolve"], problems, [...choicePath, "resolve"], label)
    if (r === true) out.resolve = true
  }
  if (out.pack !== undefined && out.resolve)
    problems.add("cases/conflict", [...choicePath, "resolve"], label, "give either pack (a pack id) or resolve: true, not both")
  else if (out.pack === undefined && !out.resolve && !(has(choice, "pack") && choice["pack"] !== null))
    problems.add("cases/missing-field", [...path, "pack"], label, "name the rule pack (pack: vn-khuyen-cong-2021-2025) or write resolve: true to pick it by the date among the installed packs")
  const overlay = setting("overlay")
  if (overlay !== undefined && overlay.value !== null) {
    const o = readString(overlay.value, problems, overlay.at, label, "an overlay id such as lai-chau-18-2025")
    if (o !== undefined) out.overlay = o
  }
  const reform = setting("reform")
  if (reform !== undefined && reform.value !== null) {
    const r = readReform(reform.value, reform.at, problems, label)
    if (r !== undefined) out.reform = r
  }
  const date = setting("date")
  if (date !== undefined && date.value !== null) {
    const d = readDate(date.value, problems, date.at, label)
    if (d !== undefined) out.date = d
  }
  const planYear = setting("planYear")
  if (planYear !== undefined && planYear.value !== null) {
    const y = planYear.value
    if (typeof y === "number" && Number.isSafeInteger(y) && y >= 2000 && y <= 2100) out.planYear = y
    else problems.add("cases/invalid-value", planYear.at, label, `expected a plan year (năm kế hoạch) such as 2023, got ${describeValue(y)}`, y)
  }
  const multiplier = setting("applyPriorityMultiplier")
  if (multiplier !== undefined && multiplier.value !== null) {
    const m = readBoolean(multiplier.value, problems, multiplier.at, label)
    if (m === true) out.applyPriorityMultiplier = true
  }

  // Establishments: the file's, then the case's (a case's establishment may extend the file's).
  let establishments: Record<string, unknown> = { ...shared }
  if (has(raw, "establishments")) {
    const list = raw["establishments"]
    if (Array.isArray(list)) establishments = { ...shared, ...readEstablishments(list, [...path, "establishments"], problems, label, shared) }
    else problems.add("cases/invalid-value", [...path, "establishments"], label, "expected a list of establishments (cơ sở), each with an id")
  }
  out.establishments = establishments

  // Proposal
  const proposalDefault = defaults["proposal"]
  const proposalOwn = raw["proposal"]
  let proposal: Json | undefined
  if (proposalOwn !== undefined && !isRecord(proposalOwn))
    problems.add("cases/invalid-value", [...path, "proposal"], label, "expected a proposal (đề án) in its JSON form")
  else if (proposalDefault !== undefined && !isRecord(proposalDefault))
    problems.add("cases/invalid-value", ["defaults", "proposal"], label, "expected a proposal (đề án) in its JSON form")
  else if (proposalOwn === undefined && proposalDefault === undefined)
    problems.add("cases/missing-field", [...path, "proposal"], label, "every case needs a proposal (đề án) in its JSON form (in the case or in the file's defaults)")
  else proposal = { ...structuredClone(proposalDefault ?? {}), ...structuredClone(proposalOwn ?? {}) }
  if (proposal !== undefined) {
    const noApproval = Object.hasOwn(proposal, "approvalDate") && proposal["approvalDate"] === null
    for (const k of Object.keys(proposal)) if (proposal[k] === null) delete proposal[k]
    if (!has(proposal, "planYear")) {
      if (out.planYear !== undefined) proposal["planYear"] = out.planYear
      else problems.add("cases/missing-field", [...path, "planYear"], label, "give the plan year (năm kế hoạch): planYear in the case, in the file's defaults or in the proposal")
    }
    if (!has(proposal, "approvalDate") && !noApproval && out.date !== undefined) proposal["approvalDate"] = out.date
    splitAmounts(proposal, [...path, "proposal"], problems, label)
    normaliseProposal(proposal, [...path, "proposal"], problems, label)
    out.proposal = proposal
  }
  if (out.date === undefined && out.planYear === undefined)
    problems.add("cases/missing-field", [...path, "date"], label, "give the decision date (date) or the plan year (planYear) the case is evaluated for")

  // Expectations
  if (!has(raw, "expect")) problems.add("cases/missing-field", [...path, "expect"], label, "every case needs an expect: the verdict, reasons, support, total, priority or error it must produce")
  else {
    const e = readExpect(raw["expect"], [...path, "expect"], problems, label, proposal)
    if (e !== undefined) out.expect = e
  }
  return out
}

const readReform = (value: unknown, at: Errors.Path, problems: Problems, label: string): ReformSpec | undefined => {
  if (!isRecord(value)) {
    problems.add("cases/invalid-value", at, label, "expected a reform: { id, title, overrides: [{ parameter, from, to, value }] }")
    return undefined
  }
  unknownKeys(value, REFORM_KEYS, problems, at, label, "a reform")
  const id = has(value, "id") ? readString(value["id"], problems, [...at, "id"], label, "a reform id") : "what-if"
  const title = has(value, "title") ? readString(value["title"], problems, [...at, "title"], label, "a title") : `what-if of case "${label}"`
  const list = value["overrides"]
  if (!Array.isArray(list) || list.length === 0) {
    problems.add("cases/missing-field", [...at, "overrides"], label, "expected a non-empty list of overrides: { parameter, from, to (optional), value }")
    return undefined
  }
  const overrides: Array<ReformSpec["overrides"][number]> = []
  list.forEach((o, k) => {
    const p: Errors.Path = [...at, "overrides", k]
    if (!isRecord(o)) return problems.add("cases/invalid-value", p, label, "expected { parameter, from, to (optional), value }")
    unknownKeys(o, OVERRIDE_KEYS, problems, p, label, "a reform override")
    const parameter = readString(o["parameter"], problems, [...p, "parameter"], label, "a parameter id such as support.machinery.cap")
    const start = readDate(o["from"], problems, [...p, "from"], label)
    const end = has(o, "to") ? readDate(o["to"], problems, [...p, "to"], label) : undefined
    if (!has(o, "value")) problems.add("cases/missing-field", [...p, "value"], label, "expected the value the parameter takes (money as \"600 triệu\", a rate as \"60%\")")
    if (parameter === undefined || start === undefined || (has(o, "to") && end === undefined) || !has(o, "value")) return undefined
    overrides.push(end === undefined ? { parameter, start, value: o["value"] } : { parameter, start, end, value: o["value"] })
    return undefined
  })
  if (id === undefined || title === undefined || overrides.length !== list.length) return undefined
  return { id, title, overrides }
}

/**
 * Cost lines: money as digit strings; `quantity` defaults to 1, `unitCost` to total ÷ quantity,
 * `total` to quantity × unitCost, `counterpartFunding` to total − requested − other state funding.
 */
const normaliseProposal = (p: Json, path: Errors.Path, problems: Problems, label: string): void => {
  const acts = p["activities"]
  if (!Array.isArray(acts)) return
  acts.forEach((a, i) => {
    if (!isRecord(a) || !Array.isArray(a["costLines"])) return
    ;(a["costLines"] as Array<unknown>).forEach((l, j) => {
      if (!isRecord(l)) return
      const at: Errors.Path = [...path, "activities", i, "costLines", j]
      for (const k of MONEY_LINE_FIELDS) moneyField(l, k, problems, at, label)
      if (!has(l, "quantity")) l["quantity"] = 1
      const q = l["quantity"]
      const integer = typeof q === "number" && Number.isSafeInteger(q) && q > 0 ? BigInt(q) : undefined
      const total = typeof l["total"] === "string" && /^\d+$/.test(l["total"]) ? BigInt(l["total"]) : undefined
      const unit = typeof l["unitCost"] === "string" && /^\d+$/.test(l["unitCost"]) ? BigInt(l["unitCost"]) : undefined
      if (!has(l, "total") && unit !== undefined && integer !== undefined) l["total"] = (unit * integer).toString()
      if (!has(l, "unitCost") && total !== undefined && integer !== undefined) {
        if (total % integer === 0n) l["unitCost"] = (total / integer).toString()
        else problems.add("cases/missing-field", [...at, "unitCost"], label, `the total ${total} is not a whole multiple of the quantity ${q}; give the unit cost (đơn giá)`)
      }
      if (!has(l, "counterpartFunding")) {
        const t = typeof l["total"] === "string" && /^\d+$/.test(l["total"]) ? BigInt(l["total"]) : undefined
        const r = typeof l["requestedSupport"] === "string" && /^\d+$/.test(l["requestedSupport"]) ? BigInt(l["requestedSupport"]) : undefined
        const o = typeof l["otherStateFunding"] === "string" && /^\d+$/.test(l["otherStateFunding"]) ? BigInt(l["otherStateFunding"]) : 0n
        if (t !== undefined && r !== undefined) l["counterpartFunding"] = (t - r - o > 0n ? t - r - o : 0n).toString()
      }
    })
  })
}

const readExpect = (value: unknown, at: Errors.Path, problems: Problems, label: string, proposal: Json | undefined): Expectation | undefined => {
  if (!isRecord(value)) {
    problems.add("cases/invalid-value", at, label, `expected a mapping with any of ${EXPECT_KEYS.join(", ")}`)
    return undefined
  }
  unknownKeys(value, EXPECT_KEYS, problems, at, label, "expect")
  const out: { -readonly [K in keyof Expectation]: Expectation[K] } = {}
  const keys = Object.keys(value).filter((k) => EXPECT_KEYS.includes(k) && value[k] !== undefined)
  if (keys.length === 0) problems.add("cases/missing-field", at, label, `expect needs at least one of ${EXPECT_KEYS.join(", ")}`)
  if (has(value, "error")) {
    const e = readString(value["error"], problems, [...at, "error"], label, "an error code such as resolution/no-pack")
    if (e !== undefined) out.error = e
    const others = keys.filter((k) => k !== "error")
    if (others.length > 0) problems.add("cases/conflict", [...at, others[0] as string], label, `a case that expects an error checks nothing else; remove ${others.join(", ")}`)
  }
  if (has(value, "verdict")) {
    const v = value["verdict"]
    if (typeof v === "string" && (VERDICTS as ReadonlyArray<string>).includes(v)) out.verdict = v as Eligibility.Verdict
    else problems.add("cases/invalid-value", [...at, "verdict"], label, `expected ${VERDICTS.join(", ")}, got ${describeValue(v)}`, v)
  }
  if (has(value, "reasons")) {
    const r = value["reasons"]
    const p: Errors.Path = [...at, "reasons"]
    if (Array.isArray(r) || typeof r === "string") {
      const f = readStrings(r, problems, p, label, "rule ids that must fail")
      if (f !== undefined) out.failed = f
    } else if (isRecord(r)) {
      unknownKeys(r, REASON_KEYS, problems, p, label, "reasons")
      if (has(r, "failed")) {
        const f = readStrings(r["failed"], problems, [...p, "failed"], label, "rule ids that must fail")
        if (f !== undefined) out.failed = f
      }
      if (has(r, "passed")) {
        const f = readStrings(r["passed"], problems, [...p, "passed"], label, "rule ids that must pass")
        if (f !== undefined) out.passed = f
      }
      if (has(r, "notApplicable")) {
        const f = readStrings(r["notApplicable"], problems, [...p, "notApplicable"], label, "rule ids that must not apply")
        if (f !== undefined) out.notApplicable = f
      }
    } else problems.add("cases/invalid-value", p, label, "expected a list of rule ids that must fail, or { failed, passed, notApplicable }")
  }
  if (has(value, "total")) {
    const m = readMoney(value["total"], problems, [...at, "total"], label)
    if (m !== undefined) out.total = m
  }
  if (has(value, "payable")) {
    const m = readMoney(value["payable"], problems, [...at, "payable"], label)
    if (m !== undefined) out.payable = m
  }
  if (has(value, "multiplierApplied")) {
    const b = readBoolean(value["multiplierApplied"], problems, [...at, "multiplierApplied"], label)
    if (b !== undefined) out.multiplierApplied = b
  }
  if (has(value, "priority")) {
    const pr = value["priority"]
    const p: Errors.Path = [...at, "priority"]
    if (!isRecord(pr)) problems.add("cases/invalid-value", p, label, "expected { area, industry, unranked }: a class id or none")
    else {
      unknownKeys(pr, PRIORITY_KEYS, problems, p, label, "priority")
      const e: { -readonly [K in keyof PriorityExpectation]: PriorityExpectation[K] } = {}
      if (has(pr, "area")) {
        const s = readString(pr["area"], problems, [...p, "area"], label, "an area class id or none")
        if (s !== undefined) e.area = s
      }
      if (has(pr, "industry")) {
        const s = readString(pr["industry"], problems, [...p, "industry"], label, "an industry class id or none")
        if (s !== undefined) e.industry = s
      }
      if (has(pr, "unranked")) {
        const b = readBoolean(pr["unranked"], problems, [...p, "unranked"], label)
        if (b !== undefined) e.unranked = b
      }
      out.priority = e
    }
  }
  if (has(value, "support")) {
    const s = value["support"]
    const p: Errors.Path = [...at, "support"]
    if (!Array.isArray(s) || s.length === 0) problems.add("cases/invalid-value", p, label, "expected a list of cost lines: { item (or line), support, binding, … }")
    else {
      const lines: Array<LineExpectation> = []
      s.forEach((l, k) => {
        const e = readLineExpectation(l, [...p, k], problems, label, proposal)
        if (e !== undefined) lines.push(e)
      })
      out.support = lines
    }
  }
  return out
}

interface RawLine {
  readonly n: number
  readonly activity: unknown
  readonly item: unknown
  readonly beneficiary: unknown
}

/** Cost lines of a raw proposal in order (1-based `n`), for checking selectors. */
const rawLines = (proposal: Json | undefined): ReadonlyArray<RawLine> | undefined => {
  if (proposal === undefined || !Array.isArray(proposal["activities"])) return undefined
  const beneficiaries = Array.isArray(proposal["beneficiaries"]) ? proposal["beneficiaries"] : []
  const form = proposal["form"]
  const single = !(isRecord(form) && form["kind"] === "group")
  const out: Array<RawLine> = []
  let n = 0
  for (const a of proposal["activities"] as Array<unknown>) {
    if (!isRecord(a) || !Array.isArray(a["costLines"])) return undefined
    for (const l of a["costLines"] as Array<unknown>) {
      n++
      if (!isRecord(l)) return undefined
      out.push({ n, activity: a["activity"], item: l["item"], beneficiary: l["beneficiaryId"] ?? (single ? beneficiaries[0] : undefined) })
    }
  }
  return out
}

const selects = (s: LineSelector, l: { readonly n: number; readonly activity: unknown; readonly item: unknown; readonly beneficiary: unknown }): boolean =>
  "line" in s
    ? l.n === s.line
    : l.item === s.item && (s.activity === undefined || l.activity === s.activity) && (s.beneficiary === undefined || l.beneficiary === s.beneficiary)

const readLineExpectation = (value: unknown, at: Errors.Path, problems: Problems, label: string, proposal: Json | undefined): LineExpectation | undefined => {
  if (!isRecord(value)) {
    problems.add("cases/invalid-value", at, label, "expected { item (or line), support, binding, … }")
    return undefined
  }
  unknownKeys(value, LINE_KEYS, problems, at, label, "a cost line expectation")
  let select: LineSelector | undefined
  let name: string
  if (has(value, "line")) {
    const n = value["line"]
    if (typeof n === "number" && Number.isSafeInteger(n) && n >= 1) select = { line: n }
    else problems.add("cases/invalid-value", [...at, "line"], label, `expected a line number from 1 (the proposal's first cost line), got ${describeValue(n)}`, n)
    if (has(value, "item") || has(value, "activity") || has(value, "beneficiary"))
      problems.add("cases/conflict", [...at, "line"], label, "pick the line either by its number (line) or by item, activity and beneficiary")
    name = `support[line ${describeValue(n)}]`
  } else if (has(value, "item")) {
    const item = readString(value["item"], problems, [...at, "item"], label, "a spending item code")
    const activity = has(value, "activity") ? readString(value["activity"], problems, [...at, "activity"], label, "an activity code") : undefined
    const beneficiary = has(value, "beneficiary") ? readString(value["beneficiary"], problems, [...at, "beneficiary"], label, "an establishment id") : undefined
    if (item !== undefined) {
      const s: { item: string; activity?: string; beneficiary?: string } = { item }
      if (activity !== undefined) s.activity = activity
      if (beneficiary !== undefined) s.beneficiary = beneficiary
      select = s
    }
    name = `support[${activity === undefined ? "" : `${activity}/`}${item ?? "?"}${beneficiary === undefined ? "" : ` @ ${beneficiary}`}]`
  } else {
    problems.add("cases/missing-field", [...at, "item"], label, "pick the cost line by item (and activity, beneficiary) or by its number (line: 1 is the first)")
    return undefined
  }
  if (select !== undefined) {
    const lines = rawLines(proposal)
    if (lines !== undefined) {
      const hits = lines.filter((l) => selects(select as LineSelector, l)).length
      if (hits === 0) problems.add("cases/no-line", at, label, `no cost line of the proposal matches ${name.slice("support".length)}`)
      else if (hits > 1) problems.add("cases/no-line", at, label, `${hits} cost lines match ${name.slice("support".length)}; add the activity or the beneficiary, or use line: N`)
    }
  }
  const out: { -readonly [K in keyof LineExpectation]: LineExpectation[K] } = { select: select ?? { line: 0 }, label: name }
  let checks = 0
  if (has(value, "support")) {
    checks++
    const m = readMoney(value["support"], problems, [...at, "support"], label)
    if (m !== undefined) out.support = m
  }
  if (has(value, "binding")) {
    checks++
    const b = value["binding"]
    if (typeof b === "string" && (BINDINGS as ReadonlyArray<string>).includes(b)) out.binding = b as Support.Binding
    else problems.add("cases/invalid-value", [...at, "binding"], label, `expected ${BINDINGS.join(", ")}, got ${describeValue(b)}`, b)
  }
  for (const k of ["rateCap", "absoluteCap"] as const) {
    if (!has(value, k)) continue
    checks++
    if (value[k] === "none") out[k] = "none"
    else {
      const m = readMoney(value[k], problems, [...at, k], label)
      if (m !== undefined) out[k] = m
    }
  }
  if (has(value, "layer")) {
    checks++
    const s = readString(value["layer"], problems, [...at, "layer"], label, "a layer (national, an overlay id or a reform id)")
    if (s !== undefined) out.layer = s
  }
  if (has(value, "grade")) {
    checks++
    const g = value["grade"]
    if (typeof g === "string" && GRADES.includes(g)) out.grade = g
    else problems.add("cases/invalid-value", [...at, "grade"], label, `expected ${GRADES.join(", ")}, got ${describeValue(g)}`, g)
  }
  if (checks === 0) problems.add("cases/missing-field", [...at, "support"], label, "say what to check on the line: support, binding, rateCap, absoluteCap, layer or grade")
  return select === undefined ? undefined : out
}

// ---------------------------------------------------------------------------------------------
// Installation

/**
 * Load the packs of some modules (each validated with `Pack.load`) and collect their overlays.
 * Fails with the first pack's `ValidationError`, or `cases/duplicate-pack` when two modules give
 * the same pack id.
 * @category running
 * @since 0.1.0
 * @example `install([{ pack, overlays }])` → `ok({ packs: [loadedPack], overlays: [laiChau, dongThap] })`
 */
export const install = (modules: ReadonlyArray<PackModule>): Result.Result<Installation, Errors.ValidationError> => {
  const packs: Array<RulePack.RulePack> = []
  const overlays: Array<Overlay.Overlay> = []
  for (const m of modules) {
    const loaded = Pack.load(m.pack)
    if (!loaded.ok) return loaded
    if (packs.some((p) => p.id === loaded.value.id))
      return Result.err(
        new Errors.ValidationError({
          code: "cases/duplicate-pack",
          path: [],
          message: `rule pack (bộ quy tắc) "${loaded.value.id}" is installed twice`,
          issues: [{ code: "cases/duplicate-pack", path: [], message: `rule pack "${loaded.value.id}" is installed twice` }]
        })
      )
    packs.push(loaded.value)
    for (const o of m.overlays ?? []) overlays.push(o)
  }
  return Result.ok({ packs, overlays })
}

/**
 * {@link install}, throwing the `ValidationError`.
 * @function
 * @category running
 * @since 0.1.0
 * @example `installOrThrow([{ pack, overlays }]).packs.map((p) => p.id)` → `["vn-khuyen-cong-2021-2025"]`
 */
export const installOrThrow = Result.orThrow(install)

// ---------------------------------------------------------------------------------------------
// Running

interface Failure {
  readonly code: string
  readonly codes: ReadonlyArray<string>
  readonly message: string
}

const failureOf = (e: { readonly code: string; readonly message: string; readonly issues?: ReadonlyArray<Errors.Issue> }, context?: string): Failure => {
  const issues = e.issues ?? []
  const detail = issues.length > 0 ? issues.slice(0, 3).map((i) => `${i.code} at ${showPath(i.path)}: ${i.message}`).join("; ") : e.message
  return { code: e.code, codes: [e.code, ...issues.map((i) => i.code)], message: context === undefined ? detail : `${context}: ${detail}` }
}

/** A case the runner cannot set up (unknown pack or overlay, unreadable reform value). */
class SetUpProblem {
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly actual: string
  ) {}
}

type Step<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly failure: Failure } | SetUpProblem

const typeName = (v: RulePack.ParameterValue | undefined): "money" | "rate" | "number" | "boolean" | "text" | "list" | undefined =>
  v === undefined
    ? undefined
    : typeof v === "bigint"
      ? "money"
      : typeof v === "number"
        ? "number"
        : typeof v === "boolean"
          ? "boolean"
          : typeof v === "string"
            ? "text"
            : Array.isArray(v)
              ? "list"
              : "rate"

/** A reform value written in a case, read with the type of the parameter it replaces. */
const reformValue = (raw: unknown, current: RulePack.ParameterValue | undefined): { readonly ok: true; readonly value: RulePack.ParameterValue } | { readonly ok: false; readonly message: string } => {
  switch (typeName(current)) {
    case undefined:
      return { ok: true, value: (raw ?? "") as RulePack.ParameterValue }
    case "money": {
      if (typeof raw === "number" && Number.isSafeInteger(raw)) return { ok: true, value: BigInt(raw) }
      if (typeof raw !== "string") return { ok: false, message: `expected an amount of money such as "600 triệu", got ${describeValue(raw)}` }
      const r = Money.parse(raw)
      return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message }
    }
    case "rate": {
      if (typeof raw !== "string") return { ok: false, message: `expected a rate such as "60%" or "3/2", got ${describeValue(raw)}` }
      const r = Rate.parse(raw)
      return r.ok ? { ok: true, value: { numerator: r.value.numerator, denominator: r.value.denominator } } : { ok: false, message: r.error.message }
    }
    case "number":
      return typeof raw === "number" ? { ok: true, value: raw } : { ok: false, message: `expected a number, got ${describeValue(raw)}` }
    case "boolean":
      return typeof raw === "boolean" ? { ok: true, value: raw } : { ok: false, message: `expected true or false, got ${describeValue(raw)}` }
    case "text":
      return typeof raw === "string" ? { ok: true, value: raw } : { ok: false, message: `expected text, got ${describeValue(raw)}` }
    case "list":
      return Array.isArray(raw) && raw.every((s) => typeof s === "string")
        ? { ok: true, value: raw as ReadonlyArray<string> }
        : { ok: false, message: `expected a list of codes, got ${describeValue(raw)}` }
  }
}

/** What a case produced when it ran without error. */
interface Observed {
  readonly evaluation: Evaluate.Evaluation
  readonly classification: Priority.Classification | undefined
}

const referencedIds = (p: Proposal.Proposal): ReadonlyArray<string> => {
  const ids = new Set<string>(p.beneficiaries)
  if (p.form.kind === "group") for (const id of p.form.beneficiaryIds) ids.add(id)
  for (const a of p.activities) for (const l of a.costLines) if (l.beneficiaryId !== undefined) ids.add(l.beneficiaryId)
  return [...ids]
}

/**
 * Reuses overlaid packs across cases of one run (key: pack id and overlay id). Pass one cache to
 * several {@link runCase} calls to load each overlaid pack once.
 * @example `const cache: Cases.Cache = new Map(); for (const c of file.cases) runCase(c, installation, cache)`
 * @category running
 * @since 0.1.0
 */
export type Cache = Map<string, Result.Result<RulePack.RulePack, Errors.ValidationError>>

const evaluateCase = (c: Case, inst: Installation, cache: Cache): Step<Observed> => {
  // 1. The proposal (its decoding may be what the case expects to fail)
  const decoded = Proposal.decode(c.proposal)
  if (!decoded.ok) return { ok: false, failure: failureOf(decoded.error, "proposal") }
  const proposal = decoded.value
  const date = c.date ?? Evaluate.dateOf(proposal)

  // 2. The pack: named (it must govern the date) or resolved among the installed packs
  let pack: RulePack.RulePack
  if (c.pack !== undefined) {
    const named = inst.packs.find((p) => p.id === c.pack)
    if (named === undefined)
      return new SetUpProblem("pack", `an installed pack "${c.pack}"`, inst.packs.length === 0 ? "no pack installed" : `installed: ${inst.packs.map((p) => p.id).join(", ")}`)
    const governs = c.date !== undefined ? Resolution.forDate([named], c.date) : Resolution.forPlanYear([named], proposal.planYear)
    if (!governs.ok) return { ok: false, failure: failureOf(governs.error) }
    pack = named
  } else {
    const r = c.date !== undefined ? Resolution.forDate(inst.packs, c.date) : Resolution.forPlanYear(inst.packs, proposal.planYear)
    if (!r.ok) return { ok: false, failure: failureOf(r.error) }
    pack = r.value
  }

  // 3. Overlay and reform
  if (c.overlay !== undefined) {
    const overlay = inst.overlays.find((o) => o.id === c.overlay)
    if (overlay === undefined)
      return new SetUpProblem("overlay", `an installed overlay "${c.overlay}"`, inst.overlays.length === 0 ? "no overlay installed" : `installed: ${inst.overlays.map((o) => o.id).join(", ")}`)
    const key = JSON.stringify([pack.id, overlay.id])
    let layered = cache.get(key)
    if (layered === undefined) {
      layered = Overlay.apply(pack, overlay)
      cache.set(key, layered)
    }
    if (!layered.ok) return { ok: false, failure: failureOf(layered.error, `overlay ${overlay.id}`) }
    pack = layered.value
  }
  if (c.reform !== undefined) {
    const overrides: Array<Reform.Override> = []
    for (const [k, o] of c.reform.overrides.entries()) {
      const v = reformValue(o.value, pack.parameters[o.parameter]?.values[0]?.value)
      if (!v.ok) return new SetUpProblem(`reform.overrides[${k}].value`, `a value for parameter ${o.parameter}`, `${describeValue(o.value)}: ${v.message}`)
      overrides.push({ parameter: o.parameter, range: o.end === undefined ? { start: o.start } : { start: o.start, end: o.end }, value: v.value })
    }
    const reformed = Reform.apply(pack, { id: c.reform.id, title: c.reform.title, overrides })
    if (!reformed.ok) return { ok: false, failure: failureOf(reformed.error, `reform ${c.reform.id}`) }
    pack = reformed.value
  }

  // 4. Establishments, assessed at the evaluation date
  const establishments = new Map<string, Establishment.Establishment>()
  for (const id of referencedIds(proposal)) {
    if (!Object.hasOwn(c.establishments, id)) continue
    const e = Establishment.decode(c.establishments[id], { asOf: date })
    if (!e.ok) return { ok: false, failure: failureOf(e.error, `establishment ${id}`) }
    establishments.set(id, e.value)
  }

  // 5. Resolve, evaluate, classify
  const resolved = Pack.resolve(pack, date)
  if (!resolved.ok) return { ok: false, failure: failureOf(resolved.error) }
  const evaluation = Evaluate.evaluate(proposal, resolved.value, c.applyPriorityMultiplier ? { establishments, applyPriorityMultiplier: true } : { establishments })
  if (!evaluation.ok) return { ok: false, failure: failureOf(evaluation.error) }
  let classification: Priority.Classification | undefined
  if (c.expect.priority !== undefined) {
    const cl = Priority.classify(proposal, { resolved: resolved.value, establishments })
    if (!cl.ok) return { ok: false, failure: failureOf(cl.error) }
    classification = cl.value
  }
  return { ok: true, value: { evaluation: evaluation.value, classification } }
}

const showMoney = (m: bigint | undefined): string => (m === undefined ? "none" : Money.format(Money.make(m)))
const showList = (xs: ReadonlyArray<string>): string => (xs.length === 0 ? "(none)" : [...xs].sort().join(", "))

/** Rule ids (and `rule@subject`) with each status. */
const statuses = (v: Eligibility.ProposalVerdict): ReadonlyArray<{ readonly rule: string; readonly subject: string | undefined; readonly status: Eligibility.Status }> =>
  Eligibility.allConditions(v).map((c) => ({ rule: c.rule, subject: c.subject, status: c.status }))

const compare = (c: Case, observed: Observed): Array<Difference> => {
  const diffs: Array<Difference> = []
  const { evaluation, classification } = observed
  const e = c.expect
  const push = (field: string, expected: string, actual: string): void => {
    if (expected !== actual) diffs.push({ field, expected, actual })
  }
  if (e.error !== undefined) {
    diffs.push({ field: "error", expected: e.error, actual: `no error: verdict ${evaluation.verdict}, total ${showMoney(evaluation.support.total)}` })
    return diffs
  }
  if (e.verdict !== undefined) push("verdict", e.verdict, evaluation.verdict)
  const all = statuses(evaluation.eligibility)
  const matching = (entry: string): ReadonlyArray<(typeof all)[number]> => {
    const at = entry.indexOf("@")
    const rule = at < 0 ? entry : entry.slice(0, at)
    const subject = at < 0 ? undefined : entry.slice(at + 1)
    return all.filter((s) => s.rule === rule && (subject === undefined || s.subject === subject))
  }
  if (e.failed !== undefined) {
    const expected = e.failed
    const qualified = expected.some((f) => f.includes("@"))
    const actualFailed = all.filter((s) => s.status === "failed")
    const covered = (s: (typeof all)[number]): boolean => expected.includes(s.rule) || (s.subject !== undefined && expected.includes(`${s.rule}@${s.subject}`))
    const missing = expected.filter((f) => !matching(f).some((s) => s.status === "failed"))
    if (missing.length > 0 || actualFailed.some((s) => !covered(s))) {
      const shown = actualFailed.map((s) => (qualified && s.subject !== undefined ? `${s.rule}@${s.subject}` : s.rule))
      diffs.push({ field: "reasons.failed", expected: showList(expected), actual: showList([...new Set(shown)]) })
    }
  }
  const statusCheck = (list: ReadonlyArray<string> | undefined, status: Eligibility.Status, field: string): void => {
    if (list === undefined) return
    for (const entry of list) {
      const ms = matching(entry)
      if (ms.length === 0) diffs.push({ field, expected: `${entry} ${status}`, actual: `${entry} was not checked` })
      else if (!ms.every((s) => s.status === status))
        diffs.push({ field, expected: `${entry} ${status}`, actual: `${entry} ${[...new Set(ms.map((s) => s.status))].join(" / ")}` })
    }
  }
  statusCheck(e.passed, "passed", "reasons.passed")
  statusCheck(e.notApplicable, "not-applicable", "reasons.notApplicable")

  if (e.support !== undefined) {
    const lines = evaluation.support.lines
    for (const le of e.support) {
      const found = lines.filter((l, n) => selects(le.select, { n: n + 1, activity: l.activity, item: l.item, beneficiary: l.beneficiaryId }))
      if (found.length !== 1) {
        diffs.push({ field: le.label, expected: "exactly one matching cost line", actual: `${found.length} cost lines` })
        continue
      }
      const l = found[0] as Support.LineSupport
      if (le.support !== undefined) push(`${le.label}.support`, showMoney(le.support), showMoney(l.support))
      if (le.binding !== undefined) push(`${le.label}.binding`, le.binding, l.binding)
      if (le.rateCap !== undefined) push(`${le.label}.rateCap`, le.rateCap === "none" ? "none" : showMoney(le.rateCap), showMoney(l.rateCap))
      if (le.absoluteCap !== undefined) push(`${le.label}.absoluteCap`, le.absoluteCap === "none" ? "none" : showMoney(le.absoluteCap), showMoney(l.absoluteCap))
      if (le.layer !== undefined) push(`${le.label}.layer`, le.layer, l.layer)
      if (le.grade !== undefined) push(`${le.label}.grade`, le.grade, l.grade)
    }
  }
  if (e.total !== undefined) push("total", showMoney(e.total), showMoney(evaluation.support.total))
  if (e.payable !== undefined) push("payable", showMoney(e.payable), showMoney(evaluation.payable))
  if (e.multiplierApplied !== undefined) push("multiplierApplied", String(e.multiplierApplied), String(evaluation.support.multiplierApplied))
  if (e.priority !== undefined && classification !== undefined) {
    if (e.priority.area !== undefined) push("priority.area", e.priority.area, classification.area?.id ?? "none")
    if (e.priority.industry !== undefined) push("priority.industry", e.priority.industry, classification.industry?.id ?? "none")
    if (e.priority.unranked !== undefined) push("priority.unranked", String(e.priority.unranked), String(classification.unranked))
  }
  return diffs
}

/**
 * Run one case against an installation and list its differences. Never throws on a bad case: an
 * unexpected error, an unknown pack or overlay, or an unreadable reform value is a difference.
 * @category running
 * @since 0.1.0
 * @example `runCase(file.cases[0], installation)` → `{ name: "Machinery: the cap binds", passed: true, differences: [] }`
 */
export const runCase = (c: Case, installation: Installation, cache: Cache = new Map()): CaseResult => {
  let differences: Array<Difference>
  let step: Step<Observed>
  try {
    step = evaluateCase(c, installation, cache)
  } catch (e) {
    step = { ok: false, failure: { code: "cases/crash", codes: ["cases/crash"], message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } }
  }
  if (step instanceof SetUpProblem) differences = [{ field: step.field, expected: step.expected, actual: step.actual }]
  else if (!step.ok) {
    const f = step.failure
    if (c.expect.error !== undefined && f.codes.includes(c.expect.error)) differences = []
    else differences = [{ field: "error", expected: c.expect.error ?? "no error", actual: `${f.code}: ${f.message}` }]
  } else differences = compare(c, step.value)
  const base = { file: c.file, name: c.name, index: c.index, passed: differences.length === 0, differences }
  return c.line === undefined ? base : { ...base, line: c.line }
}

/**
 * Run every case of a file.
 * @category running
 * @since 0.1.0
 * @example `run(file, installation).filter((r) => !r.passed)` → `[]`
 */
export const run = (file: CaseFile, installation: Installation): ReadonlyArray<CaseResult> => {
  const cache: Cache = new Map()
  return file.cases.map((c) => runCase(c, installation, cache))
}

/**
 * Parse and run case files given as text: unreadable files are listed in `fileErrors` (they
 * count as failures for the command's exit code, not as cases).
 * @category running
 * @since 0.1.0
 * @example `runSources([{ file: "a.yaml", text }], installation)` → `{ passed: 12, failed: 0, fileErrors: [], results: [...] }`
 */
export const runSources = (sources: ReadonlyArray<{ readonly file: string; readonly text: string }>, installation: Installation): Report => {
  const results: Array<CaseResult> = []
  const fileErrors: Array<FileError> = []
  const cache: Cache = new Map()
  for (const s of sources) {
    const parsed = parse(s.text, s.file)
    if (!parsed.ok) {
      fileErrors.push({ file: s.file, error: parsed.error })
      continue
    }
    for (const c of parsed.value.cases) results.push(runCase(c, installation, cache))
  }
  const passed = results.filter((r) => r.passed).length
  return { results, fileErrors, passed, failed: results.length - passed }
}

// ---------------------------------------------------------------------------------------------
// Reporting

/**
 * The summary line: `N passed, N failed`.
 * @category reporting
 * @since 0.1.0
 * @example `summary({ passed: 90, failed: 1, … })` → `"90 passed, 1 failed"`
 */
export const summary = (r: Pick<Report, "passed" | "failed">): string => `${r.passed} passed, ${r.failed} failed`

/**
 * A failed case as printed: a header naming the file, line and case, then one line per
 * difference with the field, the expected and the actual value.
 * @category reporting
 * @since 0.1.0
 * @example `formatResult(result)` → `"✗ cases/machinery.yaml:12 › Cap binds\n    total: expected 300.000.000 ₫, actual 450.000.000 ₫"`
 */
export const formatResult = (r: CaseResult): string => {
  const head = `${r.passed ? "✓" : "✗"} ${r.file}${r.line === undefined ? "" : `:${r.line}`} › ${r.name}`
  return [head, ...r.differences.map((d) => `    ${d.field}: expected ${d.expected}, actual ${d.actual}`)].join("\n")
}

/**
 * The whole report as the command prints it: unreadable files, each failed case with its
 * differences (and passing cases when `verbose`), then the summary line.
 * @category reporting
 * @since 0.1.0
 * @example `report(r)` → `"✗ cases/a.yaml:8 › …\n    total: expected …, actual …\n\n90 passed, 1 failed"`
 */
export const report = (r: Report, options?: { readonly verbose?: boolean }): string => {
  const parts: Array<string> = []
  for (const f of r.fileErrors) parts.push(`✗ ${f.error.message}`)
  for (const res of r.results) if (!res.passed || options?.verbose === true) parts.push(formatResult(res))
  if (r.fileErrors.length > 0) parts.push(`${r.fileErrors.length} case ${r.fileErrors.length === 1 ? "file" : "files"} could not be read`)
  parts.push(summary(r))
  return parts.join("\n")
}
