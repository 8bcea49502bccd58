/**
 * Decode (giải mã đầu vào): the one way every domain module (Establishment, Proposal, Plan …)
 * turns untrusted JSON into a typed value. It runs an Effect Schema with every error collected
 * (`errors: "all"`), walks the issue tree to a flat list of {@link Errors.Issue}s, each with its
 * path, a stable code and an English message naming the Vietnamese term, and then runs the
 * module's cross-field rules (quy tắc liên trường).
 *
 * Cross-field rules are not Effect struct checks on the decode path: Effect runs a struct's checks
 * only when every field of the struct decoded, so one bad field would hide every cross-field
 * problem. Here a rule declares the fields it reads (`needs`) and runs as soon as *those* fields
 * are valid, whatever else is wrong. The same rules are also attached to each module's exported
 * `schema` as an ordinary Effect check, for callers who decode with Effect directly.
 *
 * Stable codes of structural problems:
 * - `schema/missing`: a required field (trường bắt buộc) is absent;
 * - `schema/unexpected`: a field the model does not know (often a misspelt one);
 * - `schema/type`: a value of the wrong kind (text where a number is expected, an unknown literal);
 * - `schema/invalid`: a value of the right kind that breaks a constraint (a negative amount);
 * - module codes such as `tax-code/check-digit` or `proposal/total-mismatch` from the module's
 *   own checks and rules.
 *
 * @example
 * ```ts
 * import { Proposal } from "@khuyencong/core"
 * const r = Proposal.decode(JSON.parse(text))
 * if (!r.ok) for (const i of r.error.issues) console.log(i.path.join("."), i.code, i.message)
 * // activities.0.costLines.2.unitCost money/unparseable unit cost (đơn giá) must be a non-negative whole number of đồng written in digits; found "1,2 tỷ" (that reads as 1.200.000.000 ₫: write "1200000000")
 * ```
 * @since 0.1.0
 * @module
 */
import * as EffectResult from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaParser from "effect/SchemaParser"
import * as SchemaTransformation from "effect/SchemaTransformation"
import { ValidationError, type Issue, type Path } from "./Errors.js"
import { compile, leaf, NOT_SURE } from "./internal/compiled.js"
import { Stamp } from "./internal/stamp.js"
import { fault, isPlain, nfc } from "./internal/text.js"
import { err, ok, type Result } from "./Result.js"

/**
 * Annotation key carrying a stable issue code on a Schema filter or issue (`money/negative`,
 * `tax-code/check-digit` …). The same key the value modules (Money, Rate …) use.
 * @example `new SchemaIssue.InvalidValue({ message: "…", [Decode.codeAnnotation]: "money/negative" })`
 * @category annotations
 * @since 0.1.0
 */
export const codeAnnotation = "code"

/**
 * Annotation key marking an issue whose `message` already names the field and the fault (the
 * checks and rules built here). Other messages (from value schemas that do not know which field
 * they sit in) are replaced by the field's doc: `unit cost (đơn giá) must be …`.
 * @example `{ message: "code (mã) must have an even length", [Decode.codeAnnotation]: "x/odd", [Decode.ownMessageAnnotation]: true }`
 * @category annotations
 * @since 0.1.0
 */
export const ownMessageAnnotation = "khuyencong/own-message"

/**
 * Annotation key carrying what a value schema found, for a message built from the field's doc:
 * the text is appended after `; ` (`unit cost (đơn giá) must be …; found "1,2 tỷ" (…)`). Value
 * schemas (Money …) set it because they know the input but not the field it sits in.
 * @example `new SchemaIssue.InvalidValue({ message: "…", [Decode.foundAnnotation]: 'found "abc"' })`
 * @category annotations
 * @since 0.1.0
 */
export const foundAnnotation = "khuyencong/found"

/**
 * Annotation key on a union of `{ kind: … }` structs: an input object whose `kind` is missing or
 * unknown is reported at `[…, "kind"]` rather than at the union itself.
 * @example `Schema.Union([A, B]).annotate({ [Decode.discriminatorAnnotation]: "kind" })` → `{ kind: "c" }` is reported at `["kind"]`
 * @category annotations
 * @since 0.1.0
 */
export const discriminatorAnnotation = "khuyencong/discriminator"

/**
 * Annotation key on a discriminated union (see {@link discriminatorAnnotation}) carrying how its
 * discriminator reports a missing or unknown value: a {@link FieldSpec} (code, label, expects);
 * without it `schema/missing` or `schema/type` with the path's doc. The union's own
 * {@link fieldAnnotation} applies when the input is not an object.
 * @example `capRule.annotate({ [Decode.discriminatorAnnotation]: "kind", [Decode.discriminatorFieldAnnotation]: { code: "pack/unknown-cap-kind", label: "cap kind", expects: "must be rate, amount …" } })`
 * @category annotations
 * @since 0.2.0
 */
export const discriminatorFieldAnnotation = "khuyencong/discriminator-field"

/**
 * Annotation key on a struct carrying the code of a field it does not know (with
 * `onExcessProperty: "error"`); the message then lists the struct's fields.
 * @example `Schema.Struct({ total: … }).annotate({ [Decode.unknownFieldAnnotation]: "cases/unknown-field" })` → `"totl" is not a field of expect; the fields are total`
 * @category annotations
 * @since 0.2.0
 */
export const unknownFieldAnnotation = "khuyencong/unknown-field"

/**
 * Annotation key carrying a {@link FieldSpec} on a schema (or, with `Schema.annotateKey`, on a
 * struct key): the code of a value of the wrong kind (or failing a check that has no code of its
 * own, or of an absent key), and how the field is named in messages, wherever the schema is
 * used. The parts of a struct, list or union without a code of their own take its code. A doc
 * given by path to a decoder takes precedence. Set it with {@link field}.
 * @example `Schema.String.annotate({ [Decode.fieldAnnotation]: { code: "x/title", label: "title (tên)", expects: "must be text" } })`
 * @category annotations
 * @since 0.2.0
 */
