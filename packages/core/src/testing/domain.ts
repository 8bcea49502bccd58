/**
 * Arbitraries of the domain inputs (cơ sở, đề án, kế hoạch, kinh phí được giao): every value
 * generated satisfies every structural and cross-field check of its module, so
 * `decode(encode(x))` gives back `x`.
 * @since 0.1.0
 * @module
 */
import * as fc from "fast-check"
import * as AdminUnits from "../records/AdminUnits.js"
import type * as Establishment from "../records/Establishment.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Period from "../values/Period.js"
import type * as Plan from "../records/Plan.js"
import * as Proposal from "../records/Proposal.js"
import { fault } from "../values/internal/text.js"
import {
  localDate,
  localDateBetween,
  nonNegativeMoney,
  nonNegativeMoneyUpTo,
  quantity,
  recentPlanYear,
  share,
  taxCodeOf
} from "./values.js"

/** Omit `undefined` values, so optional keys are absent (exactOptionalPropertyTypes). */
const compact = <T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined })

/**
 * An identifier: lowercase letters, digits and dashes, no spaces (`cs-12a`).
 * @example `fc.sample(id, 1)[0]` → e.g. `"cs-12a"`
 * @category domain
 * @since 0.1.0
 */
export const id: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/)

const words = ["Minh Phát", "Hòa Bình", "Sơn Trà", "Tân Tiến", "Đồng Tâm", "Bát Tràng", "Vạn Phúc", "Phước Kiều"]

/**
 * Non-blank text: Vietnamese names mostly, arbitrary Unicode sometimes; always a valid name (in
 * NFC, no control, invisible or bidirectional characters; see `Text`).
 * @example `fc.sample(text, 1)[0]` → e.g. `"Hòa Bình 17"`
 * @category domain
 * @since 0.1.0
 */
export const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...words), fc.nat(999)).map(([w, n]) => `${w} ${n}`), weight: 4 },
  // in NFC and without the characters a name may not hold (Text): what a decoder gives back
  { arbitrary: fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }).map((s) => s.normalize("NFC")).filter((s) => fault(s, "name") === undefined), weight: 1 }
)

/** The codes in force the day before the 2025 reorganisation (63), then those from it (34). */
const codesBefore = AdminUnits.provinceCodesOn(LocalDate.addDays(AdminUnits.reorganisationDay(), -1))
const codesFrom = AdminUnits.provinceCodesOn(AdminUnits.reorganisationDay())

const provinceCode = fc.constantFrom(...codesBefore, ...codesFrom)

const commune = fc.record(
  {
    name: text,
    kind: fc.constantFrom("commune", "ward", "township", "special-zone"),
    code: fc.integer({ min: 1, max: 99_999 }).map((n) => String(n).padStart(5, "0"))
  },
  { requiredKeys: ["name", "kind"] }
)

/**
 * A production location (địa điểm sản xuất) with consistent facts (a conversion date only on a
 * ward).
 * @example `fc.sample(location, 1)[0]?.commune.kind` → e.g. `"ward"`
 * @category domain
 * @since 0.1.0
 */
export const location: fc.Arbitrary<Establishment.Location> = fc
  .record({
    provinceCode,
    provinceName: text,
    district: optional(text),
    commune,
    cityClass: optional(fc.constantFrom("special" as const, 1 as const, 2 as const, 3 as const, 4 as const, 5 as const)),
    convertedFromCommuneOn: optional(localDate),
    difficultArea: fc.constantFrom("none" as const, "difficult" as const, "especially-difficult" as const),
    poorDistrict: fc.boolean(),
    newRuralCommune: fc.boolean(),
    highland: fc.boolean(),
    island: fc.boolean(),
    border: fc.boolean(),
    ethnicMinorityArea: fc.boolean(),
    craftVillage: optional(fc.record({ name: text, recognisedOn: localDate }, { requiredKeys: ["name"] }))
  })
  .map((l) =>
    compact({
      ...l,
      convertedFromCommuneOn: l.commune.kind === "ward" ? l.convertedFromCommuneOn : undefined
    })
  )

const legalForm: fc.Arbitrary<Establishment.LegalForm> = fc.oneof(
  fc.record({ kind: fc.constant("enterprise" as const), size: fc.constantFrom("micro" as const, "small" as const, "medium" as const) }),
  fc.constantFrom<Establishment.LegalForm>(
    { kind: "large-enterprise" },
    { kind: "cooperative" },
    { kind: "union-of-cooperatives" },
    { kind: "cooperative-group" },
    { kind: "business-household" }
  )
)

const industryCodes = [
  "che-bien-nong-lam-thuy-san",
  "thu-cong-my-nghe",
  "co-khi-nong-nghiep",
  "vat-lieu-xay-dung",
  "det-may-da-giay",
  "cong-nghiep-ho-tro"
]

/**
 * A valid establishment (cơ sở công nghiệp nông thôn). A 12-digit personal-ID tax code only on a
 * business household.
 * @example `fc.assert(fc.property(establishment, (e) => Establishment.decode(Establishment.encode(e)).ok))`
 * @category domain
 * @since 0.1.0
 */
