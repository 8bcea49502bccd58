// The same use from TypeScript, type-checked with moduleResolution node16 and bundler
// (tsc --noEmit): the published declarations must resolve and type the public API.
import { Allocation, Establishment, Evaluate, LocalDate, Money, Pack, Proposal, Rate, type Errors, type RulePack } from "@khuyencong/core"
import { proposal as anyProposal } from "@khuyencong/core/testing"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { Storage } from "@khuyencong/storage"
import { memoryStore } from "@khuyencong/storage/testing"
import * as fc from "fast-check"

const cost: Money.Money = Money.parseOrThrow("1, 35 tỷ")
const words: string = Money.format(cost, { style: "words" })
const day: LocalDate.LocalDate = LocalDate.parseOrThrow("30/06/2024")

const rules: RulePack.RulePack = Pack.loadOrThrow(pack)
const overlayIds: ReadonlyArray<string> = overlays.map((o) => o.id)

export const evaluate = (json: unknown, establishments: ReadonlyMap<string, Establishment.Establishment>): Money.Money | Errors.ValidationError => {
  const p = Proposal.decode(json)
  if (!p.ok) return p.error
  const e: Evaluate.Evaluation = Evaluate.evaluateOrThrow(p.value, Pack.resolveOrThrow(rules, Evaluate.dateOf(p.value)), { establishments })
  return e.payable
}

const allocation: Allocation.Allocation = Allocation.allocateOrThrow({
  envelope: cost,
  candidates: [{ id: "A", requested: Money.make(900_000_000n) }, { id: "B", requested: Money.make(600_000_000n) }],
  policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n) }
})

// @ts-expect-error Money is branded: a plain bigint is not money
const notMoney: Money.Money = 5n

const sample: ReadonlyArray<Proposal.Proposal> = fc.sample(anyProposal, 1)

const store: Storage.Store = memoryStore()
const db: Storage.AsyncStore = Storage.toAsync(store)

export const used = [words, day, overlayIds, allocation.totals.unallocated, notMoney, sample, db] as const
