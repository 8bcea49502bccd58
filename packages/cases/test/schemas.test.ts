/**
 * The JSON Schemas of packages/core/schemas (draft 2020-12, for callers in other languages)
 * accept what the library writes: the encoded evaluations of every case file (with and without
 * their trace), proposals, establishments, plans and envelopes from the arbitraries, contracts and
 * ledger events; and refuse money written as a number or with a decimal point. Validated with
 * ajv's 2020-12 validator. Lives with the case runner because the case files are its input.
 */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { Contract, Establishment, Evaluate, Ledger, Money, Overlay, Pack, Plan, Proposal, Rate, Resolution, Trace, type LocalDate, type RulePack } from "@khuyencong/core"
import * as arb from "@khuyencong/core/testing"
import Ajv2020 from "ajv/dist/2020.js"
import addFormats from "ajv-formats"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as p2014 from "../../rules-2014-2018/src/index.js"
import * as p2021 from "../../rules-2021-2025/src/index.js"
import * as p2026 from "../../rules-2026-2030/src/index.js"
import { Cases } from "../src/index.js"

const root = fileURLToPath(new URL("../../", import.meta.url))
const ajv = new Ajv2020.default({ strict: false, allErrors: true })
addFormats.default(ajv)
const validator = (name: string) => {
  const schema = JSON.parse(readFileSync(path.join(root, "core/schemas", `${name}.schema.json`), "utf8")) as object
  const v = ajv.compile(schema)
  return (value: unknown): ReadonlyArray<string> => (v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))
}

const modules = [p2014, p2021, p2026]
const packs: ReadonlyArray<RulePack.RulePack> = modules.map((m) => Pack.loadOrThrow(m.pack))
const overlays = modules.flatMap((m) => m.overlays)

const evaluationsOfCases = (trace: boolean): ReadonlyArray<{ readonly name: string; readonly evaluation: Evaluate.Evaluation }> => {
  const out: Array<{ name: string; evaluation: Evaluate.Evaluation }> = []
  for (const dir of ["rules-2014-2018", "rules-2021-2025", "rules-2026-2030"]) {
    const base = path.join(root, dir, "cases")
    for (const f of readdirSync(base, { recursive: true }).map(String).filter((x) => /\.(ya?ml|json)$/.test(x))) {
      const parsed = Cases.parseOrThrow(readFileSync(path.join(base, f), "utf8"), f)
      for (const c of parsed.cases) {
        const p = Proposal.decode(c.proposal)
        if (!p.ok) continue
        const date = c.date ?? Evaluate.dateOf(p.value)
        const pick = c.pack !== undefined ? packs.filter((x) => x.id === c.pack) : packs
        const governing = c.date !== undefined ? Resolution.forDate(pick, c.date) : Resolution.forPlanYear(pick, p.value.planYear)
        if (!governing.ok) continue
        const overlay = overlays.find((o) => o.id === c.overlay)
        const pack = overlay === undefined ? governing.value : Overlay.apply(governing.value, overlay)
        const rules = "ok" in pack ? (pack.ok ? pack.value : undefined) : pack
        if (rules === undefined) continue
        const establishments = new Map<string, Establishment.Establishment>()
        for (const [id, json] of Object.entries(c.establishments)) {
          const e = Establishment.decode(json, { asOf: date })
          if (e.ok) establishments.set(id, e.value)
        }
        const resolved = Pack.resolve(rules, date)
        if (!resolved.ok) continue
        const e = Evaluate.evaluate(p.value, resolved.value, { establishments, trace })
        if (e.ok) out.push({ name: `${f}: ${c.name}`, evaluation: e.value })
      }
    }
  }
  return out
}

