/**
 * Small builders for the pack's data files (not exported from the package).
 */
import { LocalDate, Parameter } from "@khuyencong/core"
import type { Citation, RulePack } from "@khuyencong/core"

/** A citation of `instrument` at the given article / clause / point, with grade and notes. */
export const cite = (instrument: Citation.Instrument, rest: Omit<Citation.Citation, "instrument">): Citation.Citation => ({
  instrument,
  ...rest
})

/** An exact rate `numerator / denominator` as a plain parameter value. */
export const rate = (numerator: bigint, denominator: bigint): { readonly numerator: bigint; readonly denominator: bigint } => ({
  numerator,
  denominator
})

/** A date constant (throws at load on a day that does not exist). */
export const day = LocalDate.makeOrThrow

/** A parameter with a single value from `from`, checked by `Parameter.makeOrThrow`. */
export const single = (
  id: string,
  description: string,
  unit: string | undefined,
  from: LocalDate.LocalDate,
  value: RulePack.ParameterValue,
  citation: Citation.Citation
): Parameter.Parameter<RulePack.ParameterValue> =>
  Parameter.makeOrThrow<RulePack.ParameterValue>(
    unit === undefined
      ? { id, description, values: [{ from, value, citation }] }
      : { id, description, unit, values: [{ from, value, citation }] }
  )

/** Index parameters by id, refusing duplicates. */
export const byId = (
  ps: ReadonlyArray<Parameter.Parameter<RulePack.ParameterValue>>
): Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> => {
  const out: Record<string, Parameter.Parameter<RulePack.ParameterValue>> = {}
  for (const p of ps) {
    if (Object.hasOwn(out, p.id)) throw new Error(`duplicate parameter id ${p.id}`)
    out[p.id] = p
  }
  return Object.freeze(out)
}
