// Catalogue coverage of the testing arbitraries: how many generated cost lines (and activities)
// name an item (activity) that a resolved pack offers, so that support is computed on them rather
// than refused as `not-in-catalogue`. Not a test: prints the counts for `proposal` (free codes)
// and `portfolio(resolved)` (drawn from the catalogue) over the same number of proposals.
//
//   npx tsc -b && node bench/policy/coverage.mjs [--n 1000] [--seed 42]
import * as fc from "fast-check"
import { Evaluate, Pack } from "../../packages/core/dist/index.js"
import { portfolio, proposal } from "../../packages/core/dist/testing/index.js"
import { pack } from "../../packages/rules-2021-2025/dist/index.js"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N = Number(arg("--n", "1000"))
const seed = Number(arg("--seed", "42"))
const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(pack), "2024-06-30")

const count = (proposals, establishments) => {
  const c = { proposals: proposals.length, lines: 0, linesNotInCatalogue: 0, activities: 0, activitiesNotInCatalogue: 0, eligible: undefined, bindings: {} }
  for (const p of proposals)
    for (const a of p.activities) {
      c.activities++
      if (!resolved.activityIndex.has(a.activity)) c.activitiesNotInCatalogue++
      for (const l of a.costLines) {
        c.lines++
        if (!resolved.itemIndex.has(l.item)) c.linesNotInCatalogue++
      }
    }
  if (establishments !== undefined) {
    c.eligible = 0
    for (const p of proposals) {
      const e = Evaluate.evaluateOrThrow(p, resolved, { establishments })
      if (e.verdict === "eligible") c.eligible++
      for (const l of e.support.lines) c.bindings[l.binding] = (c.bindings[l.binding] ?? 0) + 1
    }
  }
  return c
}

const free = fc.sample(proposal, { numRuns: N, seed })
const [drawn] = fc.sample(portfolio(resolved, { proposals: { min: N, max: N }, provinces: { min: 6, max: 6 }, establishmentsPerProvince: { min: 20, max: 40 } }), { numRuns: 1, seed })
console.log(JSON.stringify({ pack: resolved.packId, date: resolved.date, seed, proposal: count(free), portfolio: count(drawn.proposals, drawn.establishments) }, null, 2))
