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
 * @since 0.1.0
 * @module
 */
import type { Citation, Instrument } from "../values/Citation.js"
import type { Issue } from "../values/Errors.js"
import type { LocalDate } from "../values/LocalDate.js"
import type { Parameter } from "../values/Parameter.js"
import type { KindName } from "./eligibility/registry.js"

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
 * The period a pack governs: by decision (approval) date and by plan year. `end` inclusive;
 * an open end means "until a later pack takes over".
 * @category models
 * @since 0.1.0
 */
export interface Governs {
  readonly decisions: { readonly start: LocalDate; readonly end?: LocalDate }
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
}
