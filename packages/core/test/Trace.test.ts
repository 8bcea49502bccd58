import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import type * as Citation from "../src/values/Citation.js"
import { ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Parameter from "../src/values/Parameter.js"
import * as Trace from "../src/values/Trace.js"

const d = (text: string): LocalDate.LocalDate => LocalDate.parseOrThrow(text)

const tt28: Citation.Citation = {
  instrument: {
    number: "28/2018/TT-BTC",
    kind: "circular",
    issuer: "test fixture",
    title: "test fixture",
    effective: d("2018-05-11")
  },
  article: "4",
  clause: "1",
  point: "a",
  grade: "secondary",
  source: "rules-2018-2025-notes.md"
}
const carried: Citation.Citation = {
  instrument: { ...tt28.instrument, number: "26/2014/TTLT-BTC-BCT", kind: "joint-circular", effective: d("2014-04-08") },
  article: "4",
  grade: "unconfirmed",
  note: "carried over from Joint Circular 26/2014, not confirmed for Circular 28/2018"
}

const cap = Parameter.makeOrThrow({
  id: "machinery.cap",
  description: "Cap on machinery support",
  values: [
    { from: d("2014-04-08"), value: 200_000_000n, citation: carried },
    { from: d("2018-05-11"), value: 300_000_000n, citation: tt28 }
  ],
  until: d("2030-12-31")
})
const fair = Parameter.makeOrThrow({
  id: "fair.abroad.cap",
  description: "Cap on support for a fair abroad",
  values: [{ from: d("2018-05-11"), value: { numerator: 1n, denominator: 2n }, citation: carried }]
})

describe("toJson", () => {
  it("bigints become decimal strings, recursively", () => {
    expect(Trace.toJson({ amount: 1_500_000_000n, rate: { numerator: 7n, denominator: -10n }, list: [1n, "x", null, true] })).toEqual({
      amount: "1500000000",
      rate: { numerator: "7", denominator: "-10" },
      list: ["1", "x", null, true]
    })
    expect(Trace.toJson(12345678901234567890123n)).toBe("12345678901234567890123")
  })

  it("undefined keys are dropped, undefined items become null, toJSON is used", () => {
    expect(Trace.toJson({ a: undefined, b: [undefined, 1] })).toEqual({ b: [null, 1] })
    expect(Trace.toJson({ at: new Date(Date.UTC(2024, 5, 30)) })).toEqual({ at: "2024-06-30T00:00:00.000Z" })
  })

  it("what JSON cannot hold throws", () => {
    expect(() => Trace.toJson(Number.NaN)).toThrow(TypeError)
    expect(() => Trace.toJson({ x: Number.POSITIVE_INFINITY })).toThrow(/\$\.x/)
    expect(() => Trace.toJson(() => 1)).toThrow(TypeError)
    expect(() => Trace.toJson(undefined)).toThrow(TypeError)
    expect(() => Trace.toJson(new Map())).toThrow(/Map/)
    const cyclic: Record<string, unknown> = {}
    cyclic["self"] = cyclic
    expect(() => Trace.toJson(cyclic)).toThrow(/refers to itself/)
    // shared (non-cyclic) references are fine
    const shared = { n: 1n }
    expect(Trace.toJson([shared, shared])).toEqual([{ n: "1" }, { n: "1" }])
  })

  test.prop([fc.jsonValue()])("JSON values pass through unchanged", (v) => {
    expect(Trace.toJson(v)).toEqual(JSON.parse(JSON.stringify(v)))
  })

  test.prop([fc.bigInt()])("a bigint reads back exactly", (n) => {
    expect(BigInt(Trace.toJson(n) as string)).toBe(n)
    expect(BigInt((Trace.toJson({ a: [n] }) as { a: [string] }).a[0])).toBe(n)
  })

  it("-0 becomes 0 and __proto__ stays an own key, as through JSON", () => {
    expect(Object.is(Trace.toJson(-0), 0)).toBe(true)
    const input = JSON.parse('{"__proto__": 5n}'.replace("5n", "5")) as unknown
    const out = Trace.toJson(input) as Record<string, unknown>
    expect(Object.hasOwn(out, "__proto__")).toBe(true)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(JSON.stringify(out)).toBe('{"__proto__":5}')
  })
})

describe("readParameter and citationRef", () => {
  it("flattens the instrument to its number and keeps the value's days", () => {
    expect(Trace.readParameter(Parameter.atOrThrow(cap, d("2014-05-01")))).toEqual({
      id: "machinery.cap",
      value: "200000000",
      from: "2014-04-08",
      until: "2018-05-10",
      citation: {
        instrument: "26/2014/TTLT-BTC-BCT",
        article: "4",
        grade: "unconfirmed",
        note: "carried over from Joint Circular 26/2014, not confirmed for Circular 28/2018"
      }
    })
    const open = Trace.readParameter(Parameter.atOrThrow(fair, d("2024-01-01")))
    expect(open).toEqual({
      id: "fair.abroad.cap",
      value: { numerator: "1", denominator: "2" },
      from: "2018-05-11",
      citation: { instrument: "26/2014/TTLT-BTC-BCT", article: "4", grade: "unconfirmed", note: carried.note }
    })
    expect(Object.hasOwn(open, "until")).toBe(false)
    expect(Trace.citationRef(tt28)).toEqual({ instrument: "28/2018/TT-BTC", article: "4", clause: "1", point: "a", grade: "secondary" })
  })

  it("a custom encoder", () => {
    expect(Trace.readParameter(Parameter.atOrThrow(cap, d("2020-01-01")), (v) => `${v / 1_000_000n} triệu`).value).toBe("300 triệu")
  })
})

describe("building", () => {
  const s1 = Trace.step({
    rule: "machinery.cap",
    description: "Support is capped per establishment",
    inputs: { requested: 450_000_000n, establishment: "CS-01", skipped: undefined },
    parameters: [Parameter.atOrThrow(cap, d("2024-06-30"))],
    roundings: [{ mode: "half-up", exact: "1.5", result: "2", difference: "0.5" }],
    result: 300_000_000n,
    layer: "national"
  })

  it("step converts inputs, readings and result to JSON", () => {
    expect(s1).toEqual({
      rule: "machinery.cap",
      description: "Support is capped per establishment",
      inputs: { requested: "450000000", establishment: "CS-01" },
      parameters: [
        {
          id: "machinery.cap",
          value: "300000000",
          from: "2018-05-11",
          until: "2030-12-31",
          citation: { instrument: "28/2018/TT-BTC", article: "4", clause: "1", point: "a", grade: "secondary" }
        }
      ],
      roundings: [{ mode: "half-up", exact: "1.5", result: "2", difference: "0.5" }],
      result: "300000000",
      layer: "national"
    })
    expect(Trace.step({ rule: "r", result: null })).toEqual({ rule: "r", inputs: {}, parameters: [], roundings: [], result: null })
  })

  it("empty, append, concat do not mutate", () => {
    const e = Trace.empty()
    const one = Trace.append(e, s1)
    expect(e.steps).toHaveLength(0)
    expect(one).toEqual({ schemaVersion: 1, steps: [s1] })
    expect(Trace.concat(one, one).steps).toEqual([s1, s1])
  })

  it("Recorder collects steps, applies its layer, and finish() is a snapshot", () => {
    const rec = new Trace.Recorder({ layer: "reform:2026" })
    rec.push(Trace.step({ rule: "a", result: 1 }))
    rec.push(Trace.step({ rule: "b", result: 2, layer: "national" }))
    const t = rec.finish()
    rec.push(Trace.step({ rule: "c", result: 3 }))
    expect(t.steps.map((s) => [s.rule, s.layer])).toEqual([
      ["a", "reform:2026"],
      ["b", "national"]
    ])
    expect(rec.steps).toHaveLength(3)
    expect(new Trace.Recorder().finish()).toEqual(Trace.empty())
  })

  it("with tracing off (no recorder) the step is never built", () => {
    let built = 0
    const expensive = (): Trace.TraceStep => {
      built++
      return Trace.step({ rule: "x", result: 0 })
    }
    const compute = (rec: Trace.Recorder | undefined): number => {
      rec?.push(expensive())
      return 42
    }
    expect(compute(undefined)).toBe(42)
    expect(built).toBe(0)
    const rec = new Trace.Recorder()
    compute(rec)
    expect(built).toBe(1)
    expect(rec.steps).toHaveLength(1)
  })
})

describe("unconfirmedReads", () => {
  it("lists every read whose grade is not primary or secondary, with its step", () => {
    const rec = new Trace.Recorder()
    rec.push(Trace.step({ rule: "cap.2024", parameters: [Parameter.atOrThrow(cap, d("2024-01-01"))], result: 1 }))
    rec.push(
      Trace.step({
        rule: "cap.2015",
        parameters: [Parameter.atOrThrow(cap, d("2015-01-01")), Parameter.atOrThrow(fair, d("2024-01-01"))],
        result: 2
      })
    )
    const provincial = Trace.readParameter(Parameter.atOrThrow(cap, d("2024-01-01")))
    rec.push(
      Trace.step({
        rule: "province",
        parameters: [{ ...provincial, citation: { ...provincial.citation, grade: "provincial-copy" } }],
        result: 3
      })
    )
    const found = Trace.unconfirmedReads(rec.finish())
    expect(found.map((u) => [u.step, u.rule, u.read?.id, u.read?.citation.grade])).toEqual([
      [1, "cap.2015", "machinery.cap", "unconfirmed"],
      [1, "cap.2015", "fair.abroad.cap", "unconfirmed"],
      [2, "province", "machinery.cap", "provincial-copy"]
    ])
    expect(found[0]?.read?.citation.note).toContain("not confirmed")
    expect(found.every((u) => u.kind === "parameter" && u.citation === u.read?.citation)).toBe(true)
  })
})

// Arbitrary traces, built through the public builder from arbitrary JSON-ish values with bigints.
const valueArb = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.bigInt(),
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie("v"), { maxKeys: 3 })
  )
})).v
const readingArb = fc
  .tuple(fc.constantFrom(cap, fair), fc.integer({ min: LocalDate.toDayNumber(d("2014-04-08")), max: LocalDate.toDayNumber(d("2030-12-31")) }))
  .map(([p, n]) => Parameter.at(p as Parameter.Parameter<unknown>, LocalDate.fromDayNumber(n)))
  .filter((r) => r.ok)
  .map((r) => (r.ok ? r.value : (undefined as never)))
