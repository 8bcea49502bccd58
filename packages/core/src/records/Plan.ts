/**
 * Plan (kế hoạch khuyến công) and BudgetEnvelope (kinh phí được giao).
 *
 * A khuyến công plan is the year's set of proposals and tasks (Decree 45/2012/NĐ-CP art. 2.2):
 * the national plan is approved by the Minister of Industry and Trade, a local plan by the
 * chairman of the provincial People's Committee. A budget envelope is an amount assigned to a
 * plan for a year from a source (central budget, local budget or other), usually by a decision
 * (quyết định giao dự toán).
 *
 * Cross-field checks, envelope: `budget/province-required` (a provincial envelope names its
 * province), `budget/province-not-allowed` (a national one does not),
 * `budget/source-level-mismatch` (national khuyến công funds come from the central budget, not a
 * local one). Plan: `plan/province-required`, `plan/province-not-allowed`,
 * `plan/envelope-year-mismatch`, `plan/envelope-level-mismatch`,
 * `plan/envelope-province-mismatch`, `plan/duplicate-proposal`.
 *
 * @example
 * ```ts
 * import { Plan } from "@khuyencong/core"
 * const r = Plan.decode({ id: "kh-2025", year: 2025, level: "national", envelopes: [], proposalIds: [] })
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as Decode from "../values/Decode.js"
import { provinceCodeSchema } from "./AdminUnits.js"
import type { ValidationError } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Period from "../values/Period.js"
import type { Result } from "../values/Result.js"

/**
 * Level of a plan or envelope: `national` (quốc gia) or `provincial` (địa phương, cấp tỉnh).
 * @category models
 * @since 0.1.0
 */
export type Level = "national" | "provincial"

const levelSchema = Schema.Literals(["national", "provincial"])

/**
 * A decision reference (số và ngày quyết định): number such as `1234/QĐ-BCT` and signing date.
 * @example `Schema.decodeUnknownSync(decisionSchema)({ number: "1234/QĐ-UBND", date: "2024-12-20" })` → the same object
 * @category schemas
 * @since 0.1.0
 */
const decisionSchema = Schema.Struct({ number: Decode.id, date: LocalDate.schema })

/**
 * Source of funds (nguồn kinh phí): `central-budget` (ngân sách trung ương), `local-budget`
 * (ngân sách địa phương), `other` (nguồn khác, with a note saying which).
 * @example `Schema.decodeUnknownSync(sourceSchema)({ kind: "other", note: "ODA" })` → the same object; `{ kind: "other" }` fails
 * @category schemas
 * @since 0.1.0
 */
const sourceSchema = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("central-budget"), note: Schema.optionalKey(Decode.text) }),
  Schema.Struct({ kind: Schema.Literal("local-budget"), note: Schema.optionalKey(Decode.text) }),
  Schema.Struct({ kind: Schema.Literal("other"), note: Decode.text })
]).annotate({ [Decode.discriminatorAnnotation]: "kind" })

const envelopeStructural = Schema.Struct({
  year: Period.planYearSchema,
  level: levelSchema,
  /** Province (mã tỉnh) of a provincial envelope. */
  provinceCode: Schema.optionalKey(provinceCodeSchema),
  amount: Money.nonNegativeSchema,
  source: sourceSchema,
  decision: Schema.optionalKey(decisionSchema)
})

/**
 * A budget envelope (kinh phí được giao), decoded.
 * @category models
 * @since 0.1.0
 */
export type BudgetEnvelope = typeof envelopeStructural.Type

/**
 * JSON form of a budget envelope (amount as a digit string).
 * @category models
 * @since 0.1.0
 */
export type BudgetEnvelopeEncoded = typeof envelopeStructural.Encoded

const provinceRules = (area: "budget" | "plan", what: string): Decode.Rule<void> =>
  Decode.rule({
    at: [],
    needs: Schema.Struct({ level: levelSchema, provinceCode: Schema.optionalKey(provinceCodeSchema) }),
    check: (x) =>
      x.level === "provincial" && x.provinceCode === undefined
        ? [
            {
              code: `${area}/province-required`,
              path: ["provinceCode"],
              message: `province code (mã tỉnh) is required for a provincial ${what}`
            }
          ]
        : x.level === "national" && x.provinceCode !== undefined
          ? [
              {
                code: `${area}/province-not-allowed`,
                path: ["provinceCode"],
                message: `province code (mã tỉnh) ${x.provinceCode} is given for a national ${what}, which belongs to no province`
              }
            ]
          : []
  })

/**
 * Cross-field rules of a budget envelope.
 * @example `Decode.runRulesRaw(budgetEnvelopeRules, { level: "provincial", … }, undefined)[0]?.code` → `"budget/province-required"` without a province
 * @category rules
 * @since 0.1.0
 */
