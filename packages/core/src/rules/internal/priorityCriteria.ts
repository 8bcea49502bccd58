/**
 * Internal: priority criteria compiled at a date (parameters read once, by `Pack.resolve`) and
 * matched against an establishment without allocation (by `Priority`). The compiled form is
 * declared here, below both, and re-exported by `Priority`.
 * @module
 */
import type { Establishment } from "../../records/Establishment.js"
import * as Rate from "../../values/Rate.js"
import type { LocationFlag, ParameterValue, PriorityCriterion } from "../RulePack.js"
import { industryCovered } from "./industry.js"

/**
 * A priority criterion with its parameters read at the resolution date.
 * @category models
 * @since 0.1.0
 */
export type CompiledCriterion =
  | { readonly kind: "location-flag"; readonly flags: ReadonlyArray<LocationFlag> }
  | { readonly kind: "difficult-area"; readonly levels: ReadonlyArray<string> }
  | { readonly kind: "export-contract" }
  | { readonly kind: "local-raw-material-above"; readonly numerator: bigint; readonly denominator: bigint }
  | { readonly kind: "workforce-at-least"; readonly min: number }
  | { readonly kind: "industry-in"; readonly industries: ReadonlyArray<string> }
  | { readonly kind: "owner-flag"; readonly flags: ReadonlyArray<"womenOwned" | "ethnicMinorityOwned"> }
  | { readonly kind: "any"; readonly of: ReadonlyArray<CompiledCriterion> }

/** Compile a criterion; `undefined` when a parameter could not be read (the caller reports it). */
export const compileCriterion = (
  c: PriorityCriterion,
  read: (id: string) => ParameterValue | undefined
): CompiledCriterion | undefined => {
  switch (c.kind) {
    case "location-flag":
      return Object.freeze({ kind: "location-flag", flags: Object.freeze([...c.flags]) })
    case "export-contract":
      return Object.freeze({ kind: "export-contract" })
    case "difficult-area": {
      const v = read(c.levels)
      return Array.isArray(v) ? Object.freeze({ kind: "difficult-area", levels: Object.freeze([...(v as ReadonlyArray<string>)]) }) : undefined
    }
    case "industry-in": {
      const v = read(c.industries)
      return Array.isArray(v) ? Object.freeze({ kind: "industry-in", industries: Object.freeze([...(v as ReadonlyArray<string>)]) }) : undefined
    }
    case "owner-flag": {
      const v = read(c.flags)
      if (!Array.isArray(v)) return undefined
      const flags = (v as ReadonlyArray<string>).filter((f): f is "womenOwned" | "ethnicMinorityOwned" => f === "womenOwned" || f === "ethnicMinorityOwned")
      return Object.freeze({ kind: "owner-flag", flags: Object.freeze(flags) })
    }
    case "local-raw-material-above": {
      const v = read(c.threshold)
      if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined
      const r = v as { readonly numerator: bigint; readonly denominator: bigint }
      return Object.freeze({ kind: "local-raw-material-above", numerator: r.numerator, denominator: r.denominator })
    }
    case "workforce-at-least": {
      const v = read(c.threshold)
      return typeof v === "number" ? Object.freeze({ kind: "workforce-at-least", min: v }) : undefined
    }
    case "any": {
      const of: Array<CompiledCriterion> = []
      for (const n of c.of) {
        const x = compileCriterion(n, read)
        if (x === undefined) return undefined
        of.push(x)
      }
      return Object.freeze({ kind: "any", of: Object.freeze(of) })
    }
  }
}

/** Whether an establishment meets a compiled criterion. */
export const matches = (c: CompiledCriterion, e: Establishment): boolean => {
  switch (c.kind) {
    case "location-flag": {
      const l = e.location
      for (let i = 0; i < c.flags.length; i++) if (l[c.flags[i] as keyof typeof l] === true) return true
      return false
    }
    case "difficult-area":
      return c.levels.includes(e.location.difficultArea)
    case "export-contract":
      return e.hasExportContract
    case "local-raw-material-above": {
      const s = e.localRawMaterialShare
      return s !== undefined && Rate.compareShare(s.numerator, s.denominator, c) > 0
    }
    case "workforce-at-least":
      return e.workforce >= c.min
    case "industry-in":
      return industryCovered(e.industry.code, c.industries) !== undefined
    case "owner-flag":
      for (let i = 0; i < c.flags.length; i++) if (e[c.flags[i] as "womenOwned" | "ethnicMinorityOwned"] === true) return true
      return false
    case "any":
      for (let i = 0; i < c.of.length; i++) if (matches(c.of[i] as CompiledCriterion, e)) return true
      return false
  }
}
