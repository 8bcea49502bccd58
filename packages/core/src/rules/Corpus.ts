/**
 * Corpus (kho văn bản pháp luật): the law of khuyến công as one dated body of data, from which
 * rule packs are built. One entry per instrument (văn bản); one entry per parameter (tham số)
 * holding its whole history, each value keyed by the day it takes effect and carrying its own
 * citation and grade; the activity catalogue, eligibility rules, priority classes, advance tiers
 * and plan calendar as entries whose versions are keyed by the day each takes effect; provincial
 * overlays filed by province and resolution; the national programmes; the administrative units
 * (the `adminUnits` section, whose schema and reader are `AdminUnits`': this module checks it with
 * the rest, `AdminUnits` answers questions about it).
 *
 * The shape follows OpenFisca's parameter files: data a lawyer can review in a diff. The
 * `@khuyencong/law` package keeps the corpus as YAML files and ships it compiled to JSON, checked
 * against {@link schema} when it is compiled; this module decodes that JSON (no YAML parser at run
 * time), resolves every citation's instrument number to its entry and answers what the law said
 * on a day. Rule packs are manifests over it (`Manifest`).
 *
 * Encoded forms (what the YAML and JSON hold):
 * - a citation names its instrument by number: `{ instrument: "28/2018/TT-BTC", article: "8",
 *   clause: "4", grade: secondary, note, source }`;
 * - money is Vietnamese text `300.000.000 ₫`, a rate is `30%`, `2,5%` or `3/2` (what `Money.format`
 *   and `Rate.format` write), dates are `YYYY-MM-DD`;
 * - a parameter's `values` map each effective day to `{ value, citation }`; `value: null` ends the
 *   parameter from that day (the citation says what repealed it);
 * - a versioned entry's `versions` map each effective day to the entry's content, or `null` from
 *   the day it no longer exists.
 *
 * @example
 * ```ts
 * import { Corpus, Parameter } from "@khuyencong/core"
 * import { corpus as data } from "@khuyencong/law"
 * const law = Corpus.decodeOrThrow(data)
 * Parameter.atOrThrow(law.parameters["support.machinery.cap"]!, "2016-01-01").value // 200000000n
 * Parameter.atOrThrow(law.parameters["support.machinery.cap"]!, "2019-01-01").value // 300000000n
 * ```
 * @since 0.2.0
 * @module
 */
import data from "@khuyencong/law/corpus.json" with { type: "json" }
import * as Effect from "effect/Effect"
import * as EffectResult from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import * as AdminUnits from "../records/AdminUnits.js"
import * as Citation from "../values/Citation.js"
import * as Decode from "../values/Decode.js"
import type { ValidationError } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Parameter from "../values/Parameter.js"
import * as Rate from "../values/Rate.js"
import { err, ok, orThrow, type Result } from "../values/Result.js"
import * as Overlay from "./Overlay.js"
import * as RulePack from "./RulePack.js"

// ---------------------------------------------------------------------------------------------
// Values as the corpus writes them

const text = Decode.text

/**
 * Money as the corpus writes it: Vietnamese text read by `Money.parse` (`300.000.000 ₫`,
 * `1,5 tỷ`); encoded with `Money.format` (`300.000.000 ₫`).
 * @example `Schema.decodeUnknownSync(Corpus.moneyText)("300.000.000 ₫")` → `300000000n`
 * @category schemas
 * @since 0.2.0
 */
const moneyText = Schema.String.pipe(
  Schema.decodeTo(
    Money.MoneyFromSelf,
    SchemaTransformation.transformEffect<Money.Money, string>({
      decode: (s, options) => {
        const r = Money.parse(s)
        return r.ok ? Effect.succeed(r.value) : Effect.fail(new SchemaIssue.InvalidValue({ message: r.error.message, code: r.error.code }, s, options))
      },
      encode: (m) => Effect.succeed(Money.format(m))
    })
  )
)

/**
 * A rate as the corpus writes it: a percent (`30%`, `2,5%`) or a fraction (`3/2`), read by
 * `Rate.parse`; encoded with `Rate.format`.
 * @example `Schema.decodeUnknownSync(Corpus.rateText)("30%")` → `{ numerator: 3n, denominator: 10n }`
 * @category schemas
 * @since 0.2.0
 */