export const establishment: fc.Arbitrary<Establishment.Establishment> = legalForm.chain((form) =>
  fc
    .record({
      id,
      name: text,
      taxCode:
        form.kind === "business-household"
          ? fc.oneof(taxCodeOf("main"), taxCodeOf("branch"), taxCodeOf("personal-id"))
          : fc.oneof(taxCodeOf("main"), taxCodeOf("branch")),
      location,
      industry: fc.record({ code: fc.constantFrom(...industryCodes), name: text }, { requiredKeys: ["code"] }),
      workforce: fc.nat(5000),
      annualRevenue: optional(nonNegativeMoneyUpTo(10n ** 12n)),
      hasExportContract: fc.boolean(),
      localRawMaterialShare: optional(share),
      cleanerProduction: fc.boolean(),
      womenOwned: fc.boolean(),
      ethnicMinorityOwned: fc.boolean(),
      registeredOn: optional(localDate)
    })
    .map((e) => compact({ ...e, legalForm: form }))
)

// ---------------------------------------------------------------------------------------------
// Proposal

const costLineFor = (item: string, beneficiaryId: string | undefined): fc.Arbitrary<Proposal.CostLine> =>
  fc
    .record({
      quantity,
      unitCost: nonNegativeMoneyUpTo(5n * 10n ** 9n),
      roundUp: fc.boolean(),
      description: optional(text),
      requestedPart: fc.nat(1000),
      otherPart: optional(fc.nat(1000))
    })
    .map((r) => {
      const { low, high } = Proposal.lineAmount(r.quantity, r.unitCost)
      const total = r.roundUp ? high : low
      const requestedSupport = Money.make((total * BigInt(r.requestedPart)) / 1000n)
      const rest = total - requestedSupport
      const otherStateFunding =
        r.otherPart === undefined ? undefined : Money.make((rest * BigInt(r.otherPart)) / 1000n)
      const counterpartFunding = Money.make(rest - (otherStateFunding ?? 0n))
      return compact({
        item,
        description: r.description,
        quantity: r.quantity,
        unitCost: r.unitCost,
        total,
        requestedSupport,
        counterpartFunding,
        otherStateFunding,
        beneficiaryId
      })
    })

const items = ["equipment", "installation", "training", "transport", "design", "consulting", "materials", "testing"]
const activityCodes = [
  "machinery",
  "demonstration-model",
  "training",
  "cleaner-production",
  "trade-fair",
  "product-selection",
  "consulting",
  "cluster-infrastructure"
]

const activityFor = (code: string, beneficiaries: ReadonlyArray<string>): fc.Arbitrary<Proposal.Activity> =>
  fc
    .uniqueArray(
      fc.tuple(
        fc.constantFrom(...items),
        beneficiaries.length === 0 ? fc.constant(undefined) : optional(fc.constantFrom(...beneficiaries))
      ),
      { minLength: 1, maxLength: 4, selector: ([i, b]) => `${i}|${b ?? ""}` }
    )
    .chain((keys) => fc.tuple(...keys.map(([i, b]) => costLineFor(`${code}.${i}`, b))))
    .map((costLines) => ({ activity: code, costLines }))

const proposalLocation = fc
  .record({ provinceCode, provinceName: optional(text), district: optional(text), commune: optional(commune) })
  .map(compact)

const formFor = (beneficiaries: ReadonlyArray<string>): fc.Arbitrary<Proposal.Form> => {
  const simple = fc.constantFrom<Proposal.Form>({ kind: "single" }, { kind: "pilot" }, { kind: "task" })
  if (beneficiaries.length < 2) return simple
  const group = fc
    .subarray([...beneficiaries], { minLength: 2 })
    .map((ids): Proposal.Form => ({ kind: "group", beneficiaryIds: ids }))
  return fc.oneof(simple, group)
}

/**
 * A valid proposal (đề án khuyến công): cost lines whose totals equal quantity × unit cost and
 * whose funding adds up, distinct items per activity and beneficiary, distinct activities and
 * beneficiaries, a group form listing ≥ 2 of the beneficiaries, a duration that ends on or after
 * it starts, all within a year of the plan year.
 * @example `fc.assert(fc.property(proposal, (p) => Proposal.decode(Proposal.encode(p)).ok))`
 * @category domain
 * @since 0.1.0
 */
