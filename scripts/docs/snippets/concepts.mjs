// docs/concepts.md. Outside the regions there are only assertions.
import assert from "node:assert/strict"

// #region corpus
import { Corpus, Manifest } from "@khuyencong/core"

const law = Corpus.law() // @khuyencong/law's corpus.json, decoded once
const history = law.parameters["support.machinery.cap"]
history.values.map((v) => [v.from, v.value, v.citation.instrument.number, v.citation.grade])
// [["2014-04-08", 200000000n, "26/2014/TTLT-BTC-BCT", "primary"],
//  ["2018-05-11", 300000000n, "28/2018/TT-BTC", "secondary"]]

// A pack is every entry in force on the first day of its period, and the parameters it reads
const built = Manifest.buildOrThrow(law, "vn-khuyen-cong-2014-2018")
built.pack.parameters["support.machinery.cap"].values.length // 1: 200.000.000 ₫ …
built.pack.parameters["support.machinery.cap"].until         // "2018-05-10": … until Circular 28/2018
built.notes.length                                           // 3 notes for the whole period
// #endregion

assert.deepEqual(
  history.values.map((v) => [v.from, v.value, v.citation.instrument.number, v.citation.grade]),
  [
    ["2014-04-08", 200_000_000n, "26/2014/TTLT-BTC-BCT", "primary"],
    ["2018-05-11", 300_000_000n, "28/2018/TT-BTC", "secondary"]
  ]
)
assert.equal(built.pack.parameters["support.machinery.cap"].values.length, 1)
assert.equal(built.pack.parameters["support.machinery.cap"].until, "2018-05-10")
assert.equal(built.notes.length, 3)

// #region citation
import { Citation, Pack, Parameter } from "@khuyencong/core"
import { pack } from "@khuyencong/rules-2021-2025"

const rules = Pack.loadOrThrow(pack)
const cap = rules.parameters["support.machinery.cap"]
const r = Parameter.at(cap, "2023-03-15")
if (r.ok) {
  r.value.value                          // 300000000n
  r.value.from                           // "2018-05-11" (no until: in force until replaced)
  Citation.format(r.value.citation)      // "Circular 28/2018/TT-BTC, art. 8, cl. 4 (secondary)"
  Citation.formatVi(r.value.citation)    // "khoản 4 Điều 8 Thông tư 28/2018/TT-BTC"
  Citation.isSettled(r.value.citation.grade) // true: primary and secondary may be shown as law
}

// Before the first value there is no value, and no default either
const before = Parameter.at(cap, "2018-05-10")
before.ok          // false
before.error.code  // "parameter/no-value-at-date"
// #endregion

assert.equal(r.ok, true)
assert.equal(r.value.value, 300_000_000n)
assert.equal(r.value.from, "2018-05-11")
assert.equal(r.value.until, undefined)
assert.equal(Citation.format(r.value.citation), "Circular 28/2018/TT-BTC, art. 8, cl. 4 (secondary)")
assert.equal(Citation.formatVi(r.value.citation), "khoản 4 Điều 8 Thông tư 28/2018/TT-BTC")
assert.equal(Citation.isSettled(r.value.citation.grade), true)
assert.equal(before.ok, false)
assert.equal(before.error.code, "parameter/no-value-at-date")

// #region unconfirmed
const line = Pack.resolveOrThrow(rules, "2023-03-15").items["trademark.registration"]
line.grade                              // "unconfirmed": the weakest of its citation and parameters
line.reads.map((p) => [p.id, p.citation.grade, p.citation.note])
// [["support.trademark.rate", "unconfirmed", "carried over from Joint Circular 26/2014/TTLT-BTC-BCT; not confirmed for Circular 28/2018…"],
//  ["support.trademark.cap",  "unconfirmed", "carried over from …"]]
// #endregion

assert.equal(line.grade, "unconfirmed")
assert.deepEqual(line.reads.map((p) => [p.id, p.citation.grade]), [
  ["support.trademark.rate", "unconfirmed"],
  ["support.trademark.cap", "unconfirmed"]
])
assert.match(line.reads[0].citation.note, /^Carried over from Joint Circular 26\/2014\/TTLT-BTC-BCT art\. 6\.2\.h, which expired when Circular 28\/2018\/TT-BTC took effect on 2018-05-11; .*Not confirmed for Circular 28\/2018/)

