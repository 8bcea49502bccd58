/**
 * Internal: parameter values as rates, their comparison, and the parameters a priority criterion
 * reads (of which type). Shared by `Pack` (validation, resolution), `Overlay` and `Reform`; the
 * eligibility rule kinds declare their own roles (`rules/eligibility/registry.ts`).
 * @module
 */
import * as Rate from "../../values/Rate.js"
import type { ParameterValue, PriorityCriterion, ValueType } from "../RulePack.js"

/** A fraction value as a reduced `Rate` (packs may write `30/100`). */
export const toRate = (u: { readonly numerator: bigint; readonly denominator: bigint }): Rate.Rate =>
  Rate.make(u.numerator, u.denominator)

/** Normalise a parameter value: fractions become reduced, frozen `Rate`s; the rest unchanged. */
export const normalise = (v: ParameterValue): ParameterValue => (Rate.isFraction(v) ? toRate(v) : v)

/** Compare two values of the same numeric type (money or rate): -1, 0, 1; undefined otherwise. */
export const compareNumeric = (a: unknown, b: unknown): -1 | 0 | 1 | undefined => {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0
  if (Rate.isFraction(a) && Rate.isFraction(b)) return Rate.compareShare(a.numerator, a.denominator, b)
  return undefined
}

/** Parameter references of a priority criterion, with the type each must hold. */
export const criterionRefs = (
  c: PriorityCriterion
): ReadonlyArray<{ readonly parameter: string; readonly type: ValueType; readonly field: string }> => {
  switch (c.kind) {
    case "difficult-area":
      return [{ parameter: c.levels, type: "list", field: "levels" }]
    case "local-raw-material-above":
      return [{ parameter: c.threshold, type: "rate", field: "threshold" }]
    case "workforce-at-least":
      return [{ parameter: c.threshold, type: "number", field: "threshold" }]
    case "industry-in":
      return [{ parameter: c.industries, type: "list", field: "industries" }]
    case "owner-flag":
      return [{ parameter: c.flags, type: "list", field: "flags" }]
    case "any":
      return c.of.flatMap(criterionRefs)
    case "location-flag":
    case "export-contract":
      return []
  }
}
