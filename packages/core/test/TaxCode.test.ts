import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect } from "vitest"
import * as LocalDate from "../src/values/LocalDate.js"
import * as TaxCode from "../src/records/TaxCode.js"
import { taxCode, taxCodeOf } from "../src/testing/index.js"

const D = LocalDate.parseOrThrow

/** The issue codes of a failed decode, or "ok". */
const codes = (r: ReturnType<typeof TaxCode.decode>): ReadonlyArray<string> | "ok" =>
  r.ok ? "ok" : r.error.issues.map((i) => i.code)

describe("check digit (weights 31 29 23 19 17 13 7 5 3, 10 − Σ mod 11)", () => {
  test("known numbers from rules-2025-plus-notes.md §D", () => {
    for (const valid of ["0100233488", "0314409058", "0100112437", "0312687878"]) {
      expect(TaxCode.checkDigit(valid.slice(0, 9))).toBe(Number(valid[9]))
      expect(TaxCode.decode(valid)).toEqual({ ok: true, value: valid })
    }
  })

  test("a wrong check digit is reported with the digit it should be", () => {
    const r = TaxCode.decode("0100233480")
    expect(codes(r)).toEqual(["tax-code/check-digit"])
    if (!r.ok) {
      expect(r.error.code).toBe("tax-code/invalid")
      expect(r.error.issues[0]?.message).toContain("mã số thuế")
      expect(r.error.issues[0]?.message).toContain("should be 8")
      expect(r.error.issues[0]?.path).toEqual([])
      expect(r.error.issues[0]?.actual).toBe("0100233480")
    }
  })

  test("Σ mod 11 = 10 gives check digit 0; Σ mod 11 = 0 gives no valid number", () => {
    expect(TaxCode.checkDigit("011000008")).toBe(0)
    expect(codes(TaxCode.decode("0110000080"))).toBe("ok")
    expect(TaxCode.checkDigit("010000005")).toBeUndefined()
    for (let d = 0; d <= 9; d++) {
      expect(codes(TaxCode.decode(`010000005${d}`))).toEqual(["tax-code/check-digit"])
    }
  })

  test("checkDigit refuses anything but nine digits", () => {
    expect(TaxCode.checkDigit("01002334")).toBeUndefined()
    expect(TaxCode.checkDigit("01002334a")).toBeUndefined()
  })

  test("digits 3–9 all zero is refused even with a fitting check digit", () => {
    const nine = "010000000"
    const c = TaxCode.checkDigit(nine)
    expect(c).toBeDefined()
    expect(codes(TaxCode.decode(`${nine}${c}`))).toEqual(["tax-code/sequence"])
  })

  test.prop([taxCodeOf("main"), fc.integer({ min: 1, max: 9 })])("changing the check digit always fails", (code, delta) => {
    const d = (Number(code[9]) + delta) % 10
    expect(codes(TaxCode.decode(`${code.slice(0, 9)}${d}`))).toEqual(["tax-code/check-digit"])
  })

  test.prop([taxCodeOf("main"), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 })])(
    "changing one of the first nine digits is caught unless it keeps the weighted sum mod 11",
    (code, position, delta) => {
      const digit = (Number(code[position]) + delta) % 10
      const changed = `${code.slice(0, position)}${digit}${code.slice(position + 1)}`
      const stillValid = TaxCode.checkDigit(changed.slice(0, 9)) === Number(changed[9]) && changed.slice(2, 9) !== "0000000"
      expect(TaxCode.decode(changed).ok).toBe(stillValid)
    }
  )
})