const rateText = Schema.String.pipe(
  Schema.decodeTo(
    Rate.RateFromSelf,
    SchemaTransformation.transformEffect<Rate.Rate, string>({
      decode: (s, options) => {
        const r = Rate.parse(s)
        return r.ok ? Effect.succeed(r.value) : Effect.fail(new SchemaIssue.InvalidValue({ message: r.error.message, code: r.error.code }, s, options))
      },
      encode: (r) => Effect.succeed(Rate.format(r))
    })
  )
)

const day = LocalDate.schema
const days = <S extends Schema.Top>(value: S) => Schema.Record(day, value)

// ---------------------------------------------------------------------------------------------
// Citations and instruments

/**
 * A citation as the corpus writes it: the instrument by its number (`Citation.Ref`).
 * @category models
 * @since 0.2.0
 */
export type CitationRef = Citation.Ref

const citationRef = Citation.refSchema

/**
 * What is reported of an instrument whose text was not seen: the day from which results warn
 * (its reported date), how sure the report is, the instruments it may replace or amend, what it
 * is said to change, and where the report was read. A pack that encodes one of `mayReplace` and
 * governs that day carries it (`RulePack.reported`), and its results from that day warn.
 * @category models
 * @since 0.3.0
 */
export interface InstrumentReport {
  readonly on: LocalDate.LocalDate
  readonly grade: Citation.Grade
  readonly mayReplace: ReadonlyArray<string>
  readonly concerns: string
  readonly source: string
}

/**
 * An instrument (văn bản) of the corpus: the `Citation.Instrument` fields, a note on what is and
 * is not confirmed of it, and `status: reported` for an instrument known only from a report
 * (no text seen): it is listed so that results can warn about it (`report`), never as a source of
 * figures.
 * @category models
 * @since 0.2.0
 */
export interface InstrumentEntry extends Citation.Instrument {
  readonly note?: string
  readonly status?: "reported"
  /** @since 0.3.0 */
  readonly report?: InstrumentReport
}

