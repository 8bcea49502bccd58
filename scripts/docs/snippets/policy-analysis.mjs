// docs/policy-analysis.md. Outside the regions there are only assertions.
import assert from "node:assert/strict"

// #region analyse
import { Money, Pack, PolicyAnalysis, Reform } from "@khuyencong/core"
import { pack } from "@khuyencong/rules-2021-2025"

const today = Pack.loadOrThrow(pack)
const reform = Reform.applyOrThrow(today, {
  id: "machinery-600m-2024",
  title: "What-if: machinery cap 600 million đồng in 2024",
  overrides: [{ parameter: "support.machinery.cap", range: { start: "2024-01-01", end: "2024-12-31" }, value: 600_000_000n }]
})
const establishment = (id) => ({
  id, name: `Cơ sở ${id}`, legalForm: { kind: "enterprise", size: "small" }, taxCode: "0100109106",
  location: { provinceCode: "87", commune: { name: "Xã Mỹ Hòa", kind: "commune" }, difficultArea: "none",
    poorDistrict: false, newRuralCommune: false, highland: false, island: false, border: false, ethnicMinorityArea: false },
  industry: { code: "che-bien-nong-lam-thuy-san" }, workforce: 20, hasExportContract: false,
  cleanerProduction: false, womenOwned: false, ethnicMinorityOwned: false
})
const machinery = (id, total, requested) => ({
  id, title: id, fund: "national", form: { kind: "single" }, implementingUnit: { name: "TTKC" },
  activities: [{ activity: "machinery", costLines: [{ item: "machinery.equipment", quantity: 1, unitCost: total,
    total, requestedSupport: requested, counterpartFunding: total - requested }] }],
  beneficiaries: [id], locations: [{ provinceCode: "87" }], planYear: 2024,
  duration: { start: "2024-04-01", end: "2024-11-30" }, approvalDate: "2024-03-15"
})
const proposals = [machinery("A", 2_000_000_000n, 1_000_000_000n), machinery("B", 1_000_000_000n, 300_000_000n), machinery("C", 800_000_000n, 400_000_000n)]
const establishments = { A: establishment("A"), B: establishment("B"), C: establishment("C") }

const r = PolicyAnalysis.analyseOrThrow(today, reform, proposals, {
  establishments,
  behaviour: "requests-raised", // B asked for exactly the old cap: it now asks for what the new cap allows
  allocation: { envelope: Money.make(1_200_000_000n), policy: { kind: "whole-only" } }
})
r.comparison.behaviour            // "requests-raised": the report says which reading it made
r.comparison.total                // { a: 900000000n, b: 1500000000n, difference: 600000000n }
r.comparison.effect.byItem        // [{ key: "machinery.equipment", a: 900000000n, b: 1500000000n, difference: 600000000n }]
r.allocation.before.counts        // { funded: 3, partlyFunded: 0, unfunded: 0, nothingPayable: 0, allocated: 900000000n }
r.allocation.after.counts         // { funded: 2, partlyFunded: 0, unfunded: 1, nothingPayable: 0, allocated: 1100000000n }

const d = Reform.diff(today, reform, "2024-06-30")
d.parameters.map((p) => [p.id, p.a.value, p.b.value, p.a.citation.instrument.number, p.b.citation.grade])
// [["support.machinery.cap", 300000000n, 600000000n, "28/2018/TT-BTC", "unconfirmed"]]
// #endregion

assert.equal(r.comparison.behaviour, "requests-raised")
assert.deepEqual(r.comparison.total, { a: 900_000_000n, b: 1_500_000_000n, difference: 600_000_000n })
assert.deepEqual(r.comparison.effect.byItem, [{ key: "machinery.equipment", a: 900_000_000n, b: 1_500_000_000n, difference: 600_000_000n }])
assert.deepEqual(r.allocation.before.counts, { funded: 3, partlyFunded: 0, unfunded: 0, nothingPayable: 0, allocated: 900_000_000n })
assert.deepEqual(r.allocation.after.counts, { funded: 2, partlyFunded: 0, unfunded: 1, nothingPayable: 0, allocated: 1_100_000_000n })
assert.deepEqual(d.parameters.map((p) => [p.id, p.a.value, p.b.value, p.a.citation.instrument.number, p.b.citation.grade]), [["support.machinery.cap", 300_000_000n, 600_000_000n, "28/2018/TT-BTC", "unconfirmed"]])