// #region overlay
import { Overlay } from "@khuyencong/core"
import { laiChau, laiChauResolution } from "@khuyencong/rules-2021-2025"

// Lai Châu's own levels (NQ 18/2025/NQ-HĐND, in force 2025-05-05) over the national pack
const laiChauPack = Overlay.applyOrThrow(rules, laiChau)
const provincial = Pack.resolveOrThrow(laiChauPack, "2025-06-02")
provincial.province                                    // "12"
provincial.items["demo-model.new-technology"].amount   // 500000000n
provincial.items["demo-model.new-technology"].layer    // "lai-chau-18-2025"
Pack.viewFor(provincial, "national").items["demo-model.new-technology"].amount // 1000000000n

// A province may set a level above the national one: allowed, and flagged everywhere
const above = Overlay.applyOrThrow(rules, {
  id: "example-raise", title: "Example: a province raising the machinery cap", province: "12",
  citation: { instrument: laiChauResolution, grade: "secondary", note: "example only" },
  effective: { start: "2025-05-05" },
  operations: [{ op: "raise", parameter: "support.machinery.cap", value: 400_000_000n }]
})
Overlay.warnings(above).map((w) => w.code)             // ["overlay/above-national"]
Pack.resolveOrThrow(above, "2025-06-02").items["machinery.equipment"].aboveNational // true
// #endregion

assert.equal(provincial.province, "12")
assert.equal(provincial.items["demo-model.new-technology"].amount, 500_000_000n)
assert.equal(provincial.items["demo-model.new-technology"].layer, "lai-chau-18-2025")
assert.equal(Pack.viewFor(provincial, "national").items["demo-model.new-technology"].amount, 1_000_000_000n)
assert.deepEqual(Overlay.warnings(above).map((w) => w.code), ["overlay/above-national"])
assert.equal(Pack.resolveOrThrow(above, "2025-06-02").items["machinery.equipment"].aboveNational, true)
assert.equal(Pack.resolveOrThrow(above, "2025-06-02").warnings.length, 1)

// #region reform
import { Reform } from "@khuyencong/core"

const whatIf = Reform.applyOrThrow(rules, {
  id: "machinery-600m",
  title: "What-if: machinery cap 600 million đồng from 2025",
  overrides: [{ parameter: "support.machinery.cap", range: { start: "2025-01-01" }, value: 600_000_000n }]
})
const item = Pack.resolveOrThrow(whatIf, "2025-03-01").items["machinery.equipment"]
item.amount   // 600000000n
item.layer    // "machinery-600m"
item.grade    // "unconfirmed": a what-if is not law
item.reads[1].citation // { instrument: "what-if:machinery-600m", grade: "unconfirmed", note: "what-if value, not law (giả định, không phải quy định pháp luật)" }
Pack.resolveOrThrow(whatIf, "2024-12-31").items["machinery.equipment"].amount // 300000000n: before the range, the law as encoded
// #endregion

assert.equal(item.amount, 600_000_000n)
assert.equal(item.layer, "machinery-600m")
assert.equal(item.grade, "unconfirmed")
assert.deepEqual(item.reads[1].citation, { instrument: "what-if:machinery-600m", grade: "unconfirmed", note: "what-if value, not law (giả định, không phải quy định pháp luật)" })
assert.equal(Pack.resolveOrThrow(whatIf, "2024-12-31").items["machinery.equipment"].amount, 300_000_000n)

// #region resolution
import { Resolution } from "@khuyencong/core"
import { pack as pack2014 } from "@khuyencong/rules-2014-2018"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"

const installed = [pack2014, pack, pack2026].map(Pack.loadOrThrow)
Resolution.forDate(installed, "2017-06-30").value.id   // "vn-khuyen-cong-2014-2018"
Resolution.forDate(installed, "2025-10-14").value.id   // "vn-khuyen-cong-2021-2025"
Resolution.forDate(installed, "2025-10-15").value.id   // "vn-khuyen-cong-2026-2030" (Decree 235/2025 in force)
Resolution.forDate(installed, "2013-12-31").error.code // "resolution/no-pack": never a default
Resolution.forDate(installed, "2031-01-01").error.code // "resolution/no-pack": every period is closed
Pack.resolve(installed[2], "2031-01-01").error.code    // "pack/outside-period" (Pack.PeriodError: the date and the pack)

