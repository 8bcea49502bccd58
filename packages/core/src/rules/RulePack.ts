/**
 * RulePack (bộ quy tắc): one regulatory period's khuyến công rules as an immutable value: the
 * instruments it encodes, the period it governs, its parameters (time series with citations),
 * the activity catalogue (nội dung hoạt động → spending items with cap rules), eligibility and
 * priority rules, the advance schedule and the plan calendar.
 *
 * Packs are data plus small rule functions. Loading validates them (`load`), resolution picks the
 * pack that governs a date (`Resolution`), overlays add a province's own levels, reforms override
 * parameters for a what-if.
 *
 * Each structure has one Effect Schema here, with the stable code and message of each problem:
 * {@link schemas} builds them over a citation schema (a pack's full `Citation.schema`, or the
 * corpus's citations by instrument number), and {@link schema} is a whole pack definition.
 * `Pack.load`, `Overlay.apply`, `Reform.apply` and the corpus check their input with them; what
 * a schema alone cannot say (a cap rule naming a parameter that exists and holds a rate in
 * range, unique codes, the roles of an eligibility rule's kind) `Pack.load` checks after.
 *
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import { instrumentSchema, schema as citationSchema, type Citation, type Instrument } from "../values/Citation.js"
import * as Decode from "../values/Decode.js"
import type { Issue } from "../values/Errors.js"
import { daysInMonth, schema as localDateSchema, type LocalDate } from "../values/LocalDate.js"
import { schema as parameterSchema, type Parameter } from "../values/Parameter.js"
import { isFraction } from "../values/Rate.js"
import { byId as roundingById } from "../values/Rounding.js"
import { isKind, kindNames, type KindName } from "./eligibility/registry.js"

/**
 * The unit a cap applies to (đơn vị tính mức hỗ trợ).
 * @category models
 * @since 0.1.0
 */
export type CapUnit =
  | "per-model" // /mô hình
  | "per-establishment" // /cơ sở
  | "per-enterprise" // /doanh nghiệp
  | "per-trademark" // /nhãn hiệu, thương hiệu
  | "per-round" // /lần (bình chọn)
  | "per-product" // /sản phẩm
  | "per-cluster" // /cụm công nghiệp, cụm liên kết
  | "per-association" // /hội, hiệp hội
  | "per-project" // /đề án
  | "per-person" // /người
  | "per-booth" // /gian hàng

/**
 * How the support for a spending item is capped. Parameters are referenced by id so that
 * overlays and reforms can replace them and traces can cite them.
 * - `rate-and-amount`: at most `rate` × eligible cost and at most `amount` per `unit`;
 * - `amount`: at most `amount` per `unit` (lump sum);
 * - `rate`: at most `rate` × eligible cost (e.g. 100 % on a bid or approved price);
 * - `multiple-of`: `multiple` × the absolute cap of another item (technology line = 1.5 × machinery),
 *   with the rate of that item unless `rate` is given.
 * @category models
 * @since 0.1.0
 */
export type CapRule =
  | { readonly kind: "rate-and-amount"; readonly rate: string; readonly amount: string; readonly unit: CapUnit }
  | { readonly kind: "amount"; readonly amount: string; readonly unit: CapUnit }
  | { readonly kind: "rate"; readonly rate: string; readonly unit: CapUnit }
  | {
      readonly kind: "multiple-of"
      readonly item: string
      readonly multiple: string
      readonly rate?: string
      readonly unit: CapUnit
    }
  | {
      /**
       * Management overhead (chi quản lý đề án): at most `share` (parameter id of a Rate) of the
       * support computed for the proposal's other lines, e.g. 2.5 % of the project estimate for
       * the implementing unit under Joint Circular 26/2014 art. 6.2.s. Always `per-project`.
       */
      readonly kind: "share-of-support"
      readonly share: string
      readonly unit: "per-project"
    }

/**
 * A spending item (nội dung chi) of an activity, with its cap rule.
 * @category models
 * @since 0.1.0
 */
export interface SpendingItem {
  /** Stable code, unique in the pack, e.g. `machinery.equipment`. */
  readonly code: string
  readonly name: string
  readonly nameVi: string
  readonly cap: CapRule
  /** Where the item and its cap are set (the cap's parameters carry their own citations). */
  readonly citation: Citation
}

/**
 * An activity (nội dung hoạt động khuyến công), e.g. demonstration models or machinery.
 * @category models
 * @since 0.1.0
 */
export interface Activity {
  /** Stable code used in proposals, e.g. `machinery`. */
  readonly code: string
  readonly name: string
  readonly nameVi: string
  /**
   * Short forms officials write in registers and plans ("Thông tin tuyên truyền" for the media
   * activity), from the catalogue; not legal names. Spreadsheet imports match them without accents
   * or case.
   */
  readonly aliases?: ReadonlyArray<string>
  /** Where the activity is defined (e.g. Decree 45/2012 art. 4). */
  readonly citation: Citation
  readonly items: ReadonlyArray<SpendingItem>
  /** The advance tier (`AdvanceTier.id`) that applies to this activity. */
  readonly advanceTier: string
}

/**
 * An area (địa bàn ưu tiên) or industry (ngành nghề ưu tiên) priority class, in the order of
 * Circular 46/2012 art. 6.3: lower `rank` is served first. `criterion` says which establishments
 * fall in it; its thresholds and lists are parameter ids.
 * @category models
 * @since 0.1.0
 */
export interface PriorityClass {
  readonly id: string
  readonly rank: number
  readonly name: string
  readonly nameVi: string
  readonly citation: Citation
  /** Which establishments fall in the class (read from the establishment's facts). */
  readonly criterion: PriorityCriterion
}

/**
 * A location flag of an establishment's production location that a priority class can test.
 * @category models
 * @since 0.1.0
 */
