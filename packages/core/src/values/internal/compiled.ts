/**
 * Internal: the compiled success path of decoding (issue 16). From a schema's AST, built once,
 * a plain function that returns the decoded value of a valid input, or {@link NOT_SURE}. It never
 * reports a problem: on any failure, and for any kind of AST node it does not compile, it says
 * "not sure" and the caller runs the Schema's own decoder, so the error path is the Schema's by
 * construction. The Schema stays the one definition: checks are its filters (`Filter.run`),
 * transformations its getters, declarations its `run`; nothing here restates a rule.
 *
 * What it compiles, with the semantics of effect 4.1's interpreter (SchemaAST `getParser`,
 * internal/schema/interpreter.ts):
 * - String, Number, Boolean, Null, Undefined, Literal, Unknown, Any;
 * - Declaration without type parameters (its `run` must answer with a successful Exit);
 * - Objects without index signatures: a record (not an array), every required key present
 *   (`key in input`, as effect reads it), no key the struct does not declare (effect refuses an
 *   own enumerable one; here any enumerable key, inherited too, or any own symbol is enough to
 *   say "not sure"), fields decoded in the struct's order into a fresh object;
 * - Arrays of one rest element (`Schema.Array`), into a fresh array;
 * - Unions in `anyOf` mode: the first member, in declaration order, that decodes (effect tries
 *   the candidates in that order and a member it skips cannot decode the input);
 * - checks (Filter, FilterGroup): each filter's `run` must return nothing;
 * - encodings (`decodeTo`): each link's source decoded, then its `Transform`, `TransformEffect`
 *   (a successful Exit) or `Passthrough` getter, as the interpreter chains them.
 * A decoded value is frozen throughout: objects and arrays are built here and frozen, and a
 * declaration or an `Unknown` that would hand through an object that can change (the caller's
 * own) is "not sure"; one frozen throughout (a rate) is kept. So a value it returns cannot change after its checks passed.
 * Anything else (suspensions, middleware, optional getters, `oneOf` unions, tuples, records,
 * encoding checks) is not compiled: the whole schema then has no fast path.
 *
 * Leaves (money, ids and names, dates, plan years, province codes, quantities) carry their own
 * decoder ({@link leaf}): a plain function of the input built from the same functions the
 * Schema's filter, transformation and declaration call (`Money`'s `amountOf`, the text module's
 * `nfc` and `fault`, `LocalDate.is` …), so the compiled path calls it once instead of running
 * the Schema's machinery (each filter's issue normalisation, each transformation's Effect, each
 * declaration's Exit) for every value. It stands for that schema only: a node built from it that
 * decodes differently (checks appended later run as filters after it; an annotated copy,
 * `toType`, `flip`) is compiled as above.
 * @module
 */
import * as Exit from "effect/Exit"
import type * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"

/** The answer of a compiled decoder when it is not sure: run the Schema. */
export const NOT_SURE: unique symbol = Symbol("khuyencong/not-sure")

/** A compiled decoder: the decoded value, or {@link NOT_SURE}. */
export type Compiled = (input: unknown) => unknown

type AnyAST = SchemaAST.AST

let off = 0

/**
 * Runs `f` with no compiled path: every decoder decodes with its Schema alone, as before issue 16.
 * For the tests that compare both paths.
 */
export const withoutCompiled = <A>(f: () => A): A => {
  off++
  try {
    return f()
  } finally {
    off--
  }
}

let noCode = 0

/**
 * Runs `f` compiling without generated code, as where a Content-Security-Policy forbids it (the
 * closures serve). For the tests; compile with options of its own, the cache being by options.
 */
export const withoutGeneratedCode = <A>(f: () => A): A => {
  noCode++
  try {
    return f()
  } finally {
    noCode--
  }
}

// ---------------------------------------------------------------------------------------------
// Leaves

/** The annotation key of a leaf decoder; private: only {@link leaf} sets it. */
const LEAF: unique symbol = Symbol("khuyencong/compiled-leaf")

interface Leaf {
  readonly decode: Compiled
  /** The AST the decoder was made for (set once the annotated schema exists). */
  ast: AnyAST | undefined
}

/**
 * `schema` with a leaf decoder: `decode(input)` is the value the Schema decodes `input` to when
 * it decodes it, else {@link NOT_SURE}, for any input. It must be built from the functions the
 * schema's own filters, transformations and declarations call (one definition), and it must not
 * throw (a throw is "not sure"). The tests compare both on valid, near-valid and random input.
 * @example `leaf(Schema.String.check(Schema.makeFilter(isCode)), (u) => (typeof u === "string" && isCode(u) ? u : NOT_SURE))`
 */
