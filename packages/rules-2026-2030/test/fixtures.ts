/**
 * Shared helpers for the 2026–2030 pack tests: the two national packs loaded once, establishments
 * decoded from their JSON form (assessed at a date, as the case runner does) and verdicts.
 *
 * The 2021–2025 pack is imported from its sources (test-only; this package does not depend on it).
 * Commune names are illustrative (old → new ward names from the dvhcvn/20250701 commune mapping,
 * which is LLM-assisted and unconfirmed); only the unit kind, city class and province code matter.
 */
import { Eligibility, Establishment, LocalDate, Pack } from "@khuyencong/core"
import type { RulePack } from "@khuyencong/core"
import { establishmentJson } from "@khuyencong/core/testing"
import { pack as pack2021 } from "../../rules-2021-2025/src/index.js"
import { pack as pack2026 } from "../src/index.js"

export const d = LocalDate.parseOrThrow

export const loaded2021: RulePack.RulePack = Pack.loadOrThrow(pack2021)
export const loaded2026: RulePack.RulePack = Pack.loadOrThrow(pack2026)

/** A pre-reform decision under the 2021–2025 pack, and a post-Decree 235 one under 2026–2030. */
export const BEFORE = { pack: loaded2021, date: d("2025-06-30"), planYear: 2025 } as const
export const AFTER = { pack: loaded2026, date: d("2026-03-02"), planYear: 2026 } as const

type Json = Readonly<Record<string, unknown>>

/** A small enterprise producing handicrafts in a commune of Thái Nguyên, as JSON, pre-reform. */
export const baseBefore: Json = establishmentJson()

/** The same establishment recorded after the reorganisation: no district, the new commune. */
export const baseAfter: Json = {
  ...baseBefore,
  location: { ...(baseBefore["location"] as Json), district: undefined, commune: { name: "Xã Phú Lương", kind: "commune" } }
}

const strip = (o: unknown): unknown => {
  if (Array.isArray(o)) return o.map(strip)
  if (typeof o !== "object" || o === null) return o
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, strip(v)]))
}

/** Shallow-merge `changes` into `base`, one level deep for `location`; `undefined` removes a field. */
export const variant = (base: Json, changes: Json): Json => {
  const loc = changes["location"] as Json | undefined
  const merged: Json = { ...base, ...changes, ...(loc === undefined ? {} : { location: { ...(base["location"] as Json), ...loc } }) }
  return strip(merged) as Json
}

/** Decode an establishment as of a date (throws with every issue on bad input). */
export const establishment = (json: Json, asOf: LocalDate.LocalDate): Establishment.Establishment => {
  const r = Establishment.decode(json, { asOf })
  if (!r.ok) throw new Error(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"))
  return r.value
}

/** The verdict on an establishment under a pack at a date, for a plan year. */
export const verdict = (
  json: Json,
  at: { readonly pack: RulePack.RulePack; readonly date: LocalDate.LocalDate; readonly planYear: number }
): Eligibility.EstablishmentVerdict =>
  Eligibility.evaluateEstablishment(establishment(json, at.date), Pack.resolveOrThrow(at.pack, at.date), at.planYear)

/** The condition of one rule in a verdict. */
export const condition = (v: Eligibility.EstablishmentVerdict, rule: string): Eligibility.Condition => {
  const c = v.conditions.find((x) => x.rule === rule)
  if (c === undefined) throw new Error(`rule ${rule} was not checked`)
  return c
}