// By plan year (năm kế hoạch): the pack governing the year's first decision day
Resolution.forPlanYear(installed, 2025).value.id       // "vn-khuyen-cong-2021-2025"
Resolution.forPlanYear(installed, 2019).value.id       // "vn-khuyen-cong-2021-2025": decisions under Circular 28/2018
// The two can disagree: a plan-year-2025 project approved on 2025-10-20 is governed, by its
// decision date, by the 2026–2030 pack (Decree 235/2025 in force from 2025-10-15)
Resolution.forDate(installed, "2025-10-20").value.id   // "vn-khuyen-cong-2026-2030"
// #endregion

assert.equal(Resolution.forDate(installed, "2017-06-30").value.id, "vn-khuyen-cong-2014-2018")
assert.equal(Resolution.forDate(installed, "2025-10-14").value.id, "vn-khuyen-cong-2021-2025")
assert.equal(Resolution.forDate(installed, "2025-10-15").value.id, "vn-khuyen-cong-2026-2030")
assert.equal(Resolution.forPlanYear(installed, 2025).value.id, "vn-khuyen-cong-2021-2025")
assert.equal(Resolution.forDate(installed, "2013-12-31").error.code, "resolution/no-pack")
assert.equal(Resolution.forPlanYear(installed, 2019).value.id, "vn-khuyen-cong-2021-2025")
assert.equal(Resolution.forDate(installed, "2031-01-01").error.code, "resolution/no-pack")
assert.equal(Pack.resolve(installed[2], "2031-01-01").error.code, "pack/outside-period")
assert.equal(Resolution.forDate(installed, "2025-10-20").value.id, "vn-khuyen-cong-2026-2030")

// #region money
import { Money, Rate, Rounding } from "@khuyencong/core"

Money.parseOrThrow("1 tỷ 350 triệu")                 // 1350000000n
Money.parse("2 triệu 500").error.code                 // "money/bad-compound": 2.500.000 or 2.000.500?
Money.fromSafeInteger(1.5).error.code                 // "money/not-safe-integer"
Rate.parse("30").error.code                           // "rate/unit-required": 30 % or 30 × ?
Rate.parseOrThrow("30", { unit: "percent" })          // { numerator: 3n, denominator: 10n }
Rate.format(Rate.make(1n, 8n))                        // "12,5%"

// One rounding per money × rate, named, and recorded for the trace
Rounding.divide(5n, 2n, Rounding.halfEven1).value     // 2n (half to even)
Rounding.divide(5n, 2n, Rounding.halfUp1).value       // 3n
Rounding.apply(1_234_567n, Rounding.down1000).record  // { mode: "down-1000", exact: "1234567", result: "1234000", difference: "-567" }
// #endregion

assert.equal(Money.parseOrThrow("1 tỷ 350 triệu"), 1_350_000_000n)
assert.equal(Money.parse("2 triệu 500").error.code, "money/bad-compound")
assert.equal(Money.fromSafeInteger(1.5).error.code, "money/not-safe-integer")
assert.equal(Rate.parse("30").error.code, "rate/unit-required")
assert.deepEqual({ ...Rate.parseOrThrow("30", { unit: "percent" }) }, { numerator: 3n, denominator: 10n })
assert.equal(Rate.format(Rate.make(1n, 8n)), "12,5%")
assert.equal(Rounding.divide(5n, 2n, Rounding.halfEven1).value, 2n)
assert.equal(Rounding.divide(5n, 2n, Rounding.halfUp1).value, 3n)
assert.deepEqual(Rounding.apply(1_234_567n, Rounding.down1000).record, { mode: "down-1000", exact: "1234567", result: "1234000", difference: "-567" })

// #region dates
import { LocalDate, Period } from "@khuyencong/core"

