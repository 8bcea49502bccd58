// docs/writing-a-rule-pack.md: a small pack written from scratch (the machinery level of Joint
// Circular 26/2014, primary), what Pack.load says about a broken one, an overlay and a case file
// run in code. Outside the regions there are only assertions.
import assert from "node:assert/strict"

// #region pack
import { LocalDate, Money, Overlay, Pack, Parameter } from "@khuyencong/core"
import { Cases } from "@khuyencong/cases"

const day = LocalDate.makeOrThrow

// Instruments (văn bản): number, kind, issuer, dates
const decree45 = {
  number: "45/2012/NĐ-CP", kind: "decree", issuer: "Government (Chính phủ)",
  title: "On industrial extension (Về khuyến công)", signed: day(2012, 5, 21), effective: day(2012, 7, 5)
}
const circular36 = {
  number: "36/2013/TT-BCT", kind: "circular", issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title: "National khuyến công plans, implementation and funds", signed: day(2013, 12, 27), effective: day(2014, 2, 10)
}
const jointCircular26 = {
  number: "26/2014/TTLT-BTC-BCT", kind: "joint-circular",
  issuer: "Ministry of Finance and Ministry of Industry and Trade (Bộ Tài chính – Bộ Công Thương)",
  title: "Khuyến công funds", signed: day(2014, 2, 18), effective: day(2014, 4, 8), expired: day(2018, 5, 11)
}

// Every figure is a parameter: a time series whose values each carry a citation with a grade
const FROM = day(2014, 4, 8)
const param = (id, description, unit, value, citation) =>
  Parameter.makeOrThrow({ id, description, unit, values: [{ from: FROM, value, citation }] })
const jc26 = (point) => ({ instrument: jointCircular26, article: "6", clause: "2", point, grade: "primary" })

const parameters = {
  "support.machinery.rate": param("support.machinery.rate",
    "Maximum share of cost supported for machinery (ứng dụng máy móc thiết bị)", "rate",
    { numerator: 1n, denominator: 2n }, jc26("c")),
  "support.machinery.cap": param("support.machinery.cap",
    "Cap on machinery support per establishment", "VND", 200_000_000n, jc26("c")),
  "advance.investment.first": param("advance.investment.first",
    "First advance of an investment activity (tạm ứng lần đầu)", "rate",
    { numerator: 7n, denominator: 10n }, { instrument: circular36, article: "13", clause: "2", point: "d", grade: "primary" }),
  "advance.investment.progress-threshold": param("advance.investment.progress-threshold",
    "Progress the investment must exceed before the first advance", "rate",
    { numerator: 7n, denominator: 10n }, { instrument: circular36, article: "13", clause: "2", point: "d", grade: "primary" }),
  "eligibility.legal-forms": param("eligibility.legal-forms",
    "Legal forms that may be supported (đối tượng được hỗ trợ)", undefined,
    ["enterprise", "cooperative", "cooperative-group", "business-household"],
    { instrument: decree45, article: "1", clause: "2", point: "a", grade: "primary" })
}

const definition = {
  id: "docs-example-2014-2018",
  version: "1.0.0",
  title: "Example: machinery support under Joint Circular 26/2014",
  instruments: [decree45, circular36, jointCircular26],
  governs: { decisions: { start: FROM, end: day(2018, 5, 10) }, planYears: { from: 2014, to: 2018 } },
  parameters,
  activities: [{
    code: "machinery",
    name: "Machinery and transfer of advanced technology",
    nameVi: "Ứng dụng máy móc thiết bị, chuyển giao công nghệ tiên tiến",
    citation: { instrument: decree45, article: "4", clause: "3", grade: "primary" },
    advanceTier: "investment",
    items: [{
      code: "machinery.equipment",
      name: "Machinery and equipment",
      nameVi: "Máy móc thiết bị",
      // at most 50 % of the cost and at most 200 million đồng per establishment
      cap: { kind: "rate-and-amount", rate: "support.machinery.rate", amount: "support.machinery.cap", unit: "per-establishment" },
      citation: jc26("c")
    }]
  }],
  areaPriorities: [],
  industryPriorities: [],
  advances: {
    tiers: [{
      id: "investment", name: "70 % after more than 70 % of the investment",
      firstAdvance: "advance.investment.first",
      condition: { kind: "progress-over", threshold: "advance.investment.progress-threshold" },
      citation: { instrument: circular36, article: "13", clause: "2", point: "d", grade: "primary" }
    }],
    remainder: { condition: { kind: "base-acceptance" }, citation: { instrument: circular36, article: "14", grade: "primary" } }
  },
  calendar: [],
  eligibility: [
    { id: "eligibility.legal-form", kind: "legal-form", name: "Legal form", nameVi: "Loại hình cơ sở",
      parameters: { forms: "eligibility.legal-forms" },
      citation: { instrument: decree45, article: "1", clause: "2", point: "a", grade: "primary" } },
    { id: "eligibility.approved", kind: "approved", name: "Project approved", nameVi: "Đề án được phê duyệt",
      parameters: {}, citation: { instrument: jointCircular26, article: "7", clause: "2", grade: "primary" } }
  ]
}

const example = Pack.loadOrThrow(definition) // validated, rates reduced, deep-frozen
const at2016 = Pack.resolveOrThrow(example, "2016-06-30")
at2016.items["machinery.equipment"].amount // 200000000n
at2016.items["machinery.equipment"].grade  // "primary"
// #endregion