const instrumentEntry = Schema.Struct({
  ...Citation.instrumentSchema.fields,
  note: Schema.optionalKey(text),
  status: Schema.optionalKey(Schema.Literal("reported")),
  report: Schema.optionalKey(
    Schema.Struct({
      on: LocalDate.schema,
      grade: Citation.gradeSchema,
      mayReplace: Schema.Array(text),
      concerns: text,
      source: text
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Parameters

/** What a parameter's value is, by its unit; a parameter without a unit holds codes or a switch. */
const valueByUnit = {
  VND: moneyText,
  rate: rateText,
  share: rateText,
  "×": rateText,
  years: Schema.Int,
  workers: Schema.Int,
  events: Schema.Int,
  days: Schema.Int,
  months: Schema.Int
} as const
const unitless = Schema.Union([Schema.Array(Schema.String), Schema.Boolean, text])
const units = Object.keys(valueByUnit) as ReadonlyArray<keyof typeof valueByUnit>
const valueSchemaOf = (unit: string | undefined): Schema.Codec<RulePack.ParameterValue, unknown> =>
  (unit === undefined ? unitless : valueByUnit[unit as keyof typeof valueByUnit]) as unknown as Schema.Codec<RulePack.ParameterValue, unknown>
const valueExpected = (unit: string | undefined): string =>
  unit === undefined
    ? "a list of codes, a switch (true/false) or a code"
    : unit === "VND"
      ? "an amount of money (số tiền) such as 300.000.000 ₫"
      : valueByUnit[unit as keyof typeof valueByUnit] === rateText
        ? "a rate (tỷ lệ) such as 30% or 3/2"
        : `a whole number of ${unit}`

/**
 * A parameter file: id, description, unit and its values keyed by the day each takes effect. The
 * unit says what a value is: `VND` money (`300.000.000 ₫`); `rate`, `share` or `×` a rate (`30%`,
 * `3/2`); `years`, `workers`, `days`, `months` a whole count; without a unit a list of codes, a
 * switch or a code. A value is checked against its unit, and reported at its own path.
 * @category schemas
 * @since 0.2.0
 */
const parameterSchema = Schema.Struct({
  id: text,
  description: text,
  unit: Schema.optionalKey(Schema.Literals(units)),
  values: days(Schema.Struct({ value: Schema.NullOr(Schema.Unknown), citation: citationRef }))
}).check(
  Schema.makeFilter((p: { readonly unit?: string; readonly values: Readonly<Record<string, { readonly value: unknown }>> }) => {
    const read = Schema.decodeUnknownResult(valueSchemaOf(p.unit))
    const bad = Object.entries(p.values).filter(([, v]) => v.value !== null && EffectResult.isFailure(read(v.value)))
    return bad.map(([from, v]) => ({
      path: ["values", from, "value"],
      issue: new SchemaIssue.InvalidValue({ message: `value (giá trị) of parameter ${JSON.stringify((p as { id?: string }).id ?? "")} on ${from} must be ${valueExpected(p.unit)}; found ${JSON.stringify(v.value)}`, code: "corpus/invalid-value", [Decode.ownMessageAnnotation]: true }, v.value)
    }))
  })
)

// ---------------------------------------------------------------------------------------------
// The catalogue, rules, priorities, advances and calendar: RulePack's schemas, citations by number

const structures = RulePack.schemas(citationRef)

/**
 * Why an activity has its advance tier (tạm ứng): `listed` when the text names it in the tier,
 * `assigned` when it is this project's reading (with the reason).
 * @category models
 * @since 0.2.0
 */
export interface TierReading {
  readonly basis: "listed" | "assigned"
  readonly where: string
}

const { items, ...activityHead } = structures.activityFields
/** An activity filed by its code, with the reading of its advance tier. */
const activity = Schema.Struct({
  ...activityHead,
  advanceTierReading: Schema.optionalKey(Schema.Struct({ basis: Schema.Literals(["listed", "assigned"]), where: text })),
  items
})

const versioned = <K extends string, S extends Schema.Top>(key: K, body: S) =>
  Schema.Struct({ [key]: text, order: Schema.Int, versions: days(Schema.NullOr(body)) } as { readonly [k in K]: typeof text } & {
    readonly order: typeof Schema.Int
    readonly versions: ReturnType<typeof days<Schema.NullOr<S>>>
  })

// ---------------------------------------------------------------------------------------------
// Overlays and programmes

const overlaySchemas = Overlay.schemas(citationRef, Schema.Union([moneyText, rateText]))

const overlayFile = Schema.Struct({
  instrument: instrumentEntry,
  overlay: overlaySchemas.overlay(Overlay.operationOf(overlaySchemas.lower, overlaySchemas.raise, overlaySchemas.removeItem))
})

const programme = Schema.Struct({
  instrument: text,
  planYears: Schema.Struct({ from: Schema.Int, to: Schema.Int }),
  approvedBy: text,
  citation: citationRef,
  targets: Schema.Array(Schema.Struct({ id: text, description: text, quantity: Schema.Int, unit: text, citation: citationRef })),
  note: Schema.optionalKey(text)
})

/**
 * A rule pack as a selection from the corpus (see `Manifest`): the period it governs, and what it
 * takes besides the entries in force on its first day.
 * @category schemas
 * @since 0.2.0
 */
export const manifestSchema = Schema.Struct({
  id: text,
  version: Schema.String.check(Schema.isPattern(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/)),
  title: text,
  governs: Schema.Struct({
    decisions: Schema.Struct({ start: day, end: day }),
    planYears: Schema.Struct({ from: Schema.Int, to: Schema.Int })
  }),
  instruments: Schema.optionalKey(Schema.Array(text)),
  parameters: Schema.optionalKey(Schema.Array(text)),
  advances: Schema.optionalKey(Schema.Struct({ overallCeiling: Schema.optionalKey(text) })),
  support: Schema.optionalKey(Schema.Struct({ priorityMultiplier: Schema.optionalKey(text), rounding: Schema.optionalKey(text) })),
  overlays: Schema.optionalKey(Schema.Array(text)),
  notes: Schema.optionalKey(Schema.Array(text))
})

/**
 * A manifest, decoded (see {@link manifestSchema}).
 * @category models
 * @since 0.2.0
 */
export type ManifestEntry = typeof manifestSchema.Type

/**
 * The whole corpus as compiled JSON: every file of the YAML corpus, grouped by kind and keyed by
 * its id, with the file it came from in `files` (for messages).
 * @category schemas
 * @since 0.2.0
 */
export const schema = Schema.Struct({
  instruments: Schema.Array(instrumentEntry),
  parameters: Schema.Array(parameterSchema),
  activities: Schema.Array(versioned("code", activity)),
  eligibility: Schema.Array(versioned("id", structures.eligibilityRuleBody)),
  areaPriorities: Schema.Array(versioned("id", structures.priorityClassBody)),
  industryPriorities: Schema.Array(versioned("id", structures.priorityClassBody)),
  priorityOrders: Schema.Array(versioned("id", structures.priorityRules)),
  advanceTiers: Schema.Array(versioned("id", structures.advanceTierBody)),
  advanceRemainders: Schema.Array(versioned("id", structures.advanceRemainder)),
  calendar: Schema.Array(versioned("id", structures.calendarEntryBody)),
  overlays: Schema.Array(overlayFile),
  programmes: Schema.Array(programme),
  packs: Schema.Array(manifestSchema),
  adminUnits: AdminUnits.schema
})

/**
 * The file schemas by kind, for checking one YAML file of the corpus when it is compiled
 * (`parameters/**` → `parameter`, `catalogue/*` → `activity`, `admin-units/provinces-*` →
 * `admin-unit-provinces` …).
 * @category schemas
 * @since 0.2.0
 */
export const fileSchemas = {
  instrument: instrumentEntry,
  parameter: parameterSchema,
  activity: versioned("code", activity),
  eligibility: versioned("id", structures.eligibilityRuleBody),
  priority: versioned("id", structures.priorityClassBody),
  "priority-order": versioned("id", structures.priorityRules),
  "advance-tier": versioned("id", structures.advanceTierBody),
  "advance-remainder": versioned("id", structures.advanceRemainder),
  calendar: versioned("id", structures.calendarEntryBody),
  overlay: overlayFile,
  programme,
  pack: manifestSchema,
  "admin-unit-provinces": Schema.Struct({ provinces: AdminUnits.schema.fields.provinces }),
  "admin-unit-reorganisation": AdminUnits.reorganisationSchema
} as const

/** The compiled corpus as JSON. @category models @since 0.2.0 */
export type Encoded = typeof schema.Encoded

// ---------------------------------------------------------------------------------------------
// The decoded corpus

/**
 * One version of a versioned entry: the content from `from` until the next version, or `null`
 * from a day the entry no longer exists.
 * @category models
 * @since 0.2.0
 */
export interface Version<T> {
  readonly from: LocalDate.LocalDate
  readonly value: T | null
}

/**
 * A versioned entry: its place in the order of its kind (catalogue order, the order rules are
 * checked) and its versions in date order.
 * @category models
 * @since 0.2.0
 */
export interface Entry<T> {
  readonly order: number
  readonly versions: ReadonlyArray<Version<T>>
}

/**
 * An activity version with the reading of its advance tier.
 * @category models
 * @since 0.2.0
 */
export interface ActivityVersion extends RulePack.Activity {
  readonly advanceTierReading?: TierReading
}

/**
 * A provincial overlay filed with its resolution.
 * @category models
 * @since 0.2.0
 */
export interface OverlayEntry {
  readonly instrument: InstrumentEntry
  readonly overlay: Overlay.Overlay
}

/**
 * A national khuyến công programme (chương trình khuyến công quốc gia): the approving instrument,
 * its plan years and its confirmed targets (chỉ tiêu).
 * @category models
 * @since 0.2.0
 */
export interface Programme {
  readonly instrument: Citation.Instrument
  readonly planYears: { readonly from: number; readonly to: number }
  /** Who approved it (cơ quan phê duyệt). */
  readonly approvedBy: string
  readonly citation: Citation.Citation
  /** Confirmed targets; empty while none is known. */
  readonly targets: ReadonlyArray<{ readonly id: string; readonly description: string; readonly quantity: number; readonly unit: string; readonly citation: Citation.Citation }>
  readonly note?: string
}

/**
 * The corpus, decoded: citations carry their instruments, values are exact.
 * @category models
 * @since 0.2.0
 */
export interface Corpus {
  readonly instruments: ReadonlyMap<string, InstrumentEntry>
  readonly parameters: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>>
  readonly activities: Readonly<Record<string, Entry<ActivityVersion>>>
  readonly eligibility: Readonly<Record<string, Entry<RulePack.EligibilityRule>>>
  readonly areaPriorities: Readonly<Record<string, Entry<RulePack.PriorityClass>>>
  readonly industryPriorities: Readonly<Record<string, Entry<RulePack.PriorityClass>>>
  readonly priorityOrders: Readonly<Record<string, Entry<RulePack.PriorityRules>>>
  readonly advanceTiers: Readonly<Record<string, Entry<RulePack.AdvanceTier>>>
  readonly advanceRemainders: Readonly<Record<string, Entry<RulePack.AdvanceSchedule["remainder"]>>>
  readonly calendar: Readonly<Record<string, Entry<RulePack.CalendarEntry>>>
  readonly overlays: Readonly<Record<string, OverlayEntry>>
  readonly programmes: ReadonlyArray<Programme>
  /** The rule packs, as manifests over the corpus, by id. */
  readonly packs: Readonly<Record<string, ManifestEntry>>
}

const decodeJson = Decode.makeDecoder({
  subject: { code: "corpus", label: "corpus of the law (kho văn bản)" },
  schema: schema as unknown as Decode.AnySchema,
  docs: {},
  rules: []
}) as (input: unknown) => Result<typeof schema.Type, ValidationError>

/**
 * Encode a corpus file or the whole corpus to its JSON form (money and rates as text).
 * @example `Corpus.encode(Corpus.schema, decoded)` → the JSON the compiler writes
 * @category decoding
 * @since 0.2.0
 */
export const encode = <S extends Decode.AnySchema>(s: S, value: S["Type"]): S["Encoded"] => Decode.makeEncoder(s)(value)

/**
 * Decode one corpus file against its kind's schema, reporting every problem with its path.
 * @example `Corpus.decodeFile("parameter", yaml.parse(text))` → `ok({ id, description, unit, values })`
 * @category decoding
 * @since 0.2.0
 */
export const decodeFile = <K extends keyof typeof fileSchemas>(kind: K, input: unknown): Result<(typeof fileSchemas)[K]["Type"], ValidationError> =>
  Decode.makeDecoder({
    subject: { code: "corpus", label: `corpus file (${kind})` },
    schema: fileSchemas[kind] as unknown as Decode.AnySchema,
    docs: {},
    rules: []
  })(input) as Result<(typeof fileSchemas)[K]["Type"], ValidationError>

type Issue = { readonly code: string; readonly path: ReadonlyArray<string | number>; readonly message: string }

/**
 * Decode the compiled corpus: check it against {@link schema}, resolve every citation's
 * instrument number, turn each parameter's values into a `Parameter` time series (a `null` value
 * ends it: `until` is the day before), and each versioned entry into its versions in date order.
 * Fails with a `ValidationError` listing every problem with its path: an unknown instrument
 * (`corpus/unknown-instrument`), a duplicate id (`corpus/duplicate`), a parameter series that
 * `Parameter.make` refuses, a value after an end (`corpus/value-after-end`), administrative units
 * that `AdminUnits.fromSection` refuses (`admin-units/…`).
 * @example `Corpus.decode(data)` → `ok({ instruments, parameters, activities, … })`
 * @category decoding
 * @since 0.2.0
 */
export const decode = (input: unknown): Result<Corpus, ValidationError> => {
  const r = decodeJson(input)
  if (!r.ok) return r
  const raw = r.value
  const issues: Array<Issue> = []
  const instruments = new Map<string, InstrumentEntry>()
  raw.instruments.forEach((i, n) => {
    if (instruments.has(i.number)) issues.push({ code: "corpus/duplicate", path: ["instruments", n, "number"], message: `instrument (văn bản) ${i.number} is in the corpus twice` })
    instruments.set(i.number, i as InstrumentEntry)
  })
  for (const o of raw.overlays) instruments.set(o.instrument.number, o.instrument as InstrumentEntry)
  raw.instruments.forEach((i, n) => {
    if (i.report === undefined) return
    if (i.status !== "reported")
      issues.push({ code: "corpus/report-without-status", path: ["instruments", n, "report"], message: `instrument (văn bản) ${i.number} has a report but not status: reported (an instrument whose text was seen is cited, not reported)` })
    i.report.mayReplace.forEach((m, k) => {
      if (!instruments.has(m))
        issues.push({ code: "corpus/unknown-instrument", path: ["instruments", n, "report", "mayReplace", k], message: `instrument (văn bản) ${i.number} may replace ${m}, which is not in the corpus` })
    })
  })

  const cite = (c: CitationRef, path: ReadonlyArray<string | number>): Citation.Citation => {
    const entry = instruments.get(c.instrument)
    if (entry === undefined) {
      issues.push({ code: "corpus/unknown-instrument", path: [...path, "instrument"], message: `citation names instrument (văn bản) ${c.instrument}, which is not in the corpus` })
    }
    const { note: _n, status: _s, report: _r, ...instrument } = entry ?? { number: c.instrument, kind: "other" as const, issuer: "", title: "", effective: "1900-01-01" as LocalDate.LocalDate }
    return Citation.fromRef(c, instrument)
  }
  /** Every `{ instrument: string, grade }` object below `v` becomes a Citation. */
  const resolveAll = (v: unknown, path: ReadonlyArray<string | number>): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => resolveAll(x, [...path, i]))
    if (typeof v === "object" && v !== null && typeof v !== "bigint") {
      const o = v as Record<string, unknown>
      if (typeof o["instrument"] === "string" && typeof o["grade"] === "string") return cite(o as unknown as CitationRef, path)
      if ("numerator" in o && "denominator" in o) return v
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(o)) out[k] = resolveAll(x, [...path, k])
      return out
    }
    return v
  }

  const parameters: Record<string, Parameter.Parameter<RulePack.ParameterValue>> = Object.create(null) as Record<string, Parameter.Parameter<RulePack.ParameterValue>>
  raw.parameters.forEach((p, n) => {
    const path = ["parameters", n]
    if (Object.hasOwn(parameters, p.id)) issues.push({ code: "corpus/duplicate", path: [...path, "id"], message: `parameter (tham số) ${p.id} is in the corpus twice` })
    const entries = Object.entries(p.values as Readonly<Record<string, { readonly value: unknown; readonly citation: CitationRef }>>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const values: Array<Parameter.Value<RulePack.ParameterValue>> = []
    let until: LocalDate.LocalDate | undefined
    for (const [from, v] of entries) {
      const vpath = [...path, "values", from]
      if (until !== undefined) {
        issues.push({ code: "corpus/value-after-end", path: vpath, message: `parameter (tham số) ${p.id} has a value on ${from} after it ended on ${until}` })
        continue
      }
      if (v.value === null) {
        until = LocalDate.addDays(from as LocalDate.LocalDate, -1)
        continue
      }
      const value = Schema.decodeUnknownSync(valueSchemaOf(p.unit))(v.value)
      values.push({ from: from as LocalDate.LocalDate, value, citation: cite(v.citation, [...vpath, "citation"]) })
    }
    const def = {
      id: p.id,
      description: p.description,
      ...("unit" in p ? { unit: p.unit } : {}),
      values,
      ...(until === undefined ? {} : { until })
    }
    const made = Parameter.make<RulePack.ParameterValue>(def)
    if (!made.ok) for (const i of made.error.issues) issues.push({ code: i.code, path: [...path, ...i.path], message: i.message })
    else parameters[p.id] = made.value
  })

  const versions = <T>(
    group: string,
    entries: ReadonlyArray<{ readonly order: number; readonly versions: Readonly<Record<string, unknown>> } & Record<string, unknown>>,
    key: string
  ): Record<string, Entry<T>> => {
    const out: Record<string, Entry<T>> = Object.create(null) as Record<string, Entry<T>>
    entries.forEach((e, n) => {
      const id = e[key] as string
      if (Object.hasOwn(out, id)) issues.push({ code: "corpus/duplicate", path: [group, n, key], message: `${group} entry ${id} is in the corpus twice` })
      out[id] = {
        order: e.order,
        versions: Object.entries(e.versions)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([from, body]) => ({
            from: from as LocalDate.LocalDate,
            value: body === null ? null : ({ [key === "code" ? "code" : "id"]: id, ...(resolveAll(body, [group, n, "versions", from]) as object) } as T)
          }))
      }
    })
    return out
  }
  const activities = versions<ActivityVersion>("activities", raw.activities, "code")
  const eligibility = versions<RulePack.EligibilityRule>("eligibility", raw.eligibility, "id")
  const areaPriorities = versions<RulePack.PriorityClass>("areaPriorities", raw.areaPriorities, "id")
  const industryPriorities = versions<RulePack.PriorityClass>("industryPriorities", raw.industryPriorities, "id")
  const priorityOrders = versions<RulePack.PriorityRules>("priorityOrders", raw.priorityOrders, "id")
  const advanceTiers = versions<RulePack.AdvanceTier>("advanceTiers", raw.advanceTiers, "id")
  const advanceRemainders = versions<RulePack.AdvanceSchedule["remainder"]>("advanceRemainders", raw.advanceRemainders, "id")
  const calendar = versions<RulePack.CalendarEntry>("calendar", raw.calendar, "id")

  const overlays: Record<string, OverlayEntry> = Object.create(null) as Record<string, OverlayEntry>
  raw.overlays.forEach((o, n) => {
    if (Object.hasOwn(overlays, o.overlay.id)) issues.push({ code: "corpus/duplicate", path: ["overlays", n, "overlay", "id"], message: `overlay ${o.overlay.id} is in the corpus twice` })
    overlays[o.overlay.id] = { instrument: o.instrument as InstrumentEntry, overlay: resolveAll(o.overlay, ["overlays", n, "overlay"]) as Overlay.Overlay }
  })
  const programmes = raw.programmes.map((p, n) => {
    const instrument = instruments.get(p.instrument)
    if (instrument === undefined) issues.push({ code: "corpus/unknown-instrument", path: ["programmes", n, "instrument"], message: `programme names instrument (văn bản) ${p.instrument}, which is not in the corpus` })
    const { note: _n, status: _s, report: _r, ...bare } = instrument ?? { number: p.instrument, kind: "decision" as const, issuer: "", title: "", effective: "1900-01-01" as LocalDate.LocalDate }
    return { ...(resolveAll(p, ["programmes", n]) as Omit<Programme, "instrument">), instrument: bare } as Programme
  })

  const packs: Record<string, ManifestEntry> = Object.create(null) as Record<string, ManifestEntry>
  raw.packs.forEach((p, n) => {
    if (Object.hasOwn(packs, p.id)) issues.push({ code: "corpus/duplicate", path: ["packs", n, "id"], message: `rule pack ${p.id} is in the corpus twice` })
    packs[p.id] = p
  })

  const adminUnits = AdminUnits.fromSection(raw.adminUnits, (c, path) => cite(c, ["adminUnits", ...path]))
  if (!adminUnits.ok) for (const i of adminUnits.error) issues.push({ ...i, path: ["adminUnits", ...i.path] })

  if (issues.length > 0) return err(Decode.validationError({ code: "corpus", label: "corpus of the law (kho văn bản)" }, issues))
  return ok({
    instruments,
    parameters,
    activities,
    eligibility,
    areaPriorities,
    industryPriorities,
    priorityOrders,
    advanceTiers,
    advanceRemainders,
    calendar,
    overlays,
    programmes,
    packs
  })
}

/**
 * {@link decode}, throwing the `ValidationError`.
 * @function
 * @example `Corpus.decodeOrThrow(data).instruments.get("28/2018/TT-BTC")?.effective` → `"2018-05-11"`
 * @category decoding
 * @since 0.2.0
 */
export const decodeOrThrow = orThrow(decode)

/**
 * The version of an entry in force on a day: the last version dated on or before it, unless that
 * version is `null` (the entry no longer exists) or none is dated that early.
 * @example `Corpus.versionAt(law.activities["machinery"]!, "2019-01-01")?.items.length` → `2`
 * @category lookup
 * @since 0.2.0
 */
export const versionAt = <T>(entry: Entry<T>, date: LocalDate.LocalDate): T | undefined => {
  let found: T | null | undefined
  for (const v of entry.versions) if (v.from <= date) found = v.value
  return found ?? undefined
}

let decoded: Corpus | undefined

/**
 * The corpus of `@khuyencong/law`, decoded on first use and shared.
 * @example `Corpus.law().instruments.get("45/2012/NĐ-CP")?.effective` → `"2012-07-05"`
 * @category corpus
 * @since 0.2.0
 */
export const law = (): Corpus => (decoded ??= decodeOrThrow(data))
