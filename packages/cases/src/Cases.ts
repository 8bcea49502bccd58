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
import { Effect, Result as EffectResult, Schema, SchemaIssue, SchemaParser, SchemaTransformation } from "effect"
import { LineCounter, parseDocument, visit, type Scalar } from "yaml"
import { Citation, Decode, Eligibility, Errors, Establishment, Evaluate, LocalDate, Money, Overlay, Pack, Priority, Proposal, Rate, Reform, Resolution, Result, RulePack, type Support } from "@khuyencong/core"
import { showPath } from "./internal/issues.js"

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
  /** Whether eligibility excludes the line from support (a line funded by another state source). */
  readonly excluded?: boolean
  /** The id of the parameter that bound (`Support.LineSupport.bindingParameter`), or `"none"`. */
  readonly bindingParameter?: string
  /** For a multiple-of item: the multiple, the base cap and the derived cap (`Support.DerivedCap`). */
  readonly derivedCap?: { readonly multiple: Rate.Rate; readonly base: Money.Money; readonly cap: Money.Money }
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
  /**
   * Whether the proposal ranks as a key project, before every other (a declared `keyProject` whose
   * fund the pack ranks key projects first for on the date: Circular 36/2013 art. 7.1, national plan).
   */
  readonly keyProject?: boolean
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
  /** Rules that must fail, others may fail too (`reasons: { includes: … }`). */
  readonly failing?: ReadonlyArray<string>
  readonly passed?: ReadonlyArray<string>
  readonly notApplicable?: ReadonlyArray<string>
  readonly support?: ReadonlyArray<LineExpectation>
  readonly total?: Money.Money
  readonly payable?: Money.Money
  readonly priority?: PriorityExpectation
  readonly multiplierApplied?: boolean
  readonly error?: string
  /** Text the error's message must contain (`error: { code, message }`). */
  readonly errorMessage?: string
  /**
   * The warnings of the evaluation (`Evaluate.Evaluation.warnings`): as many as listed, each text
   * found in one warning's message (an instrument number such as `139/2026/TT-BTC`); `[]`: none.
   */
  readonly warnings?: ReadonlyArray<string>
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
// Parsing: the case file as a Schema

const VERDICTS = ["eligible", "ineligible", "not-applicable"] as const satisfies ReadonlyArray<Eligibility.Verdict>
const BINDINGS = ["rate", "absolute-cap", "request", "not-in-catalogue"] as const satisfies ReadonlyArray<Support.Binding>
const MONEY_LINE_FIELDS = ["unitCost", "total", "requestedSupport", "counterpartFunding", "otherStateFunding"]

type Json = Record<string, unknown>
const isRecord = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)
const has = (o: Json, k: string): boolean => Object.hasOwn(o, k) && o[k] !== undefined

