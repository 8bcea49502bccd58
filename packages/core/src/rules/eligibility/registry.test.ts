import { describe, expect, expectTypeOf, it } from "vitest"
import { compile, outcomes, prefix, suffix } from "../../../test/fixtures/kinds.js"
import { definition } from "../../../test/fixtures/rules-pack.js"
import type { RuleConfig } from "../Eligibility.js"
import * as Pack from "../Pack.js"
import type { EligibilityRuleKind } from "../RulePack.js"
import { isKind, kindNames, specOf } from "./registry.js"

/** The kinds and configurations as they were written out by hand before the registry. */
type Written =
  | {
      readonly kind: "legal-form"
      readonly forms: ReadonlyArray<string>
      readonly cleanerProductionExempt: boolean
      readonly artisanTitles: ReadonlyArray<string>
      readonly sustainableProductionExempt: boolean
      readonly clusterInvestorForms: ReadonlyArray<string>
    }
  | {
      readonly kind: "location"
      readonly unitKinds: ReadonlyArray<string>
      readonly wardCityClasses: ReadonlyArray<string>
      readonly convertedWardCityClasses: ReadonlyArray<string>
      readonly conversionWindowYears: number
      readonly cleanerProductionExempt: boolean
    }
  | {
      readonly kind: "location-province"
      readonly provinceUnitKinds: ReadonlyArray<string>
      readonly centralCityUnitKinds: ReadonlyArray<string>
      readonly centralCities: ReadonlyArray<string>
      readonly craftVillages: boolean
      readonly cleanerProductionExempt: boolean
      readonly sustainableProductionExempt: boolean
      readonly clusterInvestorForms: ReadonlyArray<string>
    }
  | { readonly kind: "industry"; readonly industries: ReadonlyArray<string>; readonly cleanerProductionCovered: boolean }
  | { readonly kind: "industry-exclusion"; readonly excluded: ReadonlyArray<string>; readonly description: string }
  | { readonly kind: "mining-area"; readonly industries: ReadonlyArray<string>; readonly areas: ReadonlyArray<string> }
  | { readonly kind: "difficult-area"; readonly areas: ReadonlyArray<string> }
  | { readonly kind: "polluting-establishment" }
  | { readonly kind: "events-abroad"; readonly max: number }
  | { readonly kind: "activity-in-catalogue" }
  | { readonly kind: "approved" }
  | { readonly kind: "counterpart-funding" }
  | { readonly kind: "no-double-funding" }
  | { readonly kind: "new-to-area"; readonly items: ReadonlyArray<string>; readonly funds: ReadonlyArray<string> }

describe("the registry of eligibility rule kinds", () => {
  it("derives the kind names and the configuration types from the kinds it lists", () => {
    expectTypeOf<EligibilityRuleKind>().toEqualTypeOf<Written["kind"]>()
    expectTypeOf<RuleConfig>().toEqualTypeOf<Written>()
    expect(kindNames).toEqual([
      "legal-form",
      "location-province",
      "location",
      "industry",
      "industry-exclusion",
      "mining-area",
      "difficult-area",
      "polluting-establishment",
      "events-abroad",
      "activity-in-catalogue",
      "approved",
      "counterpart-funding",
      "no-double-funding",
      "new-to-area"
    ])
    expect(kindNames.every(isKind)).toBe(true)
    expect([isKind("location "), isKind("toString"), isKind(undefined)]).toEqual([false, false, false])
  })

  it("gives Pack.load each kind's scope and roles in order, `?` marking the optional ones", () => {
    const roles = Object.fromEntries(kindNames.map((k) => [k, `${specOf(k).scope}: ${specOf(k).roles.map((r) => `${r.role}${r.optional ? "?" : ""} ${r.type}`).join(", ")}`]))
    expect(roles).toEqual({
      "legal-form": "establishment: forms list, cleanerProductionExempt? boolean, artisanTitles? list, sustainableProductionExempt? boolean, clusterInvestorForms? list",
      "location-province":
        "establishment: provinceUnitKinds list, centralCityUnitKinds list, centralCities list, craftVillages? boolean, cleanerProductionExempt? boolean, sustainableProductionExempt? boolean, clusterInvestorForms? list",
      location: "establishment: unitKinds list, wardCityClasses list, convertedWardCityClasses list, conversionWindowYears number, cleanerProductionExempt? boolean",
      industry: "establishment: industries list, cleanerProductionCovered? boolean",
      "industry-exclusion": "establishment: excluded list",
      "mining-area": "establishment: industries list, areas list",
      "difficult-area": "establishment: areas list",
      "polluting-establishment": "establishment: ",
      "events-abroad": "establishment: max number",
      "activity-in-catalogue": "proposal: ",
      approved: "proposal: ",
      "counterpart-funding": "proposal: ",
      "no-double-funding": "proposal: ",
      "new-to-area": "proposal: items list, funds list"
    })
  })

  it("every kind compiles with its optional roles left out ([] , false, 0) and builds well-formed, frozen outcomes", () => {
    for (const kind of kindNames) {
      const required = Object.fromEntries(specOf(kind).roles.filter((r) => !r.optional).map((r) => [r.role, r.type === "list" ? ["a"] : r.type === "number" ? 1 : true]))
      const rule = compile(kind, required)
      expect(rule.scope).toBe(specOf(kind).scope)
      expect(Object.keys(rule.config)).toEqual(["kind", ...specOf(kind).roles.map((r) => r.role), ...(kind === "industry-exclusion" ? ["description"] : [])])
      for (const r of specOf(kind).roles) if (r.optional) expect((rule.config as unknown as Record<string, unknown>)[r.role], `${kind}.${r.role}`).toEqual(r.type === "list" ? [] : false)
      const all = outcomes(rule)
      expect(all.length, kind).toBeGreaterThan(0)
      for (const c of all) {
        expect([c.rule, c.kind, c.grade, c.layer]).toEqual([`eligibility.${kind}`, kind, "primary", "national"])
        expect(c.reason).toMatch(/^[a-z-]+\/[a-z-]+(:.+)?$/)
        expect(c.message.startsWith(prefix) && c.message.endsWith(suffix), c.message).toBe(true)
        expect(c.message, c.reason).toMatch(/\(.*[ạ-ỹà-ýđ].*\)/) // names the Vietnamese term
        expect(Object.isFrozen(c)).toBe(true)
      }
    }
  })

  it("Pack.load refuses a kind that is not listed, naming those that are", () => {
    const r = Pack.load({ ...definition, eligibility: [{ ...(definition.eligibility[0] as (typeof definition.eligibility)[number]), kind: "owner-group" as EligibilityRuleKind }] })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues.map((i) => [i.code, i.message])).toContainEqual(["pack/unknown-rule-kind", `eligibility rule "eligibility.legal-form" has kind "owner-group", which the core does not know (${kindNames.join(", ")})`])
  })
})
