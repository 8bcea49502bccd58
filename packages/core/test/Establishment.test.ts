import { fc, test } from "@fast-check/vitest"
import { Result as EffectResult, Schema, SchemaParser } from "effect"
import { describe, expect } from "vitest"
import * as AdminUnits from "../src/records/AdminUnits.js"
import * as Decode from "../src/values/Decode.js"
import * as Establishment from "../src/records/Establishment.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Rate from "../src/values/Rate.js"
import { establishment } from "../src/testing/index.js"

const D = LocalDate.parseOrThrow

const base = {
  id: "cs-001",
  name: "Cơ sở chế biến chè Tân Cương",
  legalForm: { kind: "enterprise", size: "small" },
  taxCode: "0100233488",
  location: {
    provinceCode: "19",
    provinceName: "Thái Nguyên",
    commune: { name: "Tân Cương", kind: "commune", code: "05503" },
    difficultArea: "none",
    poorDistrict: false,
    newRuralCommune: true,
    highland: true,
    island: false,
    border: false,
    ethnicMinorityArea: false,
    craftVillage: { name: "Làng chè Tân Cương", recognisedOn: "2015-03-02" }
  },
  industry: { code: "che-bien-nong-lam-thuy-san", name: "Chế biến nông sản" },
  workforce: 35,
  annualRevenue: "4500000000",
  hasExportContract: true,
  localRawMaterialShare: "0.8",
  cleanerProduction: false,
  womenOwned: true,
  ethnicMinorityOwned: false,
  registeredOn: "2016-05-10"
}

/** The base with location facts replaced or added (bad ones included). */
const withLocation = (l: Record<string, unknown>) => ({ ...base, location: { ...base.location, ...l } })