export type LocationFlag = "highland" | "island" | "border" | "ethnicMinorityArea" | "poorDistrict" | "newRuralCommune"

/**
 * The test that puts an establishment in a priority class. Thresholds and lists are parameter
 * ids, so another period's pack reuses the criterion with its own figures.
 * - `location-flag`: any of the flags is set on the production location;
 * - `difficult-area`: the location's difficulty (`difficultArea`) is in the list parameter;
 * - `export-contract`: the establishment has an export contract (hợp đồng xuất khẩu);
 * - `local-raw-material-above`: local raw materials exceed the Rate parameter (> 50 %);
 * - `workforce-at-least`: workforce ≥ the number parameter (≥ 50 workers);
 * - `industry-in`: the industry code is in the list parameter (hierarchical codes: `a` covers `a/b`);
 * - `owner-flag`: any of the owner facts named in the list parameter is set on the establishment
 *   (`womenOwned`: do phụ nữ làm chủ; `ethnicMinorityOwned`: do người dân tộc thiểu số làm chủ);
 *   other names in the list are ignored (Decree 235/2025 priority for owner groups);
 * - `any`: at least one of the nested criteria.
 * @category models
 * @since 0.1.0
 */
export type PriorityCriterion =
  | { readonly kind: "location-flag"; readonly flags: ReadonlyArray<LocationFlag> }
  | { readonly kind: "difficult-area"; readonly levels: string }
  | { readonly kind: "export-contract" }
  | { readonly kind: "local-raw-material-above"; readonly threshold: string }
  | { readonly kind: "workforce-at-least"; readonly threshold: string }
  | { readonly kind: "industry-in"; readonly industries: string }
  | { readonly kind: "owner-flag"; readonly flags: string }
  | { readonly kind: "any"; readonly of: ReadonlyArray<PriorityCriterion> }

/**
 * Kinds of eligibility rule the core knows how to evaluate (see the `Eligibility` module): one
 * folder each under `src/rules/eligibility/<kind>/`, listed in its registry. Each kind reads its
 * figures from parameters named in {@link EligibilityRule.parameters}, one per role:
 * `legal-form`, `location`, `location-province`, `industry`, `industry-exclusion`, `mining-area`
 * (per establishment); `activity-in-catalogue`, `approved`, `counterpart-funding`,
 * `no-double-funding` (per proposal). The repository's guide to writing a rule pack lists the
 * roles of each kind; the module header of each kind's folder states the rule it encodes.
 * @useDeclaredType
 * @category models
 * @since 0.1.0
 */
export type EligibilityRuleKind = KindName

/**
 * One eligibility condition of a pack: which rule function runs (`kind`), with which parameters
 * (role → parameter id), under which citation.
 * @category models
 * @since 0.1.0
 */
export interface EligibilityRule {
  /** Stable rule id shown in every verdict, e.g. `eligibility.location`. */
  readonly id: string
  readonly kind: EligibilityRuleKind
  readonly name: string
  readonly nameVi: string
  /** Role → parameter id, per kind (see {@link EligibilityRuleKind}). */
  readonly parameters: Readonly<Record<string, string>>
  /**
   * The activities (activity codes) the condition is about, when the law states it for some
   * activities only (enterprise set-up only in difficult areas): the rule is then checked only for
   * proposals with one of them and is not applicable to others. Absent: every proposal.
   * @since 0.3.0
   */
  readonly activities?: ReadonlyArray<string>
  readonly citation: Citation
}

/**
 * Pack-wide support settings (mức hỗ trợ).
 * @category models
 * @since 0.1.0
 */
export interface SupportRules {
  /**
   * Parameter id of a Rate ≥ 1: the most the support levels may be raised for a priority
   * proposal (mức ưu tiên, ≤ 1.5× under Joint Circular 26/2014 art. 6.2.t). Applied only when the
   * caller asks for it; always reported.
   */
  readonly priorityMultiplier?: string
  /** Rounding mode id for rate × cost (e.g. `"down-1"`); default `down-1`. */
  readonly rounding?: string
}

/**
 * Pack-wide priority settings (nguyên tắc ưu tiên).
 * @category models
 * @since 0.1.0
 */
export interface PriorityRules {
  /**
   * Parameter id of a list of activity codes ranked without area or industry order (cleaner
   * production, Circular 46/2012 art. 6.3.b).
   */
  readonly unrankedActivities?: string
  /**
   * Parameter id of a list of funds (`national`, `local`) whose ranking puts declared key projects
   * (`Proposal.keyProject`, đề án khuyến công quốc gia điểm) before every other proposal, before
   * the area classes (Circular 36/2013/TT-BCT art. 7.1 for the national plan). The parameter's
   * citation is the ranking's reason.
   */
  readonly keyProjectsFirst?: string
  readonly citation: Citation
}

/**
 * A layer of a layered pack: the national pack, a provincial overlay or a what-if reform.
 * @category models
 * @since 0.1.0
 */
export interface LayerInfo {
  readonly id: string
  readonly kind: "national" | "overlay" | "reform"
  readonly title: string
  readonly citation?: Citation
  /** Province code (mã tỉnh) of an overlay. */
  readonly province?: string
  /** Days the layer applies (an overlay's effective range, a reform's range). */
  readonly start?: LocalDate
  readonly end?: LocalDate
}

/**
 * Days on which an upper layer set a parameter or added / removed an item or activity.
 * @category models
 * @since 0.1.0
 */
export interface LayerSegment {
  readonly layer: string
  readonly start: LocalDate
  readonly end?: LocalDate
}

/**
 * Which layer set what, for packs produced by `Overlay.apply` and `Reform.apply`.
 * @category models
 * @since 0.1.0
 */
