// docs/writing-a-rule-pack.md: the next programme period as a manifest plus the corpus entries that
// change (a fictional circular of 2031, for the example only), what Pack.load says about a broken
// pack, a provincial overlay as a corpus file, and a case file run in code. Outside the regions
// there are only assertions.
import assert from "node:assert/strict"

// #region next-period
import { Corpus, Manifest, Overlay, Pack } from "@khuyencong/core"
import { Cases } from "@khuyencong/cases"
import data from "@khuyencong/law/corpus.json" with { type: "json" }
import { parse } from "yaml"

const json = structuredClone(data) // what `pnpm law:compile` builds from packages/law/corpus/**

// 1. corpus/instruments/99-2031-TT-BTC.yaml: the new instrument (fictional, for the example only)
json.instruments.push(parse(`
number: 99/2031/TT-BTC
kind: circular
issuer: Ministry of Finance (Bộ Tài chính)
title: An example circular on khuyến công funds (not a real text)
signed: 2030-11-20
effective: 2031-01-01
replaces: [28/2018/TT-BTC]
`))

// 2. corpus/parameters/support/machinery/cap.yaml: one new dated value; the history stays
const cap = json.parameters.find((p) => p.id === "support.machinery.cap")
Object.assign(cap.values, parse(`
2031-01-01:
  value: 400.000.000 ₫
  citation: { instrument: 99/2031/TT-BTC, article: "8", clause: "4", grade: primary, note: example only }
`))

// 3. corpus/packs/2026-2030.yaml gets its end; corpus/packs/2031-2035.yaml is the new manifest
json.packs.find((p) => p.id === "vn-khuyen-cong-2026-2030").governs.decisions.end = "2030-12-31"
json.packs.push(parse(`
id: vn-khuyen-cong-2031-2035
version: 0.1.0
title: "Khuyến công 2031–2035 (example): Decree 45/2012 as amended, Circular 99/2031/TT-BTC"
governs:
  decisions: { start: 2031-01-01, end: 2035-12-31 }
  planYears: { from: 2031, to: 2035 }
advances: { overallCeiling: advance.overall-ceiling }
support: { priorityMultiplier: priority.multiplier }
notes:
  - "An example period: every entry of the corpus in force on 2031-01-01."
`))

const law = Corpus.decodeOrThrow(json) // the checks `pnpm law:compile` runs
const next = Manifest.buildOrThrow(law, "vn-khuyen-cong-2031-2035")
const rules = Pack.loadOrThrow(next.pack)
Pack.resolveOrThrow(rules, "2032-06-30").items["machinery.equipment"].amount    // 400000000n
Pack.resolveOrThrow(rules, "2032-06-30").items["machinery.technology-line"].amount // 600000000n: 1,5 × 400.000.000
Manifest.buildOrThrow(law, "vn-khuyen-cong-2026-2030").pack.parameters["support.machinery.cap"].until // "2030-12-31"
// #endregion

assert.equal(Pack.resolveOrThrow(rules, "2032-06-30").items["machinery.equipment"].amount, 400_000_000n)
assert.equal(Pack.resolveOrThrow(rules, "2032-06-30").items["machinery.technology-line"].amount, 600_000_000n)
assert.equal(Manifest.buildOrThrow(law, "vn-khuyen-cong-2026-2030").pack.parameters["support.machinery.cap"].until, "2030-12-31")
// 12: the 10 conditions of 2018 on, plus relocation only for polluting establishments and national demonstration models only for technology new to the area (Circular 46/2012 art. 4.6, 4.2.a)
assert.equal(next.pack.eligibility.length, 12)

// #region changes-within-period
// An entry of the catalogue that changes within a pack's period is refused: the pack holds one
// version of each entry. A figure that changes on a day belongs in a parameter instead.
const tier = json.advanceTiers.find((t) => t.id === "soft")
tier.versions["2033-01-01"] = tier.versions["2018-05-11"]
const refused = Manifest.build(Corpus.decodeOrThrow(json), "vn-khuyen-cong-2031-2035")
refused.error.issues.map((i) => `${i.path.join(".")} ${i.code}`)
// ["advance tier.soft manifest/changes-within-period"]
delete tier.versions["2033-01-01"]
// #endregion

assert.deepEqual(refused.error.issues.map((i) => `${i.path.join(".")} ${i.code}`), ["advance tier.soft manifest/changes-within-period"])

