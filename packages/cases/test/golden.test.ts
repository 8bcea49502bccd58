/**
 * Evaluation results do not change when evaluation is made faster (issue 16): `Evaluate.encode`
 * of every evaluation of generated portfolios (`portfolio`, fixed seed) over each shipped pack,
 * trace off and on, with and without the priority multiplier, written as JSON text, is compared
 * with the digests recorded from the code before the change (fixtures/evaluations.golden.json).
 * The JSON text is compared, so field order, absent fields and the input hash count too. A digest
 * per evaluation keeps the file small; on a difference the test names the proposal and case.
 *
 * The file is written (from the code as it is) with `KC_GOLDEN=write pnpm exec vitest run
 * packages/cases/test/golden.test.ts`; do that only for a change meant to alter results.
 */
import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Evaluate, LocalDate, Pack, type RulePack } from "@khuyencong/core"
import { portfolio } from "@khuyencong/core/testing"
import * as fc from "fast-check"
import { describe, expect, test } from "vitest"
import * as p2014 from "../../rules-2014-2018/src/index.js"
import * as p2021 from "../../rules-2021-2025/src/index.js"
import * as p2026 from "../../rules-2026-2030/src/index.js"

const FILE = fileURLToPath(new URL("./fixtures/evaluations.golden.json", import.meta.url))

/** Each pack at a date inside the period it governs (as in properties.test.ts). */
const cases: ReadonlyArray<readonly [string, RulePack.RulePack, LocalDate.LocalDate]> = [
  [p2014.pack.id, p2014.pack, LocalDate.makeOrThrow(2016, 6, 1)],
  [p2021.pack.id, p2021.pack, LocalDate.makeOrThrow(2023, 6, 1)],
  [p2026.pack.id, p2026.pack, LocalDate.makeOrThrow(2027, 3, 1)]
]

const digest = (s: string): string => createHash("sha256").update(s).digest("hex")

/** pack → "portfolio/proposal/options" → digest of `JSON.stringify(Evaluate.encode(e))`, or of the error's code and message. */
const compute = (): Record<string, Record<string, string>> => {
  const out: Record<string, Record<string, string>> = {}
  for (const [id, pack, date] of cases) {
    const resolved = Pack.resolveOrThrow(pack, date)
    const byKey: Record<string, string> = {}
    const samples = fc.sample(portfolio(resolved, { proposals: { min: 1, max: 12 } }), { seed: 16, numRuns: 25 })
    samples.forEach((pf, k) => {
      for (const p of pf.proposals)
        for (const [name, options] of [
          ["off", {}],
          ["on", { trace: true }],
          ["priority", { applyPriorityMultiplier: true }],
          ["priority-on", { applyPriorityMultiplier: true, trace: true }]
        ] as const) {
          const r = Evaluate.evaluate(p, resolved, { establishments: pf.establishments, ...options })
          byKey[`${k}/${p.id}/${name}`] = digest(r.ok ? JSON.stringify(Evaluate.encode(r.value)) : `error ${r.error.code}: ${r.error.message}`)
        }
    })
    out[id] = byKey
  }
  return out
}

describe("evaluations of generated portfolios, encoded", () => {
  test("are those recorded before evaluation was made faster, field for field", () => {
    const actual = compute()
    if (process.env["KC_GOLDEN"] === "write") writeFileSync(FILE, `${JSON.stringify(actual, null, 1)}\n`)
    const golden = JSON.parse(readFileSync(FILE, "utf8")) as Record<string, Record<string, string>>
    for (const [id] of cases) {
      expect(Object.keys(actual[id] ?? {}).length).toBeGreaterThan(100)
      expect(actual[id]).toEqual(golden[id])
    }
  })
})
