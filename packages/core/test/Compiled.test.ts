// The compiled success path of decoding (values/internal/compiled.ts, issue 16) against the
// Schema's own decoder: on valid, near-valid (seeded faults) and randomly mutated input, every
// decoder gives the same Result with and without it: the same value (keys in the same order),
// or the same error with the same issues (codes, paths, messages, actual values, params).
import { fc, test } from "@fast-check/vitest"
import { Schema, SchemaParser, Result as EffectResult } from "effect"
import { describe, expect } from "vitest"
import * as AdminUnits from "../src/records/AdminUnits.js"
import * as Decode from "../src/values/Decode.js"
import type { ValidationError } from "../src/values/Errors.js"
import * as Establishment from "../src/records/Establishment.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Period from "../src/values/Period.js"
import * as Plan from "../src/records/Plan.js"
import * as Proposal from "../src/records/Proposal.js"
import type { Result } from "../src/values/Result.js"
import * as TaxCode from "../src/records/TaxCode.js"
import * as T from "../src/testing/index.js"
import { compile, leafOf, NOT_SURE, withoutCompiled, withoutGeneratedCode } from "../src/values/internal/compiled.js"

type Json = T.Json

/** Every path in a JSON value, the root included. */
const pathsOf = (j: unknown, at: ReadonlyArray<string | number> = [], out: Array<ReadonlyArray<string | number>> = []) => {
  out.push(at)
  if (Array.isArray(j)) j.forEach((v: unknown, i) => pathsOf(v, [...at, i], out))
  else if (typeof j === "object" && j !== null) for (const [k, v] of Object.entries(j)) pathsOf(v, [...at, k], out)
  return out
}

/** A copy of `j` with one change at `path`: a value replaced, a key removed or one added. */
const mutateAt = (j: Json, path: ReadonlyArray<string | number>, how: number, value: Json): unknown => {
  const copy = structuredClone(j) as unknown
  if (path.length === 0) return how === 0 ? value : copy
  let parent = copy as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (how === 0) parent[last] = value
  else if (how === 1 && !Array.isArray(parent)) delete parent[last]
  else if (how === 1) (parent as unknown as Array<unknown>).splice(last as number, 1)
  else {
    const target = parent[last]
    if (Array.isArray(target)) target.push(value)
    else if (typeof target === "object" && target !== null) (target as Record<string, unknown>)["extra"] = value
    else parent[last] = value
  }
  return copy
}

/** Near-valid inputs: a valid encoded value with one random change somewhere. */
const mutated = <A>(valid: fc.Arbitrary<A>, encode: (a: A) => unknown): fc.Arbitrary<unknown> =>
  fc
    .tuple(valid.map((a) => JSON.parse(JSON.stringify(encode(a))) as Json), fc.nat(), fc.nat(2), fc.oneof(fc.jsonValue().map((v) => v as Json), fc.constantFrom<Json>("", " ", "-1", "1.5", "0", 0, -1, 1.5, null, "2025-02-30", "cs-1", "x\u200By")))
    .map(([j, n, how, value]) => {
      const paths = pathsOf(j)
      return mutateAt(j, paths[n % paths.length] ?? [], how, value)
    })

/** A Result in comparable form: the value, or the error's code, message and issues. */
const plain = <A>(r: Result<A, ValidationError>) =>
  r.ok ? { ok: true, value: r.value, keys: keyOrder(r.value) } : { ok: false, code: r.error.code, message: r.error.message, issues: r.error.issues }

/** The keys of every object in a value, in order (toEqual does not compare the order). */
const keyOrder = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(keyOrder) : typeof v === "object" && v !== null ? Object.entries(v).map(([k, x]) => [k, keyOrder(x)]) : null

interface Case {
  readonly name: string
  readonly decode: (u: unknown) => Result<unknown, ValidationError>
  readonly inputs: fc.Arbitrary<unknown>
}

const encoded = <A>(valid: fc.Arbitrary<A>, encode: (a: A) => unknown) => valid.map((a) => JSON.parse(JSON.stringify(encode(a))) as unknown)
const inputsOf = <A>(valid: fc.Arbitrary<A>, encode: (a: A) => unknown, invalid: fc.Arbitrary<T.InvalidCase>) =>
  fc.oneof(encoded(valid, encode), invalid.map((c) => c.input), mutated(valid, encode))

