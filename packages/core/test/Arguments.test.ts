/**
 * Calls as a JavaScript caller and a TypeScript caller write them: a missing argument is a typed
 * error, not a TypeError; date arguments take "YYYY-MM-DD" literals and check them; `trace: true`
 * gives an evaluation whose trace is not optional.
 */
import { describe, expect, expectTypeOf, it } from "vitest"
import * as Establishment from "../src/records/Establishment.js"
import * as Proposal from "../src/records/Proposal.js"
import * as Evaluate from "../src/rules/Evaluate.js"
import * as Pack from "../src/rules/Pack.js"
import type * as Trace from "../src/values/Trace.js"
import { definition, establishment, proposal } from "./fixtures/rules-pack.js"

const loaded = Pack.loadOrThrow(definition)
const call = <A extends ReadonlyArray<unknown>, R>(f: (...a: A) => R, ...args: ReadonlyArray<unknown>): R => (f as unknown as (...a: ReadonlyArray<unknown>) => R)(...args)

describe("missing arguments are typed errors", () => {
  it("Proposal.decode(undefined)", () => {
    const r = call(Proposal.decode)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe("proposal/invalid")
  })
  it("Pack.resolve without a pack or a date", () => {
    const none = call(Pack.resolve)
    expect(none.ok ? "" : none.error.code).toBe("pack/missing")
    const noDate = call(Pack.resolve, loaded)
    expect(noDate.ok ? "" : noDate.error.code).toBe("date/not-text")
    const bad = Pack.resolve(loaded, "2023-02-29")
    expect(bad.ok ? "" : bad.error.code).toBe("date/invalid-day")
  })
  it("Evaluate.evaluate without the proposal, the resolved pack or the context", () => {
    const resolved = Pack.resolveOrThrow(loaded, "2023-06-30")
    for (const args of [[], [undefined, resolved, { establishments: new Map() }], [{ id: "x" }], [{ id: "x" }, resolved]]) {
      const r = call(Evaluate.evaluate, ...args)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe("evaluate/missing-argument")
    }
  })
})

describe("dates and traces in TypeScript", () => {
  it("date arguments take YYYY-MM-DD literals", () => {
    expect(Pack.resolve(loaded, "2023-06-30").ok).toBe(true)
    const json = Establishment.encode(establishment("e1"))
    expect(Establishment.decode(json, { asOf: "2023-06-30" }).ok).toBe(true)
    const r = Establishment.decode(json, { asOf: "2023-13-01" })
    expect(r.ok ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["asOf"])
  })
  it("trace: true gives a trace that is not optional", () => {
    const resolved = Pack.resolveOrThrow(loaded, "2023-06-30")
    const p = proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 800_000_000n, requested: 400_000_000n }] }] })
    const establishments = { e1: establishment("e1") }
    const traced = Evaluate.evaluate(p, resolved, { establishments, trace: true })
    if (!traced.ok) throw traced.error
    expectTypeOf(traced.value.trace).toEqualTypeOf<Trace.Trace>()
    expect(traced.value.trace.steps.length).toBeGreaterThan(0)
    const plain = Evaluate.evaluate(p, resolved, { establishments })
    if (!plain.ok) throw plain.error
    expectTypeOf(plain.value.trace).toEqualTypeOf<Trace.Trace | undefined>()
    expect(plain.value.trace).toBeUndefined()
    expectTypeOf(Evaluate.evaluateOrThrow(p, resolved, { establishments, trace: true }).trace).toEqualTypeOf<Trace.Trace>()
  })
})
