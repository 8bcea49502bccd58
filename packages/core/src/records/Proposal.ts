/**
 * Proposal (đề án khuyến công): a project carrying out one or more khuyến công activities (nội
 * dung hoạt động) for its beneficiaries, with a cost estimate (dự toán) per activity, funded by
 * the national (khuyến công quốc gia) or a local (khuyến công địa phương) fund (Decree
 * 45/2012/NĐ-CP art. 2.3).
 *
 * Forms (hình thức): `single` (đề án đơn lẻ), `group` (đề án nhóm: several establishments share
 * one proposal, listed in `beneficiaryIds`), `pilot` (đề án thí điểm), `task` (nhiệm vụ khuyến công,
 * e.g. information or programme management, which may have no establishment beneficiary).
 *
 * Each cost line (dòng dự toán) states a quantity (số lượng), a unit cost (đơn giá), the total
 * (thành tiền) and how the total is funded: the support requested from the khuyến công fund
 * (kinh phí khuyến công đề nghị hỗ trợ), the beneficiary's counterpart funding (vốn đối ứng) and,
 * when any, other state funding (nguồn ngân sách khác). Cross-field checks:
 * - `proposal/total-mismatch` at `…costLines[j].total`: total ≠ quantity × unit cost (for a decimal
 *   quantity the exact product rounded either way is accepted);
 * - `proposal/support-exceeds-total` at `…requestedSupport`: requested support above the total;
 * - `proposal/funding-shortfall` / `proposal/funding-excess` at `…counterpartFunding`: requested +
 *   counterpart + other state funding must add up to the total exactly (the counterpart covers the
 *   rest; not reported when requested support already exceeds the total);
 * - `proposal/duplicate-item` at `…costLines[j].item`: the same item twice in an activity for the
 *   same beneficiary;
 * - `proposal/duplicate-activity` at `activities[i].activity`;
 * - `proposal/duplicate-beneficiary` at `beneficiaries[k]`;
 * - `proposal/group-duplicate-beneficiary`, `proposal/group-beneficiary-unknown` at
 *   `form.beneficiaryIds[k]`: a group needs ≥ 2 distinct establishments, all among the beneficiaries;
 * - `proposal/cost-line-beneficiary-unknown` at `…costLines[j].beneficiaryId`;
 * - `proposal/duration-order` at `duration.end`: the duration ends before it starts;
 * - `proposal/key-project-activities` at `keyProject`, `proposal/key-project-duration` at
 *   `duration.end`: a declared key national project (`keyProject`, đề án khuyến công quốc gia
 *   điểm, Circular 36/2013/TT-BCT art. 3.3) has two or more activities and lasts more than one
 *   year (its end on or after the first anniversary of its start). Its "large scale" and the
 *   linkage of its activities are not derivable from the facts and are taken as declared.
 *
 * Support caps and eligibility are rule-pack matters and are not checked here.
 *
 * @example
 * ```ts
 * import { Proposal } from "@khuyencong/core"
 * const r = Proposal.decode(JSON.parse(text))
 * if (!r.ok) r.error.issues.forEach((i) => console.log(i.path.join("."), i.message))
 * ```
 * @since 0.1.0
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import * as Decode from "../values/Decode.js"
import * as AdminUnits from "./AdminUnits.js"
import * as Establishment from "./Establishment.js"
import type { ValidationError } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Period from "../values/Period.js"
import { leaf, NOT_SURE } from "../values/internal/compiled.js"
import * as Rounding from "../values/Rounding.js"
import type { Result } from "../values/Result.js"

// ---------------------------------------------------------------------------------------------
// Quantity

/**
 * A non-integer quantity as canonical decimal text: no leading zeros, no trailing zeros, a
 * non-zero fraction (`"2.5"`, `"0.125"`).
 * @category models
 * @since 0.1.0
 */
export type DecimalQuantity = string & { readonly __brand: "DecimalQuantity" }