export interface Layering {
  /** Bottom first: `national`, then overlays and reforms in the order applied. */
  readonly layers: ReadonlyArray<LayerInfo>
  /** Parameter id → segments set by upper layers (later segments win). */
  readonly parameters: Readonly<Record<string, ReadonlyArray<LayerSegment>>>
  /** Item or activity code → segments on which a layer added it (absent outside them). */
  readonly added: Readonly<Record<string, ReadonlyArray<LayerSegment>>>
  /** Item code → segments on which a layer removed it. */
  readonly removed: Readonly<Record<string, ReadonlyArray<LayerSegment>>>
  /** Parameter id → the segment a layer introduced it for (it need only cover those days). */
  readonly introduced: Readonly<Record<string, LayerSegment>>
  /** Province code when the pack carries a provincial overlay: it then governs local-fund proposals only. */
  readonly province?: string
  /** The pack below the first overlay: what national-fund proposals use. */
  readonly national?: RulePack
  /** Warnings raised while layering (e.g. a level raised above the national one). */
  readonly warnings: ReadonlyArray<Issue>
}

/**
 * Condition a tier of advances needs (điều kiện tạm ứng).
 * @category models
 * @since 0.1.0
 */
export type AdvanceCondition =
  | { readonly kind: "none" }
  | { readonly kind: "progress-over"; readonly threshold: string /* parameter id of a Rate */ }
  | { readonly kind: "base-acceptance" } // nghiệm thu cơ sở
  | { readonly kind: "base-acceptance-and-registration" } // nghiệm thu + giấy chứng nhận đăng ký doanh nghiệp

/**
 * A tier of the advance schedule (tạm ứng): the first advance's share and its condition.
 * @category models
 * @since 0.1.0
 */
export interface AdvanceTier {
  readonly id: string
  readonly name: string
  /** Parameter id of a Rate: share of the approved support advanced first. */
  readonly firstAdvance: string
  readonly condition: AdvanceCondition
  readonly citation: Citation
}

/**
 * The advance schedule: tiers, what releases the remainder, an optional overall ceiling.
 * @category models
 * @since 0.1.0
 */
export interface AdvanceSchedule {
  readonly tiers: ReadonlyArray<AdvanceTier>
  /** What releases the remaining amount (usually base-level acceptance, nghiệm thu cơ sở). */
  readonly remainder: { readonly condition: AdvanceCondition; readonly citation: Citation }
  /** Parameter id of a Rate: overall ceiling on advances as a share of the contract, if any. */
  readonly overallCeiling?: string
}

/**
 * A recurring deadline in the plan calendar (lịch kế hoạch).
 * - `yearly`: day and month, in the plan year offset by `yearOffset` (−1: the year before the plan
 *   year, e.g. registration; +1: the year after, e.g. settlement);
 * - `monthly`: a day of each month during the plan year (progress reports);
 * - `after-event`: a number of days after an event (e.g. closing dossier after acceptance).
 *
 * `cutoff` (optional) says whether the day named is itself on time: `before` for "trước ngày N"
 * (day N is late), `on-or-before` for "chậm nhất", "không được chậm quá" (day N is on time). When
 * absent, `Calendar` reads it from the entry's Vietnamese name.
 * @category models
 * @since 0.1.0
 */
export type Deadline =
  | { readonly kind: "yearly"; readonly month: number; readonly day: number; readonly yearOffset: number; readonly cutoff?: DeadlineCutoff }
  | { readonly kind: "monthly"; readonly day: number; readonly cutoff?: DeadlineCutoff }
  | { readonly kind: "after-event"; readonly event: string; readonly days: number; readonly cutoff?: DeadlineCutoff }

/**
 * Whether a deadline's day is itself on time (hạn chót): `before` ("trước ngày N": day N is late)
 * or `on-or-before` ("chậm nhất", "không được chậm quá": day N is on time).
 * @category models
 * @since 0.1.0
 */
export type DeadlineCutoff = "before" | "on-or-before"

/**
 * A calendar entry: who must do what by when, with its citation.
 * @category models
 * @since 0.1.0
 */
export interface CalendarEntry {
  readonly id: string
  readonly name: string
  readonly nameVi: string
  /** Who acts: e.g. `implementing-unit`, `provincial-doit` (Sở Công Thương), `ministry`. */
  readonly actor: string
  readonly deadline: Deadline
  readonly citation: Citation
}

/**
 * The period a pack governs (thời kỳ áp dụng): by decision (approval) date, `start … end` both
 * included, and by plan year, `from … to` both included. Every pack's period is closed: a date
 * or plan year outside it is an error (`Pack.PeriodError`), never an answer from the nearest pack.
 * A plan year is governed by the pack that governs the first decision day of that year.
 * @category models
 * @since 0.1.0
 */
export interface Governs {
  readonly decisions: { readonly start: LocalDate; readonly end: LocalDate }
  readonly planYears: { readonly from: number; readonly to: number }
}

/**
 * A parameter value type a pack may hold. Money as bigint đồng; rates as exact fractions; counts
 * as integers; lists of codes as string arrays; switches as booleans.
 * @category models
 * @since 0.1.0
 */
export type ParameterValue =
  | bigint
  | { readonly numerator: bigint; readonly denominator: bigint }
  | number
  | boolean
  | string
  | ReadonlyArray<string>

/**
 * The type of a parameter value, as a rule reads it: money (bigint đồng), a rate (a fraction), a
 * number, a switch, a text (code) or a list of codes.
 * @category models
 * @since 0.2.0
 */
export type ValueType = "money" | "rate" | "number" | "boolean" | "text" | "list"

/**
 * The type of a parameter value, or `undefined` when it is none of {@link ParameterValue}'s.
 * @example `RulePack.valueTypeOf(300_000_000n)` → `"money"`; `RulePack.valueTypeOf({ numerator: 1n, denominator: 2n })` → `"rate"`
 * @category models
 * @since 0.2.0
 */
