/**
 * Internal: validate a pack definition and return a normalised, deep-frozen copy. Used by
 * `Pack.load`, `Overlay.apply` and `Reform.apply`: the structure against `RulePack.schema`, then
 * what the structure cannot say (`checks.ts`), every problem with its path.
 * @module
 */
import * as Schema from "effect/Schema"
import * as Decode from "../../values/Decode.js"
import type { ValidationError } from "../../values/Errors.js"
import type * as Parameter from "../../values/Parameter.js"
import { err, ok, type Result } from "../../values/Result.js"
import { schema, type ParameterValue, type RulePack } from "../RulePack.js"
import { checkPack } from "./checks.js"
import { deepFreezeCopy } from "./freeze.js"
import { Issues } from "./issues.js"
import { normalise } from "./values.js"

/** Normalise parameter values (reduced rates) and deep-freeze a copy of the pack. */
const freeze = (def: RulePack): RulePack => {
  const parameters: Record<string, Parameter.Parameter<ParameterValue>> = {}
  for (const key of Object.keys(def.parameters)) {
    const p = def.parameters[key] as Parameter.Parameter<ParameterValue>
    const values = p.values.map((v) => ({ from: v.from, value: normalise(v.value), citation: v.citation }))
    const copy: { -readonly [K in keyof Parameter.Parameter<ParameterValue>]: Parameter.Parameter<ParameterValue>[K] } = {
      id: p.id,
      description: p.description,
      values
    }
    if (p.unit !== undefined) copy.unit = p.unit
    if (p.until !== undefined) copy.until = p.until
    parameters[key] = copy
  }
  return deepFreezeCopy({ ...def, parameters })
}

const guards = new WeakMap<Decode.AnySchema, (u: unknown) => boolean>()

/** Whether a part of a pack that did not decode as a whole is well formed. */
const wellFormed = (s: Decode.AnySchema, u: unknown): boolean => {
  let is = guards.get(s)
  if (is === undefined) {
    is = Schema.is(s as unknown as Schema.Top) as (u: unknown) => boolean
    guards.set(s, is)
  }
  return is(u)
}

/** Validate `def` (every problem, with paths) and return it frozen; `what` names it in messages. */
export const loadPack = (def: RulePack, what: string): Result<RulePack, ValidationError> => {
  const issues = new Issues()
  const structure = Decode.problems(schema as unknown as Decode.AnySchema, def)
  for (const i of structure) issues.list.push(i)
  checkPack(def, structure.length === 0 ? () => true : wellFormed, issues)
  if (!issues.empty) return err(issues.toError("pack/invalid", what))
  return ok(freeze(def))
}
