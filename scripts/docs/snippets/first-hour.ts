// The code of docs/getting-started.md, region by region. Outside the regions there are only
// assertions: the regions, copied one after another into a file, are a program that runs.
import assert from "node:assert/strict"

// #region money
import { Money, Rate, Rounding } from "@khuyencong/core"

// Amounts the way officials type them, exact in đồng (a bigint)
const cost = Money.parseOrThrow("1, 35 tỷ")     // 1350000000n
Money.format(cost)                               // "1.350.000.000 ₫"
Money.format(cost, { style: "words" })           // "1,35 tỷ đồng"

// Anything that would need a guess is refused, with a code and a reason
const typo = Money.parse("1.5 tỷ")
if (!typo.ok) console.log(typo.error.code)       // "money/bad-grouping" ("," is the decimal separator)

// Money × rate only through a named rounding, which records what it did
const { value, rounding } = Money.multiplyByRate(
  Money.parseOrThrow("1.234.567.891"),
  Rate.parseOrThrow("30%"),
  Rounding.down1
)
value    // 370370367n
rounding // { mode: "down-1", exact: "370370367.3", result: "370370367", difference: "-0.3" }
// #endregion

assert.equal(cost, 1_350_000_000n)
assert.equal(Money.format(cost), "1.350.000.000 ₫")
assert.equal(Money.format(cost, { style: "words" }), "1,35 tỷ đồng")
assert.equal(typo.ok, false)
assert.equal(typo.error.code, "money/bad-grouping")
assert.equal(value, 370_370_367n)
assert.deepEqual(rounding, { mode: "down-1", exact: "370370367.3", result: "370370367", difference: "-0.3" })

// #region decode-errors
import { Proposal } from "@khuyencong/core"

// A proposal as it arrives from a form or an API (JSON: money as strings of digits)
const draft = {
  id: "DA-2023-HG-01",
  title: "",
  fund: "nation",
  form: { kind: "single" },
  activities: [
    { activity: "machinery", costLines: [
      { item: "machinery.equipment", quantity: 1, unitCost: "800000000", total: "800000000",
        requestedSupport: "400000000", counterpartFunding: "300000000" }
    ] }
  ],
  implementingUnit: { name: "Trung tâm Khuyến công Hà Giang" },
  beneficiaries: ["hg-che-phin-ho"],
  locations: [{ provinceCode: "02" }],
  planYear: 2023,
  duration: { start: "2023-04-01", end: "2023-11-30" },
  approvalDate: "2023-03-15"
}

const checked = Proposal.decode(draft)
if (!checked.ok) {
  for (const issue of checked.error.issues) console.log(issue.path.join("."), issue.code, issue.message)
}
// title                                            schema/invalid          title (tên đề án) must be non-blank text
// fund                                             schema/type             fund (nguồn kinh phí) must be "national" (khuyến công quốc gia) or "local" (khuyến công địa phương)
// activities.0.costLines.0.counterpartFunding      proposal/funding-shortfall  requested support (kinh phí đề nghị hỗ trợ)
//   400.000.000 ₫ + counterpart funding (vốn đối ứng) 300.000.000 ₫ = 700.000.000 ₫ does not cover the line
//   total (thành tiền) 800.000.000 ₫; counterpart funding (vốn đối ứng) should be 400.000.000 ₫
// #endregion

assert.equal(checked.ok, false)
assert.deepEqual(
  checked.error.issues.map((i) => `${i.path.join(".")} ${i.code}`),
  ["title schema/invalid", "fund schema/type", "activities.0.costLines.0.counterpartFunding proposal/funding-shortfall"]
)
assert.equal(checked.error.issues[0].message, "title (tên đề án) must be non-blank text")
assert.equal(checked.error.issues[1].message, 'fund (nguồn kinh phí) must be "national" (khuyến công quốc gia) or "local" (khuyến công địa phương)')
assert.equal(
  checked.error.issues[2].message,
  "requested support (kinh phí đề nghị hỗ trợ) 400.000.000 ₫ + counterpart funding (vốn đối ứng) 300.000.000 ₫ = 700.000.000 ₫ does not cover the line total (thành tiền) 800.000.000 ₫; counterpart funding (vốn đối ứng) should be 400.000.000 ₫"
)

