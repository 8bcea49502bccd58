import { fc, test } from "@fast-check/vitest"
import { Result as EffectResult, Schema, SchemaParser } from "effect"
import { describe, expect } from "vitest"
import * as Decode from "../src/values/Decode.js"
import { ValidationError } from "../src/values/Errors.js"
import * as Money from "../src/values/Money.js"

const subject: Decode.Subject = { code: "sample", label: "sample (mẫu)" }

const Line = Schema.Struct({
  item: Decode.id,
  unitCost: Money.nonNegativeSchema,
  total: Money.nonNegativeSchema,
  note: Schema.optionalKey(Decode.text)
})

const Kind = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("a") }),
  Schema.Struct({ kind: Schema.Literal("b"), size: Schema.Number })
]).annotate({ [Decode.discriminatorAnnotation]: "kind" })

const Sample = Schema.Struct({
  name: Decode.text,
  year: Schema.Number,
  code: Schema.String.check(
    Decode.check<string>("sample/odd-code", (s) => (s.length % 2 === 0 ? undefined : `code (mã) "${s}" must have an even length`), "an even code")
  ),
  form: Kind,
  lines: Schema.Array(Line)
})

const docs: Decode.FieldDocs = {
  name: { label: "name (tên)", expects: "must be non-blank text" },
  year: { label: "year (năm)", expects: "must be a number" },
  code: { label: "code (mã)", expects: "must be text" },
  form: { label: "form (hình thức)", expects: "must be an object with a kind" },
  "form.kind": { label: "form kind (hình thức)", expects: 'must be "a" or "b"' },
  "form.size": { label: "size (quy mô)", expects: "must be a number" },
  lines: { label: "lines (dòng)", expects: "must be a list" },
  "lines.*": { label: "line (dòng)", expects: "must be an object" },
  "lines.*.item": { label: "item (nội dung chi)", expects: "must be an id" },
  "lines.*.unitCost": { label: "unit cost (đơn giá)", expects: "must be a non-negative whole number of đồng written in digits" },
  "lines.*.total": { label: "total (thành tiền)", expects: "must be a non-negative whole number of đồng written in digits" },
  "lines.*.note": { label: "note (ghi chú)", expects: "must be non-blank text" }
}

const totalRule = Decode.rule({
  at: ["lines", "*"],
  needs: Line.mapFields(({ unitCost, total }) => ({ unitCost, total })),
  check: (l) =>
    l.total === l.unitCost ? [] : [{ code: "sample/total", path: ["total"], message: `total (thành tiền) must equal unit cost (đơn giá)` }]
})

const yearRule = Decode.rule({
  at: ["lines", "*"],
  needs: Schema.Struct({ item: Decode.id }),
  rootNeeds: Schema.Struct({ year: Schema.Number }),
  check: (l, _c: void, root) =>
    l.item.endsWith(String(root.year)) ? [] : [{ code: "sample/item-year", path: ["item"], message: `item (nội dung chi) must end with the year ${root.year}` }]
})

const rules = [totalRule, yearRule]
const decode = Decode.makeDecoder({ subject, schema: Sample, docs, rules })

const valid = {
  name: "Mẫu",
  year: 2025,
  code: "ab",
  form: { kind: "b", size: 3 },
  lines: [
    { item: "x-2025", unitCost: "10", total: "10" },
    { item: "y-2025", unitCost: 5, total: "5", note: "ghi chú" }
  ]
}

const issuesOf = (input: unknown) => {
  const r = decode(input)
  return r.ok ? [] : r.error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message, ...("actual" in i ? { actual: i.actual } : {}) }))
}

