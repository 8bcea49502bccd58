// How much Effect's HttpApi adds per request on the evaluate endpoint, in this process (no
// sockets): the same work (JSON body → establishments and proposal decoded → pack resolved →
// evaluated → the record written as JSON) called (a) directly, as the node:http service does it,
// (b) through an HttpApi endpoint (`payload: Schema.Unknown`, `success: Schema.Unknown`, so the
// decoding stays ours and only the framework is added; the record as `Evaluate.encode` writes it,
// since the framework stringifies without a bigint replacer) served by `HttpRouter.toWebHandler`, and
// (c) a web handler doing (a) between the same `Request` and `Response` objects, to separate what
// the fetch objects cost from what HttpApi costs. Medians of 5 rounds of 2,000 requests.
//
//   npx tsc -b && node bench/service/httpapi.mjs
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { createRequire } from "node:module"

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, "..", "..")
const req = createRequire(join(root, "packages/service/package.json"))
const { Effect, Layer, Schema } = await import(req.resolve("effect"))
const { HttpRouter, HttpServer } = await import(req.resolve("effect/http"))
const { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup } = await import(req.resolve("effect/http-api"))
const { Establishment, Evaluate, Pack, Proposal } = await import(join(root, "packages/core/dist/index.js"))
const { defaultPacks } = await import(join(root, "packages/service/dist/server.js"))
const { stringify, evaluationJson } = await import(join(root, "packages/service/dist/wire.js"))

const fx = JSON.parse(readFileSync(join(root, "packages/service/test/fixtures.json"), "utf8"))
const body = JSON.stringify({ proposal: fx.above, establishments: fx.establishments, date: fx.date })
const packs = defaultPacks()
const cache = Evaluate.makeCache()

const evaluate = (o) => {
  const establishments = new Map(o.establishments.map((e) => { const d = Establishment.decode(e); return [d.value.id, d.value] }))
  const p = Proposal.decode(o.proposal).value
  const date = o.date
  const pack = packs.find((x) => Pack.governsDate(x, date))
  return Evaluate.evaluate(p, cache.get(pack, date).value, { establishments }).value
}
const work = (o) => ({ evaluation: evaluationJson(evaluate(o)) })

const Api = HttpApi.make("bench").add(
  HttpApiGroup.make("evaluation", { topLevel: true }).add(HttpApiEndpoint.post("evaluate", "/evaluate", { payload: Schema.Unknown, success: Schema.Unknown }))
)
const Handlers = HttpApiBuilder.group(Api, "evaluation", (handlers) => handlers.handle("evaluate", ({ payload }) => Effect.sync(() => ({ evaluation: Evaluate.encode(evaluate(payload)) }))))
const { handler, dispose } = HttpRouter.toWebHandler(HttpApiBuilder.layer(Api).pipe(Layer.provide(Handlers), Layer.provide(HttpServer.layerServices)), { disableLogger: true })

const request = () => new Request("http://bench.invalid/evaluate", { method: "POST", headers: { "content-type": "application/json" }, body })
const variants = {
  "(a) direct: parse, work, stringify": async () => stringify(work(JSON.parse(body))),
  "(b) HttpApi web handler": async () => {
    const res = await handler(request())
    if (res.status !== 200) throw new Error(`HttpApi answered ${res.status}: ${await res.text()}`)
    return res.text()
  },
  "(c) fetch Request/Response around (a)": async () => {
    const r = request()
    const text = stringify(work(await r.json()))
    return new Response(text, { headers: { "content-type": "application/json" } }).text()
  }
}
const N = Number(process.argv[2] ?? 2000)
const results = {}
for (const [name, f] of Object.entries(variants)) for (let i = 0; i < 300; i++) await f()
for (let round = 0; round < 5; round++)
  for (const [name, f] of Object.entries(variants)) {
    const t = performance.now()
    for (let i = 0; i < N; i++) await f()
    ;(results[name] ??= []).push(((performance.now() - t) / N) * 1000)
  }
await dispose()
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const a = median(results["(a) direct: parse, work, stringify"])
console.log("| path | µs per request (median of 5) | vs direct |")
console.log("|---|---|---|")
for (const [name, xs] of Object.entries(results)) console.log(`| ${name} | ${median(xs).toFixed(0)} | +${(median(xs) - a).toFixed(0)} µs |`)