/**
 * A quantity (số lượng) > 0: a safe integer, or exact decimal text for fractional quantities.
 * Encoded as a JSON integer or a string (`3`, `"2.5"`); `"3"` and `"3.0"` decode to `3`.
 * @category models
 * @since 0.1.0
 */
export type Quantity = number | DecimalQuantity

const DECIMAL = /^(\d+)(?:\.(\d+))?$/
const CANONICAL_DECIMAL = /^(?:0|[1-9]\d*)\.\d*[1-9]$/

/**
 * Whether a value is a {@link Quantity} in canonical form.
 * @example `isQuantity(3)` → `true`; `isQuantity("2.5")` → `true`; `isQuantity("2.50")` → `false`; `isQuantity(0)` → `false`
 * @category guards
 * @since 0.1.0
 */
export const isQuantity = (u: unknown): u is Quantity =>
  typeof u === "number"
    ? Number.isSafeInteger(u) && u > 0
    : typeof u === "string" && CANONICAL_DECIMAL.test(u)

/** The quantity a JSON value holds (a number in canonical form, or text), or undefined. */
const quantityOf = (u: unknown): Quantity | undefined =>
  typeof u === "number" ? (isQuantity(u) ? u : undefined) : typeof u === "string" ? readQuantity(u) : undefined

/** Canonical quantity of text, or undefined. */
const readQuantity = (s: string): Quantity | undefined => {
  const m = DECIMAL.exec(s)
  if (m === null) return undefined
  const int = (m[1] ?? "").replace(/^0+(?=\d)/, "")
  const frac = (m[2] ?? "").replace(/0+$/, "")
  if (frac === "") {
    const n = Number(int)
    return Number.isSafeInteger(n) && n > 0 ? n : undefined
  }
  return `${int}.${frac}` as DecimalQuantity
}

const QuantityFromSelf = Schema.declare<Quantity>(isQuantity, {
  title: "Quantity",
  description: "A quantity (số lượng) > 0"
})

/**
 * Schema of a {@link Quantity}: Encoded a positive JSON integer or decimal text.
 * @example `Schema.decodeUnknownSync(Proposal.quantitySchema)("2.50")` → `"2.5"`; `("4")` → `4`
 * @category schemas
 * @since 0.1.0
 */
export const quantitySchema = leaf(
  Schema.Union([Schema.Number, Schema.String]).pipe(
    Schema.decodeTo(
      QuantityFromSelf,
      SchemaTransformation.transformEffect<Quantity, number | string>({
        decode: (input, options) => {
          const q = quantityOf(input)
          return q === undefined
            ? Effect.fail(new SchemaIssue.InvalidValue({ expected: "a quantity > 0" }, input, options))
            : Effect.succeed(q)
        },
        encode: (q) => Effect.succeed(q)
      })
    )
  ),
  // the union (a number or a string), the transformation, the declaration
  (u) => {
    const q = quantityOf(u)
    return q !== undefined && isQuantity(q) ? q : NOT_SURE
  }
)

/**
 * A quantity as an exact fraction `numerator / denominator`: `[q, 1]` for an integer, `[25, 10]`
 * for `"2.5"` (not reduced: the denominator is the power of ten of its decimals).
 * @example `quantityFraction("2.5")` → `[25n, 10n]`; `quantityFraction(3)` → `[3n, 1n]`
 * @category arithmetic
 * @since 0.2.0
 */
export const quantityFraction = (quantity: Quantity): readonly [numerator: bigint, denominator: bigint] => {
  if (typeof quantity === "number") return [BigInt(quantity), 1n]
  const dot = quantity.indexOf(".")
  return [BigInt(quantity.slice(0, dot) + quantity.slice(dot + 1)), 10n ** BigInt(quantity.length - dot - 1)]
}

/**
 * Quantity × unit cost, exactly when possible: `low` and `high` are the product rounded down and
 * up to the đồng (equal when the product is a whole number of đồng, always so for an integer
 * quantity).
 * @example `lineAmount("2.5", Money.make(3n))` → `{ low: 7n, high: 8n }`; `lineAmount(3, Money.make(400000n))` → `{ low: 1200000n, high: 1200000n }`
 * @category arithmetic
 * @since 0.1.0
 */