const describeValue = (u: unknown): string => {
  if (u === undefined) return "nothing"
  if (typeof u === "string") return JSON.stringify(u)
  try {
    return JSON.stringify(u, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(u)
  } catch {
    return String(u)
  }
}

/** `expected <what>, got <the value found>`: how a case file names a value of the wrong kind. */
const expected =
  (what: string) =>
  (found: unknown): string =>
    `expected ${what}, got ${describeValue(found)}`

/** A field of a case file: its code, and the messages for a value of the wrong kind and for none. */
const field = <S extends Schema.Top>(schema: S, code: string, what: string, required?: string): S["Rebuild"] =>
  Decode.field(schema, { code, label: what, expects: `must be ${what}`, message: expected(what), required: required ?? expected(what)(undefined) })

/** A value read from text by one of core's parsers (`Money.parse`, `Rate.parse`, `LocalDate.parse`), with its message when it cannot. */
const parsed = <T>(to: Schema.Codec<T>, read: (u: unknown) => Result.Result<T, { readonly message: string }> | undefined) =>
  Schema.Unknown.pipe(
    Schema.decodeTo(
      to,
      SchemaTransformation.transformEffect<T, unknown>({
        decode: (u, options) => {
          const r = read(u)
          if (r === undefined) return Effect.fail(new SchemaIssue.InvalidValue(undefined, u, options))
          return r.ok ? Effect.succeed(r.value) : Effect.fail(new SchemaIssue.InvalidValue({ message: r.error.message, [Decode.ownMessageAnnotation]: true }, u, options))
        },
        encode: (t) => Effect.succeed(t as unknown)
      })
    )
  )

/** Money written as officials write it (`900 triệu`, `1,5 tỷ`, `300.000.000`), or a whole number of đồng. */
const readMoney = (u: unknown): Result.Result<Money.Money, { readonly message: string }> | undefined => {
  if (typeof u === "bigint") return Result.ok(Money.make(u))
  if (typeof u === "number")
    return Number.isSafeInteger(u)
      ? Result.ok(Money.make(BigInt(u)))
      : Result.err({ message: `amount (số tiền) ${String(u)} is not a whole number of đồng; write it as text such as "1,5 tỷ" or "1.500.000.000"` })
  return typeof u === "string" ? Money.parse(u) : undefined
}
const AMOUNT = `an amount (số tiền) such as "900 triệu", "1,5 tỷ" or "300.000.000"`
const money = field(parsed<Money.Money>(Money.MoneyFromSelf, readMoney), "cases/invalid-money", AMOUNT)
const moneyOrNone = field(
  parsed<Money.Money | "none">(Schema.Union([Money.MoneyFromSelf, Schema.Literal("none")]), (u) => (u === "none" ? Result.ok("none" as const) : readMoney(u))),
  "cases/invalid-money",
  `${AMOUNT}, or none`
)
const date = field(
  parsed<LocalDate.LocalDate>(Schema.declare(LocalDate.is), (u) => (typeof u === "string" ? LocalDate.parse(u) : undefined)),
  "cases/invalid-date",
  "a date (ngày) such as 2023-06-30 or 30/06/2023"
)
const text = (what: string) => field(Decode.text, "cases/invalid-value", `${what} (non-empty text)`)
const boolean = field(Schema.Boolean, "cases/invalid-value", "true or false")
const isStrings = (u: unknown): u is string | ReadonlyArray<string> =>
  (typeof u === "string" && u.trim() !== "") || (Array.isArray(u) && u.every((x) => typeof x === "string" && x.trim() !== ""))
const strings = (what: string) => field(Schema.declare(isStrings), "cases/invalid-value", `a list of ${what}`)
const object = <F extends Schema.Struct.Fields>(fields: F, what: string, wrong: string) =>
  Schema.Struct(fields).annotate({
    [Decode.unknownFieldAnnotation]: "cases/unknown-field",
    [Decode.fieldAnnotation]: { code: "cases/invalid-value", label: what, expects: wrong, message: () => wrong }
  })
/** JSON a core decoder reads when the case runs (a proposal, an establishment). */
const json = (what: string) => field(Schema.Record(Schema.String, Schema.Unknown), "cases/invalid-value", what)

const override = object(
  {
    parameter: text("a parameter id such as support.machinery.cap"),
    from: date,
    to: Schema.optional(date),
    value: Decode.field(Schema.Unknown, {
      code: "cases/missing-field",
      label: "value",
      expects: "",
      required: 'expected the value the parameter takes (money as "600 triệu", a rate as "60%")'
    })
  },
  "a reform override",
  "expected { parameter, from, to (optional), value }"
)
const overrides = "expected a non-empty list of overrides: { parameter, from, to (optional), value }"
const reform = object(
  {
    id: Schema.optional(text("a reform id")),
    title: Schema.optional(text("a title")),
    overrides: Decode.field(Schema.Array(override).check(Schema.isMinLength(1)), { code: "cases/missing-field", label: "overrides", expects: "", message: () => overrides, required: overrides })
  },
  "a reform",
  "expected a reform: { id, title, overrides: [{ parameter, from, to, value }] }"
)

const PROPOSAL = "a proposal (đề án) in its JSON form"
/** The settings a case takes from the file's defaults unless it gives its own (`null` cancels one). */
const settings = {
  pack: Schema.optional(field(Schema.NullOr(Decode.text), "cases/invalid-value", "a rule pack id such as vn-khuyen-cong-2021-2025 (non-empty text)")),
  resolve: Schema.optional(field(Schema.NullOr(Schema.Boolean), "cases/invalid-value", "true or false")),
  overlay: Schema.optional(field(Schema.NullOr(Decode.text), "cases/invalid-value", "an overlay id such as lai-chau-18-2025 (non-empty text)")),
  reform: Schema.optional(Schema.NullOr(reform)),
  date: Schema.optional(Schema.NullOr(date)),
  planYear: Schema.optional(field(Schema.NullOr(Schema.Int.check(Schema.isBetween({ minimum: 2000, maximum: 2100 }))), "cases/invalid-value", "a plan year (năm kế hoạch) such as 2023")),
  applyPriorityMultiplier: Schema.optional(Schema.NullOr(boolean)),
  proposal: Schema.optional(json(PROPOSAL))
}
const SETTING_KEYS = Object.keys(settings)

const establishment = field(
  Schema.Record(Schema.String, Schema.Unknown).check(Schema.makeFilter((e: Json) => typeof e["id"] === "string" && e["id"].trim() !== "")),
  "cases/invalid-value",
  "an establishment (cơ sở) in its JSON form, with an id"
)
const establishments = field(Schema.Array(establishment), "cases/invalid-value", "a list of establishments (cơ sở), each with an id")

const CHECKS = ["support", "binding", "rateCap", "absoluteCap", "layer", "grade", "excluded", "bindingParameter", "derivedCap"] as const
const rate = field(
  parsed<Rate.Rate>(Rate.RateFromSelf, (u) => (typeof u === "string" ? Rate.parse(u) : undefined)),
  "cases/invalid-value",
  `a rate (tỷ lệ) such as "3/2" or "150%"`
)
const derivedCap = object(
  { multiple: rate, base: money, cap: money },
  "a derived cap",
  "expected { multiple, base, cap }: the multiple (3/2), the base item's cap and the cap it gives"
)
const lineExpectation = object(
  {
    line: Schema.optional(field(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)), "cases/invalid-value", "a line number from 1 (the proposal's first cost line)")),
    activity: Schema.optional(text("an activity code")),
    item: Schema.optional(text("a spending item code")),
    beneficiary: Schema.optional(text("an establishment id")),
    support: Schema.optional(money),
    binding: Schema.optional(field(Schema.Literals(BINDINGS), "cases/invalid-value", BINDINGS.join(", "))),
    rateCap: Schema.optional(moneyOrNone),
    absoluteCap: Schema.optional(moneyOrNone),
    layer: Schema.optional(text("a layer (national, an overlay id or a reform id)")),
    grade: Schema.optional(field(Citation.gradeSchema, "cases/invalid-value", Citation.grades.join(", "))),
    excluded: Schema.optional(boolean),
    bindingParameter: Schema.optional(text("a parameter id, or none")),
    derivedCap: Schema.optional(derivedCap)
  },
  "a cost line expectation",
  "expected { item (or line), support, binding, … }"
).check(
  Schema.makeFilter((l: Readonly<Record<string, unknown>>) => {
    const at = (path: ReadonlyArray<string>, code: string, message: string) => ({
      path,
      issue: new SchemaIssue.InvalidValue({ message, [Decode.codeAnnotation]: code, [Decode.ownMessageAnnotation]: true })
    })
    const out = []
    if (l["line"] !== undefined && (l["item"] !== undefined || l["activity"] !== undefined || l["beneficiary"] !== undefined))
      out.push(at(["line"], "cases/conflict", "pick the line either by its number (line) or by item, activity and beneficiary"))
    else if (l["line"] === undefined && l["item"] === undefined)
      out.push(at(["item"], "cases/missing-field", "pick the cost line by item (and activity, beneficiary) or by its number (line: 1 is the first)"))
    if (!CHECKS.some((k) => l[k] !== undefined))
      out.push(at(["support"], "cases/missing-field", `say what to check on the line: ${CHECKS.slice(0, -1).join(", ")} or ${CHECKS.at(-1)}`))
    return out
  })
)

