/**
 * What a store writes for a proposal, an establishment and a plan is the same JSON document
 * whether the value came from its decoder (only encoded, once, to text) or was built by hand
 * (decoded again): the text the backend is given is `JSON.stringify` of the JSON form computed as
 * before this path existed (encode, then a JSON round trip), byte for byte, and the stored `jsonb`
 * is that text's, on PGlite and on the server. Generated values (core's arbitraries), fixed seed.
 */
import { Decode, Establishment, Plan, Proposal } from "@khuyencong/core"
import { establishment, plan, proposal } from "@khuyencong/core/testing"
import { Storage } from "@khuyencong/storage"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { makeBackend } from "../src/backend.js"
import { hasServer, pgliteHarness, serverHarness, type Harness } from "./harness.js"

/** The JSON form as the store computed it before: encode, then a JSON round trip. */
const before = (encoded: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(encoded)))

const unique = <A extends { readonly id: string }>(xs: ReadonlyArray<A>): ReadonlyArray<A> => [...new Map(xs.map((x) => [x.id, x])).values()]
const decoded = <A>(r: { readonly ok: boolean; readonly value?: A; readonly error?: unknown }): A => {
  if (!r.ok) throw r.error
  return r.value as A
}

const proposals = unique(fc.sample(proposal, { seed: 16, numRuns: 120 }))
const establishments = unique(fc.sample(establishment, { seed: 17, numRuns: 60 }))
const plans = unique(fc.sample(plan, { seed: 18, numRuns: 20 }))
/** The same values as their decoders return them (recorded as decoded: only encoded by the store). */
const fromDecoder = {
  proposals: proposals.map((p) => decoded(Proposal.decode(JSON.parse(JSON.stringify(Proposal.encode(p)))))),
  establishments: establishments.map((e) => decoded(Establishment.decode(JSON.parse(JSON.stringify(Establishment.encode(e)))))),
  plans: plans.map((p) => decoded(Plan.decode(JSON.parse(JSON.stringify(Plan.encode(p))))))
}

/** What `saveProposals`, `saveEstablishments` and `savePlan` hand a backend, captured. */
const captured = async (
  ps: ReadonlyArray<Proposal.Proposal>,
  es: ReadonlyArray<Establishment.Establishment>,
  pls: ReadonlyArray<Plan.Plan>
): Promise<{
  readonly proposals: ReadonlyArray<Storage.ProposalWrite>
  readonly establishments: ReadonlyArray<Storage.EstablishmentWrite>
  readonly plans: ReadonlyArray<Storage.PlanWrite>
}> => {
  const out = { proposals: [] as Array<Storage.ProposalWrite>, establishments: [] as Array<Storage.EstablishmentWrite>, plans: [] as Array<Storage.PlanWrite> }
  const backend = makeBackend({} as never, { schema: "unused" })
  const s = Storage.toAsync(
    Storage.make({
      ...backend,
      putProposals: async (ws) => (out.proposals.push(...ws), []),
      putEstablishments: async (ws) => void out.establishments.push(...ws),
      putPlan: async (w) => void out.plans.push(w)
    })
  )
  for (const r of [await s.saveProposals(ps), await s.saveEstablishments(es), ...(await Promise.all(pls.map((p) => s.savePlan(p))))]) if (!r.ok) throw r.error
  return out
}

describe("the documents a store writes", () => {
  it("are the same text, from a decoder or built by hand, as the JSON form computed before", async () => {
    expect(proposals.length).toBeGreaterThan(100)
    expect(fromDecoder.proposals.every((p) => Decode.decodedAs(p)?.subject.code === "proposal")).toBe(true)
    expect(proposals.some((p) => Decode.decodedAs(p) !== undefined)).toBe(false)
    for (const [label, values] of [
      ["from the decoders", fromDecoder],
      ["built by hand", { proposals, establishments, plans }]
    ] as const) {
      const w = await captured(values.proposals, values.establishments, values.plans)
      expect(w.proposals.map((x) => x.encodedJson), label).toEqual(values.proposals.map((p) => before(Proposal.encode(p))))
      expect(w.establishments.map((x) => x.encodedJson), label).toEqual(values.establishments.map((e) => before(Establishment.encode(e))))
      expect(w.plans.map((x) => x.encodedJson), label).toEqual(values.plans.map((p) => before(Plan.encode(p))))
      // the JSON form, where a backend reads it, is that text parsed
      expect(w.proposals.map((x) => x.encoded), label).toEqual(values.proposals.map((p) => JSON.parse(before(Proposal.encode(p)))))
      expect(w.establishments.map((x) => x.encoded), label).toEqual(values.establishments.map((e) => JSON.parse(before(Establishment.encode(e)))))
    }
  })

  it("a lone surrogate in a decoded proposal is still refused, at its path (the text check read from the JSON text)", async () => {
    const [first] = fromDecoder.proposals
    if (first === undefined) throw new Error("no proposal generated")
    const p = decoded(Proposal.decode({ ...(JSON.parse(JSON.stringify(Proposal.encode(first))) as object), title: "Đề án \uD800" }))
    const s = Storage.toAsync(Storage.make(makeBackend({} as never, { schema: "unused" })))
    const r = await s.saveProposals([p])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect((r.error as { readonly issues: ReadonlyArray<{ readonly code: string; readonly path: ReadonlyArray<unknown> }> }).issues.map((i) => [i.path.join("."), i.code])).toEqual([
      ["0.title", "storage/invalid-text"]
    ])
  })
})

const stored = (h: Harness): void => {
  it("stored as jsonb: each version's document is the jsonb of the text computed before", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    const r = await s.saveProposals(fromDecoder.proposals)
    if (!r.ok) throw r.error
    const rows = await h.sql<{ readonly id: string; readonly document: string; readonly expected: string }>(
      `SELECT v.proposal_id AS id, v.document::text AS document, x.expected::jsonb::text AS expected
         FROM "${store.schema}".proposal_versions v JOIN unnest($1::text[], $2::text[]) AS x(id, expected) ON x.id = v.proposal_id`,
      [fromDecoder.proposals.map((p) => p.id), fromDecoder.proposals.map((p) => before(Proposal.encode(p)))]
    )
    expect(rows.length).toBe(fromDecoder.proposals.length)
    expect(rows.filter((x) => x.document !== x.expected)).toEqual([])
    await store.close()
  })
}

describe("PGlite", () => {
  const h = pgliteHarness()
  afterAll(() => h.teardown())
  stored(h)
})

describe.runIf(hasServer)("PostgreSQL server", () => {
  const h = serverHarness(2)
  afterAll(() => h.teardown())
  stored(h)
})