export const lineAmount = (quantity: Quantity, unitCost: Money.Money): { readonly low: Money.Money; readonly high: Money.Money } => {
  if (typeof quantity === "number") {
    const exact = Money.make(BigInt(quantity) * unitCost)
    return { low: exact, high: exact }
  }
  const [n, d] = quantityFraction(quantity)
  return { low: Money.make(Rounding.multiplyValue(unitCost, n, d, Rounding.down1)), high: Money.make(Rounding.multiplyValue(unitCost, n, d, Rounding.up1)) }
}

// ---------------------------------------------------------------------------------------------
// Schema

/**
 * Form of a proposal (hình thức đề án).
 * @category models
 * @since 0.1.0
 */
export type Form =
  | { readonly kind: "single" }
  | { readonly kind: "group"; readonly beneficiaryIds: ReadonlyArray<string> }
  | { readonly kind: "pilot" }
  | { readonly kind: "task" }

/**
 * Schema of {@link Form}.
 * @example `Schema.decodeUnknownSync(formSchema)({ kind: "group", beneficiaryIds: ["a", "b"] })` → the same object
 * @category schemas
 * @since 0.1.0
 */
const formSchema = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("single") }),
  Schema.Struct({
    kind: Schema.Literal("group"),
    beneficiaryIds: Schema.Array(Decode.id).check(Schema.isMinLength(2))
  }),
  Schema.Struct({ kind: Schema.Literal("pilot") }),
  Schema.Struct({ kind: Schema.Literal("task") })
]).annotate({ [Decode.discriminatorAnnotation]: "kind" })

/**
 * Schema of a cost line (dòng dự toán).
 * @example `Schema.decodeUnknownSync(costLineSchema)(line).total` → `1000000000n`
 * @category schemas
 * @since 0.1.0
 */
export const costLineSchema = Schema.Struct({
  /** Spending item (nội dung chi): a code of the pack's catalogue, e.g. `machinery.equipment`. */
  item: Decode.id,
  description: Schema.optionalKey(Decode.text),
  quantity: quantitySchema,
  unitCost: Money.nonNegativeSchema,
  total: Money.nonNegativeSchema,
  requestedSupport: Money.nonNegativeSchema,
  counterpartFunding: Money.nonNegativeSchema,
  otherStateFunding: Schema.optionalKey(Money.nonNegativeSchema),
  /** The beneficiary this line is for, in a proposal with several. */
  beneficiaryId: Schema.optionalKey(Decode.id)
})

/** A cost line, decoded. @category models @since 0.1.0 */
export type CostLine = typeof costLineSchema.Type

/**
 * Schema of an activity (nội dung hoạt động) with its cost lines.
 * @example `Schema.decodeUnknownSync(activitySchema)({ activity: "machinery", costLines: [line] }).costLines.length` → `1`
 * @category schemas
 * @since 0.1.0
 */
export const activitySchema = Schema.Struct({
  /** Activity code of the pack's catalogue, e.g. `machinery`, `demonstration-model`. */
  activity: Decode.id,
  costLines: Schema.Array(costLineSchema).check(Schema.isMinLength(1)),
  /**
   * For a demonstration model of new technology or a new product: whether no establishment in
   * the district (địa bàn cấp huyện) applies the technology or makes the product yet, as a
   * national project requires (Circular 46/2012 art. 4.2.a). Absent: not stated (the condition
   * is then not checked, and says so).
   * @since 0.3.0
   */
  newToArea: Schema.optionalKey(Schema.Boolean)
})

/** An activity, decoded. @category models @since 0.1.0 */
export type Activity = typeof activitySchema.Type