describe("decoding collects every structural issue with its path", () => {
  test("valid input decodes", () => {
    const r = decode(valid)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.lines[1]?.unitCost).toBe(5n)
  })

  test("four independent faults give four issues with paths, codes and messages", () => {
    const input = {
      ...valid,
      year: "2025",
      extra: true,
      lines: [{ item: "x-2025", unitCost: "-5", total: "10", comment: "?" }, { unitCost: "5", total: "5" }]
    }
    // in the order of the input: keys as written, absent keys after the present ones
    expect(issuesOf(input)).toEqual([
      { path: ["year"], code: "schema/type", message: "year (năm) must be a number", actual: "2025" },
      { path: ["lines", 0, "unitCost"], code: "money/negative", message: "unit cost (đơn giá) must be a non-negative whole number of đồng written in digits; found -5", actual: "-5" },
      { path: ["lines", 0, "comment"], code: "schema/unexpected", message: '"comment" is not a field of line (dòng)', actual: "?" },
      { path: ["lines", 1, "item"], code: "schema/missing", message: "item (nội dung chi) is required" },
      { path: ["extra"], code: "schema/unexpected", message: '"extra" is not a field of sample (mẫu)', actual: true }
    ])
  })

  test("the error summary counts the issues and shows the first three", () => {
    const r = decode({ ...valid, name: " ", year: null, code: 5, form: null })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ValidationError)
      expect(r.error.code).toBe("sample/invalid")
      expect(r.error.path).toEqual([])
      expect(r.error.issues).toHaveLength(4)
      expect(r.error.message).toMatch(/^sample \(mẫu\) is invalid \(4 problems\): name: name \(tên\) must be non-blank text; /)
      expect(r.error.message).toMatch(/; and 1 more$/)
    }
  })

  test("an own check keeps its code and message", () => {
    expect(issuesOf({ ...valid, code: "abc" })).toEqual([
      { path: ["code"], code: "sample/odd-code", message: 'code (mã) "abc" must have an even length', actual: "abc" }
    ])
  })

  test("a discriminated union reports a missing or unknown kind at `kind`", () => {
    expect(issuesOf({ ...valid, form: { size: 3 } })).toEqual([
      { path: ["form", "kind"], code: "schema/missing", message: "form kind (hình thức) is required" }
    ])
    expect(issuesOf({ ...valid, form: { kind: "c" } })).toEqual([
      { path: ["form", "kind"], code: "schema/type", message: 'form kind (hình thức) must be "a" or "b"', actual: "c" }
    ])
    expect(issuesOf({ ...valid, form: { kind: "b" } })).toEqual([
      { path: ["form", "size"], code: "schema/missing", message: "size (quy mô) is required" }
    ])
    expect(issuesOf({ ...valid, form: "b" })).toEqual([
      { path: ["form"], code: "schema/type", message: "form (hình thức) must be an object with a kind", actual: "b" }
    ])
  })

  test("a field without docs still gets a message naming it", () => {
    const bare = Decode.makeDecoder({ subject, schema: Schema.Struct({ x: Schema.Number }), docs: {}, rules: [] })
    const r = bare({ x: "1" })
    expect(r.ok ? [] : r.error.issues).toEqual([{ code: "schema/type", path: ["x"], message: 'field "x" has an invalid value', actual: "1" }])
  })

  test("the root itself", () => {
    expect(issuesOf(null)).toEqual([{ path: [], code: "schema/type", message: "sample (mẫu) has an invalid value", actual: null }])
  })
})