export const valueTypeOf = (u: unknown): ValueType | undefined => {
  switch (typeof u) {
    case "bigint":
      return "money"
    case "number":
      return Number.isFinite(u) ? "number" : undefined
    case "boolean":
      return "boolean"
    case "string":
      return "text"
    case "object":
      if (Array.isArray(u)) return u.every((x) => typeof x === "string") ? "list" : undefined
      return isFraction(u) ? "rate" : undefined
    default:
      return undefined
  }
}

/**
 * How a value type is named in messages.
 * @example `RulePack.valueTypeLabel.rate` → `"a rate (tỷ lệ, fraction of bigints)"`
 * @category models
 * @since 0.2.0
 */
export const valueTypeLabel: { readonly [K in ValueType]: string } = {
  money: "an amount of money (số tiền, bigint đồng)",
  rate: "a rate (tỷ lệ, fraction of bigints)",
  number: "a number",
  boolean: "a switch (true/false)",
  text: "a text",
  list: "a list of codes"
}

/**
 * An instrument reported but never seen (no text found), which may replace instruments the pack
 * encodes: results from `on` carry a warning naming it and its grade (`ResolvedPack.warnings`,
 * `pack/reported-instrument`). It is never a source of figures. The day its text is found, it
 * becomes an ordinary instrument with an effective date and dated values in the corpus, and the
 * warning goes: no code change.
 * @category models
 * @since 0.3.0
 */
export interface ReportedInstrument {
  readonly instrument: Instrument
  /** The day from which results warn: the reported date (its effective day is not known). */
  readonly on: LocalDate
  /** How sure the report is (`unconfirmed` for a lead from one source). */
  readonly grade: Citation["grade"]
  /** The instruments of the pack it may replace or amend. */
  readonly mayReplace: ReadonlyArray<string>
  /** What it is said to change, in words. */
  readonly concerns: string
  /** Where the report was read (a file of the legal reference). */
  readonly source: string
}

/**
 * The rule pack value. Eligibility and priority rule *functions* live in the evaluation modules;
 * the pack holds their data (parameters, classes, catalogue) so that it can be validated,
 * overlaid, reformed and compared.
 * @category models
 * @since 0.1.0
 */
export interface RulePack {
  readonly id: string
  /** Version of the pack's data (semver), recorded in every evaluation result. */
  readonly version: string
  readonly title: string
  readonly instruments: ReadonlyArray<Instrument>
  readonly governs: Governs
  readonly parameters: Readonly<Record<string, Parameter<ParameterValue>>>
  readonly activities: ReadonlyArray<Activity>
  readonly areaPriorities: ReadonlyArray<PriorityClass>
  readonly industryPriorities: ReadonlyArray<PriorityClass>
  readonly advances: AdvanceSchedule
  readonly calendar: ReadonlyArray<CalendarEntry>
  /** Eligibility conditions (điều kiện được hỗ trợ), evaluated in this order. */
  readonly eligibility: ReadonlyArray<EligibilityRule>
  /** Support settings (priority multiplier, rounding); absent: no multiplier, `down-1`. */
  readonly support?: SupportRules
  /** Priority settings (activities exempt from area / industry order). */
  readonly priority?: PriorityRules
  /** Present on packs built by `Overlay.apply` / `Reform.apply`: which layer set what. */
  readonly layering?: Layering
  /**
   * Instruments reported but unseen that may replace some the pack encodes (`Manifest.build` takes
   * them from the corpus's `status: reported` entries with a `report`).
   * @since 0.3.0
   */
  readonly reported?: ReadonlyArray<ReportedInstrument>
}

// ---------------------------------------------------------------------------------------------
// Schemas

const CAP_UNITS = [
  "per-model",
  "per-establishment",
  "per-enterprise",
  "per-trademark",
  "per-round",
  "per-product",
  "per-cluster",
  "per-association",
  "per-project",
  "per-person",
  "per-booth"
] as const satisfies ReadonlyArray<CapUnit>

const LOCATION_FLAGS = ["highland", "island", "border", "ethnicMinorityArea", "poorDistrict", "newRuralCommune"] as const satisfies ReadonlyArray<LocationFlag>

const CUTOFFS = ["before", "on-or-before"] as const satisfies ReadonlyArray<DeadlineCutoff>

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

const NON_BLANK = "must be non-blank text"

/** A code or id: non-blank text, reported with `code`. */
const code = (code: string, label: string) => Decode.field(Decode.text, { code, label, expects: NON_BLANK })

const names = {
  name: Decode.field(Decode.text, { code: "pack/missing-name", label: "name (tên)", expects: "must be non-blank text, in English" }),
  nameVi: Decode.field(Decode.text, { code: "pack/missing-name", label: "Vietnamese name (tên tiếng Việt)", expects: NON_BLANK })
}

/** A parameter id that a rule reads (tham số): non-empty text; `Pack.load` checks it names a parameter of the right type. */
const reference = Decode.field(Schema.String.check(Schema.isMinLength(1)), {
  code: "pack/missing-parameter-reference",
  label: "parameter id (mã tham số)",
  expects: "must be the id of a parameter of the pack"
})

const day = (label: string) => Decode.field(localDateSchema, { label, expects: "must be a YYYY-MM-DD day (ngày) that exists" })

const whole = (label: string, min: number, max: number) =>
  Decode.field(Schema.Int.check(Schema.isBetween({ minimum: min, maximum: max })), { label, expects: `must be a whole number from ${min} to ${max}` })

/** The `kind` (or `op`) of a structure, reported with `code` when it is missing or unknown. */
const discriminated = <S extends Schema.Top>(union: S, key: string, spec: Decode.FieldSpec): S["Rebuild"] =>
  union.annotate({ [Decode.discriminatorAnnotation]: key, [Decode.discriminatorFieldAnnotation]: spec }) as S["Rebuild"]