/**
 * Where a proposal is carried out: province and, when known, district and commune-level unit. A
 * location with neither district nor commune is the whole province (toàn tỉnh): a province-wide
 * task such as a product contest or a media campaign; no other marker is needed.
 * @example `Schema.decodeUnknownSync(locationSchema)({ provinceCode: "19" })` → `{ provinceCode: "19" }`
 * @category schemas
 * @since 0.1.0
 */
const locationSchema = Schema.Struct({
  provinceCode: AdminUnits.provinceCodeSchema,
  provinceName: Schema.optionalKey(Decode.name),
  district: Schema.optionalKey(Decode.name),
  commune: Schema.optionalKey(Establishment.communeSchema)
})

const structural = Schema.Struct({
  id: Decode.id,
  title: Decode.name,
  fund: Schema.Literals(["national", "local"]),
  form: formSchema,
  activities: Schema.Array(activitySchema).check(Schema.isMinLength(1)),
  /** Implementing unit (đơn vị thực hiện / đơn vị chủ trì). */
  implementingUnit: Schema.Struct({ name: Decode.name, code: Schema.optionalKey(Decode.id) }),
  /** Establishment ids (cơ sở thụ hưởng). */
  beneficiaries: Schema.Array(Decode.id),
  locations: Schema.Array(locationSchema),
  planYear: Period.planYearSchema,
  /** Implementation period (thời gian thực hiện), both days included. */
  duration: Schema.Struct({ start: LocalDate.schema, end: LocalDate.schema }),
  approvalDate: Schema.optionalKey(LocalDate.schema),
  /**
   * Declared a key national project (đề án khuyến công quốc gia điểm, Circular 36/2013 art. 3.3):
   * two or more linked activities, large scale, more than one year. Absent: not declared.
   */
  keyProject: Schema.optionalKey(Schema.Boolean)
})

/**
 * A proposal, decoded.
 * @category models
 * @since 0.1.0
 */
export type Proposal = typeof structural.Type

/**
 * JSON form of a proposal: money as digit strings, dates ISO, quantities as integers or text.
 * @category models
 * @since 0.1.0
 */
export type Encoded = typeof structural.Encoded

// ---------------------------------------------------------------------------------------------
// Rules

const fmt = (m: Money.Money): string => Money.format(m)

const LINE = ["activities", "*", "costLines", "*"] as const

/** What a rule finds in a consistent value: nothing (one array for every check). */
const NONE: ReadonlyArray<Decode.RuleIssue> = Object.freeze([])

/**
 * Cross-field rules (codes in the module header).
 * @example `Decode.runRulesRaw(rules, json, undefined).map((i) => i.code)` → e.g. `["proposal/total-mismatch"]`
 * @category rules
 * @since 0.1.0
 */
