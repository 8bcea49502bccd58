/**
 * Result (kết quả): the plain return type for callers who do not use Effect. Every function
 * that can fail on bad input has a form returning `Result`; its `…OrThrow` and `…Effect` forms
 * are derived from that one function by {@link orThrow} and {@link toEffect}, so all forms fail
 * in the same way.
 *
 * @example
 * ```ts
 * import { Money } from "@khuyencong/core"
 * const r = Money.parse("1,5 tỷ")
 * if (r.ok) console.log(r.value) // 1500000000n
 * else console.error(r.error.message)
 * ```
 * @since 0.1.0
 * @module
 */

import * as Effect from "effect/Effect"

/**
 * Success.
 * @example `ok(1)` → `{ ok: true, value: 1 }`
 * @category models
 * @since 0.1.0
 */
export interface Ok<A> {
  readonly ok: true
  readonly value: A
}
/**
 * Failure.
 * @example `err(e)` → `{ ok: false, error: e }`
 * @category models
 * @since 0.1.0
 */
export interface Err<E> {
  readonly ok: false
  readonly error: E
}
/**
 * The outcome of a fallible function: {@link Ok} with the value or {@link Err} with the error.
 * @example `Money.parse("1,5 tỷ")` → `{ ok: true, value: 1500000000n }` (a `Result<Money, ParseError>`)
 * @category models
 * @since 0.1.0
 */
export type Result<A, E> = Ok<A> | Err<E>

/**
 * A success.
 * @example `ok(1)` → `{ ok: true, value: 1 }`
 * @category constructors
 * @since 0.1.0
 */
export const ok = <A>(value: A): Ok<A> => ({ ok: true, value })
/**
 * A failure.
 * @example `err(e)` → `{ ok: false, error: e }`
 * @category constructors
 * @since 0.1.0
 */
export const err = <E>(error: E): Err<E> => ({ ok: false, error })

/**
 * The value, or throw the error. For scripts and tests.
 * @example `getOrThrow(Money.parse("900 triệu"))` → `900000000n`
 * @category accessors
 * @since 0.1.0
 */
export const getOrThrow = <A, E>(r: Result<A, E>): A => {
  if (r.ok) return r.value
  throw r.error
}

/**
 * The throwing form of a fallible function: the function with the same parameters (and type
 * parameters) that returns the value or throws the error of the `Result`. Every `…OrThrow` export
 * of the packages is built this way; write one for a function of your own the same way.
 *
 * @example
 * ```ts
 * import { Money, Result } from "@khuyencong/core"
 * const parseOrThrow = Result.orThrow(Money.parse) // (text: string) => Money
 * parseOrThrow("900 triệu")                        // 900000000n
 * parseOrThrow("chín trăm")                        // throws the ParseError `money/unparseable`
 * ```
 * @category combinators
 * @since 0.2.0
 */
export const orThrow =
  <Args extends ReadonlyArray<unknown>, A, E>(f: (...args: Args) => Result<A, E>) =>
  // `A` inferred, not written: TypeDoc reads a written `A` as a type without arguments and would
  // show `Parameter.makeOrThrow` returning `Parameter` instead of `Parameter<T>`
  (...args: Args) =>
    getOrThrow(f(...args))

/**
 * The Effect form of a fallible function: the function with the same parameters (and type
 * parameters) that returns an `Effect` succeeding with the value or failing with the error of
 * the `Result`, typed `Effect<A, E>`. The function runs each time the effect runs, not when the
 * effect is made. Every `…Effect` export of the packages is built this way.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Money, Result } from "@khuyencong/core"
 * const parseEffect = Result.toEffect(Money.parse) // (text: string) => Effect<Money, ParseError>
 * Effect.runSync(parseEffect("1,5 tỷ"))            // 1500000000n
 * Effect.runSync(parseEffect("x").pipe(Effect.catchTag("ParseError", (e) => Effect.succeed(e.raw)))) // "x"
 * ```
 * @category combinators
 * @since 0.2.0
 */
export const toEffect =
  <Args extends ReadonlyArray<unknown>, A, E>(f: (...args: Args) => Result<A, E>): ((...args: Args) => Effect.Effect<A, E>) =>
  (...args) =>
    Effect.suspend(() => {
      const r = f(...args)
      return r.ok ? Effect.succeed(r.value) : Effect.fail(r.error)
    })