/**
 * Reasons to check on a verdict: `failed`, `passed` and `notApplicable` list every reason of that
 * status; `includes` lists reasons that must fail without listing the others.
 * @category models
 * @since 0.3.0
 * @example `{ includes: ["location/unit-kind:ward"] }`
 */
export interface Reasons {
  readonly failed?: string | ReadonlyArray<string>
  readonly includes?: string | ReadonlyArray<string>
  readonly passed?: string | ReadonlyArray<string>
  readonly notApplicable?: string | ReadonlyArray<string>
}
const errorExpectation = field(
  Schema.Union([Decode.text, Schema.Struct({ code: Decode.text, message: Schema.optional(Decode.text) })]),
  "cases/invalid-value",
  "an error code such as resolution/no-pack, or { code, message } with text the message must contain"
)
const EXPECT_KEYS = ["verdict", "reasons", "support", "total", "payable", "priority", "multiplierApplied", "warnings", "error"]
const isReasons = (u: unknown): boolean =>
  isStrings(u) || (isRecord(u) && Object.entries(u).every(([k, v]) => (k === "failed" || k === "includes" || k === "passed" || k === "notApplicable") && (v === undefined || isStrings(v))))
const expect = object(
  {
    verdict: Schema.optional(field(Schema.Literals(VERDICTS), "cases/invalid-value", VERDICTS.join(", "))),
    reasons: Schema.optional(
      field(
        Schema.declare((u): u is string | ReadonlyArray<string> | Reasons => isReasons(u)),
        "cases/invalid-value",
        "a list of rule ids that must fail, or { failed, includes, passed, notApplicable }"
      )
    ),
    support: Schema.optional(field(Schema.Array(lineExpectation).check(Schema.isMinLength(1)), "cases/invalid-value", "a list of cost lines: { item (or line), support, binding, … }")),
    total: Schema.optional(money),
    payable: Schema.optional(money),
    priority: Schema.optional(
      object(
        { area: Schema.optional(text("an area class id or none")), industry: Schema.optional(text("an industry class id or none")), unranked: Schema.optional(boolean), keyProject: Schema.optional(boolean) },
        "priority",
        "expected { area, industry, unranked, keyProject }: a class id or none"
      )
    ),
    multiplierApplied: Schema.optional(boolean),
    warnings: Schema.optional(field(Schema.Array(Decode.text), "cases/invalid-value", "a list of texts, one per warning expected (an instrument number such as 139/2026/TT-BTC), or [] for none")),
    error: Schema.optional(errorExpectation)
  },
  "expect",
  `expected a mapping with any of ${EXPECT_KEYS.join(", ")}`
).check(
  Schema.makeFilter((e: Readonly<Record<string, unknown>>) => {
    const keys = EXPECT_KEYS.filter((k) => e[k] !== undefined)
    const at = (path: ReadonlyArray<string>, code: string, message: string) => ({
      path,
      issue: new SchemaIssue.InvalidValue({ message, [Decode.codeAnnotation]: code, [Decode.ownMessageAnnotation]: true })
    })
    if (keys.length === 0) return [at([], "cases/missing-field", `expect needs at least one of ${EXPECT_KEYS.join(", ")}`)]
    const others = keys.filter((k) => k !== "error")
    if (e["error"] !== undefined && others.length > 0)
      return [at([others[0] as string], "cases/conflict", `a case that expects an error checks nothing else; remove ${others.join(", ")}`)]
    return undefined
  })
)