const cases: ReadonlyArray<Case> = [
  { name: "proposal", decode: Proposal.decode, inputs: inputsOf(T.proposal, Proposal.encode, T.invalid.proposal) },
  { name: "key-project proposal", decode: Proposal.decode, inputs: fc.oneof(encoded(T.keyProjectProposal, Proposal.encode), mutated(T.keyProjectProposal, Proposal.encode)) },
  { name: "establishment", decode: (u) => Establishment.decode(u), inputs: inputsOf(T.establishment, Establishment.encode, T.invalid.establishment) },
  {
    name: "establishment, asOf 2025-07-01",
    decode: (u) => Establishment.decode(u, { asOf: LocalDate.parseOrThrow("2025-07-01") }),
    inputs: inputsOf(T.establishment, Establishment.encode, T.invalid.establishment)
  },
  { name: "plan", decode: Plan.decode, inputs: inputsOf(T.plan, Plan.encode, T.invalid.plan) },
  { name: "budget envelope", decode: Plan.decodeBudgetEnvelope, inputs: inputsOf(T.budgetEnvelope, Plan.encodeBudgetEnvelope, T.invalid.budgetEnvelope) },
  { name: "tax code", decode: TaxCode.decode, inputs: fc.oneof(encoded(T.taxCode, TaxCode.encode), T.invalid.taxCode.map((c) => c.input)) }
]

describe.each(cases)("$name: compiled and Schema decoding agree", (c) => {
  test.prop([c.inputs], { numRuns: 400 })("the same Result, value or issues", (u) => {
    expect(plain(c.decode(u))).toEqual(plain(withoutCompiled(() => c.decode(u))))
  })
})

describe("the compiled path", () => {
  // the exported schema: the structure, and the cross-field rules as its check
  const fast = compile(Proposal.schema.ast, Decode.parseOptions)
  const schemaDecode = SchemaParser.decodeUnknownResult(Proposal.schema, Decode.parseOptions)

  test("compiles every node of the records", () => {
    expect(fast).toBeDefined()
    for (const s of [Establishment.schema.ast, Plan.schema.ast]) expect(compile(s, Decode.parseOptions)).toBeDefined()
  })

  test.prop([encoded(T.proposal, Proposal.encode)])("decodes every valid proposal itself (the Schema is not run)", (u) => {
    const v = fast?.(u)
    expect(v).not.toBe(NOT_SURE)
    const r = schemaDecode(u)
    expect(EffectResult.isSuccess(r) && r.success).toEqual(v)
  })

  test.prop([fc.oneof(T.invalid.proposal.map((c) => c.input), mutated(T.proposal, Proposal.encode))], { numRuns: 300 })(
    "never accepts what the Schema refuses, and gives its value when it accepts",
    (u) => {
      const v = fast?.(u)
      const r = schemaDecode(u)
      if (v !== NOT_SURE) expect(EffectResult.isSuccess(r) ? r.success : "refused").toEqual(v)
    }
  )

  // where code cannot be generated (a Content-Security-Policy), structs are closures: the same answers
  const closures = withoutGeneratedCode(() => compile(Proposal.schema.ast, { ...Decode.parseOptions }))
  test.prop([fc.oneof(encoded(T.proposal, Proposal.encode), T.invalid.proposal.map((c) => c.input), mutated(T.proposal, Proposal.encode))], { numRuns: 300 })(
    "without generated code, the closures give the same answers",
    (u) => {
      expect(closures).toBeDefined()
      expect(closures).not.toBe(fast)
      expect(closures?.(u)).toEqual(fast?.(u))
    }
  )

  test("a key the struct does not declare is not sure (symbol, inherited), a non-enumerable one is ignored as effect ignores it", () => {
    const u = JSON.parse(JSON.stringify(Proposal.encode(fc.sample(T.proposal, { numRuns: 1, seed: 3 })[0] as Proposal.Proposal))) as Record<PropertyKey, unknown>
    expect(fast?.(u)).not.toBe(NOT_SURE)
    expect(fast?.({ ...u, [Symbol("s")]: 1 })).toBe(NOT_SURE)
    const hidden = { ...u }
    Object.defineProperty(hidden, "hidden", { value: 1, enumerable: false })
    expect(fast?.(hidden)).not.toBe(NOT_SURE)
    expect(schemaDecode(hidden)._tag).toBe("Success")
    expect(fast?.(Object.assign(Object.create({ extra: 1 }) as object, u))).toBe(NOT_SURE)
    // a declared key read from the prototype, as effect reads it
    const inherited = Object.assign(Object.create({ approvalDate: "2024-01-02" }) as object, u)
    delete (inherited as Record<string, unknown>)["approvalDate"]
    const r = schemaDecode(inherited)
    expect(fast?.(inherited)).toEqual(EffectResult.isSuccess(r) ? r.success : NOT_SURE)
  })
})