export const leaf = <S extends Schema.Top>(schema: S, decode: Compiled): S => {
  const l: Leaf = { decode, ast: undefined }
  // with checks, effect puts the annotation on the last one (SchemaAST.annotate)
  const out = schema.annotate({ [LEAF]: l } as unknown as Parameters<S["annotate"]>[0]) as S
  l.ast = out.ast
  return out
}

const isLeaf = (u: unknown): u is Leaf & { readonly ast: AnyAST } =>
  typeof u === "object" && u !== null && typeof (u as Leaf).decode === "function" && (u as Leaf).ast !== undefined

/**
 * Whether two AST nodes decode alike because one is a copy of the other that changed only the
 * context of a key (`optionalKey`, as of its last link) or, with `checks` false, its checks:
 * every other own field the same object, the encodings link by link.
 */
const sameBody = (a: AnyAST, b: AnyAST, checks: boolean): boolean => {
  if (a === b) return true
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ra = a as unknown as Record<string, unknown>
  const rb = b as unknown as Record<string, unknown>
  const ka = Object.keys(ra).filter((k) => k !== "context")
  const kb = Object.keys(rb).filter((k) => k !== "context")
  if (ka.length !== kb.length) return false
  for (const k of ka) {
    if (!Object.hasOwn(rb, k)) return false
    if (k === "encoding") {
      if (!sameEncoding(a.encoding, b.encoding)) return false
    } else if (k === "checks" ? checks && ra[k] !== rb[k] : ra[k] !== rb[k]) return false
  }
  return true
}

const sameEncoding = (x: SchemaAST.Encoding | undefined, y: SchemaAST.Encoding | undefined): boolean =>
  x === y ||
  (x !== undefined &&
    y !== undefined &&
    x.length === y.length &&
    x.every((link, i) => {
      const other = y[i] as SchemaAST.Link
      return link.transformation === other.transformation && sameBody(link.to, other.to, true)
    }))

/**
 * The leaf decoder that stands for `ast`, with the checks appended after it (to run as filters),
 * or undefined. Of several (a leaf made from another leaf's schema with more checks), the one
 * that covers the most checks. Exported for the tests.
 */
export const leafOf = (ast: AnyAST): { readonly decode: Compiled; readonly rest: ReadonlyArray<SchemaAST.Check<unknown>> } | undefined => {
  let best: { readonly decode: Compiled; readonly rest: ReadonlyArray<SchemaAST.Check<unknown>> } | undefined
  const consider = (l: unknown): void => {
    if (!isLeaf(l) || !sameBody(ast, l.ast, false)) return
    const all = ast.checks ?? []
    const covered = l.ast.checks ?? []
    if (covered.length > all.length || covered.some((c, i) => all[i] !== c)) return
    if (best === undefined || all.length - covered.length < best.rest.length) best = { decode: l.decode, rest: all.slice(covered.length) }
  }
  consider(ast.annotations?.[LEAF as unknown as string])
  for (const c of ast.checks ?? []) consider(c.annotations?.[LEAF as unknown as string])
  return best
}

// ---------------------------------------------------------------------------------------------

/** By options, then by AST: `null` when the AST is not compiled. */
const caches = new WeakMap<SchemaAST.ParseOptions, WeakMap<AnyAST, Compiled | null>>()

/**
 * The compiled success path of `ast` under `options` (the options the Schema decoder runs with,
 * handed to filters and getters), or undefined when some node is not compiled.
 */
export const compile = (ast: AnyAST, options: SchemaAST.ParseOptions): Compiled | undefined => {
  if (off > 0) return undefined
  let cache = caches.get(options)
  if (cache === undefined) caches.set(options, (cache = new WeakMap()))
  const hit = cache.get(ast)
  if (hit !== undefined) return hit ?? undefined
  let out: Compiled | undefined
  try {
    const c = node(ast, options, true)
    out = c === undefined ? undefined : wrap(c)
  } catch {
    out = undefined
  }
  cache.set(ast, out ?? null)
  return out
}