export const rules: ReadonlyArray<Decode.Rule<void>> = [
  Decode.rule({
    at: LINE,
    needs: costLineSchema.mapFields(({ quantity, unitCost, total }) => ({ quantity, unitCost, total })),
    check: (l) => {
      // an integer quantity (most lines): the exact product, without building the bounds
      if (typeof l.quantity === "number" && l.total === BigInt(l.quantity) * l.unitCost) return NONE
      const { low, high } = lineAmount(l.quantity, l.unitCost)
      if (l.total === low || l.total === high) return NONE
      const product = low === high ? fmt(low) : `${fmt(low)}–${fmt(high)}`
      return [
        {
          code: "proposal/total-mismatch",
          path: ["total"],
          params: { amount: l.total, limit: low },
          message: `total (thành tiền) ${fmt(l.total)} does not equal quantity (số lượng) ${l.quantity} × unit cost (đơn giá) ${fmt(l.unitCost)} = ${product}`
        }
      ]
    }
  }),
  Decode.rule({
    at: LINE,
    needs: costLineSchema.mapFields(({ total, requestedSupport }) => ({ total, requestedSupport })),
    check: (l) =>
      l.requestedSupport <= l.total
        ? NONE
        : [
            {
              code: "proposal/support-exceeds-total",
              path: ["requestedSupport"],
              params: { amount: l.requestedSupport, limit: l.total },
              message: `requested support (kinh phí đề nghị hỗ trợ) ${fmt(l.requestedSupport)} exceeds the line total (thành tiền) ${fmt(l.total)}`
            }
          ]
  }),
  Decode.rule({
    at: LINE,
    needs: costLineSchema.mapFields(({ total, requestedSupport, counterpartFunding, otherStateFunding }) => ({
      total,
      requestedSupport,
      counterpartFunding,
      otherStateFunding
    })),
    check: (l) => {
      if (l.requestedSupport > l.total) return NONE
      const other = l.otherStateFunding ?? Money.zero
      const funded = l.requestedSupport + l.counterpartFunding + other
      if (funded === l.total) return NONE
      const expected = Money.make(l.total - l.requestedSupport - other)
      const parts = `requested support (kinh phí đề nghị hỗ trợ) ${fmt(l.requestedSupport)} + counterpart funding (vốn đối ứng) ${fmt(l.counterpartFunding)}${l.otherStateFunding === undefined ? "" : ` + other state funding (nguồn ngân sách khác) ${fmt(other)}`}`
      return funded < l.total
        ? [
            {
              code: "proposal/funding-shortfall",
              path: ["counterpartFunding"],
              params: { amount: funded, limit: l.total, expected },
              message: `${parts} = ${fmt(Money.make(funded))} does not cover the line total (thành tiền) ${fmt(l.total)}; counterpart funding (vốn đối ứng) should be ${fmt(expected)}`
            }
          ]
        : [
            {
              code: "proposal/funding-excess",
              path: ["counterpartFunding"],
              params: { amount: funded, limit: l.total, expected },
              message: `${parts} = ${fmt(Money.make(funded))} is more than the line total (thành tiền) ${fmt(l.total)}; counterpart funding (vốn đối ứng) should be ${fmt(expected)}`
            }
          ]
    }
  }),
  Decode.rule({
    at: ["activities", "*"],
    needs: Schema.Struct({
      costLines: Schema.Array(costLineSchema.mapFields(({ item, beneficiaryId }) => ({ item, beneficiaryId })))
    }),
    check: (a) => {
      if (a.costLines.length < 2) return NONE
      const seen = new Set<string>()
      return a.costLines.flatMap((l, j) => {
        // ids hold no control character: U+0000 cannot occur in either part
        const key = l.beneficiaryId === undefined ? l.item : `${l.item}\u0000${l.beneficiaryId}`
        if (!seen.has(key)) {
          seen.add(key)
          return NONE
        }
        return [
          {
            code: "proposal/duplicate-item",
            path: ["costLines", j, "item"],
            message: `spending item (nội dung chi) "${l.item}" appears twice in this activity${l.beneficiaryId === undefined ? "" : ` for beneficiary "${l.beneficiaryId}"`}; merge the lines`
          }
        ]
      })
    }
  }),
  Decode.rule({
    at: [],
    needs: Schema.Struct({ activities: Schema.Array(Schema.Struct({ activity: Decode.id })) }),
    check: (p) => duplicates(p.activities.map((a) => a.activity)).map((i) => ({
      code: "proposal/duplicate-activity",
      path: ["activities", i, "activity"],
      message: `activity (nội dung hoạt động) "${p.activities[i]?.activity ?? ""}" appears twice; list its cost lines under one activity`
    }))
  }),
  Decode.rule({
    at: [],
    needs: Schema.Struct({ beneficiaries: Schema.Array(Decode.id) }),
    check: (p) => duplicates(p.beneficiaries).map((k) => ({
      code: "proposal/duplicate-beneficiary",
      path: ["beneficiaries", k],
      message: `beneficiary (cơ sở thụ hưởng) "${p.beneficiaries[k] ?? ""}" is listed twice`
    }))
  }),
  Decode.rule({
    at: [],
    needs: Schema.Struct({ form: formSchema, beneficiaries: Schema.Array(Decode.id) }),
    check: (p) => {
      if (p.form.kind !== "group") return NONE
      const ids = p.form.beneficiaryIds
      const known = new Set(p.beneficiaries)
      const dup = new Set(duplicates(ids))
      return ids.flatMap((id, k) =>
        dup.has(k)
          ? [
              {
                code: "proposal/group-duplicate-beneficiary",
                path: ["form", "beneficiaryIds", k],
                message: `establishment "${id}" is listed twice in the group (đề án nhóm); a group needs at least 2 different establishments`
              }
            ]
          : known.has(id)
            ? NONE
            : [
                {
                  code: "proposal/group-beneficiary-unknown",
                  path: ["form", "beneficiaryIds", k],
                  message: `group member "${id}" is not among the proposal's beneficiaries (cơ sở thụ hưởng)`
                }
              ]
      )
    }
  }),
  Decode.rule({
    at: LINE,
    needs: costLineSchema.mapFields(({ beneficiaryId }) => ({ beneficiaryId })),
    rootNeeds: Schema.Struct({ beneficiaries: Schema.Array(Decode.id) }),
    check: (l, _c: void, p) =>
      l.beneficiaryId === undefined || p.beneficiaries.includes(l.beneficiaryId)
        ? NONE
        : [
            {
              code: "proposal/cost-line-beneficiary-unknown",
              path: ["beneficiaryId"],
              message: `cost line beneficiary "${l.beneficiaryId}" is not among the proposal's beneficiaries (cơ sở thụ hưởng)`
            }
          ]
  }),
  Decode.rule({
    at: ["duration"],
    needs: Schema.Struct({ start: LocalDate.schema, end: LocalDate.schema }),
    check: (d) =>
      d.start <= d.end
        ? NONE
        : [
            {
              code: "proposal/duration-order",
              path: ["end"],
              message: `implementation period (thời gian thực hiện) ends on ${d.end}, before it starts on ${d.start}`
            }
          ]
  }),
  Decode.rule({
    at: [],
    needs: Schema.Struct({
      keyProject: Schema.optionalKey(Schema.Boolean),
      activities: Schema.Array(Schema.Unknown),
      duration: Schema.Struct({ start: LocalDate.schema, end: LocalDate.schema })
    }),
    check: (p) => {
      if (p.keyProject !== true) return NONE
      const out: Array<Decode.RuleIssue> = []
      if (p.activities.length < 2)
        out.push({
          code: "proposal/key-project-activities",
          path: ["keyProject"],
          message: `a key national project (keyProject, đề án khuyến công quốc gia điểm) has two or more activities (nội dung hoạt động), Circular 36/2013/TT-BCT art. 3.3; this one has ${p.activities.length}`
        })
      const { start, end } = p.duration
      if (start <= end && end < LocalDate.addYears(start, 1))
        out.push({
          code: "proposal/key-project-duration",
          path: ["duration", "end"],
          message: `a key national project (keyProject, đề án khuyến công quốc gia điểm) lasts more than one year (thời gian thực hiện nhiều hơn một năm), Circular 36/2013/TT-BCT art. 3.3; this one runs ${start} – ${end}, to end on or after ${LocalDate.addYears(start, 1)}`
        })
      return out
    }
  })
]