describe("shapes", () => {
  test("branch code with or without dash decodes to the dashed form", () => {
    expect(TaxCode.decode("0314409058-002")).toEqual({ ok: true, value: "0314409058-002" })
    expect(TaxCode.decode("0314409058002")).toEqual({ ok: true, value: "0314409058-002" })
    expect(TaxCode.decode(" 0314409058-002 ")).toEqual({ ok: true, value: "0314409058-002" })
  })

  test("branch code: the parent part is checked and the suffix may not be 000", () => {
    expect(codes(TaxCode.decode("0314409050-002"))).toEqual(["tax-code/check-digit"])
    expect(codes(TaxCode.decode("0314409058-000"))).toEqual(["tax-code/branch-suffix"])
  })

  test("the brief's example 0101234567-001 fails: its check digit should be 5", () => {
    expect(TaxCode.checkDigit("010123456")).toBe(5)
    expect(codes(TaxCode.decode("0101234567-001"))).toEqual(["tax-code/check-digit"])
    expect(codes(TaxCode.decode("0101234565-001"))).toBe("ok")
  })

  test("wrong lengths and characters are format errors", () => {
    for (const bad of ["", "010023348", "01002334880", "01002334888", "0100-233488", "01002334a8", "0314409058-02", "0314409058--002", "0314409058 002", "00120300456", "01002334880012"]) {
      expect(codes(TaxCode.decode(bad)), bad).toEqual(["tax-code/format"])
    }
  })

  test("non-text input is a type error naming mã số thuế", () => {
    const r = TaxCode.decode(100233488)
    expect(codes(r)).toEqual(["schema/type"])
    if (!r.ok) expect(r.error.issues[0]?.message).toMatch(/^tax code \(mã số thuế\) must be text/)
  })

  test("kind and parent", () => {
    const main = "0100233488" as TaxCode.TaxCode
    const branch = "0314409058-002" as TaxCode.TaxCode
    const person = "001203004567" as TaxCode.TaxCode
    expect([TaxCode.kind(main), TaxCode.kind(branch), TaxCode.kind(person)]).toEqual(["main", "branch", "personal-id"])
    expect(TaxCode.parent(branch)).toBe("0314409058")
    expect(TaxCode.parent(main)).toBe(main)
    expect(TaxCode.parent(person)).toBeUndefined()
  })

  test("is accepts only the canonical form", () => {
    expect(TaxCode.is("0100233488")).toBe(true)
    expect(TaxCode.is("0314409058-002")).toBe(true)
    expect(TaxCode.is("0314409058002")).toBe(false)
    expect(TaxCode.is(" 0100233488")).toBe(false)
    expect(TaxCode.is("0100233480")).toBe(false)
    expect(TaxCode.is(100233488)).toBe(false)
  })

  test.prop([taxCode])("every generated code decodes to itself and encodes back", (code) => {
    expect(TaxCode.decode(TaxCode.encode(code))).toEqual({ ok: true, value: code })
    expect(Schema.decodeUnknownSync(TaxCode.schema)(code)).toBe(code)
    expect(Schema.encodeSync(TaxCode.schema)(code)).toBe(code)
  })
})

describe("12-digit personal identification number (từ 01/7/2025)", () => {
  const id = "001203004567"

  test("structurally valid without a date; the century/sex digit must be 0–3", () => {
    expect(codes(TaxCode.decode(id))).toBe("ok")
    expect(codes(TaxCode.decode("001303004567"))).toBe("ok")
    for (const c of ["4", "5", "9"]) {
      expect(codes(TaxCode.decode(`001${c}03004567`))).toEqual(["tax-code/personal-id-century"])
    }
  })

  test("not a tax code before 2025-07-01, a tax code from that day", () => {
    const before = TaxCode.validate(id, { asOf: D("2025-06-30") })
    expect(codes(before)).toEqual(["tax-code/personal-id-too-early"])
    if (!before.ok) {
      expect(before.error.issues[0]?.message).toContain("số định danh cá nhân")
      expect(before.error.issues[0]?.message).toContain("2025-07-01")
    }
    expect(TaxCode.validate(id, { asOf: D("2025-07-01") })).toEqual({ ok: true, value: id })
    expect(TaxCode.validate(id, { asOf: D("2031-01-01") }).ok).toBe(true)
    expect(TaxCode.personalIdFrom).toBe("2025-07-01")
    expect(TaxCode.personalIdCitation.instrument.number).toBe("86/2024/TT-BTC")
  })

  test("10- and 13-digit codes do not depend on the date", () => {
    expect(TaxCode.validate("0100233488", { asOf: D("2012-01-01") }).ok).toBe(true)
    expect(TaxCode.validate("0100233488", { asOf: D("2030-01-01") }).ok).toBe(true)
    expect(codes(TaxCode.validate("0100233480", { asOf: D("2030-01-01") }))).toEqual(["tax-code/check-digit"])
  })

  test.prop([taxCodeOf("personal-id"), fc.integer({ min: 0, max: 4000 })])("validity flips exactly on 2025-07-01", (code, days) => {
    const before = LocalDate.addDays(D("2025-06-30"), -days)
    const after = LocalDate.addDays(D("2025-07-01"), days)
    expect(TaxCode.validate(code, { asOf: before }).ok).toBe(false)
    expect(TaxCode.validate(code, { asOf: after }).ok).toBe(true)
  })
})