// #region load-errors
const broken = {
  ...next.pack,
  parameters: {
    ...next.pack.parameters,
    // a value whose citation has no grade
    "support.machinery.cap": {
      ...next.pack.parameters["support.machinery.cap"],
      values: next.pack.parameters["support.machinery.cap"].values.map(({ citation: { grade, ...rest }, ...v }) => ({ ...v, citation: rest }))
    },
    // a share above 100 %
    "support.machinery.rate": {
      ...next.pack.parameters["support.machinery.rate"],
      values: [{ ...next.pack.parameters["support.machinery.rate"].values[0], value: { numerator: 3n, denominator: 2n } }]
    }
  },
  // an advance tier the schedule does not define
  activities: next.pack.activities.map((a) => (a.code === "machinery" ? { ...a, advanceTier: "quarterly" } : a))
}
const loaded = Pack.load(broken)
if (!loaded.ok) for (const i of loaded.error.issues) console.log(i.path.join("."), i.code)
// parameters.support.machinery.cap.values.0.citation.grade  parameter/missing-grade
// activities.3.advanceTier                                    pack/unknown-advance-tier
// parameters.support.machinery.rate.values.0.value           pack/rate-out-of-range
// #endregion

assert.equal(loaded.ok, false)
assert.deepEqual(loaded.error.issues.map((i) => `${i.path.join(".")} ${i.code}`), [
  "parameters.support.machinery.cap.values.0.citation.grade parameter/missing-grade",
  "activities.3.advanceTier pack/unknown-advance-tier",
  "parameters.support.machinery.rate.values.0.value pack/rate-out-of-range"
])

// #region overlay
// corpus/overlays/12-lai-chau/18-2025-NQ-HDND.yaml: a province's own levels for its local-fund
// proposals, filed with its People's Council resolution
const laiChau = law.overlays["lai-chau-18-2025"]
laiChau.instrument.number            // "18/2025/NQ-HĐND"
laiChau.overlay.operations[1]        // { op: "lower", parameter: "support.demo-model.cap", value: 500000000n }

const p2021 = Pack.loadOrThrow(Manifest.buildOrThrow(law, "vn-khuyen-cong-2021-2025").pack)
const view = Pack.resolveOrThrow(Overlay.applyOrThrow(p2021, laiChau.overlay), "2025-06-02")
view.province                                          // "12": serves local-fund proposals of Lai Châu
view.items["demo-model.new-technology"].amount         // 500000000n, layer "lai-chau-18-2025"
Pack.viewFor(view, "national").items["demo-model.new-technology"].amount // 1000000000n for national-fund proposals
// #endregion

assert.equal(laiChau.instrument.number, "18/2025/NQ-HĐND")
assert.deepEqual(laiChau.overlay.operations[1], { op: "lower", parameter: "support.demo-model.cap", value: 500_000_000n })
assert.equal(view.province, "12")
assert.equal(view.items["demo-model.new-technology"].amount, 500_000_000n)
assert.equal(view.items["demo-model.new-technology"].layer, "lai-chau-18-2025")
assert.equal(Pack.viewFor(view, "national").items["demo-model.new-technology"].amount, 1_000_000_000n)

// #region cases
// A case file a policy officer can read (docs/cases.md), run in code against the new pack
const installation = Cases.installOrThrow([{ pack: next.pack }])
const report = Cases.runSources([{ file: "machinery.yaml", text: `
title: Machinery under the example circular of 2031
defaults:
  pack: vn-khuyen-cong-2031-2035
  date: 2032-06-30
  planYear: 2032
  proposal:
    id: da-2032-01
    title: Máy sấy chè
    fund: national
    form: { kind: single }
    implementingUnit: { name: Trung tâm Khuyến công }
    beneficiaries: [e1]
    locations: [{ provinceCode: "08" }]
    duration: { start: 2032-07-01, end: 2032-12-31 }
establishments:
  - id: e1
    name: Hợp tác xã chè
    legalForm: { kind: cooperative }
    taxCode: "0503456783"
    location: { provinceCode: "08", provinceName: Tuyên Quang, commune: { name: Xã Thông Nguyên, kind: commune },
      difficultArea: none, poorDistrict: false, newRuralCommune: false, highland: true, island: false,
      border: false, ethnicMinorityArea: false }
    industry: { code: che-bien-nong-lam-thuy-san }
    workforce: 12
    hasExportContract: false
    cleanerProduction: false
    womenOwned: false
    ethnicMinorityOwned: false
cases:
  - name: Half of 1 billion is above the example cap of 400 million per establishment
    description: 50 % × 1.000.000.000 = 500.000.000 > 400.000.000 → 400.000.000.
    proposal:
      activities:
        - activity: machinery
          costLines:
            - { item: machinery.equipment, total: 1 tỷ, requestedSupport: 500 triệu }
    expect:
      verdict: eligible
      support:
        - { item: machinery.equipment, support: 400 triệu, binding: absolute-cap }
      total: 400 triệu
` }], installation)
Cases.summary(report) // "1 passed, 0 failed"
// #endregion

assert.equal(Cases.summary(report), "1 passed, 0 failed")