export const budgetEnvelopeRules: ReadonlyArray<Decode.Rule<void>> = [
  provinceRules("budget", "budget envelope (kinh phí được giao)"),
  Decode.rule({
    at: [],
    needs: Schema.Struct({ level: levelSchema, source: Schema.Struct({ kind: Schema.Literals(["central-budget", "local-budget", "other"]) }) }),
    check: (x) =>
      x.level === "national" && x.source.kind === "local-budget"
        ? [
            {
              code: "budget/source-level-mismatch",
              path: ["source", "kind"],
              message:
                "source (nguồn kinh phí) \"local-budget\" (ngân sách địa phương) cannot fund a national budget envelope (kinh phí khuyến công quốc gia), which comes from the central budget"
            }
          ]
        : []
  })
]

/**
 * Field docs of a budget envelope.
 * @example `budgetEnvelopeDocs["amount"]?.label` → `"amount (số tiền được giao)"`
 * @category docs
 * @since 0.1.0
 */
const budgetEnvelopeDocs: Decode.FieldDocs = {
  "": { label: "budget envelope (kinh phí được giao)", expects: "must be an object" },
  year: {
    label: "plan year (năm kế hoạch)",
    expects: `must be a whole year between ${Period.MIN_YEAR} and ${Period.MAX_YEAR}`
  },
  level: { label: "level (cấp)", expects: 'must be "national" (quốc gia) or "provincial" (địa phương)' },
  provinceCode: {
    label: "province code (mã tỉnh)",
    expects: 'must be the 2-digit code of a province (mã đơn vị hành chính cấp tỉnh), such as "01"'
  },
  amount: { label: "amount (số tiền được giao)", expects: "must be a non-negative whole number of đồng written in digits" },
  source: { label: "source (nguồn kinh phí)", expects: "must be an object with a kind" },
  "source.kind": {
    label: "source kind (nguồn kinh phí)",
    expects: 'must be "central-budget" (ngân sách trung ương), "local-budget" (ngân sách địa phương) or "other"'
  },
  "source.note": { label: "source note (ghi chú nguồn kinh phí)", expects: "must be non-blank text" },
  decision: { label: "decision (quyết định giao dự toán)", expects: "must be an object with a number and a date" },
  "decision.number": { label: "decision number (số quyết định)", expects: "must be non-blank text" },
  "decision.date": { label: "decision date (ngày quyết định)", expects: "must be a date (ngày) as YYYY-MM-DD" }
}

/**
 * Effect Schema of a budget envelope with its cross-field rules as a check.
 * @example `Schema.decodeUnknownSync(budgetEnvelopeSchema)(json).amount` → `3500000000n`
 * @category schemas
 * @since 0.1.0
 */
export const budgetEnvelopeSchema = envelopeStructural.check(
  Decode.rulesCheck<BudgetEnvelope, void>(budgetEnvelopeRules, undefined)
)

/**
 * Decodes a budget envelope, reporting every problem with its path.
 * @example `decodeBudgetEnvelope({ year: 2025, level: "national", amount: "1000", source: { kind: "central-budget" } })` → `ok(…)`
 * @category decoding
 * @since 0.1.0
 */
export const decodeBudgetEnvelope: (input: unknown) => Result<BudgetEnvelope, ValidationError> = Decode.makeDecoder({
  subject: { code: "budget", label: "budget envelope (kinh phí được giao)" },
  schema: envelopeStructural,
  docs: budgetEnvelopeDocs,
  rules: budgetEnvelopeRules
})

/**
 * JSON form of a budget envelope.
 * @example `encodeBudgetEnvelope(e).amount` → `"1000"`
 * @category encoding
 * @since 0.1.0
 */
export const encodeBudgetEnvelope: (value: BudgetEnvelope) => BudgetEnvelopeEncoded = Decode.makeEncoder(envelopeStructural)

// ---------------------------------------------------------------------------------------------
// Plan

const structural = Schema.Struct({
  id: Decode.id,
  year: Period.planYearSchema,
  level: levelSchema,
  provinceCode: Schema.optionalKey(provinceCodeSchema),
  envelopes: Schema.Array(envelopeStructural),
  /** Ids of the proposals (đề án) in the plan. */
  proposalIds: Schema.Array(Decode.id),
  /** Approval decision (quyết định phê duyệt kế hoạch). */
  approval: Schema.optionalKey(decisionSchema)
})

/**
 * A khuyến công plan, decoded.
 * @category models
 * @since 0.1.0
 */
export type Plan = typeof structural.Type

/**
 * JSON form of a plan.
 * @category models
 * @since 0.1.0
 */
export type Encoded = typeof structural.Encoded

const ENVELOPE = ["envelopes", "*"] as const

/**
 * Cross-field rules of a plan, including those of each envelope.
 * @example `Decode.runRulesRaw(rules, json, undefined).map((i) => i.code)` → e.g. `["plan/envelope-year-mismatch"]`
 * @category rules
 * @since 0.1.0
 */