const NAME = "every case needs a name (non-empty text)"
const caseSchema = object(
  {
    name: Decode.field(Decode.text, { code: "cases/missing-field", label: "name", expects: "", message: () => NAME, required: NAME }),
    description: Schema.optional(text("a description")),
    reference: Schema.optional(text("a reference (article)")),
    ...settings,
    establishments: Schema.optional(establishments),
    expect: Decode.field(expect, {
      code: "cases/invalid-value",
      missing: "cases/missing-field",
      label: "expect",
      expects: "",
      required: "every case needs an expect: the verdict, reasons, support, total, priority or error it must produce"
    })
  },
  "a case",
  "expected a case (a mapping with name, the input and expect)"
)

/**
 * The schema of a case file (docs/cases.md): its fields, each case's settings, input and
 * expectations, every problem with its `cases/…` code. What depends on several fields or on the
 * defaults (the pack or `resolve: true`, a date or a plan year, a proposal, the establishments an
 * `extends` names, the cost line a selector picks, unique names) is checked by {@link parse}.
 * Money, dates and rates are read by core's parsers.
 * @category parsing
 * @since 0.2.0
 */
export const schema = object(
  {
    title: Schema.optional(text("a title")),
    description: Schema.optional(text("a description")),
    defaults: Schema.optional(object(settings, "defaults", `expected the settings every case starts from (${SETTING_KEYS.join(", ")})`)),
    establishments: Schema.optional(establishments),
    cases: Decode.field(Schema.Array(caseSchema).check(Schema.isMinLength(1)), {
      code: "cases/missing-field",
      label: "cases",
      expects: "",
      message: () => "expected a non-empty list of cases",
      required: "expected a non-empty list of cases"
    })
  },
  "a case file",
  "expected a mapping with a cases: list"
)

/** A key that is the tail of an amount split at its comma inside `{ … }`: `{ total: 1,5 tỷ }`. */
const SPLIT_AMOUNT = /^\d+\s*(?:tỷ|tỉ|triệu|nghìn|ngàn)(?!\p{L})/u
const SPLIT_HINT = 'an amount with a comma inside { … } must be quoted, e.g. { total: "1,5 tỷ" }'

/** Collects issues whose messages name the file, the line, the case and the field. */
class Problems {
  readonly list: Array<Errors.Issue> = []
  constructor(
    readonly file: string,
    readonly lineOf: (path: Errors.Path) => number | undefined,
    readonly caseName: (path: Errors.Path) => string | undefined
  ) {}
  add(code: string, path: Errors.Path, message: string, actual?: unknown): void {
    const line = this.lineOf(path)
    const where = `${this.file}${line === undefined ? "" : `:${line}`}`
    const name = this.caseName(path)
    const subject = name === undefined ? "" : ` case "${name}",`
    const issue = { code, path, message: `${where}:${subject} field ${fieldOf(path)}: ${message}` }
    this.list.push(actual === undefined ? issue : { ...issue, actual })
  }
  /** A problem the file's schema found; a key that is the tail of a split amount says so. */
  addFound(i: Errors.Issue): void {
    const key = i.path[i.path.length - 1]
    const message = i.code === "cases/unknown-field" && typeof key === "string" && SPLIT_AMOUNT.test(key) ? `"${key}" is not a field: ${SPLIT_HINT}` : i.message
    this.add(i.code, i.path, message, i.actual)
  }
}

/** The field path inside a case (`expect.total`), or the whole path outside cases. */
const fieldOf = (path: Errors.Path): string => {
  if (path[0] === "cases" && typeof path[1] === "number") return path.length === 2 ? "(case)" : showPath(path.slice(2))
  return showPath(path)
}

/** Money fields of the JSON input become digit strings; other values are left to the decoders. */
const moneyField = (o: Json, key: string, problems: Problems, path: Errors.Path): void => {
  const v = o[key]
  if (v === undefined || v === null) return
  if (typeof v !== "string" && typeof v !== "number") return
  const m = readMoney(v)
  if (m?.ok === true) o[key] = m.value.toString()
  else problems.add("cases/invalid-money", [...path, key], m?.error.message ?? expected(AMOUNT)(v), v)
}