// #region decode
import { Establishment, Result } from "@khuyencong/core"

// The beneficiaries (cơ sở thụ hưởng): facts the eligibility and priority rules read
const teaCooperative = {
  id: "hg-che-phin-ho",
  name: "Hợp tác xã chè Shan tuyết Phìn Hồ",
  legalForm: { kind: "cooperative" },
  taxCode: "0503456783",
  location: {
    provinceCode: "02", provinceName: "Hà Giang", district: "Hoàng Su Phì",
    commune: { name: "Xã Thông Nguyên", kind: "commune" },
    difficultArea: "especially-difficult", poorDistrict: true, newRuralCommune: false,
    highland: true, island: false, border: false, ethnicMinorityArea: true
  },
  industry: { code: "che-bien-nong-lam-thuy-san", name: "Chế biến chè" },
  workforce: 30, hasExportContract: false, localRawMaterialShare: "0.9",
  cleanerProduction: false, womenOwned: false, ethnicMinorityOwned: true
}
const others = [
  { ...teaCooperative, id: "hg-che-ha-giang", name: "Công ty TNHH Chè Hà Giang",
    legalForm: { kind: "enterprise", size: "micro" }, taxCode: "0604567899" },
  { ...teaCooperative, id: "hg-che-nam-ty", name: "Hộ kinh doanh chè Nậm Ty",
    legalForm: { kind: "business-household" }, taxCode: "0705678901" },
  // produces in a ward of a class-1 city that was never a commune
  { ...teaCooperative, id: "hg-che-minh-khai", name: "Công ty TNHH Chè Minh Khai",
    legalForm: { kind: "enterprise", size: "small" }, taxCode: "0806789012",
    location: { ...teaCooperative.location, district: "Thành phố Hà Giang",
      commune: { name: "Phường Minh Khai", kind: "ward" }, cityClass: 1 } }
]

// asOf: check the province code and tax code against the rules in force on that day
const establishments = new Map()
for (const json of [teaCooperative, ...others]) {
  const e = Result.getOrThrow(Establishment.decode(json, { asOf: "2023-03-15" }))
  establishments.set(e.id, e)
}

// The corrected proposal: a machinery line and a trademark line for the cooperative
const proposal = Result.getOrThrow(Proposal.decode({
  ...draft,
  title: "Hỗ trợ ứng dụng máy móc thiết bị chế biến chè Shan tuyết",
  fund: "national",
  activities: [
    { activity: "machinery", costLines: [
      { item: "machinery.equipment", quantity: 1, unitCost: "800000000", total: "800000000",
        requestedSupport: "400000000", counterpartFunding: "400000000" }
    ] },
    { activity: "trademark", costLines: [
      { item: "trademark.registration", quantity: 1, unitCost: "60000000", total: "60000000",
        requestedSupport: "30000000", counterpartFunding: "30000000" }
    ] }
  ]
}))
proposal.activities[0].costLines[0].total // 800000000n: decoded money is bigint đồng
// #endregion

assert.equal(establishments.size, 4)
assert.equal(proposal.activities[0].costLines[0].total, 800_000_000n)

// #region evaluate
import { Pack, Evaluate } from "@khuyencong/core"
import { pack } from "@khuyencong/rules-2021-2025"

// Validate the pack once at start-up, then resolve it at the decision date: every parameter is
// read once and every cap becomes plain bigint arithmetic, ready for any number of proposals
const rules = Pack.loadOrThrow(pack)
const resolved = Pack.resolveOrThrow(rules, Evaluate.dateOf(proposal)) // the approval date, 2023-03-15