/** A filter or getter that throws: not sure (the Schema decoder then reports what it does). */
const wrap = (f: Compiled): Compiled => (input) => {
  try {
    return f(input)
  } catch {
    return NOT_SURE
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * `root`: the node is the value the decoder returns (or its encoded form), which is recorded as
 * decoded in a field of its own ({@link Decode.decodedAs}): it is never a shared value.
 */
const node = (ast: AnyAST, options: SchemaAST.ParseOptions, root = false): Compiled | undefined => {
  if ((ast as { readonly encodingChecks?: unknown }).encodingChecks !== undefined) return undefined
  const own = leafOf(ast)
  if (own !== undefined) return withFilters(ast, own.decode, own.rest, options)
  const local = withFilters(ast, base(ast, options, root), ast.checks, options)
  if (local === undefined) return undefined
  const links = ast.encoding
  if (links === undefined) return local
  // as the interpreter: decode with the last link's source, apply its transformation, then the
  // previous link's source … down to link 0, whose output goes to the node itself
  const parsers: Array<Compiled> = []
  const transforms: Array<(v: unknown) => unknown> = []
  for (const link of links) {
    const p = node(link.to, options, root)
    const t = transformation(link.transformation, options)
    if (p === undefined || t === undefined) return undefined
    parsers.push(p)
    transforms.push(t)
  }
  const n = links.length
  if (n === 1) {
    const p0 = parsers[0] as Compiled
    const t0 = transforms[0] as (v: unknown) => unknown
    return (input) => {
      const a = p0(input)
      if (a === NOT_SURE) return a
      const b = t0(a)
      return b === NOT_SURE ? b : local(b)
    }
  }
  return (input) => {
    let v: unknown = input
    for (let i = n - 1; i >= 0; i--) {
      v = (parsers[i] as Compiled)(v)
      if (v === NOT_SURE) return v
      v = (transforms[i] as (v: unknown) => unknown)(v)
      if (v === NOT_SURE) return v
    }
    return local(v)
  }
}

const transformation = (t: SchemaAST.Link["transformation"], options: SchemaAST.ParseOptions): ((v: unknown) => unknown) | undefined => {
  if (t._tag !== "Transformation") return undefined
  const getter = t.decode as { readonly _tag: string; readonly transform?: (...args: ReadonlyArray<unknown>) => unknown }
  const f = getter.transform
  switch (getter._tag) {
    case "Passthrough":
      return (v) => v
    case "Transform":
      return f === undefined ? undefined : (v) => f(v)
    case "TransformEffect":
      return f === undefined ? undefined : (v) => successOf(f(v, options))
    default:
      return undefined
  }
}

/** The value of a successful Exit; anything else (a failure, an effect still to run) is not sure. */
const successOf = (r: unknown): unknown => {
  if (!Exit.isExit(r) || !Exit.isSuccess(r)) return NOT_SURE
  const v = r.value
  // effect's internal markers (an absent value, "the input unchanged") are symbols: not sure
  return typeof v === "symbol" ? NOT_SURE : v
}

const isPrimitive = (u: unknown): boolean => (typeof u !== "object" || u === null) && typeof u !== "function"

const isDeepFrozen = (v: unknown): boolean => {
  if (isPrimitive(v)) return true
  if (!Object.isFrozen(v)) return false
  for (const k of Reflect.ownKeys(v as object)) if (!isDeepFrozen((v as Record<PropertyKey, unknown>)[k])) return false
  return true
}

const withFilters = (
  ast: AnyAST,
  parse: Compiled | undefined,
  checks: ReadonlyArray<SchemaAST.Check<unknown>> | undefined,
  options: SchemaAST.ParseOptions
): Compiled | undefined => {
  if (parse === undefined) return undefined
  if (checks === undefined || checks.length === 0) return parse
  const filters: Array<SchemaAST.Filter<unknown>> = []
  const flatten = (cs: ReadonlyArray<SchemaAST.Check<unknown>>): void => {
    for (const c of cs) {
      if (c._tag === "Filter") filters.push(c)
      else flatten(c.checks)
    }
  }
  flatten(checks)
  const n = filters.length
  return (input) => {
    const v = parse(input)
    if (v === NOT_SURE) return v
    for (let i = 0; i < n; i++) if ((filters[i] as SchemaAST.Filter<unknown>).run(v, ast, options)) return NOT_SURE
    return v
  }
}

const base = (ast: AnyAST, options: SchemaAST.ParseOptions, root: boolean): Compiled | undefined => {
  switch (ast._tag) {
    case "String":
      return (u) => (typeof u === "string" ? u : NOT_SURE)
    case "Number":
      return (u) => (typeof u === "number" ? u : NOT_SURE)
    case "Boolean":
      return (u) => (typeof u === "boolean" ? u : NOT_SURE)
    case "Null":
      return (u) => (u === null ? u : NOT_SURE)
    case "Undefined":
      return (u) => (u === undefined ? u : NOT_SURE)
    case "Unknown":
    case "Any":
      // an object that can change would pass through as the caller's own: not sure
      return (u) => (isDeepFrozen(u) ? u : NOT_SURE)
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : NOT_SURE)
    }
    case "Declaration": {
      if (ast.typeParameters.length > 0) return undefined
      const run = ast.run([])
      return (u) => {
        const v = successOf(run(u, ast, options))
        // a value frozen throughout (a rate) cannot change, whoever holds it; anything that can is not sure
        return isDeepFrozen(v) ? v : NOT_SURE
      }
    }
    case "Objects":
      return objects(ast, options, root)
    case "Arrays": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
      const item = node(ast.rest[0] as AnyAST, options)
      if (item === undefined) return undefined
      // a list of one text or one shared value (a proposal's location) is itself shared
      const one = root ? undefined : new Recent()
      return (u) => {
        if (!Array.isArray(u)) return NOT_SURE
        const n = u.length
        if (n === 1 && one !== undefined) {
          const v = item(u[0])
          if (v === NOT_SURE) return v
          let keep = false
          // a text, or an object (frozen); not a number (0 and -0 are ===)
          if ((typeof v === "string" || (typeof v === "object" && v !== null)) && one.look()) {
            const R = one.recent
            for (let j = 0; j < R.length; j++) {
              const c = R[j] as ReadonlyArray<unknown>
              if (c[0] === v) return one.hit(c)
            }
            keep = true
          }
          const out = Object.freeze([v])
          if (keep) one.add(out)
          return out
        }
        // sized up front: an array grown by push keeps room for 16 or more elements (about 150
        // bytes), and a decoded proposal keeps four such arrays of one element
        const out: Array<unknown> = new Array(n)
        for (let i = 0; i < n; i++) {
          const v = item(u[i])
          if (v === NOT_SURE) return v
          out[i] = v
        }
        return Object.freeze(out)
      }
    }
    case "Union": {
      if (ast.options?.mode === "oneOf" || ast.types.length === 0) return undefined
      if (ast.types.every((t) => t._tag === "Literal" && t.checks === undefined && t.encoding === undefined)) {
        // a union of literals (Schema.Literals): one look-up (SameValueZero, as ===)
        const literals = new Set(ast.types.map((t) => (t as SchemaAST.Literal).literal))
        return (u) => (literals.has(u as SchemaAST.LiteralValue) ? u : NOT_SURE)
      }
      const members: Array<Compiled> = []
      for (const t of ast.types) {
        const m = node(t, options, root)
        if (m === undefined) return undefined
        members.push(m)
      }
      const n = members.length
      return (u) => {
        for (let i = 0; i < n; i++) {
          const v = (members[i] as Compiled)(u)
          if (v !== NOT_SURE) return v
        }
        return NOT_SURE
      }
    }
    default:
      return undefined
  }
}

