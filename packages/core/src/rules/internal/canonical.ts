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

/**
 * A plain object's keys in its own order, sorted, and each sorted key quoted with its colon. The
 * records hashed on every evaluation (a decoded proposal, its establishments) are built by the
 * decoders with their keys always in one order, so their sorted order is looked up instead of
 * sorted again (sorting was most of the hash's time); at most {@link MAX_SHAPES} orders are kept.
 */
interface Shape {
  readonly keys: ReadonlyArray<string>
  readonly sorted: ReadonlyArray<string>
  readonly heads: ReadonlyArray<string>
  /** An own `toJSON` key: the object is written by the general path, which calls it. */
  readonly toJSON: boolean
}

const MAX_SHAPES = 2048

/** Shapes by their first key (few share one). */
const shapes = new Map<string, Array<Shape>>()
let shapeCount = 0

const shapeOf = (keys: ReadonlyArray<string>): Shape => {
  const first = keys.length === 0 ? "" : (keys[0] as string)
  const list = shapes.get(first)
  if (list !== undefined)
    outer: for (let s = 0; s < list.length; s++) {
      const e = list[s] as Shape
      const k = e.keys
      if (k.length !== keys.length) continue
      for (let i = 1; i < k.length; i++) if (k[i] !== keys[i]) continue outer
      return e
    }
  const sorted = keys.slice().sort()
  const e: Shape = { keys, sorted, heads: sorted.map((k) => quoteKey(k) + ":"), toJSON: keys.includes("toJSON") }
  if (shapeCount < MAX_SHAPES) {
    shapeCount++
    if (list === undefined) shapes.set(first, [e])
    else list.push(e)
  }
  return e
}

/**
 * Whether `Object.prototype` and `Array.prototype` carry no `toJSON` (as in any program that does
 * not add one): then a plain object or list is written without looking `toJSON` up on each.
 */
const prototypesPlain = (): boolean =>
  (Object.prototype as { readonly toJSON?: unknown }).toJSON === undefined && (Array.prototype as { readonly toJSON?: unknown }).toJSON === undefined

const write = (value: unknown, depth: number, plain: boolean): string => {
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
      if (depth > MAX_DEPTH) throw slow
      if (plain) {
        const proto: unknown = Object.getPrototypeOf(value)
        if (proto === Object.prototype || proto === null) {
          const shape = shapeOf(Object.keys(value))
          if (!shape.toJSON) {
            const o = value as Readonly<Record<string, unknown>>
            const sorted = shape.sorted
            const heads = shape.heads
            let out = "{"
            let first = true
            for (let i = 0; i < sorted.length; i++) {
              const v = o[sorted[i] as string]
              if (v === undefined) continue
              out += (first ? "" : ",") + (heads[i] as string) + write(v, depth + 1, plain)
              first = false
            }
            return out + "}"
          }
        } else if (proto === Array.prototype && !Object.hasOwn(value, "toJSON")) return writeList(value as ReadonlyArray<unknown>, depth, plain)
      }
      if (value instanceof Map || value instanceof Set) throw slow
      const toJSON = (value as { readonly toJSON?: unknown }).toJSON
      if (typeof toJSON === "function") return write(toJSON.call(value), depth + 1, plain)
      if (Array.isArray(value)) return writeList(value, depth, plain)
      const o = value as Readonly<Record<string, unknown>>
      const keys = Object.keys(o).sort()
      let out = "{"
      let first = true
      for (const k of keys) {
        const v = o[k]
        if (v === undefined) continue
        out += (first ? "" : ",") + quoteKey(k) + ":" + write(v, depth + 1, plain)
        first = false
      }
      return out + "}"
    }
    default:
      throw slow
  }
}

const writeList = (value: ReadonlyArray<unknown>, depth: number, plain: boolean): string => {
  let out = "["
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i]
    out += (i === 0 ? "" : ",") + (v === undefined ? "null" : write(v, depth + 1, plain))
  }
  return out + "]"
}

/** `canonical(Trace.toJson(value))`, in one pass; throws what `Trace.toJson` throws. */
export const canonicalOf = (value: unknown): string => {
  try {
    return write(value, 0, prototypesPlain())
  } catch (e) {
    if (e !== slow) throw e
    return canonical(TraceValue.toJson(value))
  }
}
