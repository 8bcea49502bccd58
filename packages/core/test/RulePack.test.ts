/**
 * The schemas of `RulePack` describe the very interfaces the module documents: a type-level test
 * (checked by `pnpm typecheck`) that each structure's Schema type and its interface accept the
 * same values, and a few runtime checks that the schemas report the codes `Pack.load` documents.
 *
 * The interfaces stay hand-written for their documentation (every field has its comment); the
 * schemas say `x?: T | undefined` where an interface says `x?: T` (a definition written in
 * JavaScript may spell an absent field `undefined`), which the comparison allows.
 */
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Citation from "../src/values/Citation.js"
import * as Decode from "../src/values/Decode.js"
import * as RulePack from "../src/rules/RulePack.js"
import { definition } from "./fixtures/rules-pack.js"

/** A type with `undefined` removed from its optional properties, deeply. */
type Defined<T> = T extends bigint | string | number | boolean | null | undefined
  ? T
  : T extends ReadonlyArray<infer E>
    ? ReadonlyArray<Defined<E>>
    : { readonly [K in keyof T]: Defined<Exclude<T[K], undefined>> }

/** The fields of a type (of each member of a union). */
type Keys<T> = T extends unknown ? keyof T : never

/**
 * `true` when each type is assignable to the other and both have the same fields (an optional
 * field the schema lacks is assignable both ways, so fields are compared too), else what differs.
 */
type Agree<S, I> = [Keys<Defined<S>>] extends [Keys<Defined<I>>]
  ? [Keys<Defined<I>>] extends [Keys<Defined<S>>]
    ? [Defined<S>] extends [Defined<I>]
      ? [Defined<I>] extends [Defined<S>]
        ? true
        : "the interface allows what the schema refuses"
      : "the schema allows what the interface refuses"
    : "the interface has a field the schema lacks"
  : "the schema has a field the interface lacks"

const s = RulePack.schemas(Citation.schema)

// Fails to compile when a schema and its interface drift apart.
const agreement: {
  readonly capRule: Agree<typeof s.capRule.Type, RulePack.CapRule>
  readonly spendingItem: Agree<typeof s.spendingItem.Type, RulePack.SpendingItem>
  readonly activity: Agree<typeof s.activity.Type, RulePack.Activity>
  readonly eligibilityRule: Agree<typeof s.eligibilityRule.Type, RulePack.EligibilityRule>
  readonly criterion: Agree<typeof s.criterion.Type, RulePack.PriorityCriterion>
  readonly priorityClass: Agree<typeof s.priorityClass.Type, RulePack.PriorityClass>
  readonly priorityRules: Agree<typeof s.priorityRules.Type, RulePack.PriorityRules>
  readonly advanceCondition: Agree<typeof s.advanceCondition.Type, RulePack.AdvanceCondition>
  readonly advanceTier: Agree<typeof s.advanceTier.Type, RulePack.AdvanceTier>
  readonly advanceSchedule: Agree<typeof s.advanceSchedule.Type, RulePack.AdvanceSchedule>
  readonly deadline: Agree<typeof s.deadline.Type, RulePack.Deadline>
  readonly calendarEntry: Agree<typeof s.calendarEntry.Type, RulePack.CalendarEntry>
  readonly parameterValue: Agree<typeof RulePack.parameterValueSchema.Type, RulePack.ParameterValue>
  readonly pack: Agree<typeof RulePack.schema.Type, RulePack.RulePack>
} = {
  capRule: true,
  spendingItem: true,
  activity: true,
  eligibilityRule: true,
  criterion: true,
  priorityClass: true,
  priorityRules: true,
  advanceCondition: true,
  advanceTier: true,
  advanceSchedule: true,
  deadline: true,
  calendarEntry: true,
  parameterValue: true,
  pack: true
}

describe("RulePack schemas", () => {
  it("agree with the interfaces (checked by the compiler)", () => {
    expect(Object.values(agreement).every((x) => x === true)).toBe(true)
  })

  it("accept the test pack", () => {
    expect(Schema.is(RulePack.schema)(definition)).toBe(true)
    expect(Decode.problems(RulePack.schema, definition)).toEqual([])
  })

  it("report each structure's problems with Pack.load's codes, wherever the structure sits", () => {
    const codes = (schema: Decode.AnySchema, u: unknown) => Decode.problems(schema, u).map((i) => [i.path.join("."), i.code])
    expect(codes(s.capRule, { kind: "percentage", unit: "per-model" })).toEqual([["kind", "pack/unknown-cap-kind"]])
    expect(codes(s.capRule, "a cap")).toEqual([["", "pack/missing-cap-rule"]])
    expect(codes(s.capRule, { kind: "share-of-support", share: "overhead", unit: "per-model" })).toEqual([["unit", "pack/invalid-cap-unit"]])
    expect(codes(s.deadline, { kind: "yearly", month: 2, day: 30, yearOffset: 0 })).toEqual([["day", "pack/invalid-deadline"]])
    expect(codes(s.deadline, { kind: "monthly", day: 32, cutoff: "after" })).toEqual([
      ["day", "pack/invalid-deadline"],
      ["cutoff", "pack/invalid-deadline"]
    ])
    expect(codes(s.criterion, { kind: "any", of: [{ kind: "location-flag", flags: ["coastal"] }, 3] })).toEqual([
      ["of.0.flags.0", "pack/invalid-criterion"],
      ["of.1", "pack/missing-criterion"]
    ])
    const rule = definition.eligibility[0] as RulePack.EligibilityRule
    expect(codes(s.eligibilityRule, { ...rule, kind: "astrology" })).toEqual([["kind", "pack/unknown-rule-kind"]])
    const { citation: _c, ...uncited } = rule
    expect(codes(s.eligibilityRule, uncited)).toEqual([["citation", "pack/missing-citation"]])
    expect(codes(s.eligibilityRule, { ...rule, citation: { ...rule.citation, grade: "S" } })).toEqual([["citation.grade", "citation/invalid-grade"]])
  })
})