const objects = (ast: SchemaAST.Objects, options: SchemaAST.ParseOptions, root: boolean): Compiled | undefined => {
  if (ast.indexSignatures.length > 0 || ast.propertySignatures.length === 0) return undefined
  const names: Array<string> = []
  const optional: Array<boolean> = []
  const parsers: Array<Compiled> = []
  for (const ps of ast.propertySignatures) {
    if (typeof ps.name !== "string" || ps.name === "__proto__") return undefined
    const p = node(ps.type, options)
    if (p === undefined) return undefined
    names.push(ps.name)
    optional.push(ps.type.context?.isOptional === true)
    parsers.push(p)
  }
  return generated(names, optional, parsers, !root && names.length <= 4, root) ?? closure(names, optional, parsers)
}

/** More optional keys than this: the object is built key by key (no literal for each set of keys present). */
const MAX_OPTIONAL = 24

/** At most this many optional keys: a literal for each set of keys present in the decoder's code. */
const INLINE_OPTIONAL = 4

/** Sets of keys present (beyond all of them) for which a literal is made, by struct. */
const MAX_SHAPES = 64

/**
 * The struct decoder as a function generated for its keys, so that every property access and
 * store names its key (a monomorphic access, several times faster than one closure shared by
 * every struct); undefined where code cannot be generated (a Content-Security-Policy without
 * `unsafe-eval`), and the closure serves.
 *
 * The object is built by one literal of the keys present, in the struct's order (as adding them
 * one by one to `{}` did: the same keys in the same order, an absent optional key absent), so
 * that its fields are held in the object itself: an object grown from `{}` keeps room for four
 * and puts the rest in a second array. A literal is made for each set of optional keys present
 * as it is first met (at most {@link MAX_SHAPES}; then key by key).
 *
 * `share` (a struct of at most four keys, not the decoded value itself): an object whose fields
 * are all texts is shared by the decodes that give the same texts ({@link Recent}): a
 * register's proposals have one implementing unit, one form, a few places and periods.
 */
