/**
 * The shape limits checked on the bytes before `JSON.parse` (preScan) against the same limits
 * checked on the parsed value (checkShape): the bytes never refuse what the value would accept,
 * and the errors name the same limit and path.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { checkShape, defaultLimits, type Limits, preScan } from "../src/limits.js"
import { ServiceError } from "../src/errors.js"

const small: Limits = { ...defaultLimits, maxDepth: 3, maxArrayLength: 3, maxObjectKeys: 3, maxStringLength: 32, maxDigits: 12 }

const refusal = (f: () => void): { readonly code: string; readonly path: ReadonlyArray<string | number>; readonly en: string } | undefined => {
  try {
    f()
    return undefined
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e
    return { code: e.code, path: e.path, en: e.en }
  }
}
const bytes = (text: string): Uint8Array => Buffer.from(text, "utf8")

describe("the shape limits on the bytes, before parsing", () => {
  test.prop([fc.json({ maxDepth: 5 })], { numRuns: 500 })("never refuse what the parsed value passes", (text) => {
    const before = refusal(() => preScan(bytes(text), small))
    const after = refusal(() => checkShape(JSON.parse(text), small))
    if (before !== undefined) expect(after, `${text} was refused before parsing: ${JSON.stringify(before)}`).toBeDefined()
  })

  it.each([
    ["a string, with its path (UTF-8 counted as UTF-16 code units)", `{"proposal":{"title":"${"ệ".repeat(33)}"}}`, "request/string-too-long", ["proposal", "title"]],
    ["an escaped string", `{"a":["${"\\u00e9".repeat(33)}"]}`, "request/string-too-long", ["a", 0]],
    ["a key", `{"b":{"${"k".repeat(33)}":1}}`, "request/string-too-long", ["b"]],
    ["nesting", `{"a":[{"b":[1]}]}`, "request/too-deep", ["a", 0, "b"]],
    ["a list", `{"a":{"b":[1,2,3,4]}}`, "request/list-too-long", ["a", "b"]],
    ["an object's keys", `[{"a":1,"b":2,"c":3,"d":4}]`, "request/too-many-keys", [0]],
    ["a numeral's digits", `{"x":[1,2,-1234567890123.5]}`, "request/too-many-digits", ["x", 2]]
  ])("refuse %s as the parsed check does", (_, text, code, path) => {
    const before = refusal(() => preScan(bytes(text), small))
    expect(before).toMatchObject({ code, path })
    expect(before).toEqual(refusal(() => checkShape(JSON.parse(text), small)))
  })

  it("pass a body within the limits, digits of a fraction and escapes included", () => {
    expect(refusal(() => preScan(bytes(`{"a":[1.123456789012345,"\\"x\\"",{"b":null}],"c":"${"ệ".repeat(32)}"}`), small))).toBeUndefined()
  })

  it("refuse one proposal over maxRecordBytes, alone or in a list of proposals, with its path; other fields may be larger", () => {
    const l: Limits = { ...defaultLimits, maxRecordBytes: 100 }
    const big = { id: "p", title: "x".repeat(100) }
    expect(refusal(() => preScan(bytes(JSON.stringify({ proposal: big })), l))).toMatchObject({ code: "request/record-too-large", path: ["proposal"] })
    expect(refusal(() => preScan(bytes(JSON.stringify({ proposals: [{ id: "a" }, big] })), l))).toMatchObject({ code: "request/record-too-large", path: ["proposals", 1] })
    expect(refusal(() => preScan(bytes(JSON.stringify({ proposals: [{ id: "a" }, { id: "b" }], establishments: [big], proposal: { id: "c" } })), l))).toBeUndefined()
    expect(refusal(() => preScan(bytes(JSON.stringify({ plan: { proposals: [big] } })), l))).toBeUndefined()
  })

  it("refuse a megabyte of '[' at the limit's depth, without parsing it", () => {
    expect(refusal(() => preScan(bytes("[".repeat(1 << 20)), defaultLimits))).toMatchObject({ code: "request/too-deep", path: Array.from({ length: 32 }, () => 0) })
  })
})