describe("decoded values", () => {
  const isDeepFrozen = (v: unknown): boolean =>
    typeof v !== "object" || v === null || (Object.isFrozen(v) && Object.values(v).every(isDeepFrozen))

  test.prop([encoded(T.proposal, Proposal.encode)], { numRuns: 50 })("are frozen throughout and recorded with their subject", (u) => {
    const r = Proposal.decode(u)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(isDeepFrozen(r.value)).toBe(true)
    expect(Decode.decodedAs(r.value)?.subject.code).toBe("proposal")
    expect(Decode.decodedAs({ ...r.value })).toBeUndefined()
    expect(Decode.decodedAs(u)).toBeUndefined()
  })

  test.prop([encoded(T.establishment, Establishment.encode)], { numRuns: 30 })("carry the context they were decoded in", (u) => {
    const asOf = LocalDate.parseOrThrow("2025-07-01")
    const r = Establishment.decode(u, { asOf })
    if (r.ok) expect(Decode.decodedAs(r.value)?.context).toEqual({ asOf })
  })
})

// The leaves (money, ids, names, dates …) decode with a function of their own, built from the
// functions their Schema's filter and transformation call: it must accept exactly what the Schema
// accepts, with the same value, on near misses above all.
describe("leaf decoders", () => {
  const digits = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom("0", "1", "5", "9") })
  const money = fc.oneof(
    fc.constantFrom<unknown>("0", "01", "-0", "-01", "00", "1e3", " 1", "1 ", "+1", "1.0", "1,5", "1.500.000", "", "-", "--1", "\u0661\u0662", "\uFF11\uFF12", "0x10", "1_000", "9007199254740993", "-9007199254740993"),
    fc.constantFrom<unknown>(0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, 1e21, null, true, [], {}, 5n, undefined),
    digits(1, 30),
    digits(1, 30).map((d) => `-${d}`),
    digits(300, 2000),
    fc.integer(),
    fc.double(),
    fc.string()
  )
  const text = fc.oneof(
    fc.constantFrom<unknown>(
      "cs-1", " cs-1", "cs-1 ", "", " ", "\u00A0", "\u00A0x", "x\u3000", "Đề án Hòa Bình", "De\u0301 a\u0301n", "A\u0301", "\u0301", "x\u200By", "\u202Ex", "a\u2066b", "a\u061Cb",
      "a\tb", "a\nb", "a\rb", "a\r\nb", "a\u0085b", "a\u00ADb", "\uFEFFa", "a\u2028b", "a\u0000b", "a\u007Fb", "x".repeat(128), "x".repeat(129), "\u{1D4B3}".repeat(128), "\u{1D4B3}".repeat(129),
      "ế".repeat(500), "ế".repeat(501), "e\u0302\u0301".repeat(200), "e\u0302\u0301".repeat(501), "\uD800", "a\uDC00", "\u212B", "\u0958", "\u1E9B\u0323", 5, null, ["x"]
    ),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.constantFrom("a", "Z", " ", "\u0301", "\u0300", "\u0302", "\u00AD", "ệ", "Đ", "\u200B", "\n", "\t", "\u1E00", "\u1EFF", "\u024F", "\u0250", "\u00A0", "\u009F", "\u007E", "\u007F", "\u202A") }),
    fc.string({ minLength: 120, maxLength: 520, unit: fc.constantFrom("a", "ệ", "e\u0323\u0302", "\u{1D4B3}") })
  )
  const pad = (n: number, w: number) => String(n).padStart(w, "0")
  const date = fc.oneof(
    fc.constantFrom<unknown>("2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01", "0001-01-01", "9999-12-31", "2024-1-01", "2024/01/01", "\uFF12024-01-01", "2024-01-0\u0661", " 2024-01-01", "2024-01-01 ", "2024-01-01T00:00", "+02024-01-01", 20240101, null),
    fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
    fc.string({ minLength: 10, maxLength: 10, unit: fc.constantFrom("0", "1", "2", "9", "-", "/", "a") })
  )
  const year = fc.oneof(fc.integer({ min: 1990, max: 2110 }), fc.double(), fc.constantFrom<unknown>(2000, 2100, 1999, 2101, 2024.5, -0, Number.NaN, "2024", null, 2024n))
  const province = fc.oneof(fc.stringMatching(/^[0-9]{1,3}$/), fc.constantFrom<unknown>("01", "02", "03", "96", "1", " 01", "01 ", "\uFF10\uFF11", 1, null))
  const quantity = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.stringMatching(/^[0-9]{1,5}(\.[0-9]{0,5})?$/),
    fc.constantFrom<unknown>("0", "0.0", "00.50", "1.", ".5", "2.50", "3.0", "-1", "1e2", " 1", "", 2 ** 53, 2 ** 53 - 1, 0, -0, 1.5, null)
  )
  const taxCode = fc.oneof(
    T.taxCode.map((c) => c as unknown),
    T.taxCode.map((c) => ` ${c.replace("-", "")} `),
    fc.stringMatching(/^ ?[0-9]{10}(-?[0-9]{3})? ?$/),
    fc.stringMatching(/^[0-9]{12}$/),
    fc.constantFrom<unknown>("0100233488", "0100233480", "0100000008", "0314409058-000", "0314409058002", " 0314409058-002", "001203004567", "001903004567", "0100233488-", "", 100233488, null)
  )
  const leaves = [
    { name: "money", schema: Money.schema as Decode.AnySchema, inputs: money },
    { name: "non-negative money", schema: Money.nonNegativeSchema as Decode.AnySchema, inputs: money },
    { name: "id", schema: Decode.id as Decode.AnySchema, inputs: text },
    { name: "name", schema: Decode.name as Decode.AnySchema, inputs: text },
    { name: "non-blank text", schema: Decode.text as Decode.AnySchema, inputs: text },
    { name: "date", schema: LocalDate.schema as Decode.AnySchema, inputs: date },
    { name: "plan year", schema: Period.planYearSchema as Decode.AnySchema, inputs: year },
    { name: "province code", schema: AdminUnits.provinceCodeSchema as Decode.AnySchema, inputs: province },
    { name: "quantity", schema: Proposal.quantitySchema as Decode.AnySchema, inputs: quantity },
    { name: "tax code", schema: TaxCode.schema as Decode.AnySchema, inputs: taxCode }
  ]

  describe.each(leaves)("$name", ({ schema, inputs }) => {
    const fast = compile(schema.ast, Decode.parseOptions)
    const slow = SchemaParser.decodeUnknownResult(schema as Schema.ConstraintDecoder<unknown>, Decode.parseOptions)

    test("has a leaf decoder standing for the whole schema", () => {
      expect(leafOf(schema.ast)?.rest).toEqual([])
      expect(fast).toBeDefined()
    })

    test.prop([inputs], { numRuns: 600 })("accepts exactly what the Schema accepts, with the same value", (u) => {
      const v = fast?.(u)
      const r = slow(u)
      expect(v === NOT_SURE ? "refused" : v).toEqual(EffectResult.isSuccess(r) ? r.success : "refused")
      if (v !== NOT_SURE && EffectResult.isSuccess(r)) expect(Object.is(v, r.success)).toBe(true)
    })
  })

  test("stands for its schema as a key's type and under checks added later, not for a schema built from it", () => {
    const extra = Schema.makeFilter<Money.Money>((m) => m < 10n ** 12n)
    // optional key (the context of the node and of its last link's source)
    expect(leafOf(Schema.optionalKey(Money.nonNegativeSchema).ast)?.rest).toEqual([])
    expect(leafOf(Schema.optionalKey(Decode.id).ast)?.rest).toEqual([])
    // a check appended: the leaf, then the check as a filter
    expect(leafOf(Money.nonNegativeSchema.check(extra).ast)?.rest.length).toBe(1)
    expect(leafOf(Money.schema.check(extra).ast)?.rest.length).toBe(1)
    // the type side alone, an encoding of its own, another annotation: not this leaf
    expect(leafOf(Schema.toType(Money.schema).ast)).toBeUndefined()
    expect(leafOf(Schema.toType(Decode.id).ast)).toBeUndefined()
    expect(leafOf(Money.schema.annotate({ title: "amount" }).ast)).toBeUndefined()
    expect(leafOf(Decode.id.annotate({ title: "code" }).ast)).toBeUndefined()
    // the checked struct still compiles, and the appended check runs
    const fast = compile(Schema.Struct({ a: Money.nonNegativeSchema.check(extra) }).ast, Decode.parseOptions)
    expect(fast?.({ a: "999999999999" })).toEqual({ a: 999_999_999_999n })
    expect(fast?.({ a: "1000000000000" })).toBe(NOT_SURE)
  })
})