const capUnit = Decode.field(Schema.Literals(CAP_UNITS), { code: "pack/invalid-cap-unit", label: "cap unit (đơn vị tính)", expects: `must be one of ${CAP_UNITS.join(", ")}` })

const capRule = discriminated(
  Schema.Union([
    Schema.Struct({ kind: Schema.Literal("rate-and-amount"), rate: reference, amount: reference, unit: capUnit }),
    Schema.Struct({ kind: Schema.Literal("amount"), amount: reference, unit: capUnit }),
    Schema.Struct({ kind: Schema.Literal("rate"), rate: reference, unit: capUnit }),
    Schema.Struct({
      kind: Schema.Literal("multiple-of"),
      item: code("pack/unknown-item", "base item (nội dung chi gốc)"),
      multiple: reference,
      rate: Schema.optional(reference),
      unit: capUnit
    }),
    Schema.Struct({
      kind: Schema.Literal("share-of-support"),
      share: reference,
      // Not a literal: a literal field would make the union read the cap as another kind
      unit: Decode.field(Schema.Literals(CAP_UNITS).pipe(Schema.refine((u): u is "per-project" => u === "per-project")), {
        code: "pack/invalid-cap-unit",
        label: "cap unit (đơn vị tính)",
        expects: "must be per-project: a management-overhead share (chi quản lý) applies per project"
      })
    })
  ]),
  "kind",
  { code: "pack/unknown-cap-kind", label: "cap rule kind (loại mức hỗ trợ tối đa)", expects: "must be rate-and-amount, amount, rate, multiple-of or share-of-support" }
).annotate({
  [Decode.fieldAnnotation]: {
    code: "pack/missing-cap-rule",
    label: "cap rule (mức hỗ trợ tối đa)",
    expects: "must be an object with a kind, its parameters and a unit"
  }
})


const advanceCondition = discriminated(
  Schema.Union([
    Schema.Struct({ kind: Schema.Literal("none") }),
    Schema.Struct({ kind: Schema.Literal("progress-over"), threshold: reference }),
    Schema.Struct({ kind: Schema.Literal("base-acceptance") }),
    Schema.Struct({ kind: Schema.Literal("base-acceptance-and-registration") })
  ]),
  "kind",
  {
    code: "pack/invalid-advance-condition",
    label: "advance condition kind (điều kiện tạm ứng)",
    expects: "must be none, progress-over, base-acceptance or base-acceptance-and-registration"
  }
).annotate({
  [Decode.fieldAnnotation]: { code: "pack/invalid-advance-condition", label: "advance condition (điều kiện tạm ứng)", expects: "must be an object with a kind" }
})

const cutoff = Schema.optional(
  Decode.field(Schema.Literals(CUTOFFS), { label: "cutoff (hạn chót)", expects: 'must be "before" (trước ngày) or "on-or-before" (chậm nhất)' })
)

const deadline = discriminated(
  Schema.Union([
    Schema.Struct({
      kind: Schema.Literal("yearly"),
      month: whole("deadline month (tháng)", 1, 12),
      day: whole("deadline day (ngày)", 1, 31),
      yearOffset: whole("deadline yearOffset (năm so với năm kế hoạch)", -5, 5),
      cutoff
    }).check(
      Decode.check<{ readonly month: number; readonly day: number }>(
        "pack/invalid-deadline",
        (d) => (d.day <= daysInMonth(2024, d.month) ? undefined : `deadline day ${d.day} does not exist in month ${d.month}`),
        "a day that exists in its month",
        ["day"]
      )
    ),
    Schema.Struct({ kind: Schema.Literal("monthly"), day: whole("monthly deadline day (ngày)", 1, 31), cutoff }),
    Schema.Struct({
      kind: Schema.Literal("after-event"),
      event: Decode.field(Decode.text, { label: "event (sự kiện)", expects: "must name the event the deadline follows" }),
      days: whole("days after the event (số ngày)", 0, 3660),
      cutoff
    })
  ]),
  "kind",
  { code: "pack/invalid-deadline", label: "deadline kind (thời hạn)", expects: "must be yearly, monthly or after-event" }
).annotate({
  [Decode.fieldAnnotation]: { code: "pack/invalid-deadline", label: "deadline (thời hạn)", expects: "must be an object with a kind" }
})

const rank = Decode.field(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)), {
  code: "pack/invalid-rank",
  label: "rank (thứ tự ưu tiên)",
  expects: "must be a whole number ≥ 1 (1 is served first)"
})

const criterion: Schema.Codec<PriorityCriterion> = discriminated(
  Schema.Union([
    Schema.Struct({
      kind: Schema.Literal("location-flag"),
      flags: Decode.field(Schema.Array(Schema.Literals(LOCATION_FLAGS)).check(Schema.isMinLength(1)), {
        code: "pack/invalid-criterion",
        label: "location flags (đặc điểm địa bàn)",
        expects: `must be a non-empty list of ${LOCATION_FLAGS.join(", ")}`
      })
    }),
    Schema.Struct({ kind: Schema.Literal("difficult-area"), levels: reference }),
    Schema.Struct({ kind: Schema.Literal("export-contract") }),
    Schema.Struct({ kind: Schema.Literal("local-raw-material-above"), threshold: reference }),
    Schema.Struct({ kind: Schema.Literal("workforce-at-least"), threshold: reference }),
    Schema.Struct({ kind: Schema.Literal("industry-in"), industries: reference }),
    Schema.Struct({ kind: Schema.Literal("owner-flag"), flags: reference }),
    Schema.Struct({
      kind: Schema.Literal("any"),
      of: Decode.field(Schema.Array(Schema.suspend((): Schema.Codec<PriorityCriterion> => criterion)).check(Schema.isMinLength(1)), {
        code: "pack/invalid-criterion",
        label: "criteria (tiêu chí)",
        expects: "must be a non-empty list of criteria"
      })
    })
  ]),
  "kind",
  {
    code: "pack/invalid-criterion",
    label: "criterion kind (tiêu chí)",
    expects: "must be location-flag, difficult-area, export-contract, local-raw-material-above, workforce-at-least, industry-in, owner-flag or any"
  }
).annotate({
  [Decode.fieldAnnotation]: { code: "pack/missing-criterion", label: "criterion (tiêu chí)", expects: "must be an object with a kind, saying which establishments fall in the class" }
}) as unknown as Schema.Codec<PriorityCriterion>