const evaluation = Result.getOrThrow(
  Evaluate.evaluate(proposal, resolved, { establishments, trace: true })
)
evaluation.verdict // "eligible"
evaluation.payable // 330000000n
for (const line of evaluation.support.lines)
  console.log(line.item, Money.format(line.support), line.binding, line.grade)
// machinery.equipment      300.000.000 ₫  absolute-cap  secondary   (50 % of 800 m = 400 m, capped at 300 m per establishment)
// trademark.registration    30.000.000 ₫  rate          unconfirmed (50 % of 60 m; cap 35 m per trademark)
// #endregion

assert.equal(evaluation.verdict, "eligible")
assert.equal(evaluation.payable, 330_000_000n)
assert.deepEqual(
  evaluation.support.lines.map((l) => [l.item, l.support, l.binding, l.grade]),
  [
    ["machinery.equipment", 300_000_000n, "absolute-cap", "secondary"],
    ["trademark.registration", 30_000_000n, "rate", "unconfirmed"]
  ]
)

// #region why
import { Eligibility } from "@khuyencong/core"

// A group project (đề án nhóm) whose third member produces in a class-1 city ward
const group = Result.getOrThrow(Proposal.decode({
  ...draft,
  id: "DA-2023-HG-02",
  title: "Hỗ trợ máy móc thiết bị cho 03 cơ sở chế biến chè",
  fund: "national",
  form: { kind: "group", beneficiaryIds: ["hg-che-phin-ho", "hg-che-ha-giang", "hg-che-minh-khai"] },
  beneficiaries: ["hg-che-phin-ho", "hg-che-ha-giang", "hg-che-minh-khai"],
  activities: [{ activity: "machinery", costLines: ["hg-che-phin-ho", "hg-che-ha-giang", "hg-che-minh-khai"].map((id) => (
    { item: "machinery.equipment", beneficiaryId: id, quantity: 1, unitCost: "600000000",
      total: "600000000", requestedSupport: "300000000", counterpartFunding: "300000000" })) }]
}))
const refused = Result.getOrThrow(Evaluate.evaluate(group, resolved, { establishments }))
refused.verdict         // "ineligible"
refused.support.total   // 900000000n: what the caps would give (3 × 300 m)…
refused.payable         // 0n: …but nothing is payable
for (const c of Eligibility.failures(refused.eligibility)) console.log(c.subject, c.rule, c.reason, c.message)
// hg-che-minh-khai eligibility.location location/not-converted:1 Production location (Địa bàn sản xuất):
//   production location (địa điểm sản xuất) is a ward (phường) of a class-1 city (thành phố loại 1)
//   that was not converted from a commune (chuyển đổi từ xã); only such wards converted within
//   5 years are eligible [Circular 46/2012/TT-BCT, art. 3, cl. 1 (primary)]
// #endregion

assert.equal(refused.verdict, "ineligible")
assert.equal(refused.support.total, 900_000_000n)
assert.equal(refused.payable, 0n)
{
  const f = Eligibility.failures(refused.eligibility)
  assert.equal(f.length, 1)
  assert.equal(f[0].subject, "hg-che-minh-khai")
  assert.equal(f[0].rule, "eligibility.location")
  assert.equal(f[0].reason, "location/not-converted:1")
  assert.equal(
    f[0].message,
    "Production location (Địa bàn sản xuất): production location (địa điểm sản xuất) is a ward (phường) of a class-1 city (thành phố loại 1) that was not converted from a commune (chuyển đổi từ xã); only such wards converted within 5 years are eligible [Circular 46/2012/TT-BCT, art. 3, cl. 1 (primary)]"
  )
}

// #region trace
import { Trace } from "@khuyencong/core"