const generated = (
  names: ReadonlyArray<string>,
  optional: ReadonlyArray<boolean>,
  parsers: ReadonlyArray<Compiled>,
  share: boolean,
  root: boolean
): Compiled | undefined => {
  if (noCode > 0) return undefined
  const n = names.length
  const keys = names.map((name) => JSON.stringify(name))
  // the bit of each optional key in the mask of keys present
  const bit: Array<number> = []
  let optionals = 0
  for (let i = 0; i < n; i++) bit.push(optional[i] === true ? 1 << optionals++ : 0)
  if (optionals > MAX_OPTIONAL) return undefined
  const all = optionals === 0 ? 0 : 2 ** optionals - 1
  const fields = names.map((_, i) => `f${i}`).join(", ")
  const literal = (mask: number): string =>
    `{ ${keys.flatMap((k, i) => (bit[i] === 0 || (mask & (bit[i] as number)) !== 0 ? [`${k}: f${i}`] : [])).join(", ")} }`
  const shapes = new Map<number, (...fs: Array<unknown>) => object>()
  /** The literal of the keys present in `mask`, made once; key by key past MAX_SHAPES. */
  const shape = (mask: number): ((...fs: Array<unknown>) => object) => {
    let f = shapes.get(mask)
    if (f === undefined) {
      f =
        shapes.size < MAX_SHAPES
          ? (new Function(fields, `return ${literal(mask)}`) as (...fs: Array<unknown>) => object)
          : (...fs: Array<unknown>) => {
              const out: Record<string, unknown> = {}
              for (let i = 0; i < n; i++) if (bit[i] === 0 || (mask & (bit[i] as number)) !== 0) out[names[i] as string] = fs[i]
              return out
            }
      shapes.set(mask, f)
    }
    return f
  }
  const lines = [
    // each field's decoder bound once (a call through a constant, not an array read)
    ...parsers.map((_, i) => `const p${i} = p[${i}]`),
    "return function (u) {",
    "  if (typeof u !== \"object\" || u === null || Array.isArray(u)) return N",
    // excess keys: every enumerable key (own or inherited, as `for in` sees them) must be
    // declared, and there must be no own symbol; a declared key is read as effect reads it
    "  for (const k in u) switch (k) {",
    ...keys.map((k) => `    case ${k}:`),
    "      break",
    "    default:",
    "      return N",
    "  }",
    "  if (symbols(u).length !== 0) return N",
    `  let v, m = 0, ${fields}`
  ]
  names.forEach((_, i) => {
    const k = keys[i] as string
    lines.push(
      `  v = u[${k}]`,
      `  if (v !== undefined || ${k} in u) {`,
      `    f${i} = p${i}(v)`,
      `    if (f${i} === N) return N`,
      ...(bit[i] === 0 ? [] : [`    m |= ${bit[i]}`]),
      `  }${bit[i] === 0 ? " else return N" : ""}`
    )
  })
  // the object: with few optional keys, each set of keys present has its literal here (one
  // site each, which the engine inlines); with more, the literal is made when the set is first met
  const inline = optionals <= INLINE_OPTIONAL
  // the decoded value itself is built by a constructor whose prototype is Object.prototype (an
  // object like a literal's): the engine then sizes it for the keys it is seen to get, the field
  // that records it as decoded ({@link Decode.decodedAs}) included, where a literal's object has
  // room for its keys only and puts that field in a second array (32 bytes a value). Not where a
  // key is one of Object.prototype's (assigning it would not make an own key if that were frozen).
  const made = root && names.every((name) => !(name in Object.prototype))
  const make = made ? `new R(${fields}, m)` : optionals === 0 ? literal(all) : inline ? "o" : `(m === ${all} ? ${literal(all)} : shape(m)(${fields}))`
  const R = made ? (new Function(`${fields}, m`, keys.map((k, i) => (bit[i] === 0 ? `this[${k}] = f${i}` : `if ((m & ${bit[i]}) !== 0) this[${k}] = f${i}`)).join("\n")) as { prototype: unknown }) : undefined
  if (R !== undefined) R.prototype = Object.prototype
  const build =
    made || optionals === 0 || !inline
      ? []
      : [
          "  let o",
          "  switch (m) {",
          ...Array.from({ length: all + 1 }, (_, mask) => `    case ${mask}: o = ${literal(mask)}; break`),
          `    default: o = shape(m)(${fields})`,
          "  }"
        ]
  if (share) {
    // every key present is a text (an absent key reads as undefined, or as something of
    // Object.prototype, never a text: a value with it present is another value)
    const texts = names.map((_, i) => (bit[i] === 0 ? `typeof f${i} === "string"` : `(typeof f${i} === "string" || (m & ${bit[i]}) === 0)`)).join(" && ")
    const same = names.map((_, i) => `c[${keys[i]}] === f${i}`).join(" && ")
    lines.push(
      "  let keep = false",
      `  if (${texts} && S.look()) {`,
      "    const R = S.recent",
      "    for (let j = 0; j < R.length; j++) {",
      "      const c = R[j]",
      `      if (${same}) return S.hit(c)`,
      "    }",
      "    keep = true",
      "  }",
      ...build,
      `  const out = freeze(${make})`,
      "  if (keep) S.add(out)",
      "  return out",
      "}"
    )
  } else lines.push(...build, `  return freeze(${make})`, "}")
  try {
    return new Function("N", "p", "symbols", "freeze", "shape", "S", "R", lines.join("\n"))(
      NOT_SURE,
      parsers,
      Object.getOwnPropertySymbols,
      Object.freeze,
      shape,
      share ? new Recent() : undefined,
      R
    ) as Compiled
  } catch {
    return undefined
  }
}