export const fieldAnnotation = "khuyencong/field"

/**
 * How a field is named and what it must hold, for messages:
 * `${label} ${expects}` → `unit cost (đơn giá) must be a non-negative whole number of đồng written in digits`.
 * @category models
 * @since 0.1.0
 */
export interface FieldDoc {
  /** English name with the Vietnamese term in parentheses, e.g. `unit cost (đơn giá)`. */
  readonly label: string
  /** What a valid value is, starting with a verb, e.g. `must be a non-negative whole number of đồng written in digits`. */
  readonly expects: string
}

/**
 * Field docs by path pattern: keys joined with `.`, array indexes written `*`
 * (`activities.*.costLines.*.unitCost`). The empty pattern `""` names the whole input.
 * @category models
 * @since 0.1.0
 */
export type FieldDocs = Readonly<Record<string, FieldDoc>>

/**
 * How a field reports its problems, wherever its schema is used: a stable code, and the doc that
 * names it in messages.
 * @category models
 * @since 0.2.0
 */
export interface FieldSpec extends FieldDoc {
  /** Code of a value of the wrong kind, or failing a check without a code of its own (`pack/missing-code`). */
  readonly code?: string
  /** Code when the field is absent; default {@link code}. */
  readonly missing?: string
  /** The whole message when the field is absent; default `${label} is required`. */
  readonly required?: string
  /** The whole message for a value of the wrong kind, from the value found; default `${label} ${expects}`. */
  readonly message?: (found: unknown) => string
}

/**
 * A schema that names itself in messages and reports its problems with a code, at any path: the
 * spec goes on the schema (for a value of the wrong kind or failing a check without its own
 * code, e.g. blank text) and on the struct key (for an absent field). Checks with their own code
 * keep it.
 * @example `Decode.field(Decode.text, { code: "pack/missing-title", label: "title (tên)", expects: "must be non-blank text" })` → an absent, numeric or blank title is `pack/missing-title`, "title (tên) must be non-blank text"
 * @category constructors
 * @since 0.2.0
 */
export const field = <S extends Schema.Top>(schema: S, spec: FieldSpec): S["Rebuild"] => {
  const annotated = schema.annotate({ [fieldAnnotation]: spec }) as Schema.Top
  const key: FieldSpec = spec.missing === undefined ? spec : { ...spec, code: spec.missing }
  return Schema.annotateKey<Schema.Top>({ [fieldAnnotation]: key })(annotated) as unknown as S["Rebuild"]
}

/**
 * The subject of a decoder, named in the summary message of its {@link Errors.ValidationError}.
 * @category models
 * @since 0.1.0
 */
export interface Subject {
  /** Area of the error code, e.g. `proposal` → `proposal/invalid`. */
  readonly code: string
  /** English name with the Vietnamese term, e.g. `proposal (đề án khuyến công)`. */
  readonly label: string
}

/**
 * A problem found by a cross-field rule, with its path relative to the rule's scope.
 * @category models
 * @since 0.1.0
 */
export interface RuleIssue {
  readonly code: string
  readonly path: Path
  readonly message: string
  readonly actual?: unknown
  /** Structured parameters of the message (`amount`, `limit` …), for `Messages.message`. @since 0.2.0 */
  readonly params?: Readonly<Record<string, string | number | bigint | boolean | undefined>>
}

/**
 * A cross-field rule (quy tắc liên trường), built with {@link rule}.
 * @category models
 * @since 0.1.0
 */
export interface Rule<in C = void> {
  /** Scope: keys and `"*"` for every element of an array, e.g. `["activities", "*"]`. */
  readonly at: ReadonlyArray<string>
  /** Run on a scope of a value that decoded (typed); `root` is the whole value. */
  readonly checkTyped: (scope: unknown, context: C, root: unknown) => ReadonlyArray<RuleIssue>
  /**
   * Run on a scope of raw input (`root` is the whole input): decode the needed fields; if they
   * are not all valid, report nothing.
   */
  readonly checkRaw: (scope: unknown, context: C, root: unknown) => ReadonlyArray<RuleIssue>
}

/** A schema with no service requirements. @category models @since 0.1.0 */
export type AnySchema = Schema.ConstraintCodec<unknown, unknown, never, never>

const needsDecoder = <S extends AnySchema>(s: S) =>
  SchemaParser.decodeUnknownResult(s as Schema.ConstraintDecoder<S["Type"]>, {
    errors: "first",
    onExcessProperty: "ignore"
  })

/**
 * Makes a cross-field rule: at every scope matching `at`, decode the fields in `needs` (and, when
 * given, the fields of the whole input in `rootNeeds`) and, when they are all valid, report what
 * `check` finds (paths relative to the scope).
 *
 * @example
 * ```ts
 * const supportWithinTotal = Decode.rule({
 *   at: ["activities", "*", "costLines", "*"],
 *   needs: Schema.Struct({ total: Money.schema, requestedSupport: Money.schema }),
 *   check: (l) => l.requestedSupport <= l.total ? [] : [{ code: "proposal/support-exceeds-total", path: ["requestedSupport"], message: "…" }]
 * })
 * ```
 * @category constructors
 * @since 0.1.0
 */