const trace = evaluation.trace // recorded because the context said trace: true
trace.schemaVersion            // 1
trace.steps.map((s) => s.rule)
// ["eligibility.activity-in-catalogue", "eligibility.approved", …, "eligibility.verdict",
//  "support.machinery.equipment", "support.trademark.registration", "support.total"]

// One step: the rule, its inputs, every parameter read (value, days, citation, grade),
// the roundings applied and the result, with the layer that set the figures
const machinery = trace.steps.find((s) => s.rule === "support.machinery.equipment")!
machinery.parameters.map((p) => `${p.id} = ${JSON.stringify(p.value)} from ${p.from}, ${p.citation.instrument} art. ${p.citation.article}.${p.citation.clause} (${p.citation.grade})`)
// ['support.machinery.rate = {"numerator":"1","denominator":"2"} from 2018-05-11, 28/2018/TT-BTC art. 8.4 (secondary)',
//  'support.machinery.cap = "300000000" from 2018-05-11, 28/2018/TT-BTC art. 8.4 (secondary)']
machinery.result // { rateCap: "400000000", absoluteCap: "300000000", support: "300000000", binding: "absolute-cap", … }

// Figures that are not settled law stay visible: list them for the explanation
for (const u of Trace.unconfirmedReads(trace)) console.log(u.kind, u.rule, u.read?.id ?? "", u.citation.grade, u.citation.note)
// support.trademark.registration support.trademark.rate unconfirmed carried over from Joint Circular 26/2014/TTLT-BTC-BCT; not confirmed for Circular 28/2018…
// support.trademark.registration support.trademark.cap  unconfirmed carried over from …

// Store it beside the decision as plain JSON, with the pack id and version, and read it back later
const stored = JSON.stringify({ packId: evaluation.packId, packVersion: evaluation.packVersion, trace })
const audit = Result.getOrThrow(Trace.decode(JSON.parse(stored).trace))
audit.steps.length === trace.steps.length // true
// #endregion

assert.equal(trace.schemaVersion, 1)
assert.deepEqual(trace.steps.slice(-3).map((s) => s.rule), ["support.machinery.equipment", "support.trademark.registration", "support.total"])
assert.equal(trace.steps[0].rule, "eligibility.activity-in-catalogue")
assert.equal(trace.steps.at(-4)!.rule, "eligibility.verdict")
assert.deepEqual(
  machinery.parameters.map((p) => `${p.id} = ${JSON.stringify(p.value)} from ${p.from}, ${p.citation.instrument} art. ${p.citation.article}.${p.citation.clause} (${p.citation.grade})`),
  [
    'support.machinery.rate = {"numerator":"1","denominator":"2"} from 2018-05-11, 28/2018/TT-BTC art. 8.4 (secondary)',
    'support.machinery.cap = "300000000" from 2018-05-11, 28/2018/TT-BTC art. 8.4 (secondary)'
  ]
)
assert.equal((machinery.result as Record<string, unknown>).rateCap, "400000000")
assert.equal((machinery.result as Record<string, unknown>).absoluteCap, "300000000")
assert.equal((machinery.result as Record<string, unknown>).binding, "absolute-cap")
assert.deepEqual(
  Trace.unconfirmedReads(trace).filter((u) => u.kind === "parameter").map((u) => [u.rule, u.read!.id, u.read!.citation.grade]),
  [
    ["support.trademark.registration", "support.trademark.rate", "unconfirmed"],
    ["support.trademark.registration", "support.trademark.cap", "unconfirmed"]
  ]
)
assert.match(Trace.unconfirmedReads(trace).filter((u) => u.kind === "parameter")[0]!.read!.citation.note!, /^Carried over from Joint Circular 26\/2014\/TTLT-BTC-BCT art\. 6\.2\.h, which expired when Circular 28\/2018\/TT-BTC took effect on 2018-05-11; .*Not confirmed for Circular 28\/2018/)
assert.equal(audit.steps.length, trace.steps.length)
assert.deepEqual(audit, JSON.parse(JSON.stringify(trace)))