/**
 * The schemas of a pack's structures over a citation schema: the full `Citation.schema` for a
 * pack definition ({@link schema}), the citation by instrument number for the corpus
 * (`Corpus.fileSchemas`, which files an entry by its code or id and so reads the `…Body` and
 * `activityFields` forms, without it). Every problem has its stable code, the one `Pack.load` documents
 * (`pack/missing-code`, `pack/unknown-cap-kind`, `pack/invalid-deadline` …), and a message naming
 * the field, wherever the structure sits. Cross-references (parameters, advance tiers, base
 * items, unique codes, eligibility roles) are `Pack.load`'s, not the schemas'.
 * @example `Schema.is(RulePack.schemas(Citation.schema).capRule)({ kind: "amount", amount: "support.trademark.cap", unit: "per-trademark" })` → `true`
 * @category schemas
 * @since 0.2.0
 */
export const schemas = <C extends Schema.Top>(citation: C) => {
  const cite = Decode.field(citation, { code: "pack/missing-citation", label: "citation (căn cứ pháp lý)", expects: "must be a citation with a grade" })
  const spendingItem = Schema.Struct({
    code: code("pack/missing-code", "spending item code (mã nội dung chi)"),
    ...names,
    cap: Decode.field(capRule, {
      code: "pack/missing-cap-rule",
      label: "cap rule (mức hỗ trợ tối đa)",
      expects: "must be an object with a kind, its parameters and a unit"
    }),
    citation: cite
  }).annotate({ [Decode.fieldAnnotation]: { code: "pack/invalid-item", label: "spending item (nội dung chi)", expects: "must be an object" } })

  // The fields of each entry the corpus files by its code or id (a body), then the entry itself.
  const activityFields = {
    ...names,
    /** Short forms officials write for the activity in registers (not legal names; matched without accents or case). */
    aliases: Schema.optionalKey(
      Decode.field(Schema.Array(Decode.text), { code: "pack/invalid-aliases", label: "short forms (tên gọi tắt)", expects: "must be a list of non-blank texts" })
    ),
    citation: cite,
    advanceTier: Decode.field(Schema.String, {
      code: "pack/unknown-advance-tier",
      label: "advance tier (mức tạm ứng)",
      expects: "must be the id of an advance tier of the pack"
    }),
    items: Decode.field(Schema.Array(spendingItem), { code: "pack/invalid-items", label: "spending items (nội dung chi)", expects: "must be a list" })
  }
  const activitySpec = { [Decode.fieldAnnotation]: { code: "pack/invalid-activity", label: "activity (nội dung hoạt động)", expects: "must be an object" } }
  const activity = Schema.Struct({ code: code("pack/missing-code", "activity code (mã nội dung hoạt động)"), ...activityFields }).annotate(activitySpec)

  const ruleFields = {
    kind: Decode.field(Decode.text, { code: "pack/unknown-rule-kind", label: "eligibility rule kind (loại điều kiện)", expects: `must be a kind the core knows: ${kindNames.join(", ")}` }),
    ...names,
    parameters: Decode.field(Schema.Record(Schema.String, reference), {
      code: "pack/invalid-rule-parameters",
      label: "rule parameters (tham số của điều kiện)",
      expects: "must map each role of the kind to a parameter id"
    }),
    activities: Schema.optionalKey(
      Decode.field(Schema.Array(reference).check(Schema.isMinLength(1)), {
        code: "pack/invalid-rule-activities",
        label: "activities the rule is about (nội dung hoạt động áp dụng)",
        expects: "must be a non-empty list of activity codes"
      })
    ),
    citation: cite
  }
  const ruleSpec = { [Decode.fieldAnnotation]: { code: "pack/invalid-rule", label: "eligibility rule (điều kiện được hỗ trợ)", expects: "must be an object" } }
  /** The kind is one the registry lists: `EligibilityRuleKind`. */
  const knownKind = Decode.check<unknown>(
    "pack/unknown-rule-kind",
    (u) => {
      const r = u as { readonly id?: string; readonly kind: string }
      return isKind(r.kind) ? undefined : `eligibility rule${r.id === undefined ? "" : ` "${r.id}"`} has kind ${JSON.stringify(r.kind)}, which the core does not know (${kindNames.join(", ")})`
    },
    "a kind the core knows",
    ["kind"]
  )
  const ruleBody = Schema.Struct(ruleFields).annotate(ruleSpec)
  const rule = Schema.Struct({ id: code("pack/missing-id", "eligibility rule id (mã điều kiện)"), ...ruleFields }).annotate(ruleSpec)
  const eligibilityRuleBody = ruleBody.check(knownKind) as unknown as KnownKind<typeof ruleBody>
  const eligibilityRule = rule.check(knownKind) as unknown as KnownKind<typeof rule>

  const classFields = {
    rank,
    ...names,
    citation: cite,
    criterion: Decode.field(criterion, { code: "pack/missing-criterion", label: "criterion (tiêu chí)", expects: "must say which establishments fall in the class" })
  }
  const classSpec = { [Decode.fieldAnnotation]: { code: "pack/invalid-priority-class", label: "priority class (nhóm ưu tiên)", expects: "must be an object" } }
  const priorityClassBody = Schema.Struct(classFields).annotate(classSpec)
  const priorityClass = Schema.Struct({ id: code("pack/missing-id", "priority class id (mã nhóm ưu tiên)"), ...classFields }).annotate(classSpec)
  const priorityRules = Schema.Struct({ unrankedActivities: Schema.optional(reference), keyProjectsFirst: Schema.optional(reference), citation: cite }).annotate({
    [Decode.fieldAnnotation]: { code: "pack/invalid-priority", label: "priority settings (nguyên tắc ưu tiên)", expects: "must be an object with a citation" }
  })

  const tierFields = {
    name: Decode.field(Decode.text, { code: "pack/missing-name", label: "name (tên)", expects: NON_BLANK }),
    firstAdvance: reference,
    condition: Decode.field(advanceCondition, { code: "pack/invalid-advance-condition", label: "advance condition (điều kiện tạm ứng)", expects: "must be an object with a kind" }),
    citation: cite
  }
  const tierSpec = { [Decode.fieldAnnotation]: { code: "pack/invalid-advance-tier", label: "advance tier (mức tạm ứng)", expects: "must be an object" } }
  const advanceTierBody = Schema.Struct(tierFields).annotate(tierSpec)
  const advanceTier = Schema.Struct({ id: code("pack/missing-id", "advance tier id (mã mức tạm ứng)"), ...tierFields }).annotate(tierSpec)
  const advanceRemainder = Schema.Struct({ condition: advanceCondition, citation: cite }).annotate({
    [Decode.fieldAnnotation]: { code: "pack/invalid-advances", label: "advance remainder (phần còn lại)", expects: "must be an object with a condition and a citation" }
  })
  const advanceSchedule = Schema.Struct({
    tiers: Decode.field(Schema.Array(advanceTier), { code: "pack/invalid-advances", label: "advance tiers (mức tạm ứng)", expects: "must be a list" }),
    remainder: advanceRemainder,
    overallCeiling: Schema.optional(reference)
  }).annotate({ [Decode.fieldAnnotation]: { code: "pack/invalid-advances", label: "advance schedule (tạm ứng)", expects: "must be an object with tiers and a remainder" } })

  const entryFields = {
    ...names,
    actor: Decode.field(Decode.text, { label: "actor (đơn vị thực hiện)", expects: "must be non-blank text such as implementing-unit" }),
    deadline: Decode.field(deadline, { code: "pack/invalid-deadline", label: "deadline (thời hạn)", expects: "must be an object with a kind" }),
    citation: cite
  }
  const entrySpec = { [Decode.fieldAnnotation]: { code: "pack/invalid-calendar-entry", label: "calendar entry (mốc kế hoạch)", expects: "must be an object" } }
  const calendarEntryBody = Schema.Struct(entryFields).annotate(entrySpec)
  const calendarEntry = Schema.Struct({ id: code("pack/missing-id", "calendar entry id (mã mốc kế hoạch)"), ...entryFields }).annotate(entrySpec)

  return {
    capRule,
    spendingItem,
    activity,
    activityFields,
    eligibilityRule,
    eligibilityRuleBody,
    criterion,
    priorityClass,
    priorityClassBody,
    priorityRules,
    advanceCondition,
    advanceTier,
    advanceTierBody,
    advanceRemainder,
    advanceSchedule,
    deadline,
    calendarEntry,
    calendarEntryBody
  }
}