export const rule = <S extends AnySchema, C = void, R extends AnySchema = typeof Schema.Unknown>(spec: {
  readonly at: ReadonlyArray<string>
  readonly needs: S
  readonly rootNeeds?: R
  readonly check: (value: S["Type"], context: C, root: R["Type"]) => ReadonlyArray<RuleIssue>
}): Rule<C> => {
  const decodeNeeds = needsDecoder(spec.needs)
  const decodeRoot = spec.rootNeeds === undefined ? undefined : needsDecoder(spec.rootNeeds)
  return {
    at: spec.at,
    // the check itself (a wrapper shared by every rule would be one call site for all of them)
    checkTyped: spec.check as Rule<C>["checkTyped"],
    checkRaw: (scope, context, root) => {
      let rootValue: unknown = root
      if (decodeRoot !== undefined) {
        const rr = decodeRoot(root)
        if (EffectResult.isFailure(rr)) return []
        rootValue = rr.success
      }
      const r = decodeNeeds(scope)
      return EffectResult.isSuccess(r) ? spec.check(r.success, context, rootValue as R["Type"]) : []
    }
  }
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Every (path, value) in `root` matching the scope pattern `at`. */
const scopes = (root: unknown, at: ReadonlyArray<string>): Array<readonly [Path, unknown]> => {
  let current: Array<readonly [Path, unknown]> = [[[], root]]
  for (const segment of at) {
    const next: Array<readonly [Path, unknown]> = []
    for (const [path, value] of current) {
      if (segment === "*") {
        if (Array.isArray(value)) value.forEach((v: unknown, i) => next.push([[...path, i], v]))
      } else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
        next.push([[...path, segment], value[segment]])
      }
    }
    current = next
  }
  return current
}

const toIssue = (base: Path, i: RuleIssue): Issue => {
  const issue: Issue = { code: i.code, path: [...base, ...i.path], message: i.message }
  const withActual = "actual" in i ? { ...issue, actual: i.actual } : issue
  return i.params === undefined ? withActual : { ...withActual, params: i.params }
}

/**
 * Runs rules over raw input; each rule reports only where the fields it needs are valid.
 * @example `runRulesRaw(Proposal.rules, json, undefined)` → `[{ code: "proposal/total-mismatch", path: ["activities", 0, "costLines", 1, "total"], … }]`
 * @category rules
 * @since 0.1.0
 */
export const runRulesRaw = <C>(rules: ReadonlyArray<Rule<C>>, input: unknown, context: C): Array<Issue> =>
  rules.flatMap((r) =>
    scopes(input, r.at).flatMap(([path, scope]) => r.checkRaw(scope, context, input).map((i) => toIssue(path, i)))
  )

/**
 * Runs rules over a value that decoded.
 * @example `runRulesTyped(Plan.rules, plan, undefined)` → `[]` for a consistent plan
 * @category rules
 * @since 0.1.0
 */
export const runRulesTyped = <C>(rules: ReadonlyArray<Rule<C>>, value: unknown, context: C): Array<Issue> => {
  const out: Array<Issue> = []
  runnerOf(rules)(value, context, out)
  return out
}

type Runner = (root: unknown, context: unknown, out: Array<Issue>) => void
type Check = (scope: unknown, context: unknown, root: unknown) => ReadonlyArray<RuleIssue>

/** Runners by the first rule of their list (a list may be built anew for each call, its rules not). */
const runners = new WeakMap<Rule<never>, Array<{ readonly rules: ReadonlyArray<Rule<never>>; readonly run: Runner }>>()

const noRules: Runner = () => undefined

const report = (found: ReadonlyArray<RuleIssue>, path: Path, out: Array<Issue>): void => {
  for (const i of found) out.push(toIssue(path, i))
}

/**
 * The rules of a list run one after the other, each over its scopes in the order of
 * {@link runRulesRaw}: one function built once per list.
 */
const runnerOf = <C>(list: ReadonlyArray<Rule<C>>): Runner => {
  const rules = list as ReadonlyArray<Rule<never>>
  const first = rules[0]
  if (first === undefined) return noRules
  let built = runners.get(first)
  if (built === undefined) runners.set(first, (built = []))
  for (const b of built) if (b.rules.length === rules.length && b.rules.every((r, i) => r === rules[i])) return b.run
  const run = generatedRunner(rules) ?? closureRunner(rules)
  built.push({ rules: [...rules], run })
  return run
}

let runnerCount = 0

/**
 * The runner as code generated for the rules' scopes (each access names its key, as the compiled
 * decoders do: see internal/compiled.ts; a scope's path is built only when its rule reports
 * something), or undefined where code cannot be generated. Its source is numbered: V8 shares what
 * it learns about calls among functions of one source.
 */
const generatedRunner = (rules: ReadonlyArray<Rule<never>>): Runner | undefined => {
  const lines: Array<string> = ["return function (n0, context, out) {"]
  rules.forEach((r, k) => {
    const path: Array<string> = []
    const close: Array<string> = []
    r.at.forEach((segment, d) => {
      const n = `n${d}`
      const m = `n${d + 1}`
      if (segment === "*") {
        lines.push(`if (isArray(${n})) for (let i${d} = 0; i${d} < ${n}.length; i${d}++) {`, `const ${m} = ${n}[i${d}]`)
        path.push(`i${d}`)
      } else {
        const key = JSON.stringify(segment)
        lines.push(`if (typeof ${n} === "object" && ${n} !== null && !isArray(${n}) && hasOwn.call(${n}, ${key})) {`, `const ${m} = ${n}[${key}]`)
        path.push(key)
      }
      close.push("}")
    })
    lines.push(`{`, `const found = c${k}(n${r.at.length}, context, n0)`, `if (found.length > 0) report(found, [${path.join(", ")}], out)`, `}`, ...close)
  })
  lines.push("}", `// rules ${++runnerCount}`)
  const checks = rules.map((r) => r.checkTyped as Check)
  try {
    const names = checks.map((_, k) => `c${k}`)
    return new Function(...names, "report", "hasOwn", "isArray", lines.join("\n"))(...checks, report, Object.prototype.hasOwnProperty, Array.isArray) as Runner
  } catch {
    return undefined
  }
}