/** Indexes of the entries equal to an earlier one. */
const duplicates = (xs: ReadonlyArray<string>): Array<number> => {
  const out: Array<number> = []
  const n = xs.length
  if (n <= 8) {
    // a short list (most are): compared pairwise, no set built
    for (let i = 1; i < n; i++)
      for (let j = 0; j < i; j++)
        if (xs[j] === xs[i]) {
          out.push(i)
          break
        }
    return out
  }
  const seen = new Set<string>()
  for (let i = 0; i < n; i++) {
    const x = xs[i] as string
    if (seen.has(x)) out.push(i)
    else seen.add(x)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Docs

const money = "must be a non-negative whole number of đồng written in digits"

/**
 * Field docs of a proposal.
 * @example `docs["activities.*.costLines.*.unitCost"]?.label` → `"unit cost (đơn giá)"`
 * @category docs
 * @since 0.1.0
 */
export const docs: Decode.FieldDocs = {
  "": { label: "proposal (đề án khuyến công)", expects: "must be an object" },
  id: { label: "proposal id (mã đề án)", expects: "must be non-empty text without surrounding spaces" },
  title: { label: "title (tên đề án)", expects: "must be non-blank text" },
  fund: {
    label: "fund (nguồn kinh phí)",
    expects: 'must be "national" (khuyến công quốc gia) or "local" (khuyến công địa phương)'
  },
  form: { label: "form (hình thức đề án)", expects: "must be an object with a kind" },
  "form.kind": {
    label: "form kind (hình thức đề án)",
    expects: 'must be "single", "group" (đề án nhóm), "pilot" (thí điểm) or "task" (nhiệm vụ)'
  },
  "form.beneficiaryIds": {
    label: "group members (cơ sở tham gia đề án nhóm)",
    expects: "must list at least 2 establishment ids"
  },
  "form.beneficiaryIds.*": {
    label: "group member (cơ sở tham gia đề án nhóm)",
    expects: "must be an establishment id without surrounding spaces"
  },
  activities: {
    label: "activities (nội dung hoạt động)",
    expects: "must be a list of at least one activity"
  },
  "activities.*": { label: "activity (nội dung hoạt động)", expects: "must be an object with an activity code and cost lines" },
  "activities.*.newToArea": {
    label: "new to the district (công nghệ, sản phẩm trên địa bàn cấp huyện chưa có cơ sở nào áp dụng hoặc sản xuất)",
    expects: "must be true or false"
  },
  "activities.*.activity": {
    label: "activity code (mã nội dung hoạt động)",
    expects: 'must be non-empty text without surrounding spaces, such as "machinery"'
  },
  "activities.*.costLines": {
    label: "cost lines (dự toán chi tiết)",
    expects: "must be a list of at least one cost line"
  },
  "activities.*.costLines.*": { label: "cost line (dòng dự toán)", expects: "must be an object" },
  "activities.*.costLines.*.item": {
    label: "spending item (nội dung chi)",
    expects: "must be non-empty text without surrounding spaces"
  },
  "activities.*.costLines.*.description": { label: "description (diễn giải)", expects: "must be non-blank text" },
  "activities.*.costLines.*.quantity": {
    label: "quantity (số lượng)",
    expects: 'must be a positive whole number or exact decimal text such as "2.5"'
  },
  "activities.*.costLines.*.unitCost": { label: "unit cost (đơn giá)", expects: money },
  "activities.*.costLines.*.total": { label: "total (thành tiền)", expects: money },
  "activities.*.costLines.*.requestedSupport": {
    label: "requested support (kinh phí đề nghị hỗ trợ)",
    expects: money
  },
  "activities.*.costLines.*.counterpartFunding": { label: "counterpart funding (vốn đối ứng)", expects: money },
  "activities.*.costLines.*.otherStateFunding": {
    label: "other state funding (nguồn ngân sách khác)",
    expects: money
  },
  "activities.*.costLines.*.beneficiaryId": {
    label: "cost line beneficiary (cơ sở thụ hưởng)",
    expects: "must be an establishment id without surrounding spaces"
  },
  implementingUnit: { label: "implementing unit (đơn vị thực hiện)", expects: "must be an object with a name" },
  "implementingUnit.name": { label: "implementing unit name (tên đơn vị thực hiện)", expects: "must be non-blank text" },
  "implementingUnit.code": {
    label: "implementing unit code (mã đơn vị thực hiện)",
    expects: "must be non-empty text without surrounding spaces"
  },
  beneficiaries: { label: "beneficiaries (cơ sở thụ hưởng)", expects: "must be a list of establishment ids" },
  "beneficiaries.*": {
    label: "beneficiary (cơ sở thụ hưởng)",
    expects: "must be an establishment id without surrounding spaces"
  },
  locations: { label: "locations (địa điểm thực hiện)", expects: "must be a list of locations" },
  "locations.*": { label: "location (địa điểm thực hiện)", expects: "must be an object with a province code" },
  "locations.*.provinceCode": Establishment.locationDocs["provinceCode"] ?? { label: "province code (mã tỉnh)", expects: "must be a province code" },
  "locations.*.provinceName": { label: "province name (tên tỉnh)", expects: "must be non-blank text" },
  "locations.*.district": { label: "district (huyện)", expects: "must be non-blank text" },
  ...Decode.nestDocs(
    "locations.*.commune",
    Object.fromEntries(
      Object.entries(Establishment.locationDocs)
        .filter(([k]) => k === "commune" || k.startsWith("commune."))
        .map(([k, v]) => [k.slice("commune".length).replace(/^\./, ""), v] as const)
    )
  ),
  planYear: {
    label: "plan year (năm kế hoạch)",
    expects: `must be a whole year between ${Period.MIN_YEAR} and ${Period.MAX_YEAR}`
  },
  duration: { label: "implementation period (thời gian thực hiện)", expects: "must be an object with start and end dates" },
  "duration.start": { label: "start date (ngày bắt đầu)", expects: "must be a date (ngày) as YYYY-MM-DD" },
  "duration.end": { label: "end date (ngày kết thúc)", expects: "must be a date (ngày) as YYYY-MM-DD" },
  approvalDate: { label: "approval date (ngày phê duyệt)", expects: "must be a date (ngày) as YYYY-MM-DD" },
  keyProject: { label: "key national project (đề án khuyến công quốc gia điểm)", expects: "must be true or false" }
}

// ---------------------------------------------------------------------------------------------
// API

/**
 * Effect Schema of a proposal with the cross-field rules as a check.
 * @example `Schema.decodeUnknownSync(Proposal.schema)(json)`
 * @category schemas
 * @since 0.1.0
 */
export const schema = structural.check(Decode.rulesCheck<Proposal, void>(rules, undefined))

const subject: Decode.Subject = { code: "proposal", label: "proposal (đề án khuyến công)" }

/**
 * Decodes a proposal, reporting every problem with its path (structural and cross-field).
 * @example `decode(json)` → `ok(proposal)`, or an error whose `issues` include `{ code: "proposal/total-mismatch", path: ["activities", 0, "costLines", 1, "total"], … }`
 * @category decoding
 * @since 0.1.0
 */
export const decode: (input: unknown) => Result<Proposal, ValidationError> = Decode.makeDecoder({
  subject,
  schema: structural,
  docs,
  rules
})

/**
 * JSON form of a proposal.
 * @example `encode(p).activities[0]?.costLines[0]?.total` → `"300000000"`
 * @category encoding
 * @since 0.1.0
 */
export const encode: (value: Proposal) => Encoded = Decode.makeEncoder(structural)

/**
 * Sums of a proposal's cost lines.
 * @example `totals(p).requestedSupport` → `900000000n`
 * @category accessors
 * @since 0.1.0
 */
export const totals = (
  p: Proposal
): {
  readonly total: Money.Money
  readonly requestedSupport: Money.Money
  readonly counterpartFunding: Money.Money
  readonly otherStateFunding: Money.Money
} => {
  const lines = p.activities.flatMap((a) => a.costLines)
  return {
    total: Money.sum(lines.map((l) => l.total)),
    requestedSupport: Money.sum(lines.map((l) => l.requestedSupport)),
    counterpartFunding: Money.sum(lines.map((l) => l.counterpartFunding)),
    otherStateFunding: Money.sum(lines.map((l) => l.otherStateFunding ?? Money.zero))
  }
}

/**
 * Whether a proposal is a pilot (đề án thí điểm).
 * @example `isPilot({ ...p, form: { kind: "pilot" } })` → `true`
 * @category accessors
 * @since 0.1.0
 */
export const isPilot = (p: Proposal): boolean => p.form.kind === "pilot"