const stepArb = fc
  .record(
    {
      rule: fc.string({ minLength: 1, maxLength: 12 }),
      description: fc.string(),
      inputs: fc.dictionary(fc.string({ maxLength: 6 }), valueArb, { maxKeys: 4 }),
      parameters: fc.array(readingArb, { maxLength: 3 }),
      roundings: fc.array(
        fc.record({ mode: fc.constantFrom("half-up", "down", "half-even"), exact: fc.string(), result: fc.string(), difference: fc.string() }),
        { maxLength: 2 }
      ),
      result: valueArb,
      layer: fc.constantFrom("national", "overlay:lai-chau", "reform:2026")
    },
    { requiredKeys: ["rule", "result"] }
  )
  .map((input) => Trace.step(input))
const traceArb = fc.array(stepArb, { maxLength: 5 }).map((steps) => steps.reduce(Trace.append, Trace.empty()))

describe("schema and decode", () => {
  test.prop([traceArb])("JSON.parse(JSON.stringify(t)) decodes with the schema to the same trace", (t) => {
    const stored = JSON.parse(JSON.stringify(t)) as unknown
    expect(Schema.decodeUnknownSync(Trace.schema)(stored)).toEqual(stored)
    const r = Trace.decode(stored)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value).toEqual(t)
      expect(Trace.unconfirmedReads(r.value)).toEqual(Trace.unconfirmedReads(t))
    }
  })

  it("decode reports every problem with its path", () => {
    const r = Trace.decode({
      schemaVersion: 2,
      steps: [
        { rule: "a", inputs: {}, parameters: [], roundings: [], result: 1 },
        {
          rule: "b",
          inputs: { x: 1 },
          parameters: [{ id: "p", value: 1, from: "30/06/2024", citation: { instrument: "28/2018/TT-BTC", grade: "S" } }],
          roundings: [],
          result: 2
        },
        { rule: "c", inputs: {}, parameters: [], roundings: [] }
      ]
    })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ValidationError)
      expect(r.error.code).toBe("trace/invalid")
      const paths = r.error.issues.map((i) => i.path)
      expect(paths).toContainEqual(["schemaVersion"])
      expect(paths).toContainEqual(["steps", 1, "parameters", 0, "from"])
      expect(paths).toContainEqual(["steps", 1, "parameters", 0, "citation", "grade"])
      expect(paths).toContainEqual(["steps", 2, "result"])
      expect(r.error.message).toContain("giải trình")
    }
  })

  it("keys that look like Object internals survive a round trip", () => {
    const t = Trace.append(Trace.empty(), Trace.step({ rule: "k", inputs: JSON.parse('{"__proto__": 1, "constructor": 2}') as Record<string, unknown>, result: JSON.parse('{"__proto__": [3n]}'.replace("3n", "3")) as unknown }))
    const stored = JSON.parse(JSON.stringify(t)) as unknown
    const r = Trace.decode(stored)
    expect(r.ok).toBe(true)
    if (r.ok) expect(JSON.stringify(r.value)).toBe(JSON.stringify(t))
    expect(JSON.stringify(t)).toContain('"__proto__":1')
  })

  it("a value JSON cannot carry is refused", () => {
    const t = { schemaVersion: 1, steps: [{ rule: "a", inputs: { n: 1n }, parameters: [], roundings: [], result: 1 }] }
    expect(Trace.decode(t).ok).toBe(false)
    expect(Trace.decode(null).ok).toBe(false)
  })
})