describe("cross-field rules", () => {
  test("a rule runs wherever its fields are valid, whatever else is wrong", () => {
    const input = {
      ...valid,
      name: "",
      lines: [
        { item: "x-2025", unitCost: "10", total: "11" },
        { item: "y-2025", unitCost: "-1", total: "5" },
        { item: "z-2025", unitCost: "7", total: "8" }
      ]
    }
    expect(issuesOf(input).map((i) => [i.path, i.code])).toEqual([
      [["name"], "schema/invalid"],
      [["lines", 0, "total"], "sample/total"],
      [["lines", 1, "unitCost"], "money/negative"],
      [["lines", 2, "total"], "sample/total"]
    ])
    // Effect alone runs a struct check only when the whole struct decoded: the same rule as a
    // check on the schema reports nothing about the totals here.
    const effectOnly = SchemaParser.decodeUnknownResult(Sample.check(Decode.rulesCheck(rules, undefined)), Decode.parseOptions)(input)
    expect(EffectResult.isFailure(effectOnly)).toBe(true)
    if (EffectResult.isFailure(effectOnly)) {
      expect(Decode.issuesOf(effectOnly.failure, docs).map((i) => i.code)).not.toContain("sample/total")
    }
  })

  test("an unreadable amount says what was found and, when Money.parse reads it, its wire form", () => {
    const at = (unitCost: unknown) => issuesOf({ ...valid, lines: [{ item: "x-2025", unitCost, total: "10" }] })
    expect(at("1,2 tỷ")).toEqual([
      {
        path: ["lines", 0, "unitCost"],
        code: "money/unparseable",
        message:
          'unit cost (đơn giá) must be a non-negative whole number of đồng written in digits; found "1,2 tỷ" (that reads as 1.200.000.000 ₫: write "1200000000")',
        actual: "1,2 tỷ"
      }
    ])
    expect(at("abc")[0]?.message).toBe('unit cost (đơn giá) must be a non-negative whole number of đồng written in digits; found "abc"')
    expect(at(1.5)[0]).toMatchObject({ code: "money/unparseable", message: "unit cost (đơn giá) must be a non-negative whole number of đồng written in digits; found 1.5" })
  })

  test("a rule is silent when a field it needs is invalid (no cascade)", () => {
    const input = { ...valid, lines: [{ item: "x-2025", unitCost: "abc", total: "11" }] }
    expect(issuesOf(input).map((i) => i.code)).toEqual(["money/unparseable"])
  })

  test("rootNeeds reads the whole input; the rule is silent when the root fields are invalid", () => {
    const input = { ...valid, lines: [{ item: "x-2024", unitCost: "1", total: "1" }] }
    expect(issuesOf(input)).toEqual([
      { path: ["lines", 0, "item"], code: "sample/item-year", message: "item (nội dung chi) must end with the year 2025", actual: "x-2024" }
    ])
    expect(issuesOf({ ...input, year: "2025" }).map((i) => i.code)).toEqual(["schema/type"])
  })

  test("the schema with rulesCheck reports the same rule issues when the structure is valid", () => {
    const input = { ...valid, lines: [{ item: "x-2024", unitCost: "1", total: "2" }] }
    const checked = Sample.check(Decode.rulesCheck(rules, undefined))
    const r = SchemaParser.decodeUnknownResult(checked, Decode.parseOptions)(input)
    expect(EffectResult.isFailure(r)).toBe(true)
    if (EffectResult.isFailure(r)) {
      const viaEffect = Decode.issuesOf(r.failure, docs).map((i) => JSON.stringify([i.path, i.code, i.message])).sort()
      const viaDecode = issuesOf(input).map((i) => JSON.stringify([i.path, i.code, i.message])).sort()
      expect(viaEffect).toEqual(viaDecode)
      expect(viaEffect).toHaveLength(2)
    }
  })

  test("runRulesRaw and runRulesTyped expand `*` over arrays", () => {
    const raw = { ...valid, lines: [{ item: "a-2025", unitCost: "1", total: "2" }, { item: "b-2025", unitCost: "3", total: "3" }, { item: "c-2025", unitCost: "0", total: "1" }] }
    expect(Decode.runRulesRaw([totalRule], raw, undefined).map((i) => i.path)).toEqual([
      ["lines", 0, "total"],
      ["lines", 2, "total"]
    ])
    const typed = { lines: [{ unitCost: 1n, total: 1n }, { unitCost: 2n, total: 1n }] }
    expect(Decode.runRulesTyped([totalRule], typed, undefined).map((i) => i.path)).toEqual([["lines", 1, "total"]])
    expect(Decode.runRulesRaw([totalRule], { lines: "no" }, undefined)).toEqual([])
  })

  test("the same issue found twice is reported once", () => {
    const twice = Decode.makeDecoder({ subject, schema: Sample, docs, rules: [totalRule, totalRule] })
    const r = twice({ ...valid, lines: [{ item: "x-2025", unitCost: "1", total: "2" }] })
    expect(r.ok ? [] : r.error.issues.map((i) => i.code)).toEqual(["sample/total"])
  })

  test("nestRules prefixes the scope", () => {
    const nested = Decode.nestRules(["outer", "*"], [totalRule])
    expect(nested[0]?.at).toEqual(["outer", "*", "lines", "*"])
    const input = { outer: [{ lines: [{ unitCost: "1", total: "2" }] }] }
    expect(Decode.runRulesRaw(nested, input, undefined).map((i) => i.path)).toEqual([["outer", 0, "lines", 0, "total"]])
  })
})