// #region allocate
import { Allocation, Appraisal, Plan } from "@khuyencong/core"

// The eligible group of three (900 m đồng) competes with the first proposal (330 m đồng)
const fullGroup = Result.getOrThrow(Proposal.decode({
  ...Proposal.encode(group),
  id: "DA-2023-HG-03",
  form: { kind: "group", beneficiaryIds: ["hg-che-phin-ho", "hg-che-ha-giang", "hg-che-nam-ty"] },
  beneficiaries: ["hg-che-phin-ho", "hg-che-ha-giang", "hg-che-nam-ty"],
  activities: [{ activity: "machinery", costLines: ["hg-che-phin-ho", "hg-che-ha-giang", "hg-che-nam-ty"].map((id) => (
    { item: "machinery.equipment", beneficiaryId: id, quantity: 1, unitCost: "600000000",
      total: "600000000", requestedSupport: "300000000", counterpartFunding: "300000000" })) }]
}))
const proposals = [proposal, fullGroup]

// The province's 2023 plan: 1 tỷ đồng from the central budget pays for national-fund proposals
const plan = Result.getOrThrow(Plan.decode({
  id: "KH-HG-2023", year: 2023, level: "provincial", provinceCode: "02", proposalIds: proposals.map((p) => p.id),
  envelopes: [{ year: 2023, level: "provincial", provinceCode: "02", amount: "1000000000", source: { kind: "central-budget" } }]
}))

// The managing agency's reserve comes off the top, at the rate the pack allows (1,5 %)
const reserve = Result.getOrThrow(Allocation.reserveFromPack(rules, "overhead.managing-agency", "2023-01-10"))

// Appraisal (thẩm định): evaluate every proposal, rank each fund's eligible ones by the pack's
// priority rules (areas, industries, pilot, submission date, id), allocate the fund's envelopes
const appraisal = Result.getOrThrow(Appraisal.appraise(
  { proposals, establishments, plan, rules: [rules],
    policy: { kind: "partial-marginal", minimumShare: Rate.parseOrThrow("50%"), unit: 1_000_000n } },
  { submittedOn: { "DA-2023-HG-01": "2022-06-10", "DA-2023-HG-03": "2022-06-02" }, reserve: { national: reserve } }
))
const allocation = Appraisal.fund(appraisal, "national")!.allocation
allocation.outcomes.map(Allocation.explain)
// ["DA-2023-HG-03: funded in full (được bố trí đủ): 900.000.000 ₫",
//  "DA-2023-HG-01: unfunded (không được bố trí): the 85.000.000 ₫ left of the envelope (kinh phí được giao) is below the minimum share (tỷ lệ tối thiểu) of 330.000.000 ₫"]
allocation.totals // { envelope: 1000000000n, reserve: 15000000n, distributable: 985000000n, allocated: 900000000n, unallocated: 85000000n, … }
// #endregion

assert.deepEqual(allocation.outcomes.map((o) => [o.id, o.status, o.allocated]), [
  ["DA-2023-HG-03", "funded", 900_000_000n],
  ["DA-2023-HG-01", "unfunded", 0n]
])
assert.deepEqual(allocation.outcomes.map(Allocation.explain), [
  "DA-2023-HG-03: funded in full (được bố trí đủ): 900.000.000 ₫",
  "DA-2023-HG-01: unfunded (không được bố trí): the 85.000.000 ₫ left of the envelope (kinh phí được giao) is below the minimum share (tỷ lệ tối thiểu) of 330.000.000 ₫"
])
assert.equal(allocation.totals.reserve, 15_000_000n)
assert.equal(allocation.totals.distributable, 985_000_000n)
assert.equal(allocation.totals.allocated, 900_000_000n)
assert.equal(allocation.totals.unallocated, 85_000_000n)

