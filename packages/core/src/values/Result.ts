/**
 * Result (kết quả): the plain return type for callers who do not use Effect. Every function
 * that can fail on bad input has a form returning `Result`, and usually an Effect form too.
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