describe("helpers", () => {
  test("patternOf and nestDocs", () => {
    expect(Decode.patternOf(["activities", 0, "costLines", 2, "unitCost"])).toBe("activities.*.costLines.*.unitCost")
    expect(Decode.patternOf([])).toBe("")
    const d = { label: "l", expects: "e" }
    expect(Decode.nestDocs("locations.*", { "": d, provinceCode: d })).toEqual({ "locations.*": d, "locations.*.provinceCode": d })
    expect(Decode.nestDocs("", { a: d })).toEqual({ a: d })
  })

  test("text refuses blank text; id refuses surrounding spaces", () => {
    const isText = Schema.is(Decode.text)
    const isId = Schema.is(Decode.id)
    expect([isText("a"), isText(" a "), isText(""), isText("  \t")]).toEqual([true, true, false, false])
    expect([isId("cs-1"), isId(" cs-1"), isId("cs-1 "), isId("")]).toEqual([true, false, false, false])
  })

  test("an encoder never re-runs checks", () => {
    const encode = Decode.makeEncoder(Line)
    expect(encode({ item: "x", unitCost: Money.make(-1n), total: Money.make(2n) })).toEqual({ item: "x", unitCost: "-1", total: "2" })
  })

  test("a schema carries its own code and doc to any path (field, discriminator, unknown fields); a check keeps its own code", () => {
    const code = Decode.field(Decode.text, { code: "thing/missing-code", label: "code (mã)", expects: "must be non-blank text" })
    const cap = Schema.Union([Schema.Struct({ kind: Schema.Literal("a") }), Schema.Struct({ kind: Schema.Literal("b"), n: Schema.Number })]).annotate({
      [Decode.discriminatorAnnotation]: "kind",
      [Decode.discriminatorFieldAnnotation]: { code: "thing/unknown-kind", label: "kind (loại)", expects: "must be a or b" }
    })
    const Thing = Schema.Struct({ code, cap: Decode.field(cap, { code: "thing/not-a-cap", missing: "thing/missing-cap", label: "cap (mức)", expects: "must be an object with a kind" }) }).annotate({
      [Decode.unknownFieldAnnotation]: "thing/unknown-field",
      [Decode.fieldAnnotation]: { label: "thing (vật)", expects: "must be an object" }
    })
    const issues = (u: unknown) => {
      const r = SchemaParser.decodeUnknownResult(Schema.Array(Thing), Decode.parseOptions)(u)
      return EffectResult.isFailure(r) ? Decode.issuesOf(r.failure, {}).map((i) => [i.path.join("."), i.code, i.message]) : []
    }
    expect(issues([{ code: 5, cap: 3 }, { code: " ", cap: { kind: "z" } }, { cap: { kind: "a" } }, { code: "x", zz: 1 }, 7])).toEqual([
      ["0.code", "thing/missing-code", "code (mã) must be non-blank text"],
      ["0.cap", "thing/not-a-cap", "cap (mức) must be an object with a kind"],
      ["1.code", "thing/missing-code", "code (mã) must be non-blank text"],
      ["1.cap.kind", "thing/unknown-kind", "kind (loại) must be a or b"],
      ["2.code", "thing/missing-code", "code (mã) is required"],
      ["3.zz", "thing/unknown-field", '"zz" is not a field of thing (vật); the fields are code, cap'],
      ["3.cap", "thing/missing-cap", "cap (mức) is required"],
      ["4", "schema/type", "thing (vật) must be an object"]
    ])
    // a check with its own code keeps it; the field's code is for a value of the wrong kind
    const even = Decode.field(Schema.String.check(Decode.check<string>("thing/odd", (x) => (x.length % 2 === 0 ? undefined : "odd"), "even")), { code: "thing/not-text", label: "even (chẵn)", expects: "must be text" })
    expect(Decode.problems(Schema.Struct({ even }), { even: "abc" }).map((i) => i.code)).toEqual(["thing/odd"])
    expect(Decode.problems(Schema.Struct({ even }), { even: 5 }).map((i) => i.code)).toEqual(["thing/not-text"])
  })

  test("validationError with one issue", () => {
    const e = Decode.validationError(subject, [{ code: "c", path: ["a", 0], message: "m" }])
    expect(e.message).toBe("sample (mẫu) is invalid (1 problem): a.0: m")
  })

  test.prop([fc.array(fc.constantFrom("name", "year", "code", "form"), { minLength: 1 })])(
    "removing required fields reports each one missing, once",
    (fields) => {
      const input: Record<string, unknown> = { ...valid }
      for (const f of fields) delete input[f]
      const expected = [...new Set(fields)].map((f) => JSON.stringify([f]))
      const got = issuesOf(input).map((i) => JSON.stringify(i.path))
      expect([...got].sort()).toEqual([...expected].sort())
      expect(issuesOf(input).every((i) => i.code === "schema/missing")).toBe(true)
    }
  )
})
