/**
 * Portfolios (danh mục đề án) that look like a province's register: proposals whose activities
 * and spending items come from a resolved pack's catalogue (so support is computed on every line,
 * not refused as `not-in-catalogue`), with cost lines around the items' own caps (so the rate,
 * the absolute cap and the request each bind), and establishments placed in the provinces in
 * force on the pack's date (`AdminUnits`), several per province, each proposal's beneficiaries
 * taken from its own province.
 * @since 0.3.0
 * @module
 */
import * as fc from "fast-check"
import * as AdminUnits from "../records/AdminUnits.js"
import type * as Establishment from "../records/Establishment.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import type { ResolvedItem, ResolvedPack } from "../rules/Pack.js"
import * as Period from "../values/Period.js"
import type * as Proposal from "../records/Proposal.js"
import { taxCodeOf } from "./values.js"

/**
 * A portfolio: establishments by id and proposals evaluated on the pack's date (their approval
 * date), with distinct ids.
 * @category models
 * @since 0.3.0
 */
export interface Portfolio {
  readonly establishments: ReadonlyMap<string, Establishment.Establishment>
  readonly proposals: ReadonlyArray<Proposal.Proposal>
}

/**
 * Sizes of a generated portfolio (defaults in brackets): `proposals` [1–30], `provinces` [1–4],
 * `establishmentsPerProvince` [2–12].
 * @category models
 * @since 0.3.0
 */
export interface PortfolioOptions {
  readonly proposals?: { readonly min: number; readonly max: number }
  readonly provinces?: { readonly min: number; readonly max: number }
  readonly establishmentsPerProvince?: { readonly min: number; readonly max: number }
}

/** Industries of rural industrial establishments, as registers record them (eligible ones and a few others). */
const industries = [
  "che-bien-nong-lam-thuy-san",
  "tieu-thu-cong-nghiep",
  "co-khi-dien-dien-tu",
  "vat-lieu-xay-dung",
  "hang-tieu-dung-xuat-khau",
  "cong-nghiep-ho-tro"
]
const names = ["Minh Phát", "Hòa Bình", "Tân Tiến", "Đồng Tâm", "Phú Lương", "Sen Hồng", "Bát Tràng", "Vạn Phúc", "Phước Kiều", "An Khánh"]
const forms = ["Công ty TNHH", "Hợp tác xã", "Tổ hợp tác", "Cơ sở"]

/** Mostly the forms the programme supports; 1 in 20 a large enterprise (ineligible). */
const legalForm: fc.Arbitrary<Establishment.LegalForm> = fc.oneof(
  { arbitrary: fc.constantFrom("micro" as const, "small" as const, "medium" as const).map((size): Establishment.LegalForm => ({ kind: "enterprise", size })), weight: 8 },
  { arbitrary: fc.constant<Establishment.LegalForm>({ kind: "cooperative" }), weight: 5 },
  { arbitrary: fc.constant<Establishment.LegalForm>({ kind: "business-household" }), weight: 5 },
  { arbitrary: fc.constant<Establishment.LegalForm>({ kind: "cooperative-group" }), weight: 1 },
  { arbitrary: fc.constant<Establishment.LegalForm>({ kind: "large-enterprise" }), weight: 1 }
)

const establishmentIn = (province: AdminUnits.Province, id: string, beforeReorganisation: boolean): fc.Arbitrary<Establishment.Establishment> =>
  fc
    .record({
      legalForm,
      taxCode: taxCodeOf("main"),
      name: fc.tuple(fc.constantFrom(...forms), fc.constantFrom(...names)),
      commune: fc.tuple(fc.constantFrom(...names), fc.nat(30)),
      ward: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      industry: fc.constantFrom(...industries),
      workforce: fc.integer({ min: 3, max: 300 }),
      flags: fc.record({ poorDistrict: fc.boolean(), newRuralCommune: fc.boolean(), highland: fc.boolean(), ethnicMinorityArea: fc.boolean() }),
      difficultArea: fc.constantFrom("none" as const, "none" as const, "none" as const, "difficult" as const, "especially-difficult" as const),
      owners: fc.record({ womenOwned: fc.boolean(), ethnicMinorityOwned: fc.boolean(), hasExportContract: fc.boolean(), cleanerProduction: fc.boolean() })
    })
    .map((r): Establishment.Establishment => ({
      id,
      name: `${r.name[0]} ${r.name[1]}`,
      legalForm: r.legalForm,
      taxCode: r.taxCode,
      location: {
        provinceCode: province.code,
        provinceName: province.shortName,
        ...(beforeReorganisation ? { district: `Huyện ${r.commune[0]}` } : {}),
        commune: r.ward ? { name: `Phường ${r.commune[1] + 1}`, kind: "ward" } : { name: `Xã ${r.commune[0]}`, kind: "commune" },
        ...(r.ward ? { cityClass: 3 as const } : {}),
        difficultArea: r.difficultArea,
        island: false,
        border: false,
        ...r.flags
      },
      industry: { code: r.industry },
      workforce: r.workforce,
      ...r.owners
    }))

/** Whole thousands of đồng between `min` and `max`. */
const thousands = (min: bigint, max: bigint): fc.Arbitrary<bigint> => fc.bigInt({ min: min / 1000n, max: max / 1000n }).map((n) => n * 1000n)

/**
 * One cost line of an item, its unit cost around the item's cap (a quarter to three times it)
 * and its request 30–100 % of its total, sometimes exactly the rate cap.
 */