describe("JSON Schemas", () => {
  it("evaluation: every case file's evaluation, encoded, with and without its trace", () => {
    const valid = validator("evaluation")
    for (const trace of [true, false]) {
      const all = evaluationsOfCases(trace)
      expect(all.length).toBeGreaterThan(100)
      for (const { name, evaluation } of all) expect([name, valid(Evaluate.encode(evaluation))]).toEqual([name, []])
    }
  })

  it("proposal, establishment, plan, envelope: encoded values from the arbitraries", () => {
    const cases = [
      ["proposal", arb.proposal, Proposal.encode],
      ["establishment", arb.establishment, Establishment.encode],
      ["plan", arb.plan, Plan.encode],
      ["envelope", arb.budgetEnvelope, Plan.encodeBudgetEnvelope]
    ] as const
    for (const [name, a, encode] of cases) {
      const valid = validator(name)
      for (const v of fc.sample(a as fc.Arbitrary<never>, { seed: 14, numRuns: 60 })) {
        const json = (encode as (x: never) => unknown)(v)
        expect([name, valid(json)]).toEqual([name, []])
      }
    }
  })

  it("contract and ledger events, as Trace.toJson writes them", () => {
    const pack = Pack.loadOrThrow(p2021.pack)
    const contract = Contract.make(
      { id: "HĐ-2023-HG-03", approvedSupport: Money.make(900_000_000n), activities: ["machinery"], approved: "2023-03-15" as LocalDate.LocalDate, signed: "2023-04-05" as LocalDate.LocalDate, planYear: 2023, province: "02" },
      [pack]
    )
    if (!contract.ok) throw contract.error
    expect(validator("contract")(Trace.toJson(contract.value))).toEqual([])
    const events: ReadonlyArray<Ledger.Event> = [
      { id: "1", idempotencyKey: "HG-03/adv", kind: "advance", date: "2023-06-02" as LocalDate.LocalDate, amount: Money.make(600_000_000n), evidence: { progressShare: Rate.make(3n, 4n) } },
      { id: "2", idempotencyKey: "HG-03/pay", kind: "payment", date: "2023-12-12" as LocalDate.LocalDate, amount: Money.make(300_000_000n), evidence: { baseAcceptance: "2023-12-05" as LocalDate.LocalDate } }
    ]
    let ledger = Ledger.open(contract.value)
    const valid = validator("ledger-event")
    for (const e of events) {
      const posted = Ledger.post(ledger, e)
      if (!posted.ok) throw posted.error
      ledger = posted.value
      expect(valid(Trace.toJson(e))).toEqual([])
    }
    const json = Trace.toJson(events[0]) as Record<string, unknown>
    expect(valid({ ...json, amount: 600000000 })).not.toEqual([]) // money is a string
    expect(valid({ ...json, amount: "600000000.5" })).not.toEqual([])
    expect(valid({ ...json, date: "2023-6-2" })).not.toEqual([])
    expect(valid({ ...json, kind: "loan" })).not.toEqual([])
  })
})

describe("descriptions in English and Vietnamese", () => {
  const files = readdirSync(path.join(root, "core/schemas")).filter((f) => f.endsWith(".schema.json"))
  it.each(files)("%s: every property, at every depth and in every $defs entry, has both", (file) => {
    const schema = JSON.parse(readFileSync(path.join(root, "core/schemas", file), "utf8")) as unknown
    const missing: Array<string> = []
    let seen = 0
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`))
      if (node === null || typeof node !== "object") return
      for (const [k, v] of Object.entries(node)) {
        if (k === "properties")
          for (const [name, prop] of Object.entries(v as Record<string, Record<string, unknown>>)) {
            seen++
            const en = prop["x-description-en"]
            const vi = prop["x-description-vi"]
            const ok = typeof en === "string" && en.trim() !== "" && typeof vi === "string" && vi.trim() !== "" && prop["description"] === `${en} — ${vi}`
            if (!ok) missing.push(`${at}.${name}`)
            walk(prop, `${at}.${name}`)
          }
        else walk(v, `${at}.${k}`)
      }
    }
    walk(schema, "")
    expect(seen).toBeGreaterThan(0)
    expect(missing).toEqual([])
  })
})