// How a decoded value is built (issue 16, memory): one literal of the keys present, in the
// struct's order, and small all-text parts shared between decodes that give the same texts.
describe("the shape of a decoded value", () => {
  const isDeepFrozen = (v: unknown): boolean =>
    typeof v !== "object" || v === null || (Object.isFrozen(v) && Object.values(v).every(isDeepFrozen))

  // eight optional keys: 256 sets of keys present, more than the literals made for one struct
  const names = ["a", "b", "c", "d", "e", "f", "g", "h"] as const
  const wide = Schema.Struct({
    first: Decode.id,
    ...Object.fromEntries(names.map((n) => [n, Schema.optionalKey(Decode.id)])),
    last: Money.nonNegativeSchema
  } as Record<string, Schema.Top> as never)
  const wideFast = compile((wide as Decode.AnySchema).ast, Decode.parseOptions)
  const wideSlow = SchemaParser.decodeUnknownResult(wide as unknown as Schema.ConstraintDecoder<unknown>, Decode.parseOptions)
  const wideInput = fc
    .tuple(fc.subarray([...names]), fc.shuffledSubarray([...names]), fc.constantFrom("x", "y"), fc.nat(3))
    .map(([present, order, v, last]) => {
      // keys given in any order; the decoded value's are the struct's
      const u: Record<string, unknown> = { last: String(last), first: v }
      for (const n of order) if (present.includes(n)) u[n] = `${n}-${v}`
      return u
    })

  test.prop([fc.array(wideInput, { minLength: 1, maxLength: 300 })], { numRuns: 20 })(
    "every set of optional keys present: the Schema's value, keys in the struct's order, absent keys absent",
    (us) => {
      for (const u of us) {
        const v = wideFast?.(u)
        const r = wideSlow(u)
        expect(EffectResult.isSuccess(r)).toBe(true)
        if (!EffectResult.isSuccess(r)) return
        expect(v).toEqual(r.success)
        expect(Object.keys(v as object)).toEqual(Object.keys(r.success as object))
        expect(JSON.stringify(Object.keys(v as object))).toBe(JSON.stringify(["first", ...names.filter((n) => n in u), "last"]))
        expect(Object.isFrozen(v)).toBe(true)
        // built by a constructor sized for its keys, but an object like a literal's
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype)
      }
    }
  )

  test("the decoded value is never shared; its all-text parts, lists of one and equal amounts are", () => {
    const u = JSON.parse(JSON.stringify(Proposal.encode(fc.sample(T.proposal, { numRuns: 1, seed: 11 })[0] as Proposal.Proposal))) as Record<string, unknown>
    const one = { ...u, implementingUnit: { name: "Trung tâm Khuyến công" }, duration: { start: "2024-03-01", end: "2024-11-30" }, locations: [{ provinceCode: "02", provinceName: "Hà Giang" }] }
    const a = Proposal.decode(one)
    const b = Proposal.decode(structuredClone(one))
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    expect(a.value).not.toBe(b.value)
    expect(Object.getPrototypeOf(a.value)).toBe(Object.prototype)
    expect(JSON.stringify(Proposal.encode(a.value))).toBe(JSON.stringify(withoutCompiled(() => Proposal.decode(one)).ok ? Proposal.encode((withoutCompiled(() => Proposal.decode(one)) as { value: Proposal.Proposal }).value) : null))
    expect(a.value).toEqual(b.value)
    expect(Decode.decodedAs(a.value)?.subject.code).toBe("proposal")
    expect(Decode.decodedAs(b.value)?.subject.code).toBe("proposal")
    expect(a.value.implementingUnit).toBe(b.value.implementingUnit)
    expect(a.value.duration).toBe(b.value.duration)
    expect(a.value.locations).toBe(b.value.locations)
    expect(a.value.form).toBe(b.value.form)
    expect(isDeepFrozen(a.value)).toBe(true)
    // an optional key present is another value, and so is another text
    const coded = Proposal.decode({ ...one, implementingUnit: { name: "Trung tâm Khuyến công", code: "TTKC" } })
    const other = Proposal.decode({ ...one, implementingUnit: { name: "Trung tâm Khuyến công tỉnh" } })
    expect(coded.ok && other.ok).toBe(true)
    if (!coded.ok || !other.ok) return
    expect(coded.value.implementingUnit).toEqual({ name: "Trung tâm Khuyến công", code: "TTKC" })
    expect(other.value.implementingUnit).toEqual({ name: "Trung tâm Khuyến công tỉnh" })
    const again = Proposal.decode(one)
    expect(again.ok && again.value.implementingUnit).toBe(a.value.implementingUnit)
  })

  // many values, all different, then the same few again: the interner rests and resumes, and
  // every value is the Schema's
  test.prop([fc.array(fc.tuple(fc.nat(6000), fc.boolean(), fc.constantFrom("0", "-0", 0, -0, "5", 5)), { minLength: 3000, maxLength: 9000 })], { numRuns: 3 })(
    "shared parts never merge two different values",
    (draws) => {
      const unit = Schema.Struct({ name: Decode.name, code: Schema.optionalKey(Decode.id), amount: Money.schema })
      const s = Schema.Struct({ unit, units: Schema.Array(Decode.id), place: Schema.Struct({ name: Decode.name, code: Schema.optionalKey(Decode.id) }) })
      const fast = compile((s as Decode.AnySchema).ast, Decode.parseOptions)
      const slow = SchemaParser.decodeUnknownResult(s as unknown as Schema.ConstraintDecoder<unknown>, Decode.parseOptions)
      const seen = new Map<unknown, string>()
      draws.forEach(([k, coded, amount], i) => {
        const name = `đơn vị ${i < draws.length / 2 ? k : k % 7}`
        const u = {
          unit: coded ? { name, code: "c", amount } : { name, amount },
          units: [name],
          place: coded ? { code: "c", name } : { name }
        }
        const v = fast?.(u) as { unit: unknown; units: unknown; place: unknown }
        const r = slow(u)
        expect(EffectResult.isSuccess(r)).toBe(true)
        expect(v).toEqual(EffectResult.isSuccess(r) ? r.success : undefined)
        expect(JSON.stringify(v, (_, x: unknown) => (typeof x === "bigint" ? `${x}n` : x))).toBe(
          JSON.stringify(EffectResult.isSuccess(r) ? r.success : undefined, (_, x: unknown) => (typeof x === "bigint" ? `${x}n` : x))
        )
        // one object stands for one value only
        for (const part of [v.place, v.units]) {
          const text = JSON.stringify(part)
          const before = seen.get(part)
          if (before !== undefined) expect(text).toBe(before)
          seen.set(part, text)
        }
      })
    }
  )
})