assert.equal(at2016.items["machinery.equipment"].amount, 200_000_000n)
assert.equal(at2016.items["machinery.equipment"].rateNumerator, 1n)
assert.equal(at2016.items["machinery.equipment"].rateDenominator, 2n)
assert.equal(at2016.items["machinery.equipment"].grade, "primary")
assert.ok(Object.isFrozen(example))

// #region load-errors
const broken = {
  ...definition,
  parameters: {
    ...parameters,
    // a value whose citation has no grade
    "support.machinery.cap": {
      id: "support.machinery.cap", description: "Cap on machinery support", unit: "VND",
      values: [{ from: FROM, value: 200_000_000n, citation: { instrument: jointCircular26, article: "6" } }]
    },
    // a share above 100 %
    "support.machinery.rate": param("support.machinery.rate", "Share", "rate", { numerator: 3n, denominator: 2n }, jc26("c")),
    // a value that starts after the pack's period starts: decisions of 2014 would have no value
    "advance.investment.first": Parameter.makeOrThrow({
      id: "advance.investment.first", description: "First advance", unit: "rate",
      values: [{ from: day(2015, 1, 1), value: { numerator: 7n, denominator: 10n },
        citation: { instrument: circular36, article: "13", grade: "primary" } }]
    })
  },
  // an advance tier the schedule does not define
  activities: [{ ...definition.activities[0], advanceTier: "soft" }]
}
const loaded = Pack.load(broken)
if (!loaded.ok) for (const i of loaded.error.issues) console.log(i.path.join("."), i.code)
// parameters.support.machinery.cap.values.0.citation.grade  parameter/missing-grade
// parameters.advance.investment.first.values.0.from          pack/parameter-gap
// activities.0.advanceTier                                    pack/unknown-advance-tier
// parameters.support.machinery.rate.values.0.value           pack/rate-out-of-range
// #endregion

assert.equal(loaded.ok, false)
assert.deepEqual(loaded.error.issues.map((i) => `${i.path.join(".")} ${i.code}`), [
  "parameters.support.machinery.cap.values.0.citation.grade parameter/missing-grade",
  "parameters.advance.investment.first.values.0.from pack/parameter-gap",
  "activities.0.advanceTier pack/unknown-advance-tier",
  "parameters.support.machinery.rate.values.0.value pack/rate-out-of-range"
])

// #region overlay
// A province's own level for its local-fund proposals, from its People's Council resolution
const resolution = {
  number: "99/2016/NQ-HĐND", kind: "resolution", issuer: "People's Council of an example province",
  title: "Example provincial khuyến công levels", effective: day(2016, 1, 1)
}
const provincial = Overlay.applyOrThrow(example, {
  id: "example-99-2016",
  title: "Example province: NQ 99/2016/NQ-HĐND",
  province: "12",
  citation: { instrument: resolution, article: "3", grade: "secondary", note: "an example, not a real resolution" },
  effective: { start: day(2016, 1, 1) },
  operations: [{ op: "lower", parameter: "support.machinery.cap", value: 150_000_000n }]
})
const view = Pack.resolveOrThrow(provincial, "2016-06-30")
view.province                                        // "12": serves local-fund proposals of province 12
view.items["machinery.equipment"].amount             // 150000000n, layer "example-99-2016"
Pack.viewFor(view, "national").items["machinery.equipment"].amount // 200000000n for national-fund proposals
// #endregion

assert.equal(view.province, "12")
assert.equal(view.items["machinery.equipment"].amount, 150_000_000n)
assert.equal(view.items["machinery.equipment"].layer, "example-99-2016")
assert.equal(Pack.viewFor(view, "national").items["machinery.equipment"].amount, 200_000_000n)

// #region cases
// A case file a policy officer can read (docs/cases.md), run in code against this pack
const installation = Cases.installOrThrow([{ pack: definition }])
const report = Cases.runSources([{ file: "machinery.yaml", text: `
title: Machinery under Joint Circular 26/2014
defaults:
  pack: docs-example-2014-2018
  date: 2016-06-30
  planYear: 2016
  proposal:
    id: da-2016-01
    title: Máy sấy chè
    fund: national
    form: { kind: single }
    implementingUnit: { name: Trung tâm Khuyến công }
    beneficiaries: [e1]
    locations: [{ provinceCode: "02" }]
    duration: { start: 2016-07-01, end: 2016-12-31 }
establishments:
  - id: e1
    name: Hợp tác xã chè
    legalForm: { kind: cooperative }
    taxCode: "0503456783"
    location: { provinceCode: "02", provinceName: Hà Giang, commune: { name: Xã Thông Nguyên, kind: commune },
      difficultArea: none, poorDistrict: false, newRuralCommune: false, highland: true, island: false,
      border: false, ethnicMinorityArea: false }
    industry: { code: che-bien-nong-lam-thuy-san }
    workforce: 12
    hasExportContract: false
    cleanerProduction: false
    womenOwned: false
    ethnicMinorityOwned: false
cases:
  - name: Half of 500 million is above the cap of 200 million per establishment
    description: 50 % × 500.000.000 = 250.000.000 > 200.000.000 → 200.000.000.
    proposal:
      activities:
        - activity: machinery
          costLines:
            - { item: machinery.equipment, total: 500 triệu, requestedSupport: 250 triệu }
    expect:
      verdict: eligible
      support:
        - { item: machinery.equipment, support: 200 triệu, binding: absolute-cap }
      total: 200 triệu
` }], installation)
Cases.summary(report) // "1 passed, 0 failed"
// #endregion

assert.equal(Cases.summary(report), "1 passed, 0 failed")
assert.equal(Money.format(200_000_000n), "200.000.000 ₫")