LocalDate.parseOrThrow("30/6/2024")                   // "2024-06-30"
LocalDate.parseOrThrow("ngày 1 tháng 7 năm 2025")     // "2025-07-01"
LocalDate.parse("31/04/2024").error.code              // "date/invalid-day"
LocalDate.addMonths("2024-01-31", 1)                  // "2024-02-29"
LocalDate.today(new Date("2024-06-30T17:00:00Z"))     // "2024-07-01": midnight in Hà Nội
Period.previousYearEnd(Period.planYearOrThrow(2025))  // "2024-12-31"
// #endregion

assert.equal(LocalDate.parseOrThrow("30/6/2024"), "2024-06-30")
assert.equal(LocalDate.parseOrThrow("ngày 1 tháng 7 năm 2025"), "2025-07-01")
assert.equal(LocalDate.parse("31/04/2024").error.code, "date/invalid-day")
assert.equal(LocalDate.addMonths("2024-01-31", 1), "2024-02-29")
assert.equal(LocalDate.today(new Date("2024-06-30T17:00:00Z")), "2024-07-01")
assert.equal(Period.previousYearEnd(Period.planYearOrThrow(2025)), "2024-12-31")

// #region errors
import { Effect } from "effect"
import { Errors } from "@khuyencong/core"

// Result form: nothing throws on bad input
const res = Pack.resolve(rules, "2010-01-01")
if (!res.ok) {
  res.error instanceof Errors.LookupError   // true
  res.error._tag                            // "LookupError"
  res.error.code                            // "pack/outside-period": the date is outside the pack's period
  res.error.at                              // "2010-01-01"
}

// Effect form: the same errors as typed failures
const program = Pack.resolveEffect(rules, "2010-01-01").pipe(
  Effect.map((resolved) => resolved.packId),
  Effect.catchTag("LookupError", (e) => Effect.succeed(`no rules on ${e.at}`))
)
Effect.runSync(program)                     // "no rules on 2010-01-01"

// OrThrow form, for scripts and tests
try {
  Pack.resolveOrThrow(rules, "2010-01-01")
} catch (e) {
  e.code                                    // "pack/outside-period"
}
// #endregion

assert.equal(res.ok, false)
assert.ok(res.error instanceof Errors.LookupError)
assert.equal(res.error._tag, "LookupError")
assert.equal(res.error.code, "pack/outside-period")
assert.equal(res.error.at, "2010-01-01")
assert.equal(Effect.runSync(program), "no rules on 2010-01-01")
assert.throws(() => Pack.resolveOrThrow(rules, "2010-01-01"), (e) => e.code === "pack/outside-period")

// #region appraisal
import { Appraisal, Establishment, Plan, Proposal, Result } from "@khuyencong/core"

// A cooperative in Lai Châu and two demonstration models of 2 tỷ đồng each, one per fund
const coop = Result.getOrThrow(Establishment.decode({
  id: "lc-che-tam-duong", name: "Hợp tác xã chè Tam Đường", legalForm: { kind: "cooperative" }, taxCode: "0503456783",
  location: { provinceCode: "12", provinceName: "Lai Châu", commune: { name: "Xã Bình Lư", kind: "commune" },
    difficultArea: "none", poorDistrict: false, newRuralCommune: false, highland: false, island: false,
    border: false, ethnicMinorityArea: false },
  industry: { code: "che-bien-nong-lam-thuy-san" }, workforce: 20, hasExportContract: false,
  cleanerProduction: false, womenOwned: false, ethnicMinorityOwned: false
}, { asOf: "2025-06-02" }))
const demoModel = (id, fund) => Result.getOrThrow(Proposal.decode({
  id, title: "Mô hình trình diễn kỹ thuật chế biến chè", fund, form: { kind: "single" },
  activities: [{ activity: "demo-model", costLines: [{ item: "demo-model.new-technology", quantity: 1,
    unitCost: "2000000000", total: "2000000000", requestedSupport: "600000000", counterpartFunding: "1400000000" }] }],
  implementingUnit: { name: "Trung tâm Khuyến công Lai Châu" }, beneficiaries: [coop.id],
  locations: [{ provinceCode: "12" }], planYear: 2025, duration: { start: "2025-07-01", end: "2025-12-15" },
  approvalDate: "2025-06-02"
}))
const envelope = (amount, kind) => ({ year: 2025, level: "provincial", provinceCode: "12", amount, source: { kind } })
const lcPlan = Result.getOrThrow(Plan.decode({
  id: "KH-LC-2025", year: 2025, level: "provincial", provinceCode: "12", proposalIds: ["LC-QG-01", "LC-DP-01"],
  envelopes: [envelope("800000000", "central-budget"), envelope("400000000", "local-budget")]
}))

