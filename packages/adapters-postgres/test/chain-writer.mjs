// A separate process racing for one proposal's payable amount (used by chain.test.ts): opens its
// own pg store on the schema given, then saves `count` contracts of `amount` đồng at once, all
// resting on the evaluation given, and prints one JSON line: which ids were saved and why the
// others were refused. Run from the adapters-postgres folder; needs the built dist.
// node test/chain-writer.mjs <schema> <proposalId> <evaluationId> <prefix> <count> <amount>
import { Effect, Result } from "effect"
import { Money } from "@khuyencong/core"
import { fixtures, suitePack } from "@khuyencong/storage/testing"
import { open } from "../dist/index.js"

const [schema, proposalId, evaluationId, prefix, count, amount] = process.argv.slice(2)
const store = await open({ connectionString: process.env.DATABASE_URL, schema, poolOptions: { max: 8 } })
try {
  const evaluation = { proposalId, evaluationId }
  const results = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) => {
      const id = `${prefix}-${String(i).padStart(2, "0")}`
      return Effect.runPromise(Effect.result(store.saveContract(fixtures.contractInput(id, { approvedSupport: Money.make(BigInt(amount)), evaluation }), suitePack))).then(
        (r) => (Result.isSuccess(r) ? { id, ok: true } : { id, ok: false, tag: r.failure._tag, code: r.failure.code })
      )
    })
  )
  process.stdout.write(JSON.stringify(results) + "\n")
} finally {
  await Effect.runPromise(store.close())
}