/** The runner as closures, where code cannot be generated: the scopes of {@link runRulesRaw}. */
const closureRunner =
  (rules: ReadonlyArray<Rule<never>>): Runner =>
  (root, context, out) => {
    for (const r of rules)
      for (const [path, scope] of scopes(root, r.at)) {
        const found = (r.checkTyped as Check)(scope, context, root)
        if (found.length > 0) report(found, path, out)
      }
  }

/**
 * The rules as one Effect Schema check, to attach to a module's exported schema with `.check(…)`.
 * Each failure is an `InvalidValue` at its path carrying the rule's code ({@link codeAnnotation}).
 * @example `const schema = structural.check(Decode.rulesCheck(rules, undefined))` → a schema whose decode also fails on the rules
 * @category rules
 * @since 0.1.0
 */
export const rulesCheck = <T, C>(rules: ReadonlyArray<Rule<C>>, context: C): SchemaAST.Filter<T> =>
  Schema.makeFilter<T>(
    (value) =>
      runRulesTyped(rules, value, context).map((i) => ({
        path: i.path,
        issue: new SchemaIssue.InvalidValue({ message: i.message, [codeAnnotation]: i.code, [ownMessageAnnotation]: true })
      })),
    { expected: "a value that satisfies the cross-field rules" }
  )

/**
 * A Schema check with a khuyencong code and message: `predicate` returns `undefined` when the value
 * is fine, or the message (and optionally a more specific code) when it is not.
 * @example `Schema.String.check(Decode.check("x/odd", (s) => s.length % 2 ? "code (mã) must have an even length" : undefined, "an even code"))` → decoding `"abc"` reports `x/odd` with that message; with `at` (e.g. `["expired"]`) the problem is reported at that path below the value
 * @category constructors
 * @since 0.1.0
 */
export const check = <T>(
  code: string,
  predicate: (value: T) => undefined | string | { readonly code: string; readonly message: string },
  expected: string,
  at?: Path
): SchemaAST.Filter<T> =>
  Schema.makeFilter<T>(
    (value, _ast, options) => {
      const out = predicate(value)
      if (out === undefined) return undefined
      const [c, m] = typeof out === "string" ? [code, out] : [out.code, out.message]
      const annotations = { message: m, [codeAnnotation]: c, [ownMessageAnnotation]: true }
      if (at === undefined) return new SchemaIssue.InvalidValue(annotations, value, options)
      let found: unknown = value
      for (const k of at) found = isRecord(found) || Array.isArray(found) ? (found as Record<string | number, unknown>)[k] : undefined
      return { path: at, issue: new SchemaIssue.InvalidValue(annotations, found, options) }
    },
    { expected, [codeAnnotation]: code }
  )

// ---------------------------------------------------------------------------------------------
// Issue-tree walk

/**
 * Path pattern of a path: indexes become `*`, keys are joined with `.`.
 * @example `patternOf(["activities", 0, "costLines", 2, "unitCost"])` → `"activities.*.costLines.*.unitCost"`
 * @category paths
 * @since 0.1.0
 */
export const patternOf = (path: Path): string => path.map((k) => (typeof k === "number" ? "*" : k)).join(".")

/**
 * Docs of a sub-model placed under a prefix pattern.
 * @example `nestDocs("locations.*", { provinceCode: d })` → `{ "locations.*.provinceCode": d }`
 * @category paths
 * @since 0.1.0
 */
export const nestDocs = (prefix: string, docs: FieldDocs): FieldDocs =>
  Object.fromEntries(
    Object.entries(docs).map(([k, v]) => [k === "" ? prefix : prefix === "" ? k : `${prefix}.${k}`, v] as const)
  )

const fallbackDoc = (path: Path): FieldDoc => {
  const key = [...path].reverse().find((k) => typeof k === "string")
  return { label: key === undefined ? "value" : `field "${String(key)}"`, expects: "has an invalid value" }
}

const docFor = (docs: FieldDocs, path: Path, own?: FieldDoc): FieldDoc => docs[patternOf(path)] ?? own ?? fallbackDoc(path)

const codeOf = (annotations: unknown): string | undefined => {
  if (!isRecord(annotations)) return undefined
  const c = annotations[codeAnnotation]
  return typeof c === "string" ? c : undefined
}

const specOf = (annotations: unknown): FieldSpec | undefined => {
  if (!isRecord(annotations)) return undefined
  const d = annotations[fieldAnnotation]
  return isRecord(d) && typeof d["label"] === "string" && typeof d["expects"] === "string" ? (d as unknown as FieldSpec) : undefined
}

const docOf = (annotations: unknown): FieldSpec | undefined => specOf(annotations)

const fieldCodeOf = (annotations: unknown): string | undefined => specOf(annotations)?.code

/**
 * The annotations of a schema node: those of its last check first (where `annotate` puts them
 * once the node has checks, so a field spec set around a schema overrides the schema's own),
 * then its own.
 */
const astAnnotations = (ast: SchemaAST.AST): ReadonlyArray<unknown> => [ast.checks?.[ast.checks.length - 1]?.annotations, ast.annotations]

const first = <A>(xs: ReadonlyArray<unknown>, f: (u: unknown) => A | undefined): A | undefined => {
  for (const x of xs) {
    const a = f(x)
    if (a !== undefined) return a
  }
  return undefined
}

const ownMessageOf = (annotations: unknown): string | undefined => {
  if (!isRecord(annotations) || annotations[ownMessageAnnotation] !== true) return undefined
  const m = annotations["message"]
  return typeof m === "string" ? m : undefined
}

const foundOf = (annotations: unknown): string | undefined => {
  if (!isRecord(annotations)) return undefined
  const f = annotations[foundAnnotation]
  return typeof f === "string" && f !== "" ? f : undefined
}

/** What the nearest annotated node (the leaf, else its enclosing filter) says. */
interface Said {
  readonly code?: string | undefined
  readonly message?: string | undefined
  readonly found?: string | undefined
  readonly doc?: FieldSpec | undefined
}