/** Keys anywhere in the input that are amounts split at their comma (see {@link SPLIT_AMOUNT}). */
const splitAmounts = (u: unknown, path: Errors.Path, problems: Problems): void => {
  if (Array.isArray(u)) u.forEach((v, i) => splitAmounts(v, [...path, i], problems))
  else if (isRecord(u))
    for (const [k, v] of Object.entries(u)) {
      if (SPLIT_AMOUNT.test(k)) problems.add("cases/invalid-money", [...path, k], `"${k}" is not a field: ${SPLIT_HINT}`)
      else splitAmounts(v, [...path, k], problems)
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

const valid = <S extends Decode.AnySchema>(schema: S) => {
  const decode = SchemaParser.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"]>)
  return (u: unknown): S["Type"] | undefined => {
    const r = decode(u)
    return EffectResult.isSuccess(r) ? r.success : undefined
  }
}
const validDate = valid(date)
const validYear = valid(settings.planYear)
const validText = valid(Decode.text)
const validLine = valid(lineExpectation)

/**
 * Read and validate a case file (YAML 1.2, of which JSON is a subset) against {@link schema},
 * then what depends on several fields or on the defaults. Fails with a `ValidationError`
 * (`cases/invalid-file`) listing every problem; each message names the file, the line, the case
 * and the field, e.g. `cases/machinery.yaml:42: case "Cap binds", field expect.total: Cannot read
 * the amount (số tiền) "3OO triệu" …`. Codes: `cases/syntax`, `cases/not-a-case-file`,
 * `cases/unknown-field`, `cases/missing-field`, `cases/invalid-value`, `cases/invalid-money`,
 * `cases/invalid-date`, `cases/duplicate-name`, `cases/unknown-establishment`, `cases/no-line`,
 * `cases/conflict`.
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
  const fileError = (list: ReadonlyArray<Errors.Issue>): Result.Result<CaseFile, Errors.ValidationError> => Result.err(toFileError(file, list))
  const whole = (code: string, message: string) => fileError([{ code, path: [], message }])
  if (doc.errors.length > 0)
    return fileError(
      doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line ?? (typeof e.pos[0] === "number" ? lineAt(e.pos[0]) : undefined)
        return { code: "cases/syntax", path: [], message: `${file}${line === undefined ? "" : `:${line}`}: not valid YAML or JSON: ${e.message.split("\n")[0] ?? e.message}` }
      })
    )
  keepNumbersAsWritten(doc)
  let root: unknown
  try {
    root = doc.toJS({ maxAliasCount: 10_000 })
  } catch (e) {
    return whole("cases/syntax", `${file}: cannot read the YAML: ${e instanceof Error ? e.message : String(e)}`)
  }

  // One documented shape: a bare list or a single case is refused with a hint rather than read.
  if (Array.isArray(root)) return whole("cases/not-a-case-file", `${file}: write the cases under a "cases:" key (a bare list is not read)`)
  if (!isRecord(root) || !has(root, "cases")) {
    if (isRecord(root) && has(root, "name")) return whole("cases/not-a-case-file", `${file}: write the case in a list under a "cases:" key`)
    return whole("cases/not-a-case-file", `${file}: not a case file: expected a mapping with a "cases:" list (and optionally title, description, defaults, establishments)`)
  }
  const rawCases = Array.isArray(root["cases"]) ? (root["cases"] as ReadonlyArray<unknown>) : []
  const caseName = (path: Errors.Path): string | undefined => {
    if (path[0] !== "cases" || typeof path[1] !== "number") return undefined
    const raw = rawCases[path[1]]
    const name = isRecord(raw) ? validText(raw["name"]) : undefined
    return name?.trim() ?? `#${path[1] + 1}`
  }
  const problems = new Problems(file, lineOf, caseName)

  // 1. The structure of the file, each case, its settings and its expectations
  const structure = Decode.problems(schema as unknown as Decode.AnySchema, root, { onExcessProperty: "error" })
  for (const i of structure) problems.addFound(i)
  if (rawCases.length === 0) return fileError(problems.list)

  // 2. What depends on several fields or on the defaults
  const defaults: Json = isRecord(root["defaults"]) ? root["defaults"] : {}
  const shared = readEstablishments(Array.isArray(root["establishments"]) ? root["establishments"] : [], ["establishments"], problems, {})
  const names = new Map<string, number>()
  const cases: Array<Case> = []
  rawCases.forEach((raw, i) => {
    if (!isRecord(raw)) return
    const c = readCase(raw, i, file, defaults, shared, problems, lineOf)
    const name = validText(raw["name"])?.trim()
    if (name !== undefined) {
      const seen = names.get(name)
      if (seen !== undefined) problems.add("cases/duplicate-name", ["cases", i, "name"], `the name is already used by case ${seen + 1}; give each case its own name`)
      else names.set(name, i)
    }
    cases.push(c)
  })
  if (problems.list.length > 0) return fileError(Decode.inInputOrder(problems.list, root))
  const title = validText(root["title"])?.trim()
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

const toFileError = (file: string, list: ReadonlyArray<Errors.Issue>): Errors.ValidationError => {
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
const readEstablishments = (list: ReadonlyArray<unknown>, path: Errors.Path, problems: Problems, inherited: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const raw = new Map<string, { readonly value: Json; readonly k: number }>()
  list.forEach((e, k) => {
    splitAmounts(e, [...path, k], problems)
    if (!isRecord(e) || typeof e["id"] !== "string" || e["id"].trim() === "") return // the schema says so
    if (raw.has(e["id"])) problems.add("cases/invalid-value", [...path, k, "id"], `establishment id "${e["id"]}" is defined twice`)
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
        problems.add("cases/invalid-value", [...path, k, "extends"], "expected the id of the establishment this one is like")
      } else if (base === id) {
        b = inherited[id]
      } else if (raw.has(base)) {
        if (resolving.has(base)) problems.add("cases/invalid-value", [...path, k, "extends"], `establishments "${id}" and "${base}" extend each other`)
        else {
          resolving.add(id)
          b = resolveOne(base)
          resolving.delete(id)
        }
      } else b = inherited[base]
      if (b === undefined) {
        if (typeof base === "string")
          problems.add("cases/unknown-establishment", [...path, k, "extends"], `no establishment "${base}" to extend; define it in the file's establishments or the case's`)
        result = rest
      } else result = deepMerge(b, rest)
    } else result = structuredClone(value)
    if (isRecord(result)) moneyField(result, "annualRevenue", problems, [...path, k])
    out[id] = result
    return result
  }
  for (const id of raw.keys()) resolveOne(id)
  return out
}

/**
 * One case: its settings (its own, else the file's defaults), establishments and proposal in
 * JSON form, and its expectations, with what depends on several of them checked.
 */
const readCase = (
  raw: Json,
  index: number,
  file: string,
  defaults: Json,
  shared: Readonly<Record<string, unknown>>,
  problems: Problems,
  lineOf: (path: Errors.Path) => number | undefined
): Case => {
  const path: Errors.Path = ["cases", index]
  const decoded = valid(caseSchema)(raw)
  const label = validText(raw["name"])?.trim() ?? `#${index + 1}`
  /** A setting: the case's own, else the file's default. */
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
  const description = validText(raw["description"])
  if (description !== undefined) out.description = description.trim()
  const reference = validText(raw["reference"])
  if (reference !== undefined) out.reference = reference.trim()

  // The pack choice (pack or resolve) is one setting: the case's own choice replaces the defaults'.
  const own = has(raw, "pack") || has(raw, "resolve")
  const choice: Json = own ? raw : defaults
  const choicePath: Errors.Path = own ? path : ["defaults"]
  const pack = validText(choice["pack"])
  if (pack !== undefined) out.pack = pack.trim()
  if (choice["resolve"] === true) out.resolve = true
  if (pack !== undefined && out.resolve) problems.add("cases/conflict", [...choicePath, "resolve"], "give either pack (a pack id) or resolve: true, not both")
  else if (pack === undefined && !out.resolve)
    problems.add("cases/missing-field", [...path, "pack"], "name the rule pack (pack: vn-khuyen-cong-2021-2025) or write resolve: true to pick it by the date among the installed packs")
  const overlay = validText(setting("overlay")?.value)
  if (overlay !== undefined) out.overlay = overlay.trim()
  const reformValue = setting("reform")?.value
  const r = reformValue === null ? undefined : valid(reform)(reformValue)
  if (r !== undefined)
    out.reform = {
      id: r.id?.trim() ?? "what-if",
      title: r.title?.trim() ?? `what-if of case "${label}"`,
      overrides: r.overrides.map((o) => ({ parameter: o.parameter.trim(), start: o.from, ...(o.to === undefined ? {} : { end: o.to }), value: o.value }))
    }
  const d = setting("date")
  const day = d === undefined || d.value === null ? undefined : validDate(d.value)
  if (day !== undefined) out.date = day
  const y = setting("planYear")
  const year = y === undefined || y.value === null ? undefined : validYear(y.value)
  if (typeof year === "number") out.planYear = year
  if (setting("applyPriorityMultiplier")?.value === true) out.applyPriorityMultiplier = true

  // Establishments: the file's, then the case's (a case's establishment may extend the file's).
  const list = raw["establishments"]
  out.establishments = Array.isArray(list) ? { ...shared, ...readEstablishments(list, [...path, "establishments"], problems, shared) } : { ...shared }

  // Proposal: the defaults' merged key by key with the case's
  const proposalDefault = isRecord(defaults["proposal"]) ? defaults["proposal"] : undefined
  const proposalOwn = isRecord(raw["proposal"]) ? raw["proposal"] : undefined
  let proposal: Json | undefined
  if (!has(raw, "proposal") && !has(defaults, "proposal"))
    problems.add("cases/missing-field", [...path, "proposal"], "every case needs a proposal (đề án) in its JSON form (in the case or in the file's defaults)")
  else if ((!has(raw, "proposal") || proposalOwn !== undefined) && (!has(defaults, "proposal") || proposalDefault !== undefined))
    proposal = { ...structuredClone(proposalDefault ?? {}), ...structuredClone(proposalOwn ?? {}) }
  if (proposal !== undefined) {
    const noApproval = Object.hasOwn(proposal, "approvalDate") && proposal["approvalDate"] === null
    for (const k of Object.keys(proposal)) if (proposal[k] === null) delete proposal[k]
    if (!has(proposal, "planYear")) {
      if (out.planYear !== undefined) proposal["planYear"] = out.planYear
      else problems.add("cases/missing-field", [...path, "planYear"], "give the plan year (năm kế hoạch): planYear in the case, in the file's defaults or in the proposal")
    }
    if (!has(proposal, "approvalDate") && !noApproval && out.date !== undefined) proposal["approvalDate"] = out.date
    splitAmounts(proposal, [...path, "proposal"], problems)
    normaliseProposal(proposal, [...path, "proposal"], problems)
    out.proposal = proposal
  }
  if ((d === undefined || d.value === null) && (y === undefined || y.value === null))
    problems.add("cases/missing-field", [...path, "date"], "give the decision date (date) or the plan year (planYear) the case is evaluated for")

  // Expectations: each cost line a selector picks must be one line of the proposal
  const lines = rawLines(proposal)
  const support = isRecord(raw["expect"]) && Array.isArray(raw["expect"]["support"]) ? (raw["expect"]["support"] as ReadonlyArray<unknown>) : []
  support.forEach((l, k) => {
    const e = validLine(l)
    const select = e === undefined ? undefined : selectorOf(e)
    if (select === undefined || lines === undefined) return
    const hits = lines.filter((x) => selects(select, x)).length
    const at: Errors.Path = [...path, "expect", "support", k]
    const name = labelOf(select).slice("support".length)
    if (hits === 0) problems.add("cases/no-line", at, `no cost line of the proposal matches ${name}`)
    else if (hits > 1) problems.add("cases/no-line", at, `${hits} cost lines match ${name}; add the activity or the beneficiary, or use line: N`)
  })
  if (decoded !== undefined) out.expect = expectationOf(decoded.expect)
  return out
}

type LineInput = typeof lineExpectation.Type

const selectorOf = (l: LineInput): LineSelector | undefined => {
  if (l.line !== undefined) return { line: l.line }
  if (l.item === undefined) return undefined
  const s: { item: string; activity?: string; beneficiary?: string } = { item: l.item.trim() }
  if (l.activity !== undefined) s.activity = l.activity.trim()
  if (l.beneficiary !== undefined) s.beneficiary = l.beneficiary.trim()
  return s
}

/** How a cost line is named in differences: `support[line 1]`, `support[machinery/machinery.equipment @ e2]`. */
const labelOf = (s: LineSelector): string =>
  "line" in s ? `support[line ${s.line}]` : `support[${s.activity === undefined ? "" : `${s.activity}/`}${s.item}${s.beneficiary === undefined ? "" : ` @ ${s.beneficiary}`}]`

const list = (u: string | ReadonlyArray<string>): ReadonlyArray<string> => (typeof u === "string" ? [u] : u).map((x) => x.trim())

const expectationOf = (e: typeof expect.Type): Expectation => {
  const out: { -readonly [K in keyof Expectation]: Expectation[K] } = {}
  if (e.error !== undefined) {
    const er = e.error as string | { readonly code: string; readonly message?: string }
    if (typeof er === "string") out.error = er.trim()
    else {
      out.error = er.code.trim()
      if (er.message !== undefined) out.errorMessage = er.message.trim()
    }
  }
  if (e.verdict !== undefined) out.verdict = e.verdict
  if (e.warnings !== undefined) out.warnings = e.warnings.map((w) => w.trim())
  if (e.reasons !== undefined) {
    const r = e.reasons
    if (typeof r === "string" || Array.isArray(r)) out.failed = list(r as string | ReadonlyArray<string>)
    else {
      const o = r as Reasons
      if (o.failed !== undefined) out.failed = list(o.failed)
      if (o.includes !== undefined) out.failing = list(o.includes)
      if (o.passed !== undefined) out.passed = list(o.passed)
      if (o.notApplicable !== undefined) out.notApplicable = list(o.notApplicable)
    }
  }
  if (e.total !== undefined) out.total = e.total
  if (e.payable !== undefined) out.payable = e.payable
  if (e.multiplierApplied !== undefined) out.multiplierApplied = e.multiplierApplied
  if (e.priority !== undefined) {
    const p: { -readonly [K in keyof PriorityExpectation]: PriorityExpectation[K] } = {}
    if (e.priority.area !== undefined) p.area = e.priority.area.trim()
    if (e.priority.industry !== undefined) p.industry = e.priority.industry.trim()
    if (e.priority.unranked !== undefined) p.unranked = e.priority.unranked
    if (e.priority.keyProject !== undefined) p.keyProject = e.priority.keyProject
    out.priority = p
  }
  if (e.support !== undefined)
    out.support = e.support.map((l) => {
      const select = selectorOf(l) ?? { line: 0 }
      const x: { -readonly [K in keyof LineExpectation]: LineExpectation[K] } = { select, label: labelOf(select) }
      if (l.support !== undefined) x.support = l.support
      if (l.binding !== undefined) x.binding = l.binding
      if (l.rateCap !== undefined) x.rateCap = l.rateCap
      if (l.absoluteCap !== undefined) x.absoluteCap = l.absoluteCap
      if (l.layer !== undefined) x.layer = l.layer.trim()
      if (l.grade !== undefined) x.grade = l.grade
      if (l.excluded !== undefined) x.excluded = l.excluded
      if (l.bindingParameter !== undefined) x.bindingParameter = l.bindingParameter.trim()
      if (l.derivedCap !== undefined) x.derivedCap = l.derivedCap
      return x
    })
  return out
}

/**
 * Cost lines: money as digit strings; `quantity` defaults to 1, `unitCost` to total ÷ quantity,
 * `total` to quantity × unitCost, `counterpartFunding` to total − requested − other state funding.
 */
const normaliseProposal = (p: Json, path: Errors.Path, problems: Problems): void => {
  const acts = p["activities"]
  if (!Array.isArray(acts)) return
  acts.forEach((a, i) => {
    if (!isRecord(a) || !Array.isArray(a["costLines"])) return
    ;(a["costLines"] as Array<unknown>).forEach((l, j) => {
      if (!isRecord(l)) return
      const at: Errors.Path = [...path, "activities", i, "costLines", j]
      for (const k of MONEY_LINE_FIELDS) moneyField(l, k, problems, at)
      if (!has(l, "quantity")) l["quantity"] = 1
      const q = l["quantity"]
      const integer = typeof q === "number" && Number.isSafeInteger(q) && q > 0 ? BigInt(q) : undefined
      const total = typeof l["total"] === "string" && /^\d+$/.test(l["total"]) ? BigInt(l["total"]) : undefined
      const unit = typeof l["unitCost"] === "string" && /^\d+$/.test(l["unitCost"]) ? BigInt(l["unitCost"]) : undefined
      if (!has(l, "total") && unit !== undefined && integer !== undefined) l["total"] = (unit * integer).toString()
      if (!has(l, "unitCost") && total !== undefined && integer !== undefined) {
        if (total % integer === 0n) l["unitCost"] = (total / integer).toString()
        else problems.add("cases/missing-field", [...at, "unitCost"], `the total ${total} is not a whole multiple of the quantity ${q}; give the unit cost (đơn giá)`)
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

/** How a case file writes a value of each type: money and rates as officials write them. */
const valueOfType: { readonly [T in RulePack.ValueType]: Decode.AnySchema } = {
  money: money as unknown as Decode.AnySchema,
  rate: parsed<Rate.Rate>(Rate.RateFromSelf, (u) => (typeof u === "string" ? Rate.parse(u) : undefined)) as unknown as Decode.AnySchema,
  number: Schema.Number as unknown as Decode.AnySchema,
  boolean: Schema.Boolean as unknown as Decode.AnySchema,
  text: Schema.String as unknown as Decode.AnySchema,
  list: Schema.Array(Schema.String) as unknown as Decode.AnySchema
}

/** A reform value written in a case, read with the type of the parameter it replaces. */
const reformValue = (raw: unknown, current: RulePack.ParameterValue | undefined): { readonly ok: true; readonly value: RulePack.ParameterValue } | { readonly ok: false; readonly message: string } => {
  const type = RulePack.valueTypeOf(current)
  if (type === undefined) return { ok: true, value: (raw ?? "") as RulePack.ParameterValue }
  const r = SchemaParser.decodeUnknownResult(valueOfType[type] as unknown as Schema.Codec<RulePack.ParameterValue>)(raw)
  if (EffectResult.isSuccess(r)) return { ok: true, value: r.success }
  const issue = Decode.problems(valueOfType[type], raw)[0]
  const own = issue !== undefined && !issue.message.startsWith("value ") && issue.code !== "schema/type"
  return { ok: false, message: own ? issue.message : `expected ${RulePack.valueTypeLabel[type]}, got ${describeValue(raw)}` }
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

/** The error a case expects, with the text its message must contain: both are printed when they differ. */
const expectedError = (e: Expectation): string =>
  e.errorMessage === undefined ? (e.error ?? "no error") : `${e.error ?? "no error"}: message containing "${e.errorMessage}"`

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
    diffs.push({ field: "error", expected: expectedError(e), actual: `no error: verdict ${evaluation.verdict}, total ${showMoney(evaluation.support.total)}` })
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
  if (e.failing !== undefined) {
    const missing = e.failing.filter((f) => !matching(f).some((s) => s.status === "failed"))
    if (missing.length > 0)
      diffs.push({ field: "reasons.includes", expected: `${showList(e.failing)} failed`, actual: `failed: ${showList([...new Set(all.filter((s) => s.status === "failed").map((s) => s.rule))])}` })
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
      if (le.excluded !== undefined)
        push(`${le.label}.excluded`, String(le.excluded), String(evaluation.eligibility.lines.some((x) => x.activity === l.activityIndex && x.line === l.lineIndex)))
      if (le.bindingParameter !== undefined) push(`${le.label}.bindingParameter`, le.bindingParameter, l.bindingParameter?.id ?? "none")
      if (le.derivedCap !== undefined) {
        const show = (d: { readonly multiple: Rate.Rate; readonly base: bigint; readonly cap: bigint }) =>
          `${Rate.toCanonicalString(d.multiple)} × ${showMoney(d.base)} = ${showMoney(d.cap)}`
        const got = l.derivedCap
        push(`${le.label}.derivedCap`, show(le.derivedCap), got === undefined ? "none" : show({ multiple: got.multiple, base: got.base, cap: got.amount }))
      }
    }
  }
  if (e.total !== undefined) push("total", showMoney(e.total), showMoney(evaluation.support.total))
  if (e.payable !== undefined) push("payable", showMoney(e.payable), showMoney(evaluation.payable))
  if (e.warnings !== undefined) {
    const got = evaluation.warnings
    const missing = e.warnings.filter((t) => !got.some((w) => w.message.includes(t)))
    if (missing.length > 0 || got.length !== e.warnings.length)
      diffs.push({
        field: "warnings",
        expected: e.warnings.length === 0 ? "no warning" : `${e.warnings.length} warning(s) naming ${showList(e.warnings)}`,
        actual: got.length === 0 ? "no warning" : got.map((w) => `${w.code}: ${w.message}`).join(" | ")
      })
  }
  if (e.multiplierApplied !== undefined) push("multiplierApplied", String(e.multiplierApplied), String(evaluation.support.multiplierApplied))
  if (e.priority !== undefined && classification !== undefined) {
    if (e.priority.area !== undefined) push("priority.area", e.priority.area, classification.area?.id ?? "none")
    if (e.priority.industry !== undefined) push("priority.industry", e.priority.industry, classification.industry?.id ?? "none")
    if (e.priority.unranked !== undefined) push("priority.unranked", String(e.priority.unranked), String(classification.unranked))
    if (e.priority.keyProject !== undefined) push("priority.keyProject", String(e.priority.keyProject), String(classification.keyProject !== undefined))
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
    if (c.expect.error !== undefined && f.codes.includes(c.expect.error) && (c.expect.errorMessage === undefined || f.message.includes(c.expect.errorMessage))) differences = []
    else differences = [{ field: "error", expected: c.expect.error === undefined ? "no error" : expectedError(c.expect), actual: `${f.code}: ${f.message}` }]
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
