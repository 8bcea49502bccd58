/**
 * Errors (lỗi): every failure the library reports is a tagged error with a stable `code`, the
 * `path` of the offending field (or row, or rule), and an English message that names the
 * Vietnamese term, e.g. `amount (số tiền) "1,5 tỉ x" is not a number of đồng`.
 *
 * The classes extend Effect's `Data.TaggedError`, so they can be yielded in `Effect.gen` and
 * caught with `Effect.catchTag`; they are also ordinary `Error`s for plain callers.
 *
 * @example
 * ```ts
 * import { Money, Errors } from "@khuyencong/core"
 * const r = Money.parse("mười tỷ")
 * if (!r.ok && r.error instanceof Errors.ParseError) console.log(r.error.code, r.error.raw)
 * ```
 * @since 0.1.0
 * @module
 */
import * as Data from "effect/Data"

/**
 * A path into an input: field names and array indexes.
 * @example `["activities", 0, "costLines", 2, "unitCost"]`
 * @category models
 * @since 0.1.0
 */
export type Path = ReadonlyArray<string | number>

/**
 * What every khuyencong error carries.
 * @example `{ code: "money/unparseable", path: ["unitCost"], message: "…" }`
 * @category models
 * @since 0.1.0
 */
export interface IssueFields {
  /** Stable, machine-readable code such as `money/unparseable`; never changes between versions. */
  readonly code: string
  /** Path of the offending field, row or rule. Empty when the whole input is at fault. */
  readonly path: Path
  /** English message naming the Vietnamese term. */
  readonly message: string
  /**
   * Structured parameters of the message (the amount, the limit, the event, the row …), so that a
   * caller can word it in another language with `Messages.message(code, params, lang)`.
   * @since 0.2.0
   */
  readonly params?: Readonly<Record<string, string | number | bigint | boolean | undefined>>
}

/**
 * Text that could not be read as the value it should hold (số tiền, tỷ lệ, ngày …).
 * `raw` is the text exactly as received.
 * @example `Money.parse("mười tỷ")` → `{ ok: false, error: ParseError { code: "money/unparseable", raw: "mười tỷ", path: [], message: "…" } }`
 * @category errors
 * @since 0.1.0
 */
export class ParseError extends Data.TaggedError("ParseError")<IssueFields & { readonly raw: string }> {}

/**
 * One problem found while decoding a domain input (Establishment, Proposal, Plan …).
 * @category errors
 * @since 0.1.0
 */
export interface Issue extends IssueFields {
  /** The offending value as received, when there is one. */
  readonly actual?: unknown
}

/**
 * Decoding failed: `issues` lists every problem found, not only the first, each with its path.
 * @example `Proposal.decode({})` → `{ ok: false, error: ValidationError { code: "proposal/invalid", issues: [{ code: "schema/missing", path: ["id"], … }, …] } }`
 * @category errors
 * @since 0.1.0
 */
export class ValidationError extends Data.TaggedError("ValidationError")<
  IssueFields & { readonly issues: ReadonlyArray<Issue> }
> {}

/**
 * A value was asked for at a date (or plan year) no parameter value, rule pack or period covers.
 * Never answered with a default.
 * @example `Parameter.at(cap, LocalDate.parseOrThrow("2014-01-01"))` → `{ ok: false, error: LookupError { code: "parameter/no-value-at-date", path: ["machinery.cap"], … } }`
 * @category errors
 * @since 0.1.0
 */
export class LookupError extends Data.TaggedError("LookupError")<IssueFields & { readonly at: string }> {}

/**
 * An operation would break a rule (an advance above the schedule, a payment above the contract,
 * a pack without citations …). `rule` names the rule id; `citation` renders its legal source.
 * @example `Ledger.post(ledger, secondAdvance)` → `{ ok: false, error: RuleViolation { code: "advance/remainder-before-acceptance", rule: "advance.remainder-before-acceptance", citation: "Circular 36/2013/TT-BCT, art. 14 (unconfirmed)", … } }`
 * @category errors
 * @since 0.1.0
 */
export class RuleViolation extends Data.TaggedError("RuleViolation")<
  IssueFields & { readonly rule: string; readonly citation?: string }
> {}

/**
 * Arithmetic that cannot be exact without a named rounding, or a value out of its domain
 * (negative money where none is allowed, division by zero).
 * @example `Progress.makeDisplay(11, Rounding.down1)` throws `ArithmeticError { code: "progress/invalid-decimals", path: ["decimals"], … }`
 * @category errors
 * @since 0.1.0
 */
export class ArithmeticError extends Data.TaggedError("ArithmeticError")<IssueFields> {}

/** Any error this library reports. @category errors @since 0.1.0 */
export type KhuyenCongError = ParseError | ValidationError | LookupError | RuleViolation | ArithmeticError