export const proposal: fc.Arbitrary<Proposal.Proposal> = fc
  .record({
    beneficiaries: fc.uniqueArray(id, { maxLength: 5 }),
    codes: fc.uniqueArray(fc.constantFrom(...activityCodes), { minLength: 1, maxLength: 3 }),
    planYear: recentPlanYear
  })
  .chain(({ beneficiaries, codes, planYear }) =>
    fc
      .record({
        id,
        title: text,
        fund: fc.constantFrom("national" as const, "local" as const),
        form: formFor(beneficiaries),
        activities: fc.tuple(...codes.map((c) => activityFor(c, beneficiaries))),
        implementingUnit: fc.record({ name: text, code: id }, { requiredKeys: ["name"] }),
        locations: fc.array(proposalLocation, { maxLength: 3 }),
        dates: fc.tuple(
          localDateBetween(`${planYear - 1}-01-01`, `${planYear + 1}-12-31`),
          localDateBetween(`${planYear - 1}-01-01`, `${planYear + 1}-12-31`)
        ),
        approvalDate: optional(localDateBetween(`${planYear - 1}-01-01`, `${planYear}-12-31`))
      })
      .map((r) => {
        const [a, b] = r.dates
        return compact({
          id: r.id,
          title: r.title,
          fund: r.fund,
          form: r.form,
          activities: r.activities,
          implementingUnit: r.implementingUnit,
          beneficiaries,
          locations: r.locations,
          planYear,
          duration: a <= b ? { start: a, end: b } : { start: b, end: a },
          approvalDate: r.approvalDate
        })
      })
  )

/**
 * A valid proposal that may be declared a key national project (`keyProject`, đề án khuyến công
 * quốc gia điểm): declared `true` only when it has two or more activities and lasts more than one
 * year (Circular 36/2013 art. 3.3), with its duration stretched to end on the first anniversary of
 * its start when needed; otherwise `false` or absent. {@link proposal} never declares it.
 * @example `fc.assert(fc.property(keyProjectProposal, (p) => Proposal.decode(Proposal.encode(p)).ok))`
 * @category domain
 * @since 0.2.0
 */
export const keyProjectProposal: fc.Arbitrary<Proposal.Proposal> = proposal.chain((p) =>
  fc.constantFrom<boolean | undefined>(true, false, undefined).map((k): Proposal.Proposal => {
    if (k === undefined) return p
    if (k === false || p.activities.length < 2) return { ...p, keyProject: false }
    const anniversary = LocalDate.addYears(p.duration.start, 1)
    return { ...p, keyProject: true, duration: p.duration.end < anniversary ? { start: p.duration.start, end: anniversary } : p.duration }
  })
)

// ---------------------------------------------------------------------------------------------
// Plan and budget envelopes

const decision = fc.record({
  number: fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom("QĐ-BCT", "QĐ-UBND", "QĐ-TTg")).map(([n, s]) => `${n}/${s}`),
  date: localDate
})

const sourceFor = (level: Plan.Level): fc.Arbitrary<Plan.BudgetEnvelope["source"]> =>
  fc.oneof(
    ...(level === "national"
      ? [fc.record({ kind: fc.constant("central-budget" as const), note: text }, { requiredKeys: ["kind"] })]
      : [
          fc.record({ kind: fc.constant("central-budget" as const), note: text }, { requiredKeys: ["kind"] }),
          fc.record({ kind: fc.constant("local-budget" as const), note: text }, { requiredKeys: ["kind"] })
        ]),
    fc.record({ kind: fc.constant("other" as const), note: text })
  )

const envelopeFor = (
  year: Period.PlanYear,
  level: Plan.Level,
  provinceCode: string | undefined
): fc.Arbitrary<Plan.BudgetEnvelope> =>
  fc
    .record({ amount: nonNegativeMoney, source: sourceFor(level), decision: optional(decision) })
    .map((r) => compact({ year, level, provinceCode, amount: r.amount, source: r.source, decision: r.decision }))

const levelAndProvince: fc.Arbitrary<{ readonly level: Plan.Level; readonly provinceCode: string | undefined }> = fc.oneof(
  fc.constant({ level: "national" as const, provinceCode: undefined }),
  fc.constantFrom(...codesFrom).map((p) => ({ level: "provincial" as const, provinceCode: p }))
)

/**
 * A valid budget envelope (kinh phí được giao): a provincial one names its province, a national
 * one is not funded from a local budget.
 * @example `fc.sample(budgetEnvelope, 1)[0]?.source.kind` → e.g. `"central-budget"`
 * @category domain
 * @since 0.1.0
 */
export const budgetEnvelope: fc.Arbitrary<Plan.BudgetEnvelope> = fc
  .tuple(recentPlanYear, levelAndProvince)
  .chain(([y, lp]) => envelopeFor(y, lp.level, lp.provinceCode))

/**
 * A valid plan (kế hoạch khuyến công): envelopes of the plan's year, level and province, distinct
 * proposal ids.
 * @example `fc.assert(fc.property(plan, (p) => Plan.decode(Plan.encode(p)).ok))`
 * @category domain
 * @since 0.1.0
 */
export const plan: fc.Arbitrary<Plan.Plan> = fc.tuple(recentPlanYear, levelAndProvince).chain(([year, lp]) =>
  fc
    .record({
      id,
      envelopes: fc.array(envelopeFor(year, lp.level, lp.provinceCode), { maxLength: 4 }),
      proposalIds: fc.uniqueArray(id, { maxLength: 8 }),
      approval: optional(decision)
    })
    .map((r) =>
      compact({
        id: r.id,
        year,
        level: lp.level,
        provinceCode: lp.provinceCode,
        envelopes: r.envelopes,
        proposalIds: r.proposalIds,
        approval: r.approval
      })
    )
)