/**
 * The schema of a struct whose `kind` a check restricts to the kinds of the eligibility rule
 * registry ({@link EligibilityRuleKind}): what {@link schemas} gives for an eligibility rule.
 * @category schemas
 * @since 0.2.0
 */
export type KnownKind<S extends Schema.Top> = Schema.Codec<Omit<S["Type"], "kind"> & { readonly kind: EligibilityRuleKind }, S["Encoded"]>

/**
 * A parameter value of a pack written in code: money (bigint đồng), a rate (a fraction of bigints
 * with a positive denominator, reduced on load), a count, a switch, a code or a list of codes.
 * Anything else is `pack/invalid-parameter-value`.
 * @example `Schema.is(RulePack.parameterValueSchema)({ numerator: 30n, denominator: 100n })` → `true`
 * @category schemas
 * @since 0.2.0
 */
export const parameterValueSchema: Schema.Codec<ParameterValue> = Decode.field(
  Schema.declare((u): u is ParameterValue => valueTypeOf(u) !== undefined),
  {
    code: "pack/invalid-parameter-value",
    label: "parameter value (giá trị tham số)",
    expects: "must be an amount (bigint đồng), a rate ({ numerator, denominator } of bigints, denominator > 0), a number, a switch, a text or a list of codes"
  }
)

const structures = schemas(citationSchema)

const governs = Decode.field(
  Schema.Struct({
    decisions: Schema.Struct({ start: day("first decision day (từ ngày)"), end: day("last decision day (đến ngày)") }).check(
      Decode.check<{ readonly start: string; readonly end: string }>(
        "pack/invalid-governs",
        (d) => (d.end >= d.start ? undefined : `decision period ends on ${d.end}, before it starts on ${d.start}`),
        "an end not before the start",
        ["end"]
      )
    ),
    planYears: Decode.field(
      Schema.Struct({ from: Schema.Int, to: Schema.Int }).check(
        Decode.check<{ readonly from: number; readonly to: number }>(
          "pack/invalid-governs",
          (y) => (y.from <= y.to ? undefined : `plan years run from ${y.from} to ${y.to}: the end is before the start`),
          "from ≤ to",
          ["to"]
        )
      ),
      { label: "plan years (năm kế hoạch)", expects: "must be { from, to }, whole years" }
    )
  }),
  { code: "pack/invalid-governs", label: "the period the pack governs (governs)", expects: "must be { decisions: { start, end }, planYears: { from, to } }: a closed period" }
)

/**
 * The id of a layer (an overlay, a reform): non-blank and not `national`, the layer of the pack
 * itself; reported with `code`.
 * @example `Decode.problems(RulePack.layerIdSchema("reform/missing-id", "reform (giả định)"), "national")[0]?.code` → `"reform/missing-id"`
 * @internal
 */