// #region ledger
import { Contract, Errors, Ledger, LocalDate } from "@khuyencong/core"

// Records hold checked dates (LocalDate); function arguments also take "YYYY-MM-DD" literals
const day = LocalDate.parseOrThrow

// The contract takes its advance terms from the pack in force on the approval date
const contract = Result.getOrThrow(Contract.make({
  id: "HĐ-2023-HG-03",
  approvedSupport: Appraisal.get(appraisal, "DA-2023-HG-03")!.allocated, // 900.000.000 đ
  activities: ["machinery"],
  approved: day("2023-03-15"),
  signed: day("2023-04-05"),
  planYear: 2023,
  province: "02"
}, [rules]))
contract.terms.tier.id // "investment": 70 % first advance after more than 70 % of the investment

let ledger = Ledger.open(contract)
const post = (event: Ledger.Event): boolean => {
  const r = Ledger.post(ledger, event)
  if (r.ok) ledger = r.value
  else console.log(r.error.code, "|", r.error instanceof Errors.RuleViolation ? r.error.citation : "")
  return r.ok
}

// Refused: no progress report yet, the tier's condition is not met
post({ id: "1", idempotencyKey: "HG-03/adv-1", kind: "advance", date: day("2023-05-02"), amount: Money.parseOrThrow("300 triệu") })
// advance/condition-not-met | Circular 36/2013/TT-BCT, art. 13, cl. 2, pt. d (unconfirmed)

// Accepted: the progress report (75 %) travels with the event as evidence
post({ id: "2", idempotencyKey: "HG-03/adv-2", kind: "advance", date: day("2023-06-02"),
  amount: Money.parseOrThrow("600 triệu"), evidence: { progressShare: Rate.parseOrThrow("75%") } })
Ledger.balances(ledger).advanceLimit // 630000000n: 70 % of 900 m until base-level acceptance

// After base-level acceptance (nghiệm thu cơ sở) the rest is paid, then the project is settled
post({ id: "3", idempotencyKey: "HG-03/pay-1", kind: "payment", date: day("2023-12-12"),
  amount: Money.parseOrThrow("300 triệu"), evidence: { baseAcceptance: day("2023-12-05") } })
post({ id: "4", idempotencyKey: "HG-03/settle", kind: "settlement", date: day("2024-01-15"), amount: Money.parseOrThrow("900 triệu") })

const b = Ledger.balances(ledger)
b.disbursed   // 900000000n (advanced 600 m + paid 300 m)
b.outstanding // 0n: the settlement cleared the advances
b.remaining   // 0n
// #endregion

assert.equal(contract.terms.tier.id, "investment")
assert.equal(ledger.events.length, 3)
assert.equal(b.advanced, 600_000_000n)
assert.equal(b.paid, 300_000_000n)
assert.equal(b.disbursed, 900_000_000n)
assert.equal(b.outstanding, 0n)
assert.equal(b.remaining, 0n)
assert.equal(b.settled, 900_000_000n)
{
  // the refused advance, again, to check the code and citation the text shows
  const r = Ledger.post(Ledger.open(contract), { id: "1", idempotencyKey: "x", kind: "advance", date: day("2023-05-02"), amount: Money.parseOrThrow("300 triệu") })
  assert.ok(!r.ok && r.error instanceof Errors.RuleViolation)
  assert.equal(r.error.code, "advance/condition-not-met")
  assert.equal(r.error.citation, "Circular 36/2013/TT-BCT, art. 13, cl. 2, pt. d (unconfirmed)")
  const l = Ledger.post(Ledger.open(contract), { id: "2", idempotencyKey: "y", kind: "advance", date: day("2023-06-02"), amount: Money.parseOrThrow("600 triệu"), evidence: { progressShare: Rate.parseOrThrow("75%") } })
  assert.ok(l.ok)
  assert.equal(Ledger.balances(l.value).advanceLimit, 630_000_000n)
}
