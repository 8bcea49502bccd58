/**
 * Internal: canonical JSON text (object keys sorted, no spaces, bigints as decimal strings,
 * `undefined` fields dropped): equal values give equal text. {@link canonical} reads a JSON value;
 * {@link canonicalOf} reads any value exactly as `canonical(Trace.toJson(value))` would, in one
 * pass (no intermediate JSON copy, no path strings), which is most of the time of
 * `Evaluate.inputHash`; anything `Trace.toJson` refuses (a cycle, a Map, a function, `NaN`…) is
 * handed to `Trace.toJson` itself so its error is the same.
 * @module
 */
import * as TraceValue from "../../values/Trace.js"

/** JSON text of a JSON value with object keys sorted. */
export const canonical = (j: TraceValue.Json): string => {
  if (j === null || typeof j !== "object") return JSON.stringify(j)
  if (Array.isArray(j)) return `[${(j as ReadonlyArray<TraceValue.Json>).map(canonical).join(",")}]`
  const o = j as { readonly [k: string]: TraceValue.Json }
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k] as TraceValue.Json)}`)
    .join(",")}}`
}

/** Thrown inside {@link canonicalOf} for what only `Trace.toJson` should answer. */
const slow: unique symbol = Symbol("canonical/slow")

/** Deeper than this, a value is taken for a cycle and handed to `Trace.toJson`. */
const MAX_DEPTH = 200

/** Text with nothing to escape: written between quotes as it is (what `JSON.stringify` would write). */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/

const quote = (s: string): string => (s.length <= 64 && PLAIN.test(s) ? `"${s}"` : JSON.stringify(s))

/** Keys recur in every record of a kind: their quoted text is kept (at most a few thousand). */
const quotedKeys = new Map<string, string>()

const quoteKey = (k: string): string => {
  let q = quotedKeys.get(k)
  if (q === undefined) {
    q = JSON.stringify(k)
    if (quotedKeys.size < 4096) quotedKeys.set(k, q)
  }
  return q
}

const write = (value: unknown, depth: number): string => {
  switch (typeof value) {
    case "string":
      return quote(value)
    case "boolean":
      return value ? "true" : "false"
    case "bigint":
      return `"${value.toString()}"`
    case "number":
      if (!Number.isFinite(value)) throw slow
      return JSON.stringify(value)
    case "object": {
      if (value === null) return "null"
      if (depth > MAX_DEPTH || value instanceof Map || value instanceof Set) throw slow
      const toJSON = (value as { readonly toJSON?: unknown }).toJSON
      if (typeof toJSON === "function") return write(toJSON.call(value), depth + 1)
      if (Array.isArray(value)) {
        let out = "["
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i]
          out += (i === 0 ? "" : ",") + (v === undefined ? "null" : write(v, depth + 1))
        }
        return out + "]"
      }
      const o = value as Readonly<Record<string, unknown>>
      const keys = Object.keys(o).sort()
      let out = "{"
      let first = true
      for (const k of keys) {
        const v = o[k]
        if (v === undefined) continue
        out += (first ? "" : ",") + quoteKey(k) + ":" + write(v, depth + 1)
        first = false
      }
      return out + "}"
    }
    default:
      throw slow
  }
}

/** `canonical(Trace.toJson(value))`, in one pass; throws what `Trace.toJson` throws. */
export const canonicalOf = (value: unknown): string => {
  try {
    return write(value, 0)
  } catch (e) {
    if (e !== slow) throw e
    return canonical(TraceValue.toJson(value))
  }
}