/** Look-ups in a round; a round where fewer than a quarter find their value rests the cache. */
const ROUND = 1024
/** Values a rested cache lets pass without looking. */
const REST = 16 * ROUND
/** Values kept (the last ones built). */
const RECENT = 8

/**
 * The last few decoded values (frozen throughout) of a struct of texts or a list of one, which
 * the decoder gives again, the same object, for the same texts (or the same element): two
 * decodes that give equal values give one object, which nothing but identity can tell from two
 * (a frozen value has no state of its own). A register's proposals have a few implementing units,
 * places and periods. Compared field by field (`===`: texts by their characters), no hashing.
 * Where values seldom repeat (fewer than a quarter of the look-ups of a round find one), it rests
 * for {@link REST} values, so that a decoder of values all different pays little for it.
 */
class Recent {
  readonly recent: Array<object> = []
  private next = 0
  private tries = 0
  private hits = 0
  private rest = 0

  /** Whether to look (then {@link hit} or {@link add}); false while resting. */
  look(): boolean {
    if (this.rest > 0) {
      this.rest--
      return false
    }
    if (++this.tries === ROUND) {
      if (this.hits < ROUND / 4) {
        this.recent.length = 0
        this.rest = REST
      }
      this.tries = 0
      this.hits = 0
    }
    return true
  }

  hit<A>(value: A): A {
    this.hits++
    return value
  }

  add(value: object): void {
    if (this.recent.length < RECENT) this.recent.push(value)
    else {
      this.recent[this.next] = value
      this.next = (this.next + 1) % RECENT
    }
  }
}

const closure = (names: ReadonlyArray<string>, optional: ReadonlyArray<boolean>, parsers: ReadonlyArray<Compiled>): Compiled => {
  const n = names.length
  const declared = new Set(names)
  return (u) => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return NOT_SURE
    const record = u as Record<string, unknown>
    for (const k in record) if (!declared.has(k)) return NOT_SURE
    if (Object.getOwnPropertySymbols(record).length !== 0) return NOT_SURE
    const out: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const name = names[i] as string
      let v = record[name]
      if (v !== undefined || name in record) {
        v = (parsers[i] as Compiled)(v)
        if (v === NOT_SURE) return v
        out[name] = v
      } else if (!(optional[i] as boolean)) return NOT_SURE
    }
    return Object.freeze(out)
  }
}