// Evaluate, rank and allocate fund by fund; Lai Châu's levels serve its local-fund proposal only
const appraisal = Appraisal.appraiseOrThrow({
  proposals: [demoModel("LC-QG-01", "national"), demoModel("LC-DP-01", "local")],
  establishments: { [coop.id]: coop }, plan: lcPlan, rules: [laiChauPack],
  policy: { kind: "partial-marginal", minimumShare: Rate.parseOrThrow("50%"), unit: 1_000_000n }
})
appraisal.proposals.map((x) => [x.proposal.id, x.evaluation.payable, x.allocated, x.decision])
// [["LC-QG-01", 600000000n, 600000000n, "funded"],        national level: min(30 % × 2 tỷ, 1 tỷ); 800 m envelope
//  ["LC-DP-01", 500000000n, 400000000n, "partly-funded"]] Lai Châu's: min(600 m, 500 m); the 400 m envelope is ≥ 50 % of it
Appraisal.fund(appraisal, "national").envelopes.map((e) => [e.envelope.source.kind, e.allocated]) // [["central-budget", 600000000n]]
// #endregion

assert.deepEqual(appraisal.proposals.map((x) => [x.proposal.id, x.evaluation.payable, x.allocated, x.decision]), [
  ["LC-QG-01", 600_000_000n, 600_000_000n, "funded"],
  ["LC-DP-01", 500_000_000n, 400_000_000n, "partly-funded"]
])
assert.equal(Appraisal.get(appraisal, "LC-DP-01").evaluation.support.lines[0].layer, "lai-chau-18-2025")
assert.deepEqual(Appraisal.fund(appraisal, "national").envelopes.map((e) => [e.envelope.source.kind, e.allocated]), [["central-budget", 600_000_000n]])
assert.equal(Appraisal.fund(appraisal, "local").allocation.totals.unallocated, 0n)

// #region disbursement
import { Contract, Disbursement, Ledger } from "@khuyencong/core"

const funded = Appraisal.get(appraisal, "LC-QG-01")
const contract = Contract.makeOrThrow({ id: "01/2025/HĐ-KCQG", approvedSupport: funded.allocated, activities: ["demo-model"],
  approved: "2025-06-02", signed: "2025-06-20", planYear: 2025, province: "12" }, [rules])
const events = [
  { id: "1", idempotencyKey: "01/adv-1", kind: "advance", date: "2025-08-01", amount: 420_000_000n,
    evidence: { progressShare: Rate.parseOrThrow("75%") } },                      // 70 % of 600 m
  { id: "2", idempotencyKey: "01/adv-2", kind: "advance", date: "2025-09-01", amount: 180_000_000n }, // before acceptance
  { id: "3", idempotencyKey: "01/pay-1", kind: "payment", date: "2025-12-10", amount: 180_000_000n,
    evidence: { baseAcceptance: "2025-12-05" } }
]
const summary = Disbursement.summarizeOrThrow([{ contract, events, proposalId: funded.proposal.id, fund: "national" }])
const contractLine = summary.contracts[0]
contractLine.rejected.map((r) => r.error.code) // ["advance/remainder-before-acceptance"]
summary.total.disbursed                        // 600000000n: advanced 420 m + paid 180 m
summary.total.remaining                        // 0n
summary.total.shown.text                       // "100,0%"
summary.total.disbursed === Ledger.balances(contractLine.ledger).disbursed // true: the ledger's own arithmetic
// #endregion

assert.deepEqual(contractLine.rejected.map((r) => r.error.code), ["advance/remainder-before-acceptance"])
assert.equal(summary.total.advanced, 420_000_000n)
assert.equal(summary.total.paid, 180_000_000n)
assert.equal(summary.total.disbursed, 600_000_000n)
assert.equal(summary.total.remaining, 0n)
assert.equal(summary.total.shown.text, "100,0%")
assert.equal(summary.total.disbursed, Ledger.balances(contractLine.ledger).disbursed)
