// The compiled success path of decoding (values/internal/compiled.ts, issue 16) against the
// Schema's own decoder: on valid, near-valid (seeded faults) and randomly mutated input, every
// decoder gives the same Result with and without it: the same value (keys in the same order),
// or the same error with the same issues (codes, paths, messages, actual values, params).
import { fc, test } from "@fast-check/vitest"
import { SchemaParser, Result as EffectResult } from "effect"
import { describe, expect } from "vitest"
import * as Decode from "../src/values/Decode.js"
import type { ValidationError } from "../src/values/Errors.js"
import * as Establishment from "../src/records/Establishment.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Plan from "../src/records/Plan.js"
import * as Proposal from "../src/records/Proposal.js"
import type { Result } from "../src/values/Result.js"
import * as TaxCode from "../src/records/TaxCode.js"
import * as T from "../src/testing/index.js"
import { compile, NOT_SURE, withoutCompiled, withoutGeneratedCode } from "../src/values/internal/compiled.js"

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
