/**
 * Internal: the eligibility rule kinds core knows, one folder each (see `Kind.ts`). The list is the
 * only place that names them: `RulePack.EligibilityRuleKind` and `Eligibility.RuleConfig` are
 * derived from it, `Pack.load` checks a rule's kind, roles and role types against it, and
 * resolution compiles each rule with its kind. Adding a condition is a new folder and one line
 * here (with its import).
 * @module
 */
import { activityInCatalogue } from "./activity-in-catalogue/index.js"
import { approved } from "./approved/index.js"
import { counterpartFunding } from "./counterpart-funding/index.js"
import { difficultArea } from "./difficult-area/index.js"
import { eventsAbroad } from "./events-abroad/index.js"
import { industry } from "./industry/index.js"
import { industryExclusion } from "./industry-exclusion/index.js"
import type { ConfigOf, Kind, RoleType } from "./Kind.js"
import { legalForm } from "./legal-form/index.js"
import { location } from "./location/index.js"
import { locationProvince } from "./location-province/index.js"
import { miningArea } from "./mining-area/index.js"
import { newToArea } from "./new-to-area/index.js"
import { noDoubleFunding } from "./no-double-funding/index.js"
import { pollutingEstablishment } from "./polluting-establishment/index.js"

/** Every kind, in the order `Pack.load` names them when a rule's kind is unknown. */
const kinds = [
  legalForm,
  locationProvince,
  location,
  industry,
  industryExclusion,
  miningArea,
  difficultArea,
  pollutingEstablishment,
  eventsAbroad,
  activityInCatalogue,
  approved,
  counterpartFunding,
  noDoubleFunding,
  newToArea
] as const

/**
 * A kind's name (inlined by the API reference, which shows the union of names).
 * @inline
 */
export type KindName = (typeof kinds)[number]["kind"]

/**
 * A rule's configuration, whatever its kind (inlined by the API reference, which shows the union of
 * configurations).
 * @inline
 */
export type AnyConfig = ConfigOf<(typeof kinds)[number]>

/** One parameter role of a kind, for validation. */
export interface RoleSpec {
  readonly role: string
  readonly type: RoleType
  readonly optional: boolean
}

/** What `Pack.load` checks of a rule of a kind: its scope and its roles, in order. */
export interface KindSpec {
  readonly scope: Kind["scope"]
  readonly roles: ReadonlyArray<RoleSpec>
}

const byName: ReadonlyMap<string, Kind<KindName>> = new Map(kinds.map((k) => [k.kind, k as Kind<KindName>]))

const specs: ReadonlyMap<string, KindSpec> = new Map(
  kinds.map((k) => [
    k.kind,
    Object.freeze({
      scope: k.scope,
      roles: Object.freeze(Object.entries(k.roles).map(([role, r]) => Object.freeze({ role, type: r.type, optional: r.optional })))
    })
  ])
)

/** The names of every kind, in order. */
export const kindNames: ReadonlyArray<KindName> = Object.freeze(kinds.map((k) => k.kind))

/** Whether a value is the name of a known kind. */
export const isKind = (u: unknown): u is KindName => typeof u === "string" && byName.has(u)

/** The kind of a name `isKind` accepted. */
export const kindOf = (name: KindName): Kind<KindName> => byName.get(name) as Kind<KindName>

/** The scope and roles of a kind. */
export const specOf = (name: KindName): KindSpec => specs.get(name) as KindSpec
