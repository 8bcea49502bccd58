/**
 * How a message names a value of the wrong kind that an untyped caller passed where text or a
 * bigint was expected: `the number 1.5`, `the text "5"`, `undefined`, `an object`.
 * @example `found(1.5)` → `"the number 1.5"`
 */
export const found = (u: unknown): string =>
  typeof u === "string"
    ? `the text ${JSON.stringify(u)}`
    : typeof u === "number"
      ? `the number ${String(u)}`
      : u === null
        ? "null"
        : typeof u === "object"
          ? u instanceof Date ? "a Date object" : Array.isArray(u) ? "a list" : "an object"
          : typeof u === "symbol" ? "a symbol" : `${typeof u} ${raw(u)}`

/**
 * `String(u)` for a `raw` field, safe for any value an untyped caller can pass: a symbol, an object
 * without a usable `toString` (`Object.create(null)`, `{ toString: 0 }`) or whose `toString` throws
 * is named by its tag (`[object Object]`) instead of throwing a TypeError out of the error path.
 */
export const raw = (u: unknown): string => {
  if (typeof u === "symbol") return u.toString()
  try {
    return String(u)
  } catch {
    return Object.prototype.toString.call(u)
  }
}
