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

  // The sorted order of a plain object's keys is remembered by its keys in their own order: records
  // of a few shapes, written many times in varied orders, with the same first key and different
  // sets, give the same text as the definition every time.
  const shaped = fc
    .array(fc.constantFrom("id", "name", "amount", "date", "toString", "b", "a", "đ", "__proto__"), { minLength: 0, maxLength: 6 })
    .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.oneof(fc.bigInt(), fc.string(), fc.constant(undefined)), { minLength: keys.length, maxLength: keys.length })))
    .map(([keys, values]) => {
      const o: Record<string, unknown> = {}
      keys.forEach((k, i) => Object.defineProperty(o, k, { value: values[i], enumerable: true, writable: true, configurable: true }))
      return o
    })
  test.prop([fc.array(shaped, { maxLength: 30 })], { numRuns: 200 })("remembers each shape's sorted keys without mixing shapes", (list) => {
    for (const o of list) expect(canonicalOf({ o, again: [o, { ...o }] })).toBe(reference(Trace.toJson({ o, again: [o, { ...o }] })))
  })

  it("writes objects without Object's prototype, class instances and lists with a toJSON as Trace.toJson does", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2n, a: "x" })
    class Day {
      constructor(readonly day: string) {}
      toJSON(): string {
        return this.day
      }
    }
    class Point {
      constructor(readonly y: number, readonly x: number) {}
    }
    const list = Object.assign([1, 2], { toJSON: () => "list" })
    class Items extends Array<number> {}
    const v = { bare, day: new Day("2026-01-01"), point: new Point(2, 1), list, items: Items.from([3]), own: { toJSON: () => ({ z: 1, y: 2n }) } }
    expect(canonicalOf(v)).toBe(reference(Trace.toJson(v)))
    expect(canonicalOf(v)).toBe('{"bare":{"a":"x","b":"2"},"day":"2026-01-01","items":[3],"list":"list","own":{"y":"2","z":1},"point":{"x":1,"y":2}}')
  })

  it("calls a toJSON added to Object.prototype or Array.prototype, as JSON.stringify would", () => {
    const v = { a: [1], b: { c: 1 } }
    const before = canonicalOf(v)
    try {
      Object.defineProperty(Array.prototype, "toJSON", { value: () => "L", configurable: true, writable: true })
      expect(canonicalOf(v)).toBe(reference(Trace.toJson(v)))
      expect(canonicalOf(v)).toBe('{"a":"L","b":{"c":1}}')
    } finally {
      delete (Array.prototype as { toJSON?: unknown }).toJSON
    }
    expect(canonicalOf(v)).toBe(before)
  })

  it("keeps giving the definition's text past the number of shapes it remembers", () => {
    for (let i = 0; i < 3000; i++) {
      const o = { [`k${i}`]: 1n, a: i, [`z${i % 7}`]: "v" }
      expect(canonicalOf(o)).toBe(reference(Trace.toJson(o)))
    }
  })

  it("refuses what Trace.toJson refuses, with its error", () => {
    const cycle: { self?: unknown } = {}
    cycle.self = cycle
    for (const bad of [cycle, { m: new Map() }, { n: Number.NaN }, { f: () => 1 }]) expect(() => canonicalOf(bad)).toThrow(TypeError)
    expect(() => canonicalOf({ n: Number.POSITIVE_INFINITY })).toThrow(/JSON cannot hold/)
  })
})
