import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { Decode, Errors, Proposal } from "@khuyencong/core"
import * as Storage from "../src/Storage.js"
import { fixtures, storageContract } from "../src/testing/contract.js"
import { memoryBackend, memoryLayer, memoryStore } from "../src/testing/memory.js"

describe("the storage contract on the in-memory store", () => {
  for (const c of storageContract)
    it(c.name, async () => {
      const store = memoryStore()
      try {
        await c.run(store)
      } finally {
        await Effect.runPromise(store.close())
      }
    })
})

describe("Storage", () => {
  it("the suite has a case for each part of the contract", () => {
    const names = storageContract.map((c) => c.name.split(":")[0])
    for (const part of ["establishments", "proposals", "plans", "evaluations", "allocations", "contracts", "ledger"])
      expect(names).toContain(part)
    expect(new Set(storageContract.map((c) => c.name)).size).toBe(storageContract.length)
  })

  it("the service is provided by a layer and used with yield*", async () => {
    const program = Effect.gen(function* () {
      const store = yield* Storage.Storage
      const v = yield* store.saveProposal(fixtures.proposal("DA-1"))
      const again = yield* store.saveProposal(fixtures.proposal("DA-1"))
      return [v.version, again.version, (yield* store.proposalHistory("DA-1")).length]
    })
    expect(await Effect.runPromise(Effect.provide(program, memoryLayer()))).toEqual([1, 2, 2])
  })

  it("layerFrom opens the store when built and closes it with the scope", async () => {
    let opened = 0
    let closed = 0
    const backend = memoryBackend()
    const layer = Storage.layerFrom(async () => {
      opened++
      return Storage.make({ ...backend, close: async () => void closed++ })
    })
    const program = Effect.gen(function* () {
      const store = yield* Storage.Storage
      return (yield* store.saveProposal(fixtures.proposal("DA-1"))).version
    })
    expect(await Effect.runPromise(Effect.provide(program, layer))).toBe(1)
    expect([opened, closed]).toEqual([1, 1])
    const failing = Storage.layerFrom(async () => {
      throw new Error("connection refused")
    })
    const e = await Effect.runPromise(Effect.flip(Effect.provide(program, failing)))
    expect(e._tag).toBe("StorageError")
    expect(e.code).toBe("storage/unavailable")
    expect(Layer.isLayer(failing)).toBe(true)
  })

  it("anything a backend throws that is not a typed error becomes a StorageError, never a raw error", async () => {
    const boom = new Error("socket hang up")
    const store = Storage.make({ ...memoryBackend(), putProposals: async () => Promise.reject(boom) })
    const e = await Effect.runPromise(Effect.flip(store.saveProposal(fixtures.proposal("DA-1"))))
    expect(e._tag).toBe("StorageError")
    expect(e.code).toBe("storage/unexpected")
    expect((e as Storage.StorageError).cause).toBe(boom)
  })

  it("typed errors thrown by a backend keep their class and, for single saves, lose the batch index", async () => {
    const store = Storage.make({
      ...memoryBackend(),
      putEvaluations: async () => {
        throw Storage.unknownReference("proposal", "DA-1", [0, "proposalId"])
      }
    })
    const e = await Effect.runPromise(Effect.flip(store.saveEvaluation(fixtures.evaluate(fixtures.proposal("DA-1")))))
    expect(e).toBeInstanceOf(Errors.RuleViolation)
    expect(e.path).toEqual(["proposalId"])
    const v = await Effect.runPromise(Effect.flip(store.saveProposal({ ...fixtures.proposal("DA-1"), title: "" })))
    expect(v).toBeInstanceOf(Errors.ValidationError)
    expect((v as Errors.ValidationError).issues.map((i) => i.path)).toEqual([["title"]])
  })

  it("a proposal as Proposal.decode returned it is stored as is, frozen; a copy changed since is checked again", async () => {
    const json = fixtures.proposalJson("DA-1")
    const p = fixtures.proposal("DA-1")
    expect(Decode.decodedAs(p)?.subject.code).toBe("proposal")
    expect(() => {
      ;(p as { title: string }).title = ""
    }).toThrow(TypeError)
    // the same record whether the store decodes the JSON or takes the decoded value
    const a = memoryStore()
    const b = memoryStore()
    await Effect.runPromise(a.saveProposal(p))
    await Effect.runPromise(b.saveProposal(json as unknown as Proposal.Proposal))
    const [ra, rb] = await Promise.all([Effect.runPromise(a.getProposal("DA-1")), Effect.runPromise(b.getProposal("DA-1"))])
    expect(ra?.proposal).toEqual(rb?.proposal)
    expect(Proposal.encode(ra?.proposal as Proposal.Proposal)).toEqual(Proposal.encode(p))
    // a copy is not the decoded value: its problems are found
    const bad = { ...p, activities: [{ ...p.activities[0], costLines: p.activities[0]?.costLines.map((l) => ({ ...l, total: l.total + 1n })) }] }
    expect(Decode.decodedAs(bad)).toBeUndefined()
    const e = await Effect.runPromise(Effect.flip(a.saveProposal(bad as unknown as Proposal.Proposal)))
    expect((e as Errors.ValidationError).issues.map((i) => i.code)).toContain("proposal/total-mismatch")
    await Promise.all([Effect.runPromise(a.close()), Effect.runPromise(b.close())])
  })

  it("exact JSON keeps bigints and undefined keys; canonical text ignores key order and undefined keys", () => {
    const value = { b: 12345678901234567890123n, a: [1, "x", { n: -5n, u: undefined }], c: null }
    const json = Storage.toExactJson(value)
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      b: { $bigint: "12345678901234567890123" },
      a: [1, "x", { n: { $bigint: "-5" }, u: { $undefined: true } }],
      c: null
    })
    const back = Storage.fromExactJson(JSON.parse(JSON.stringify(json)))
    expect(back).toStrictEqual(value)
    expect(Object.keys((back as { a: [number, string, object] }).a[2])).toEqual(["n", "u"])
    expect(Storage.canonical({ x: 1n, y: "a" })).toBe(Storage.canonical({ y: "a", x: 1n }))
    expect(Storage.canonical({ x: 1n, u: undefined })).toBe(Storage.canonical({ x: 1n }))
    expect(Storage.canonical({ x: 1n })).not.toBe(Storage.canonical({ x: 2n }))
    expect(() => Storage.toExactJson({ f: () => 1 })).toThrow(TypeError)
  })
})