const said = (annotations: unknown, outer: Said | undefined): Said => ({
  code: codeOf(annotations) ?? fieldCodeOf(annotations) ?? outer?.code,
  message: ownMessageOf(annotations) ?? outer?.message,
  found: foundOf(annotations) ?? outer?.found,
  doc: docOf(annotations) ?? outer?.doc
})

/**
 * What the parts of a struct, list or union inherit from its field spec: its code, for a part
 * without a code of its own (every problem inside a deadline is `pack/invalid-deadline`). Not
 * its doc: a part is named by its own.
 */
const within = (ast: SchemaAST.AST, outer: Said | undefined): Said | undefined => {
  const code = first(astAnnotations(ast), fieldCodeOf) ?? outer?.code
  return code === undefined ? undefined : { code }
}

/**
 * A union without a spec of its own whose one member has a spec (an optional or nullable field,
 * `Schema.optional(field)`): that member, which names the field.
 */
const memberWithSpec = (ast: SchemaAST.Union): SchemaAST.AST | undefined => {
  if (first(astAnnotations(ast), specOf) !== undefined) return undefined
  const specified = ast.types.flatMap((t) => (first(astAnnotations(t), specOf) !== undefined ? [t] : SchemaAST.isUnion(t) ? [memberWithSpec(t)].filter((m) => m !== undefined) : []))
  return specified.length === 1 ? specified[0] : undefined
}

/** What a schema node's field spec says of a value of the wrong kind, under what its enclosing filter said. */
const saidByAst = (ast: SchemaAST.AST, outer: Said | undefined): Said => {
  const own = astAnnotations(ast)
  return { ...outer, code: first(own, fieldCodeOf) ?? outer?.code, doc: first(own, docOf) ?? outer?.doc }
}

const withActual = (issue: Issue, node: SchemaIssue.Issue, fallback?: { readonly value: unknown }): Issue => {
  if (SchemaIssue.hasInput(node)) return { ...issue, actual: node.input }
  return fallback === undefined ? issue : { ...issue, actual: fallback.value }
}

const toPath = (keys: ReadonlyArray<PropertyKey>): Path =>
  keys.map((k) => (typeof k === "symbol" ? String(k) : k))

/**
 * Flattens an Effect Schema issue tree into khuyencong issues: one per leaf, with its full path, a
 * stable code and a message built from `docs`.
 * @example `issuesOf(new SchemaIssue.Pointer(["year"], new SchemaIssue.MissingKey(undefined)), { year: { label: "year (năm)", expects: "…" } })` → `[{ code: "schema/missing", path: ["year"], message: "year (năm) is required" }]`
 * @category issues
 * @since 0.1.0
 */
export const issuesOf = (root: SchemaIssue.Issue, docs: FieldDocs, subject?: Subject): Array<Issue> => {
  const out: Array<Issue> = []
  const labelOf = (path: Path, own?: FieldDoc): string =>
    path.length === 0 && subject !== undefined && docs[""] === undefined && own === undefined ? subject.label : docFor(docs, path, own).label
  const described = (path: Path, own?: FieldDoc): string => `${labelOf(path, own)} ${docFor(docs, path, own).expects}`
  const leaf = (
    node: SchemaIssue.Issue,
    path: Path,
    fallbackCode: string,
    annotations: unknown,
    outer: Said | undefined,
    outerInput: { readonly value: unknown } | undefined
  ): void => {
    const s = said(annotations, outer)
    const spec = s.doc as FieldSpec | undefined
    const found = SchemaIssue.hasInput(node) ? node.input : outerInput?.value
    const message =
      s.message ??
      (spec?.message !== undefined && docs[patternOf(path)] === undefined
        ? spec.message(found)
        : s.found === undefined
          ? described(path, s.doc)
          : `${described(path, s.doc)}; ${s.found}`)
    out.push(withActual({ code: s.code ?? fallbackCode, path, message }, node, outerInput))
  }
  const go = (
    node: SchemaIssue.Issue,
    path: Path,
    outer: Said | undefined,
    outerInput: { readonly value: unknown } | undefined
  ): void => {
    switch (node._tag) {
      case "Pointer":
        return go(node.issue, [...path, ...toPath(node.path)], outer, undefined)
      case "Filter":
        return go(
          node.issue,
          path,
          said(node.filter.annotations, outer),
          SchemaIssue.hasInput(node) ? { value: node.input } : outerInput
        )
      case "Encoding":
        // a value read from another form (text as money): the field it is names it
        return go(node.issue, path, saidByAst(node.ast, outer), outerInput)
      case "Composite": {
        const inner = within(node.ast, outer)
        for (const i of node.issues) go(i, path, inner, outerInput)
        return
      }
      case "AnyOf": {
        // A union of several kinds of value (not of tagged objects) with a spec of its own is one
        // field: one problem, named by the spec, rather than each member's complaint.
        if (node.issues.length > 0 && node.ast.annotations?.[discriminatorAnnotation] === undefined && first(astAnnotations(node.ast), specOf) !== undefined)
          return leaf(node, path, "schema/type", undefined, saidByAst(node.ast, outer), outerInput)
        if (node.issues.length > 0) {
          const inner = within(node.ast, outer)
          for (const i of node.issues) go(i, path, inner, outerInput)
          return
        }
        const annotations = node.ast.annotations
        const discriminator = annotations?.[discriminatorAnnotation]
        const input: unknown = SchemaIssue.hasInput(node) ? node.input : undefined
        if (typeof discriminator === "string" && isRecord(input)) {
          const at = [...path, discriminator]
          const spec = specOf({ [fieldAnnotation]: annotations?.[discriminatorFieldAnnotation] })
          const code = spec?.code
          const doc = spec
          if (!Object.prototype.hasOwnProperty.call(input, discriminator)) {
            out.push({ code: code ?? "schema/missing", path: at, message: `${labelOf(at, doc)} is required` })
          } else {
            out.push({ code: code ?? "schema/type", path: at, message: described(at, doc), actual: input[discriminator] })
          }
          return
        }
        return leaf(node, path, "schema/type", undefined, saidByAst(memberWithSpec(node.ast) ?? node.ast, outer), outerInput)
      }
      case "MissingKey": {
        const spec = specOf(node.annotations)
        const message = spec?.required !== undefined && docs[patternOf(path)] === undefined ? spec.required : `${labelOf(path, spec)} is required`
        out.push({ code: spec?.code ?? outer?.code ?? "schema/missing", path, message })
        return
      }
      case "UnexpectedKey": {
        const key = path[path.length - 1]
        const parent = path.slice(0, -1)
        const own = astAnnotations(node.ast)
        const code = first(own, (a) => (isRecord(a) && typeof a[unknownFieldAnnotation] === "string" ? (a[unknownFieldAnnotation] as string) : undefined))
        const fields = code !== undefined && SchemaAST.isObjects(node.ast) ? `; the fields are ${node.ast.propertySignatures.map((p) => String(p.name)).join(", ")}` : ""
        const message = `"${String(key)}" is not a field of ${labelOf(parent, first(own, docOf))}${fields}`
        out.push(withActual({ code: code ?? "schema/unexpected", path, message }, node))
        return
      }
      case "InvalidType":
        return leaf(node, path, "schema/type", undefined, saidByAst(node.ast, outer), outerInput)
      case "InvalidValue":
        return leaf(node, path, "schema/invalid", node.annotations, outer, outerInput)
      case "Forbidden":
        return leaf(node, path, "schema/forbidden", node.annotations, outer, outerInput)
      case "OneOf":
        out.push(withActual({ code: "schema/ambiguous", path, message: `${labelOf(path)} matches more than one shape` }, node))
        return
    }
  }
  go(root, [], undefined, undefined)
  return dedupe(out)
}