const lineOf = (item: ResolvedItem, beneficiaryId: string | undefined): fc.Arbitrary<Proposal.CostLine> => {
  const cap = item.scope === "overhead" ? 20_000_000n : item.hasAmount && item.amount > 0n ? item.amount : 500_000_000n
  const rateOf = (total: bigint): bigint => (item.hasRate ? (total * item.rateNumerator) / item.rateDenominator : total)
  return fc
    .record({
      quantity: item.scope === "quantity" ? fc.integer({ min: 1, max: 5 }) : fc.constant(1),
      unitCost: thousands(cap / 4n > 1000n ? cap / 4n : 1000n, cap * 3n),
      request: fc.oneof(fc.constant(-1), fc.integer({ min: 300, max: 1000 }))
    })
    .map((r) => {
      const total = r.unitCost * BigInt(r.quantity)
      const requested = r.request < 0 ? rateOf(total) : (total * BigInt(r.request)) / 1000n
      return {
        item: item.code,
        quantity: r.quantity,
        unitCost: Money.make(r.unitCost),
        total: Money.make(total),
        requestedSupport: Money.make(requested),
        counterpartFunding: Money.make(total - requested),
        ...(beneficiaryId === undefined ? {} : { beneficiaryId })
      }
    })
}

/** The catalogue of a view: activities with at least one item available, and their items. */
const catalogueOf = (resolved: ResolvedPack): ReadonlyArray<{ readonly code: string; readonly items: ReadonlyArray<ResolvedItem> }> =>
  Object.values(resolved.activities)
    .map((a) => ({ code: a.code, items: a.items.map((i) => resolved.itemIndex.get(i)).filter((i): i is ResolvedItem => i !== undefined) }))
    .filter((a) => a.items.length > 0)

const proposalIn = (
  resolved: ResolvedPack,
  id: string,
  province: AdminUnits.Province,
  members: ReadonlyArray<string>
): fc.Arbitrary<Proposal.Proposal> => {
  const catalogue = catalogueOf(resolved)
  const year = Period.planYearOrThrow(Number(resolved.date.slice(0, 4)))
  return fc
    .record({
      fund: fc.constantFrom("national" as const, "local" as const),
      group: members.length >= 2 ? fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }) : fc.constant(false),
      first: fc.nat(members.length - 1),
      size: fc.integer({ min: 2, max: Math.max(2, Math.min(4, members.length)) }),
      activities: fc.uniqueArray(fc.constantFrom(...catalogue), { minLength: 1, maxLength: 3, selector: (a) => a.code })
    })
    .chain((r) => {
      const beneficiaries = r.group ? Array.from({ length: r.size }, (_, k) => members[(r.first + k) % members.length] as string) : [members[r.first] as string]
      const activities = r.activities.map((a) =>
        fc.uniqueArray(fc.constantFrom(...a.items), { minLength: 1, maxLength: 3, selector: (i) => i.code }).chain((items) =>
          fc
            .tuple(
              ...items.flatMap((i) =>
                // a group's per-establishment items: one line per member, as registers write them
                r.group && i.scope === "beneficiary" ? beneficiaries.map((b) => lineOf(i, b)) : [lineOf(i, undefined)]
              )
            )
            .map((costLines): Proposal.Activity => ({ activity: a.code, costLines }))
        )
      )
      return fc.tuple(...activities).map(
        (acts): Proposal.Proposal => ({
          id,
          title: `Đề án ${acts.map((a) => a.activity).join(", ")} tại ${province.shortName}`,
          fund: r.fund,
          form: r.group ? { kind: "group", beneficiaryIds: beneficiaries } : { kind: "single" },
          activities: acts,
          implementingUnit: { name: `Trung tâm Khuyến công ${province.shortName}`, code: `TTKC-${province.code}` },
          beneficiaries,
          locations: [{ provinceCode: province.code, provinceName: province.shortName }],
          planYear: year,
          duration: { start: resolved.date, end: LocalDate.parseOrThrow(`${year}-12-31`) },
          approvalDate: resolved.date
        })
      )
    })
}

/**
 * A portfolio over a resolved pack's catalogue (see the module header): proposals approved on
 * the pack's date, of its plan year, each in one province with beneficiaries from that
 * province's establishments (a group of 2–4 one time in four when the province has enough).
 * @example `fc.sample(portfolio(Pack.resolveOrThrow(pack, "2024-06-30")), 1)[0]?.proposals[0]?.activities[0]?.costLines[0]?.item` → e.g. `"machinery.equipment"`
 * @category domain
 * @since 0.3.0
 */
export const portfolio = (resolved: ResolvedPack, options: PortfolioOptions = {}): fc.Arbitrary<Portfolio> => {
  const inForce = AdminUnits.provincesOn(resolved.date)
  const before = resolved.date < AdminUnits.reorganisationDay()
  const p = options.provinces ?? { min: 1, max: 4 }
  const e = options.establishmentsPerProvince ?? { min: 2, max: 12 }
  const n = options.proposals ?? { min: 1, max: 30 }
  return fc
    .uniqueArray(fc.constantFrom(...inForce), { minLength: p.min, maxLength: p.max, selector: (x) => x.code })
    .chain((provinces) =>
      fc
        .tuple(...provinces.map((pr) => fc.integer({ min: e.min, max: e.max }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => establishmentIn(pr, `cs-${pr.code}-${i + 1}`, before))))))
        .chain((perProvince) =>
          fc.integer({ min: n.min, max: n.max }).chain((count) =>
            fc
              .tuple(...Array.from({ length: count }, (_, i) => fc.nat(provinces.length - 1).chain((k) => proposalIn(resolved, `DA-${String(i + 1).padStart(5, "0")}`, provinces[k] as AdminUnits.Province, (perProvince[k] ?? []).map((x) => x.id)))))
              .map((proposals): Portfolio => ({ establishments: new Map(perProvince.flat().map((x) => [x.id, x] as const)), proposals }))
          )
        )
    )
}
