// The one-pass canonical text behind Evaluate.inputHash against its definition:
// canonical(Trace.toJson(value)), written here from the definition (keys sorted, no spaces).
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { canonicalOf } from "../src/rules/internal/canonical.js"
import * as Trace from "../src/values/Trace.js"

const reference = (j: Trace.Json): string => {
  if (j === null || typeof j !== "object") return JSON.stringify(j)
  if (Array.isArray(j)) return `[${(j as ReadonlyArray<Trace.Json>).map(reference).join(",")}]`
  const o = j as { readonly [k: string]: Trace.Json }
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${reference(o[k] as Trace.Json)}`)
    .join(",")}}`
}

// Values of the kinds decoded records hold: text, bigints, finite numbers (with -0), booleans,
// null, undefined fields and items, nested arrays and objects (keys in any order, __proto__ too).
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom('a"b', "a\\b", "x\u0001", "\ud800", "đồng"), fc.bigInt(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(-0)),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
  array: fc.array(fc.oneof(tie("node"), fc.constant(undefined)), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom('k"', "\u001f", "__proto__", "a", "b", "é", "B")), fc.oneof(tie("node"), fc.constant(undefined)), { maxKeys: 6 })
})).node

describe("canonicalOf", () => {
  test.prop([value], { numRuns: 300 })("equals the canonical text of Trace.toJson", (v) => {
    expect(canonicalOf(v)).toBe(reference(Trace.toJson(v)))
  })

  it("sorts keys, writes bigints as decimal strings and drops undefined fields", () => {
    expect(canonicalOf({ b: 1n, a: [undefined, -0, "x"], c: undefined, d: { toJSON: () => "2026-01-01" } })).toBe('{"a":[null,0,"x"],"b":"1","d":"2026-01-01"}')
  })

  it("refuses what Trace.toJson refuses, with its error", () => {
    const cycle: { self?: unknown } = {}
    cycle.self = cycle
    for (const bad of [cycle, { m: new Map() }, { n: Number.NaN }, { f: () => 1 }]) expect(() => canonicalOf(bad)).toThrow(TypeError)
    expect(() => canonicalOf({ n: Number.POSITIVE_INFINITY })).toThrow(/JSON cannot hold/)
  })
})