const found = (input: unknown, context?: Establishment.Context) => {
  const r = Establishment.decode(input, context)
  return r.ok ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.code}`)
}

describe("decoding", () => {
  test("a complete establishment decodes to typed values", () => {
    const r = Establishment.decode(base)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.annualRevenue).toBe(4_500_000_000n)
    expect(Rate.equals(r.value.localRawMaterialShare ?? Rate.zero, Rate.make(4n, 5n))).toBe(true)
    expect(r.value.taxCode).toBe("0100233488")
    expect(r.value.legalForm).toEqual({ kind: "enterprise", size: "small" })
    expect(Establishment.encode(r.value)).toEqual(base)
  })

  test("optional facts may be absent; every legal form decodes", () => {
    const { annualRevenue: _a, localRawMaterialShare: _s, registeredOn: _r, ...rest } = base
    const { craftVillage: _c, ...loc } = base.location
    for (const legalForm of [
      { kind: "enterprise", size: "micro" },
      { kind: "enterprise", size: "medium" },
      { kind: "large-enterprise" },
      { kind: "cooperative" },
      { kind: "union-of-cooperatives" },
      { kind: "cooperative-group" },
      { kind: "business-household" }
    ]) {
      expect(found({ ...rest, legalForm, location: loc })).toEqual([])
    }
  })

  test("every structural problem is reported at once, each with its path and Vietnamese term", () => {
    const input = {
      ...withLocation({ provinceCode: "03", commune: { name: " ", kind: "village" }, highland: "yes", extra: 1 }),
      name: "",
      legalForm: { kind: "enterprise" },
      taxCode: "0100233480",
      workforce: 3.5,
      annualRevenue: "-1",
      localRawMaterialShare: "1.2",
      registeredOn: "2016-02-30"
    }
    const r = Establishment.decode(input)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.path.join("."), i.code])).toEqual([
      ["name", "schema/invalid"],
      ["legalForm.size", "schema/missing"],
      ["taxCode", "tax-code/check-digit"],
      ["location.provinceCode", "schema/invalid"],
      ["location.commune.name", "schema/invalid"],
      ["location.commune.kind", "schema/type"],
      ["location.highland", "schema/type"],
      ["location.extra", "schema/unexpected"],
      ["workforce", "schema/invalid"],
      ["annualRevenue", "money/negative"],
      ["localRawMaterialShare", "schema/invalid"],
      ["registeredOn", "schema/invalid"]
    ])
    const messages = Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]))
    expect(messages["name"]).toBe("name (tên cơ sở) must be non-blank text")
    expect(messages["legalForm.size"]).toBe("enterprise size (quy mô doanh nghiệp) is required")
    expect(messages["location.provinceCode"]).toContain("province code (mã tỉnh)")
    expect(messages["annualRevenue"]).toBe("annual revenue (doanh thu năm) must be a non-negative whole number of đồng written in digits; found -1")
    expect(messages["localRawMaterialShare"]).toContain("tỷ lệ nguyên liệu tại chỗ")
    expect(messages["taxCode"]).toContain("mã số thuế")
    for (const i of r.error.issues) expect(i.message).toMatch(/\(.+\)/)
  })

  test("missing required facts are each reported missing", () => {
    const { womenOwned: _w, industry: _i, ...rest } = base
    expect(found(rest)).toEqual(["industry schema/missing", "womenOwned schema/missing"])
  })

  test("workforce is a whole number ≥ 0; shares stay within 0…1", () => {
    expect(found({ ...base, workforce: 0 })).toEqual([])
    expect(found({ ...base, workforce: -1 })).toEqual(["workforce schema/invalid"])
    expect(found({ ...base, localRawMaterialShare: "1" })).toEqual([])
    expect(found({ ...base, localRawMaterialShare: "0" })).toEqual([])
    expect(found({ ...base, localRawMaterialShare: "-0.1" })).toEqual(["localRawMaterialShare schema/invalid"])
    expect(found({ ...base, localRawMaterialShare: "2/3" })).toEqual([])
  })

  test("province codes: the 63 before and the 34 after the reform are known, others are not", () => {
    expect(AdminUnits.provinceCodesOn(LocalDate.parseOrThrow("2025-06-30"))).toHaveLength(63)
    expect(AdminUnits.provinceCodesOn(AdminUnits.reorganisationDay())).toHaveLength(34)
    expect(found(withLocation({ provinceCode: "02" }))).toEqual([])
    expect(found(withLocation({ provinceCode: "03" }))).toEqual(["location.provinceCode schema/invalid"])
    expect(found(withLocation({ provinceCode: "1" }))).toEqual(["location.provinceCode schema/invalid"])
  })
})

describe("cross-field rules", () => {
  const personalId = "001203004567"

  test("a 12-digit personal ID is the tax code of a business household only", () => {
    expect(found({ ...base, legalForm: { kind: "business-household" }, taxCode: personalId })).toEqual([])
    for (const legalForm of [{ kind: "cooperative" }, { kind: "enterprise", size: "micro" }, { kind: "cooperative-group" }]) {
      expect(found({ ...base, legalForm, taxCode: personalId })).toEqual(["taxCode establishment/tax-code-form-mismatch"])
    }
  })

  test("with asOf, a personal ID is refused before 2025-07-01", () => {
    const household = { ...base, legalForm: { kind: "business-household" }, taxCode: personalId }
    expect(found(household, { asOf: D("2025-06-30") })).toEqual(["taxCode tax-code/personal-id-too-early"])
    expect(found(household, { asOf: D("2025-07-01") })).toEqual([])
    expect(found(household)).toEqual([])
  })

  test("with asOf, a province code must be in force on that date", () => {
    const yenBai = withLocation({ provinceCode: "15", provinceName: "Yên Bái" })
    const longAn = withLocation({ provinceCode: "80", provinceName: "Long An" })
    const haGiang = withLocation({ provinceCode: "02", provinceName: "Hà Giang" })
    expect(found(haGiang, { asOf: D("2025-06-30") })).toEqual([])
    expect(found(haGiang, { asOf: D("2025-07-01") })).toEqual(["location.provinceCode establishment/province-code-not-in-force"])
    // reused codes stay in force (with a different province): the check is by date, not by name
    expect(found(yenBai, { asOf: D("2025-07-01") })).toEqual([])
    expect(found(longAn, { asOf: D("2024-01-01") })).toEqual([])
  })

  test("with asOf, districts and townships end on 2025-06-30, special zones start on 2025-07-01", () => {
    const withDistrict = withLocation({ district: "Thành phố Thái Nguyên" })
    expect(found(withDistrict, { asOf: D("2025-06-30") })).toEqual([])
    expect(found(withDistrict, { asOf: D("2025-07-01") })).toEqual(["location.district establishment/district-abolished"])
    const township = withLocation({ commune: { name: "Thị trấn Đình Cả", kind: "township" } })
    expect(found(township, { asOf: D("2025-06-30") })).toEqual([])
    expect(found(township, { asOf: D("2025-07-01") })).toEqual(["location.commune.kind establishment/unit-kind-not-in-force"])
    const zone = withLocation({ commune: { name: "Đặc khu Phú Quốc", kind: "special-zone" } })
    expect(found(zone, { asOf: D("2025-06-30") })).toEqual(["location.commune.kind establishment/unit-kind-not-in-force"])
    expect(found(zone, { asOf: D("2025-07-01") })).toEqual([])
  })

  test("only a ward has a conversion date", () => {
    const ward = withLocation({ commune: { name: "Phường Tích Lương", kind: "ward" }, cityClass: 1, convertedFromCommuneOn: "2021-01-01" })
    expect(found(ward)).toEqual([])
    const commune = withLocation({ convertedFromCommuneOn: "2021-01-01" })
    expect(found(commune)).toEqual(["location.convertedFromCommuneOn establishment/converted-not-ward"])
  })

  test("rules run beside structural errors elsewhere, and not on fields that are themselves invalid", () => {
    const input = { ...base, name: 5, legalForm: { kind: "cooperative" }, taxCode: personalId }
    expect(found(input)).toEqual(["name schema/type", "taxCode establishment/tax-code-form-mismatch"])
    const invalidForm = { ...base, legalForm: { kind: "llc" }, taxCode: personalId }
    expect(found(invalidForm)).toEqual(["legalForm.kind schema/type"])
  })

  test("the exported schema carries the date-free rules", () => {
    const r = SchemaParser.decodeUnknownResult(Establishment.schema, Decode.parseOptions)({
      ...base,
      legalForm: { kind: "cooperative" },
      taxCode: personalId
    })
    expect(EffectResult.isFailure(r)).toBe(true)
    if (EffectResult.isFailure(r)) {
      expect(Decode.issuesOf(r.failure, Establishment.docs).map((i) => [i.path, i.code])).toEqual([
        [["taxCode"], "establishment/tax-code-form-mismatch"]
      ])
    }
    const decoded = Establishment.decode(base)
    expect(decoded.ok && Schema.is(Establishment.schema)(decoded.value)).toBe(true)
  })
})

describe("properties", () => {
  test.prop([establishment])("decode(encode(x)) is x", (e) => {
    expect(Establishment.decode(Establishment.encode(e))).toEqual({ ok: true, value: e })
  })

  test.prop([establishment])("encoded form is plain JSON that survives JSON.stringify", (e) => {
    const json = JSON.parse(JSON.stringify(Establishment.encode(e)))
    expect(Establishment.decode(json)).toEqual({ ok: true, value: e })
  })

  test.prop([establishment, fc.constantFrom("2025-06-30", "2025-07-01")])(
    "with asOf, a generated establishment fails only by the date rules",
    (e, asOf) => {
      const codes = found(Establishment.encode(e), { asOf: D(asOf) }).map((s) => s.split(" ")[1])
      for (const c of codes) {
        expect([
          "tax-code/personal-id-too-early",
          "establishment/province-code-not-in-force",
          "establishment/district-abolished",
          "establishment/unit-kind-not-in-force"
        ]).toContain(c)
      }
    }
  )
})
