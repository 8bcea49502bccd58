import { Effect, Exit } from "effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import { LookupError, ParseError } from "../src/values/Errors.js"
import type * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Parameter from "../src/values/Parameter.js"
import { err, getOrThrow, ok, orThrow, type Result, toEffect } from "../src/values/Result.js"

/** A fallible function with an optional parameter and a union of errors, counting its calls. */
const makeHalve = () => {
  let calls = 0
  const halve = (n: number, label?: string): Result<number, ParseError | LookupError> => {
    calls++
    if (Number.isInteger(n / 2)) return ok(n / 2)
    return n < 0
      ? err(new LookupError({ code: "test/negative", path: [], at: String(n), message: `${label ?? "n"} is negative` }))
      : err(new ParseError({ code: "test/odd", path: [], raw: String(n), message: `${label ?? "n"} is odd` }))
  }
  return { halve, calls: () => calls }
}

describe("getOrThrow", () => {
  it("returns the value or throws the error itself", () => {
    expect(getOrThrow(ok(1))).toBe(1)
    const e = new ParseError({ code: "test/odd", path: [], raw: "3", message: "odd" })
    expect(() => getOrThrow(err(e))).toThrow(e)
  })
})

describe("orThrow", () => {
  it("returns the value of an Ok and throws the error of an Err, the same object", () => {
    const { halve } = makeHalve()
    const halveOrThrow = orThrow(halve)
    expect(halveOrThrow(4)).toBe(2)
    const r = halve(3, "three")
    let thrown: unknown
    try {
      halveOrThrow(3, "three")
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(ParseError)
    expect(thrown).toEqual(r.ok ? undefined : r.error)
    expect(() => halveOrThrow(-1)).toThrow(LookupError)
  })

  it("keeps the parameters, the value type and the type parameters of the function", () => {
    const { halve } = makeHalve()
    expectTypeOf(orThrow(halve)).toEqualTypeOf<(n: number, label?: string) => number>()
    expectTypeOf(orThrow(Money.parse)).toEqualTypeOf<(text: string) => Money.Money>()
    // a generic function keeps its type parameter: `atOrThrow<bigint>` instantiates it
    const atOrThrow = orThrow(Parameter.at)
    expectTypeOf<typeof atOrThrow<bigint>>().toEqualTypeOf<(p: Parameter.Parameter<bigint>, date: LocalDate.LocalDate) => Parameter.Reading<bigint>>()
    // @ts-expect-error: the parameters are checked
    orThrow(halve)("4")
  })

  it("is what Money.parseOrThrow is built from", () => {
    expect(orThrow(Money.parse)("900 triệu")).toBe(Money.parseOrThrow("900 triệu"))
    expect(() => orThrow(Money.parse)("chín trăm")).toThrow(expect.objectContaining({ code: "money/unparseable" }))
  })
})

describe("toEffect", () => {
  it("succeeds with the value of an Ok and fails with the error of an Err, typed", () => {
    const { halve } = makeHalve()
    const halveEffect = toEffect(halve)
    expect(Effect.runSync(halveEffect(4))).toBe(2)
    const exit = Effect.runSyncExit(halveEffect(3, "three"))
    expect(Exit.isFailure(exit)).toBe(true)
    const recovered = halveEffect(3).pipe(
      Effect.catchTag("ParseError", (e) => Effect.succeed(`parse ${e.raw}`)),
      Effect.catchTag("LookupError", (e) => Effect.succeed(`lookup ${e.at}`))
    )
    expect(Effect.runSync(recovered)).toBe("parse 3")
    expect(Effect.runSync(halveEffect(-1).pipe(Effect.catchTag("LookupError", (e) => Effect.succeed(e.code))))).toBe("test/negative")
  })

  it("runs the function each time the effect runs, not when the effect is made", () => {
    const { halve, calls } = makeHalve()
    const effect = toEffect(halve)(8)
    expect(calls()).toBe(0)
    expect(Effect.runSync(effect)).toBe(4)
    expect(Effect.runSync(effect)).toBe(4)
    expect(calls()).toBe(2)
  })

  it("keeps the parameters, the types of value and error, and the type parameters of the function", () => {
    const { halve } = makeHalve()
    expectTypeOf(toEffect(halve)).toEqualTypeOf<(n: number, label?: string) => Effect.Effect<number, ParseError | LookupError>>()
    expectTypeOf(toEffect(Money.parse)).toEqualTypeOf<(text: string) => Effect.Effect<Money.Money, ParseError>>()
    const atEffect = toEffect(Parameter.at)
    expectTypeOf<typeof atEffect<bigint>>().toEqualTypeOf<
      (p: Parameter.Parameter<bigint>, date: LocalDate.LocalDate) => Effect.Effect<Parameter.Reading<bigint>, LookupError>
    >()
    // @ts-expect-error: the parameters are checked
    toEffect(halve)("4")
  })
})