const keyOf = (i: Issue): string => `${JSON.stringify(i.path)}|${i.code}|${i.message}`

const dedupe = (issues: ReadonlyArray<Issue>): Array<Issue> => {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const k = keyOf(i)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/**
 * The options every decoder uses: collect every error, reject unknown fields, keep the offending
 * input for `Issue.actual`.
 * @example `SchemaParser.decodeUnknownResult(Proposal.schema, Decode.parseOptions)(json)`
 * @category options
 * @since 0.1.0
 */
export const parseOptions: SchemaAST.ParseOptions = { errors: "all", onExcessProperty: "error", reportInput: true }

/**
 * Every structural problem of `input` against `schema`, each with its path, code and message
 * (from the schema's own annotations, see {@link field}, and `docs`), in the order the schema
 * finds them; `[]` when it decodes. Unknown fields are ignored unless `onExcessProperty` is
 * `"error"`. For inputs whose modules add their own checks in another order than the input's
 * (a rule pack), where {@link decodeWith} does not fit.
 * @example `Decode.problems(Citation.schema, { instrument: tt28 })` → `[{ code: "citation/missing-grade", path: ["grade"], message: "grade of the citation (mức độ xác thực) is required" }]`
 * @category decoding
 * @since 0.2.0
 */
export const problems = (
  schema: AnySchema,
  input: unknown,
  options?: { readonly docs?: FieldDocs; readonly subject?: Subject; readonly onExcessProperty?: "ignore" | "error" }
): Array<Issue> => {
  const parse = options?.onExcessProperty === "error" ? parseOptions : lenientOptions
  const r = SchemaParser.decodeUnknownResult(schema as Schema.ConstraintDecoder<unknown>, parse)(input)
  return EffectResult.isFailure(r) ? issuesOf(r.failure, options?.docs ?? {}, options?.subject) : []
}

const lenientOptions: SchemaAST.ParseOptions = { errors: "all", onExcessProperty: "ignore", reportInput: true }

const formatPath = (path: Path): string => (path.length === 0 ? "(root)" : path.join("."))

/**
 * Builds the {@link Errors.ValidationError} for a list of issues.
 * @example `validationError({ code: "proposal", label: "proposal (đề án khuyến công)" }, issues).code` → `"proposal/invalid"`
 * @category errors
 * @since 0.1.0
 */
export const validationError = (subject: Subject, issues: ReadonlyArray<Issue>): ValidationError => {
  const shown = issues.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message}`)
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : ""
  return new ValidationError({
    code: `${subject.code}/invalid`,
    path: [],
    message: `${subject.label} is invalid (${issues.length} ${issues.length === 1 ? "problem" : "problems"}): ${shown.join("; ")}${more}`,
    issues
  })
}

const MISSING: unique symbol = Symbol("missing")

/** The value at `path` in raw input, or `MISSING`. */
const at = (input: unknown, path: Path): unknown => {
  let v: unknown = input
  for (const k of path) {
    if (typeof k === "number" ? Array.isArray(v) && k < v.length : isRecord(v) && Object.prototype.hasOwnProperty.call(v, k)) {
      v = (v as Record<string | number, unknown>)[k]
    } else {
      return MISSING
    }
  }
  return v
}

/** `actual` is the value as received, when the path exists in the input. */
const withReceived = (issue: Issue, input: unknown): Issue => {
  const v = at(input, issue.path)
  if (v === MISSING) {
    if (!("actual" in issue)) return issue
    const { actual: _ignored, ...rest } = issue
    return rest
  }
  return { ...issue, actual: v }
}

/** Position of each path segment in the input (key order of objects, index of arrays). */
const positions = (input: unknown, path: Path): Array<number | string> => {
  const out: Array<number | string> = []
  let v: unknown = input
  for (const k of path) {
    if (typeof k === "number") {
      out.push(k)
      v = Array.isArray(v) ? v[k] : undefined
    } else if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, k)) {
      out.push(Object.keys(v).indexOf(k))
      v = v[k]
    } else {
      out.push(k) // absent: after every present key, by name
      v = undefined
    }
  }
  return out
}

const comparePositions = (a: ReadonlyArray<number | string>, b: ReadonlyArray<number | string>): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number | string
    const y = b[i] as number | string
    if (x === y) continue
    if (typeof x === "number" && typeof y === "number") return x - y
    if (typeof x === "number") return -1
    if (typeof y === "number") return 1
    return x < y ? -1 : 1
  }
  return a.length - b.length
}

/**
 * Issues sorted by where they are in the input: the order of the object's keys and of the
 * lists' elements, an absent key after the keys present (stable: issues at one place keep their
 * order).
 * @example `Decode.inInputOrder([{ path: ["b"], … }, { path: ["a"], … }], { a: 1, b: 2 }).map((i) => i.path[0])` → `["a", "b"]`
 * @category issues
 * @since 0.2.0
 */
export const inInputOrder = (issues: ReadonlyArray<Issue>, input: unknown): Array<Issue> =>
  issues
    .map((issue, n) => ({ issue, n, at: positions(input, issue.path) }))
    .sort((a, b) => comparePositions(a.at, b.at) || a.n - b.n)
    .map((x) => x.issue)

/**
 * Decodes with a structural schema, then cross-field rules; every problem of both kinds is
 * reported, in the order of the input. Rules run on the decoded value when the structure is valid,
 * else on the raw input wherever the fields they need are valid (the same issues either way).
 *
 * A valid input is decoded by a function compiled once from the schema (its structs, lists,
 * literals, and its own checks and transformations run as they are); at the first doubt the
 * Schema decodes the input itself, so problems are always reported by the Schema. A value the
 * compiled function decoded (every valid record: the tests check it) comes out frozen throughout:
 * it cannot change once checked.
 * @example `decodeWith({ subject, schema, docs, rules }, json, { asOf })` → `ok(value)` or `err(ValidationError)` listing every issue
 * @category decoding
 * @since 0.1.0
 */
export const decodeWith = <S extends AnySchema, C>(
  spec: {
    readonly subject: Subject
    readonly schema: S
    readonly docs: FieldDocs
    readonly rules: ReadonlyArray<Rule<C>>
  },
  input: unknown,
  context: C
): Result<S["Type"], ValidationError> => {
  // the compiled success path (internal/compiled.ts): the decoded value of a valid input, else
  // "not sure" and the Schema decodes as below, so every problem is the Schema's own report
  const fast = compile(spec.schema.ast, parseOptions)
  if (fast !== undefined) {
    const value = fast(input)
    // (a fresh tree, frozen: it may be recorded as decoded)
    if (value !== NOT_SURE) return ruled(spec, input, context, true, value, [], true)
  }
  const r = SchemaParser.decodeUnknownResult(spec.schema as Schema.ConstraintDecoder<S["Type"]>, parseOptions)(input)
  if (EffectResult.isSuccess(r)) return ruled(spec, input, context, true, r.success, [], false)
  // the fields the rules need are decoded from the raw input, wherever they are valid
  return ruled(spec, input, context, false, undefined, issuesOf(r.failure, spec.docs, spec.subject), false)
}

/**
 * The cross-field rules and the verdict: on the decoded value when there is one (the fields they
 * need are then all valid, and are not decoded a second time), else on the raw input beside the
 * structural issues. A value of the compiled path that passes (frozen) is recorded as decoded
 * ({@link decodedAs}); one of the Schema's decoder, which may hold the caller's own objects, is not.
 */
const ruled = <S extends AnySchema, C>(
  spec: { readonly subject: Subject; readonly rules: ReadonlyArray<Rule<C>> },
  input: unknown,
  context: C,
  decoded: boolean,
  value: S["Type"] | undefined,
  structural: ReadonlyArray<Issue>,
  frozen: boolean
): Result<S["Type"], ValidationError> => {
  const byRules = decoded ? runRulesTyped(spec.rules, value, context) : runRulesRaw(spec.rules, input, context)
  if (decoded && byRules.length === 0) return ok(frozen ? recordDecoded(value, spec.subject, context) : value)
  const issues = inInputOrder(
    dedupe([...structural, ...byRules]).map((i) => withReceived(i, input)),
    input
  )
  return err(validationError(spec.subject, issues))
}

type Decoded = { readonly subject: Subject; readonly context: unknown }

/**
 * Marks a decoded value with its record in a private field, which nothing but {@link decodedAs}
 * can see (not `Reflect.ownKeys`, equality, JSON, `structuredClone`): a constructor that returns
 * the value it is given makes `#decoded` a field of that value. About 20 times cheaper than an
 * entry in a WeakMap, which costs the collector too. Where an engine refuses a private field on
 * a frozen object (a change proposed to the language), the WeakMap serves.
 */
class DecodedMark extends Stamp {
  readonly #decoded: Decoded
  constructor(value: object, record: Decoded) {
    super(value)
    this.#decoded = record
  }
  static of(value: object): Decoded | undefined {
    return #decoded in value ? (value as DecodedMark).#decoded : undefined
  }
}

const decodedValues = new WeakMap<object, Decoded>()

/** The record of a decoder without context, one per subject (most decoders: one object, not one per value). */
const withoutContext = new WeakMap<Subject, Decoded>()

/** Records a value that decoded (frozen, with everything in it), with its decoder's subject and context. */
const recordDecoded = <A>(value: A, subject: Subject, context: unknown): A => {
  if (typeof value !== "object" || value === null) return value
  let record = context === undefined ? withoutContext.get(subject) : undefined
  if (record === undefined) {
    record = Object.freeze({ subject, context })
    if (context === undefined) withoutContext.set(subject, record)
  }
  try {
    new DecodedMark(value, record)
  } catch {
    decodedValues.set(value, record)
  }
  return value
}

/**
 * Whether `value` is a value a decoder of this module returned (`Proposal.decode`,
 * `Establishment.decode` …), unchanged: its subject (`proposal` …) and the context it was
 * decoded in (an establishment's `asOf`), else undefined. Decoded values are frozen, with
 * everything in them, so a recorded value cannot have changed since it passed every check: a
 * store or an evaluator may take it as valid without decoding it again. A copy, or a value built
 * by hand, is not recorded.
 * @example `Decode.decodedAs(Proposal.decode(json).value)?.subject.code` → `"proposal"`; `Decode.decodedAs({ ...p })` → `undefined`
 * @internal
 */
export const decodedAs = (value: unknown): { readonly subject: Subject; readonly context: unknown } | undefined =>
  typeof value === "object" && value !== null ? (DecodedMark.of(value) ?? decodedValues.get(value)) : undefined

/**
 * Makes a `decode` function for a module (see {@link decodeWith}).
 * @example `const decode = Decode.makeDecoder({ subject, schema, docs, rules })`; `decode(json)` → `Result`
 * @category decoding
 * @since 0.1.0
 */
export const makeDecoder =
  <S extends AnySchema>(spec: {
    readonly subject: Subject
    readonly schema: S
    readonly docs: FieldDocs
    readonly rules: ReadonlyArray<Rule<void>>
  }) =>
  (input: unknown): Result<S["Type"], ValidationError> =>
    decodeWith(spec, input, undefined)

/**
 * Makes an `encode` function: the JSON form of a typed value. Checks are not re-run (the value is
 * already typed), so encoding never fails on a value built by hand.
 * @example `Decode.makeEncoder(Schema.Struct({ amount: Money.schema }))({ amount: Money.make(5n) })` → `{ amount: "5" }`
 * @category encoding
 * @since 0.1.0
 */
export const makeEncoder = <S extends AnySchema>(schema: S): ((value: S["Type"]) => S["Encoded"]) => {
  const enc = SchemaParser.encodeSync(schema as unknown as Schema.ConstraintEncoder<S["Encoded"]>, {
    disableChecks: true
  })
  return (value) => enc(value)
}

// ---------------------------------------------------------------------------------------------
// Field schemas shared by the domain modules

const isNonBlank = (s: string): boolean => s.trim().length > 0

/**
 * Non-blank text (at least one non-space character). Messages come from the field docs.
 * @example `Schema.decodeUnknownSync(Decode.text)("Cơ sở Minh Phát")` → `"Cơ sở Minh Phát"`; `"  "` fails
 * @category fields
 * @since 0.1.0
 */
export const text = leaf(
  Schema.String.check(Schema.makeFilter<string>((s) => isNonBlank(s), { expected: "non-blank text" })),
  (u) => (typeof u === "string" && isNonBlank(u) ? u : NOT_SURE)
)

/** Text read in NFC, then checked as an id or a name (see the `Text` module). */
const checkedText = (kind: "id" | "name", expected: string) =>
  leaf(
    Schema.String.pipe(
      Schema.decodeTo(
        Schema.String.check(
          Schema.makeFilter<string>(
            (s) => {
              const f = fault(s, kind)
              if (f === undefined) return undefined
              // blank, or spaces around an id: refused as before, with the field's code and message
              if (f.code === undefined) return false
              return new SchemaIssue.InvalidValue({ message: f.found, [codeAnnotation]: f.code, [foundAnnotation]: f.found }, s)
            },
            { expected }
          )
        ),
        SchemaTransformation.transform<string, string>({ decode: nfc, encode: (s) => s })
      )
    ),
    // a string, in NFC, without fault
    (u) => {
      if (typeof u !== "string") return NOT_SURE
      // nfc and fault, the plain text scanned once
      const plain = isPlain(u)
      const s = plain ? u : u.normalize("NFC")
      return fault(s, kind, plain) === undefined ? s : NOT_SURE
    }
  )

/**
 * An identifier (mã): visible text without surrounding spaces, at most `Text.MAX_ID_LENGTH`
 * (128) characters, read in Unicode NFC, so that one id typed composed or decomposed is one key.
 * Control, invisible and bidirectional characters are refused with the codes of the `Text`
 * module (`text/invisible-character` …), the field named by its doc.
 * @example `Schema.decodeUnknownSync(Decode.id)("cs-001")` → `"cs-001"`; `" cs-001"` and `"cs\u200B001"` fail; `"Đ\u0301"` decodes to its NFC form
 * @category fields
 * @since 0.1.0
 */
export const id = checkedText("id", "an identifier without surrounding spaces")

/**
 * A name or title (tên): visible, non-blank text of at most `Text.MAX_NAME_LENGTH` (500)
 * characters, read in Unicode NFC; control, invisible and bidirectional characters are refused
 * as in {@link id}. Free text (notes) is {@link text}.
 * @example `Schema.decodeUnknownSync(Decode.name)("Cơ sở Minh Phát")` → `"Cơ sở Minh Phát"`; `"\u202EtáhP hniM"` fails (`text/bidi-control`)
 * @category fields
 * @since 0.3.0
 */
export const name = checkedText("name", "a visible, non-blank name")

/**
 * Rules of a sub-model placed under a scope prefix (e.g. each budget envelope of a plan).
 * @example `nestRules(["envelopes", "*"], Plan.budgetEnvelopeRules)[0]?.at` → `["envelopes", "*"]`
 * @category rules
 * @since 0.1.0
 */
export const nestRules = <C>(prefix: ReadonlyArray<string>, rules: ReadonlyArray<Rule<C>>): Array<Rule<C>> =>
  rules.map((r) => ({ ...r, at: [...prefix, ...r.at] }))