export const layerIdSchema = (code: string, what: string) =>
  Decode.field(
    Decode.text.check(Decode.check<string>(code, (x) => (x === "national" ? `${what} needs an id other than "national", the layer of the pack itself` : undefined), "an id other than national")),
    { code, label: `${what} id`, expects: 'must be non-blank text other than "national"' }
  )

/**
 * The days a layer applies (`LayerSegment`), `{ start, end? }`, end not before start; every
 * problem of it is reported with `code` (`overlay/invalid-range`, `reform/invalid-range`).
 * @example `Decode.problems(RulePack.layerRangeSchema("overlay/invalid-range", "overlay effective range (hiệu lực)"), { start: "2025-05-05", end: "2025-01-01" })[0]?.code` → `"overlay/invalid-range"`
 * @internal
 */
export const layerRangeSchema = (code: string, label: string) =>
  Decode.field(
    Schema.Struct({ start: day("first day (từ ngày)"), end: Schema.optional(day("last day (đến ngày)")) }).check(
      Decode.check<{ readonly start: string; readonly end?: string | undefined }>(
        code,
        (r) => (r.end === undefined || r.end >= r.start ? undefined : `${label} ends on ${r.end}, before it starts on ${r.start}`),
        "an end not before the start",
        ["end"]
      )
    ),
    { code, label, expects: "must be { start, end? } days (ngày) with end ≥ start" }
  )

const layering = Schema.declare((u): u is Layering => typeof u === "object" && u !== null && !Array.isArray(u))

const reportedInstrumentSchema = Schema.Struct({
  instrument: instrumentSchema,
  on: localDateSchema,
  grade: citationSchema.fields.grade,
  mayReplace: Schema.Array(Decode.text),
  concerns: Decode.text,
  source: Decode.text
})

/**
 * A rule pack definition as `Pack.load` reads it, field by field in the order it checks them:
 * the structure of everything the pack holds, with the codes `Pack.load` documents. The
 * parameters are `Parameter.schema` of {@link parameterValueSchema}. Fields the model does not
 * know are ignored.
 * @example `Decode.problems(RulePack.schema, { ...pack, version: "one" })[0]?.code` → `"pack/invalid-version"`
 * @category schemas
 * @since 0.2.0
 */
export const schema = Schema.Struct({
  id: code("pack/missing-id", "rule pack id (mã bộ quy tắc)"),
  version: Decode.field(Schema.String.check(Schema.isPattern(SEMVER)), {
    code: "pack/invalid-version",
    label: "version (phiên bản dữ liệu)",
    expects: "must be a semantic version such as 1.0.0"
  }),
  title: code("pack/missing-title", "title (tên bộ quy tắc)"),
  instruments: Decode.field(Schema.Array(instrumentSchema), { code: "pack/invalid-instruments", label: "instruments (văn bản)", expects: "must be a list of instruments" }),
  governs,
  parameters: Decode.field(
    Schema.Record(
      Schema.String,
      Decode.field(parameterSchema(parameterValueSchema), { code: "pack/invalid-parameter", label: "parameter (tham số)", expects: "must be an object { id, description, values }" })
    ),
    { code: "pack/invalid-parameters", label: "parameters (tham số)", expects: "must be an object keyed by parameter id" }
  ),
  advances: Decode.field(structures.advanceSchedule, {
    code: "pack/invalid-advances",
    label: "advance schedule (tạm ứng)",
    expects: "must be an object with tiers and a remainder"
  }),
  activities: Decode.field(Schema.Array(structures.activity), { code: "pack/invalid-activities", label: "activities (nội dung hoạt động)", expects: "must be a list" }),
  calendar: Decode.field(Schema.Array(structures.calendarEntry), { code: "pack/invalid-calendar", label: "calendar (lịch kế hoạch)", expects: "must be a list" }),
  eligibility: Decode.field(Schema.Array(structures.eligibilityRule), {
    code: "pack/missing-eligibility",
    label: "eligibility rules (điều kiện được hỗ trợ)",
    expects: "must be a list"
  }),
  areaPriorities: Decode.field(Schema.Array(structures.priorityClass), { code: "pack/invalid-priorities", label: "area priorities (địa bàn ưu tiên)", expects: "must be a list" }),
  industryPriorities: Decode.field(Schema.Array(structures.priorityClass), {
    code: "pack/invalid-priorities",
    label: "industry priorities (ngành nghề ưu tiên)",
    expects: "must be a list"
  }),
  support: Schema.optional(
    Schema.Struct({
      priorityMultiplier: Schema.optional(reference),
      rounding: Schema.optional(
        Decode.field(
          Schema.String.check(Decode.check<string>("pack/invalid-rounding", (id) => (roundingById(id).ok ? undefined : `rounding (làm tròn) "${id}" is not a mode id such as "down-1"`), "a rounding mode id")),
          { code: "pack/invalid-rounding", label: "rounding (làm tròn)", expects: 'must be a mode id such as "down-1"' }
        )
      )
    }).annotate({ [Decode.fieldAnnotation]: { code: "pack/invalid-support", label: "support settings (mức hỗ trợ)", expects: "must be an object" } })
  ),
  priority: Schema.optional(structures.priorityRules),
  layering: Schema.optional(layering),
  reported: Schema.optional(
    Decode.field(Schema.Array(reportedInstrumentSchema), {
      code: "pack/invalid-reported",
      label: "reported instruments (văn bản được báo cáo, chưa thấy văn bản)",
      expects: "must be a list of { instrument, on, grade, mayReplace, concerns, source }"
    })
  )
}).annotate({ [Decode.fieldAnnotation]: { code: "pack/not-an-object", label: "rule pack (bộ quy tắc)", expects: "must be an object" } })
