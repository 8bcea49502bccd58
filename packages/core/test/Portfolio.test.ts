/** The portfolio arbitrary: valid records, drawn from the pack's catalogue, placed in provinces in force. */
import { test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import * as AdminUnits from "../src/records/AdminUnits.js"
import * as Establishment from "../src/records/Establishment.js"
import * as Pack from "../src/rules/Pack.js"
import * as Proposal from "../src/records/Proposal.js"
import { portfolio } from "../src/testing/index.js"
import { d, definition } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)

describe.each([d("2024-06-01"), d("2025-09-01")])("portfolio over the pack resolved on %s", (date) => {
  const resolved = Pack.resolveOrThrow(pack, date)
  test.prop([portfolio(resolved, { proposals: { min: 1, max: 10 } })])("valid records, every line in the catalogue, beneficiaries of the proposal's province", (pf) => {
    const inForce = new Set(AdminUnits.provinceCodesOn(date))
    for (const e of pf.establishments.values()) {
      expect(Establishment.decode(Establishment.encode(e), { asOf: date }).ok).toBe(true)
      expect(inForce.has(e.location.provinceCode)).toBe(true)
    }
    for (const p of pf.proposals) {
      expect(Proposal.decode(Proposal.encode(p)).ok).toBe(true)
      expect(p.approvalDate).toBe(date)
      for (const a of p.activities) {
        expect(resolved.activityIndex.get(a.activity)?.items).toBeDefined()
        for (const l of a.costLines) expect(resolved.activityIndex.get(a.activity)?.items).toContain(l.item)
      }
      for (const b of p.beneficiaries) expect(pf.establishments.get(b)?.location.provinceCode).toBe(p.locations[0]?.provinceCode)
    }
    expect(new Set(pf.proposals.map((p) => p.id)).size).toBe(pf.proposals.length)
  })
})