export const rules: ReadonlyArray<Decode.Rule<void>> = [
  provinceRules("plan", "plan (kế hoạch khuyến công)"),
  ...Decode.nestRules(ENVELOPE, budgetEnvelopeRules),
  Decode.rule({
    at: ENVELOPE,
    needs: Schema.Struct({ year: Period.planYearSchema }),
    rootNeeds: Schema.Struct({ year: Period.planYearSchema }),
    check: (e, _c: void, p) =>
      e.year === p.year
        ? []
        : [
            {
              code: "plan/envelope-year-mismatch",
              path: ["year"],
              message: `budget envelope (kinh phí được giao) is for ${e.year}, but the plan (kế hoạch khuyến công) is for ${p.year}`
            }
          ]
  }),
  Decode.rule({
    at: ENVELOPE,
    needs: Schema.Struct({ level: levelSchema }),
    rootNeeds: Schema.Struct({ level: levelSchema }),
    check: (e, _c: void, p) =>
      e.level === p.level
        ? []
        : [
            {
              code: "plan/envelope-level-mismatch",
              path: ["level"],
              message: `budget envelope (kinh phí được giao) is ${e.level}, but the plan (kế hoạch khuyến công) is ${p.level}`
            }
          ]
  }),
  Decode.rule({
    at: ENVELOPE,
    needs: Schema.Struct({ provinceCode: Schema.optionalKey(provinceCodeSchema) }),
    rootNeeds: Schema.Struct({ level: levelSchema, provinceCode: Schema.optionalKey(provinceCodeSchema) }),
    check: (e, _c: void, p) =>
      p.level === "provincial" &&
      p.provinceCode !== undefined &&
      e.provinceCode !== undefined &&
      e.provinceCode !== p.provinceCode
        ? [
            {
              code: "plan/envelope-province-mismatch",
              path: ["provinceCode"],
              message: `budget envelope (kinh phí được giao) is for province ${e.provinceCode}, but the plan (kế hoạch khuyến công) is for province ${p.provinceCode}`
            }
          ]
        : []
  }),
  Decode.rule({
    at: [],
    needs: Schema.Struct({ proposalIds: Schema.Array(Decode.id) }),
    check: (p) => {
      const seen = new Set<string>()
      return p.proposalIds.flatMap((id, k) => {
        if (!seen.has(id)) {
          seen.add(id)
          return []
        }
        return [
          {
            code: "plan/duplicate-proposal",
            path: ["proposalIds", k],
            message: `proposal (đề án) "${id}" is listed twice in the plan (kế hoạch khuyến công)`
          }
        ]
      })
    }
  })
]

/**
 * Field docs of a plan.
 * @example `docs["envelopes.*.amount"]?.label` → `"amount (số tiền được giao)"`
 * @category docs
 * @since 0.1.0
 */
export const docs: Decode.FieldDocs = {
  "": { label: "plan (kế hoạch khuyến công)", expects: "must be an object" },
  id: { label: "plan id (mã kế hoạch)", expects: "must be non-empty text without surrounding spaces" },
  year: budgetEnvelopeDocs["year"] ?? { label: "plan year (năm kế hoạch)", expects: "must be a year" },
  level: budgetEnvelopeDocs["level"] ?? { label: "level (cấp)", expects: "must be a level" },
  provinceCode: budgetEnvelopeDocs["provinceCode"] ?? { label: "province code (mã tỉnh)", expects: "must be a code" },
  envelopes: { label: "budget envelopes (kinh phí được giao)", expects: "must be a list of budget envelopes" },
  ...Decode.nestDocs("envelopes.*", budgetEnvelopeDocs),
  proposalIds: { label: "proposals (danh sách đề án)", expects: "must be a list of proposal ids" },
  "proposalIds.*": { label: "proposal id (mã đề án)", expects: "must be non-empty text without surrounding spaces" },
  approval: { label: "approval decision (quyết định phê duyệt kế hoạch)", expects: "must be an object with a number and a date" },
  "approval.number": { label: "decision number (số quyết định)", expects: "must be non-blank text" },
  "approval.date": { label: "decision date (ngày quyết định)", expects: "must be a date (ngày) as YYYY-MM-DD" }
}

/**
 * Effect Schema of a plan with its cross-field rules as a check.
 * @example `Schema.decodeUnknownSync(Plan.schema)(json).year` → `2025`
 * @category schemas
 * @since 0.1.0
 */
export const schema = structural.check(Decode.rulesCheck<Plan, void>(rules, undefined))

/**
 * Decodes a plan, reporting every problem with its path.
 * @example `decode({ id: "kh-2025", year: 2025, level: "provincial", envelopes: [], proposalIds: [] })` → error `plan/province-required` at `["provinceCode"]`
 * @category decoding
 * @since 0.1.0
 */
export const decode: (input: unknown) => Result<Plan, ValidationError> = Decode.makeDecoder({
  subject: { code: "plan", label: "plan (kế hoạch khuyến công)" },
  schema: structural,
  docs,
  rules
})

/**
 * JSON form of a plan.
 * @example `encode(plan).envelopes[0]?.amount` → `"5000000000"`
 * @category encoding
 * @since 0.1.0
 */
export const encode: (value: Plan) => Encoded = Decode.makeEncoder(structural)

/**
 * Total of a plan's envelopes.
 * @example `envelopeTotal(plan)` → `5000000000n`
 * @category accessors
 * @since 0.1.0
 */
export const envelopeTotal = (plan: Plan): Money.Money => Money.sum(plan.envelopes.map((e) => e.amount))
