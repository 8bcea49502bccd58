/**
 * The endpoints, as functions from a parsed request to an answer. `server.ts` wires them to
 * node:http; every failure is thrown as a typed error and answered by `errors.ts`.
 * @since 0.2.0
 */
import {
  Appraisal,
  Establishment,
  Evaluate,
  Ledger,
  LocalDate,
  Pack,
  Plan,
  Proposal,
  type Result,
  type RulePack
} from "@khuyencong/core"
import type { Storage } from "@khuyencong/storage"
import { type Auth, authorize, type Principal, type Role } from "./auth.js"
import { type ErrorBody, fromTyped, internal, invalid, notFound, ServiceError } from "./errors.js"
import { checkCount, type Limits } from "./limits.js"
import { docsPage } from "./docs.js"
import { openapi } from "./openapi.js"
import { authorOf, decodeContract, decodeEvent, decodePolicy, evaluationJson, Reader, toWire } from "./wire.js"

/** What the endpoints share. */
export interface Context {
  readonly store: Storage.AsyncStore
  readonly packs: ReadonlyArray<RulePack.RulePack>
  readonly auth: Auth
  readonly limits: Limits
  /** Packs resolved at a date, kept between requests (see {@link resolvedCache}). */
  readonly resolved: ResolvedCache
}

type ResolvedCache = (pack: RulePack.RulePack, date: LocalDate.LocalDate) => Result.Result<Pack.ResolvedPack, unknown>

/**
 * Resolving a pack at a date takes about as long as evaluating a proposal, and every request of a
 * plan names the same few dates: keep the answers, at most `max` of them (then start afresh, so a
 * caller walking through every date cannot grow the memory).
 */
export const resolvedCache = (max = 1024): ResolvedCache => {
  let cache = Evaluate.makeCache()
  const seen = new Set<string>()
  return (pack, date) => {
    const key = `${pack.id}\u0000${date}`
    if (!seen.has(key)) {
      if (seen.size >= max) {
        cache = Evaluate.makeCache()
        seen.clear()
      }
      seen.add(key)
    }
    return cache.get(pack, date)
  }
}

/** A request as the endpoints see it; `body` is the parsed JSON, already within the limits. */
export interface Request {
  readonly method: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The principal of the bearer token, when it is valid (authenticated once, before the rate limit). */
  readonly principal: Principal | undefined
  readonly body: () => Promise<unknown>
  /** The language the caller prefers (`Accept-Language`, Vietnamese unless English is preferred). */
  readonly lang: "vi" | "en"
}

/** An answer: status, JSON body (or text for the API page). */
export interface Answer {
  readonly status: number
  readonly body: unknown
  readonly contentType?: string
  readonly headers?: Readonly<Record<string, string>>
}

type Handler = (ctx: Context, req: Request) => Promise<Answer>

/** A failed core Result, thrown with the path of the part of the request it came from. */
export class AtPath extends Error {
  constructor(
    readonly error: unknown,
    readonly prefix: ReadonlyArray<string | number>
  ) {
    super("typed error")
  }
}

const get = <A>(r: Result.Result<A, unknown>, prefix: ReadonlyArray<string | number> = []): A => {
  if (r.ok) return r.value
  throw new AtPath(r.error, prefix)
}

const ok = (body: unknown, status = 200): Answer => ({ status, body })

const who = (_ctx: Context, req: Request, allowed: ReadonlyArray<Role>): Principal => authorize(req.principal, allowed)

const EVALUATE: ReadonlyArray<Role> = ["reader", "planner", "ledger"]
const PLAN: ReadonlyArray<Role> = ["planner"]
const POST: ReadonlyArray<Role> = ["ledger"]
const READ_CONTRACTS: ReadonlyArray<Role> = ["planner", "ledger"]

// ---------------------------------------------------------------------------------------------
// Packs and establishments

const packById = (ctx: Context, id: string, path: ReadonlyArray<string | number>): RulePack.RulePack => {
  const p = ctx.packs.find((x) => x.id === id)
  if (p === undefined)
    throw invalid("pack/unknown", path, `Không có bộ quy tắc "${id}"; xem GET /packs.`, `No rule pack "${id}"; see GET /packs.`)
  return p
}

/** The pack named, or the one governing the date. */
const packFor = (ctx: Context, id: string | undefined, date: LocalDate.LocalDate, path: ReadonlyArray<string | number>): RulePack.RulePack => {
  if (id !== undefined) return packById(ctx, id, path)
  const p = ctx.packs.find((x) => Pack.governsDate(x, date))
  if (p === undefined)
    throw invalid("pack/none-governs", ["date"], `Không có bộ quy tắc nào áp dụng cho ngày ${date}.`, `No installed rule pack governs ${date}.`)
  return p
}

const decodeEstablishments = (r: Reader, o: Record<string, unknown>, key = "establishments"): Map<string, Establishment.Establishment> => {
  const list = r.list(o, key, [], true) ?? []
  r.done()
  const out = new Map<string, Establishment.Establishment>()
  list.forEach((e, i) => {
    const d = get(Establishment.decode(e), [key, i])
    out.set(d.id, d)
  })
  return out
}

interface EvaluateOptions {
  readonly date: LocalDate.LocalDate | undefined
  readonly pack: string | undefined
  readonly trace: boolean
  readonly applyPriorityMultiplier: boolean
}

const evaluateOptions = (r: Reader, o: Record<string, unknown>): EvaluateOptions => {
  const date = r.date(o, "date", [], true)
  const pack = r.text(o, "pack", [], true)
  for (const k of ["trace", "applyPriorityMultiplier"])
    if (o[k] !== undefined && typeof o[k] !== "boolean") r.add("request/invalid-flag", [k], "Phải là true hoặc false.", "Must be true or false.")
  return { date, pack, trace: o["trace"] === true, applyPriorityMultiplier: o["applyPriorityMultiplier"] === true }
}

const evaluateProposal = (
  ctx: Context,
  proposal: Proposal.Proposal,
  establishments: ReadonlyMap<string, Establishment.Establishment>,
  options: EvaluateOptions,
  path: ReadonlyArray<string | number>
): Evaluate.Evaluation => {
  const date = options.date ?? Evaluate.dateOf(proposal)
  const pack = packFor(ctx, options.pack, date, ["pack"])
  const resolved = get(ctx.resolved(pack, date), ["date"])
  return get(
    Evaluate.evaluate(proposal, resolved, { establishments, trace: options.trace, applyPriorityMultiplier: options.applyPriorityMultiplier }),
    path
  )
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const evaluate: Handler = async (ctx, req) => {
  who(ctx, req, EVALUATE)
  const r = new Reader("evaluate")
  const o = r.object(await req.body(), []) ?? {}
  r.only(o, ["proposal", "establishments", "date", "pack", "trace", "applyPriorityMultiplier", "explain"], [])
  const options = evaluateOptions(r, o)
  const explain = o["explain"]
  if (explain !== undefined && typeof explain !== "boolean" && explain !== "vi" && explain !== "en")
    r.add("request/invalid-language", ["explain"], 'Phải là "vi", "en", true hoặc false.', 'Must be "vi", "en", true or false.')
  // The explanation's language: as asked, or with `true` the one the caller's Accept-Language prefers.
  const lang = explain === true ? req.lang : explain === "vi" || explain === "en" ? explain : undefined
  const establishments = decodeEstablishments(r, o)
  const proposal = get(Proposal.decode(o["proposal"]), ["proposal"])
  const e = evaluateProposal(ctx, proposal, establishments, options, ["proposal"])
  // the view that evaluated it names the activities and items of the explanation
  const resolved = (): Pack.ResolvedPack | undefined => {
    const r = ctx.resolved(packById(ctx, e.packId, ["pack"]), e.date)
    return r.ok ? r.value : undefined
  }
  if (lang === undefined) return ok({ evaluation: evaluationJson(e) })
  return { status: 200, body: { evaluation: evaluationJson(e), explanation: Evaluate.explain(e, { lang, resolved: resolved() }) }, headers: { "content-language": lang } }
}

const evaluateBatch: Handler = async (ctx, req) => {
  who(ctx, req, EVALUATE)
  const r = new Reader("evaluate-batch")
  const o = r.object(await req.body(), []) ?? {}
  r.only(o, ["proposals", "establishments", "date", "pack", "trace", "applyPriorityMultiplier"], [])
  const options = evaluateOptions(r, o)
  const proposals = r.list(o, "proposals", []) ?? []
  checkCount(proposals, ctx.limits.maxBatch, ["proposals"])
  const establishments = decodeEstablishments(r, o)
  // Each proposal answers for itself: one bad proposal does not fail the others.
  const results = await stepwise(proposals, (p, i) => {
    try {
      const proposal = get(Proposal.decode(p), ["proposals", i])
      return { ok: true, evaluation: evaluationJson(evaluateProposal(ctx, proposal, establishments, options, ["proposals", i])) }
    } catch (e) {
      return { ok: false, ...answerOf(e).body }
    }
  })
  return ok({ results })
}

/**
 * `items.map(f)`, letting other requests in every few milliseconds: a batch of 100 proposals, or
 * 500 to allocate, takes tens of milliseconds to decode and evaluate, and a small request beside it
 * should not wait that long.
 */
const stepwise = async <A, B>(items: ReadonlyArray<A>, f: (a: A, i: number) => B, sliceMs = 2): Promise<Array<B>> => {
  const out: Array<B> = []
  let since = performance.now()
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - since > sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      since = performance.now()
    }
    out.push(f(items[i] as A, i))
  }
  return out
}

/**
 * The status and typed error body of a failure. A failure that is not a typed error is logged
 * (with its stack, on the server only) and answered as `service/internal`.
 */
export const answerOf = (e: unknown, log: (e: unknown) => void = defaultLog): { readonly status: number; readonly body: ErrorBody } => {
  if (e instanceof ServiceError) return { status: e.status, body: e.body() }
  if (e instanceof AtPath) {
    const a = fromTyped(e.error, e.prefix)
    if (a.status >= 500) log(e.error)
    return a
  }
  log(e)
  return internal()
}

const defaultLog = (e: unknown): void => {
  console.error("khuyencong-service: unexpected failure", e)
}

// ---------------------------------------------------------------------------------------------
// Allocation

const allocate: Handler = async (ctx, req) => {
  who(ctx, req, PLAN)
  const r = new Reader("allocate")
  const o = r.object(await req.body(), []) ?? {}
  r.only(o, ["plan", "proposals", "establishments", "policy", "submittedOn", "rankingDate", "pack", "applyPriorityMultiplier"], [])
  const list = r.list(o, "proposals", []) ?? []
  checkCount(list, ctx.limits.maxAllocate, ["proposals"])
  const policy = decodePolicy(r, o["policy"], ["policy"])
  const rankingDate = r.date(o, "rankingDate", [], true)
  const pack = r.text(o, "pack", [], true)
  const submittedOn: Record<string, LocalDate.LocalDate> = {}
  if (o["submittedOn"] !== undefined) {
    const s = r.object(o["submittedOn"], ["submittedOn"])
    if (s !== undefined) for (const k of Object.keys(s)) {
      const d = r.date(s, k, ["submittedOn"])
      if (d !== undefined) submittedOn[k] = d
    }
  }
  const establishments = decodeEstablishments(r, o)
  const plan = get(Plan.decode(o["plan"]), ["plan"])
  const proposals = await stepwise(list, (p, i) => get(Proposal.decode(p), ["proposals", i]))
  const rules = pack === undefined ? ctx.packs : [packById(ctx, pack, ["pack"])]
  const a = get(
    Appraisal.appraise(
      { proposals, establishments, rules, plan, policy: policy ?? { kind: "whole-only" } },
      { submittedOn, ...(rankingDate === undefined ? {} : { rankingDate }), applyPriorityMultiplier: o["applyPriorityMultiplier"] === true }
    )
  )
  return ok({
    plan: a.plan.id,
    totals: toWire(a.totals),
    funds: a.funds.map((f) => ({
      fund: f.fund,
      envelope: f.envelope.toString(),
      ranking: f.ranking.map((x) => ({ proposalId: x.proposalId, position: x.position })),
      funded: f.funded,
      partlyFunded: f.partlyFunded,
      unfunded: f.unfunded
    })),
    proposals: a.proposals.map((x) => ({
      proposalId: x.proposal.id,
      decision: x.decision,
      verdict: x.evaluation.verdict,
      payable: x.evaluation.payable.toString(),
      allocated: x.allocated.toString(),
      ...(x.ranked === undefined ? {} : { position: x.ranked.position }),
      ...(x.outcome === undefined
        ? {}
        : { outcome: { status: x.outcome.status, reason: x.outcome.reason, constraint: x.outcome.constraint, requested: x.outcome.requested.toString() } })
    }))
  })
}

// ---------------------------------------------------------------------------------------------
// Proposals and their stored evaluations (what contracts rest on)

const storeCall = async <A>(p: Promise<Result.Result<A, unknown>>, prefix: ReadonlyArray<string | number> = []): Promise<A> => get(await p, prefix)

const STATUSES: ReadonlyArray<Storage.ProposalStatus> = ["draft", "submitted", "appraised", "approved", "rejected", "withdrawn", "completed"]

const saveProposal: Handler = async (ctx, req) => {
  const principal = who(ctx, req, PLAN)
  const r = new Reader("proposal")
  const o = r.object(await req.body(), []) ?? {}
  r.only(o, ["proposal", "establishments", "status", "idempotencyKey"], [])
  const status = r.text(o, "status", [], true)
  if (status !== undefined && !STATUSES.includes(status as Storage.ProposalStatus))
    r.add("request/invalid-status", ["status"], `Phải là một trong: ${STATUSES.join(", ")}.`, `Must be one of: ${STATUSES.join(", ")}.`)
  const idempotencyKey = r.text(o, "idempotencyKey", [], true)
  const establishments = decodeEstablishments(r, o)
  const proposal = get(Proposal.decode(o["proposal"]), ["proposal"])
  if (establishments.size > 0)
    await storeCall(ctx.store.saveEstablishments([...establishments.values()], idempotencyKey === undefined ? {} : { idempotencyKey: `${principal.id} ${idempotencyKey}#establishments` }), ["establishments"])
  const v = await storeCall(
    ctx.store.saveProposal(proposal, {
      author: principal.id,
      ...(status === undefined ? {} : { status: status as Storage.ProposalStatus }),
      ...(idempotencyKey === undefined ? {} : { idempotencyKey: `${principal.id} ${idempotencyKey}` })
    }),
    ["proposal"]
  )
  return ok({ id: v.proposal.id, version: v.version, status: v.status, author: v.author, savedAt: v.savedAt }, 201)
}

const evaluateStored: Handler = async (ctx, req) => {
  const principal = who(ctx, req, PLAN)
  const id = req.params["id"] as string
  const r = new Reader("evaluate")
  const o = r.object(await req.body(), []) ?? {}
  r.only(o, ["date", "pack", "trace", "applyPriorityMultiplier", "idempotencyKey"], [])
  const options = evaluateOptions(r, o)
  const idempotencyKey = r.text(o, "idempotencyKey", [], true)
  r.done()
  const v = await storeCall(ctx.store.getProposal(id))
  if (v === undefined) throw notFound("proposal/not-found", ["id"], `Không có đề án "${id}".`, `No proposal "${id}".`)
  const establishments = await storeCall(ctx.store.getEstablishments(v.proposal.beneficiaries))
  const e = evaluateProposal(ctx, v.proposal, establishments, options, ["proposal"])
  const stored = await storeCall(
    ctx.store.saveEvaluation(e, { proposalVersion: v.version, ...(idempotencyKey === undefined ? {} : { idempotencyKey: `${principal.id} ${idempotencyKey}` }) })
  )
  return ok({ id: stored.id, proposalId: id, proposalVersion: v.version, verdict: e.verdict, payable: e.payable.toString(), evaluation: evaluationJson(e) }, 201)
}

// ---------------------------------------------------------------------------------------------
// Contracts and ledgers

const contractJson = (rec: Storage.ContractRecord): unknown => ({ contract: toWire(rec.contract), proposalId: rec.proposalId, savedAt: rec.savedAt })

const saveContract: Handler = async (ctx, req) => {
  const principal = who(ctx, req, PLAN)
  const { input, idempotencyKey } = decodeContract(await req.body())
  const rec = await storeCall(
    ctx.store.saveContract(input, ctx.packs, idempotencyKey === undefined ? {} : { idempotencyKey: `${principal.id} ${idempotencyKey}` })
  )
  return ok(contractJson(rec), 201)
}

const getContract: Handler = async (ctx, req) => {
  who(ctx, req, READ_CONTRACTS)
  const id = req.params["id"] as string
  const rec = await storeCall(ctx.store.getContract(id))
  if (rec === undefined) throw notFound("contract/not-found", ["id"], `Không có hợp đồng "${id}".`, `No contract "${id}".`)
  return ok(contractJson(rec))
}

const eventJson = (e: Ledger.Event, recorded: string | undefined): unknown => {
  const { author, idempotencyKey } = authorOf(e, recorded)
  return { ...(toWire(e) as object), idempotencyKey, author }
}

const postEvent: Handler = async (ctx, req) => {
  const principal = who(ctx, req, POST)
  const id = req.params["id"] as string
  const event = decodeEvent(await req.body())
  const posted = await storeCall(ctx.store.postEvent(id, event, { author: principal.id }))
  return ok({ event: eventJson(posted.event, posted.author), replayed: posted.replayed, balances: toWire(posted.balances) }, posted.replayed ? 200 : 201)
}

const ledger: Handler = async (ctx, req) => {
  who(ctx, req, READ_CONTRACTS)
  const id = req.params["id"] as string
  const l = await storeCall(ctx.store.getLedger(id))
  // read after the ledger: events are only ever added, so this covers every event of `l`
  const authors = await storeCall(ctx.store.getAuthors(id))
  if (l === undefined || authors === undefined) throw notFound("contract/not-found", ["id"], `Không có hợp đồng "${id}".`, `No contract "${id}".`)
  return ok({ contract: toWire(l.contract), events: l.events.map((e) => eventJson(e, authors.get(e.id))), balances: toWire(Ledger.balances(l)) })
}

// ---------------------------------------------------------------------------------------------
// Law: packs and parameters (public, read-only)

const packs: Handler = async (ctx) =>
  ok({ packs: ctx.packs.map((p) => ({ id: p.id, version: p.version, title: p.title, governs: toWire(p.governs) })) })

const parameters: Handler = async (ctx, req) => {
  const r = new Reader("parameters")
  const q = Object.fromEntries(req.query) as Record<string, unknown>
  for (const k of Object.keys(q))
    if (!["date", "id", "pack"].includes(k)) r.add("request/unknown-parameter", ["query", k], `Tham số "${k}" không được hỗ trợ.`, `Query parameter "${k}" is not supported.`)
  const date = r.date(q, "date", ["query"])
  const id = r.text(q, "id", ["query"], true)
  const packId = r.text(q, "pack", ["query"], true)
  r.done()
  const pack = packFor(ctx, packId, date, ["query", "pack"])
  const reading = (pid: string): unknown => {
    const rd = get(Pack.read(pack, pid, date), ["query", "id"])
    return { id: pid, value: toWire(rd.value), from: rd.from, ...(rd.until === undefined ? {} : { until: rd.until }), citation: toWire(rd.citation) }
  }
  if (id !== undefined) return ok({ pack: pack.id, packVersion: pack.version, date, parameter: reading(id) })
  const all: Array<unknown> = []
  for (const pid of Object.keys(pack.parameters)) {
    const rd = Pack.read(pack, pid, date)
    if (rd.ok) all.push({ id: pid, value: toWire(rd.value.value), from: rd.value.from, ...(rd.value.until === undefined ? {} : { until: rd.value.until }), citation: toWire(rd.value.citation) })
  }
  return ok({ pack: pack.id, packVersion: pack.version, date, parameters: all })
}

// ---------------------------------------------------------------------------------------------
// Routing

/** One route: method, path pattern (`{id}` segments), handler, and whether it reads a body. */
export interface Route {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly handler: Handler
  /** Which body limit applies: `batch` (maxBodyBytes) or `record` (maxRecordBodyBytes, the default). */
  readonly body?: "batch" | "record"
  /**
   * The roles of an endpoint that only computes (no store, no state between requests): the
   * service checks them before reading the body and may run the endpoint on a worker thread.
   */
  readonly compute?: ReadonlyArray<Role>
}

export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/evaluate", handler: evaluate, compute: EVALUATE },
  { method: "POST", path: "/evaluate/batch", handler: evaluateBatch, body: "batch", compute: EVALUATE },
  { method: "POST", path: "/allocate", handler: allocate, body: "batch", compute: PLAN },
  { method: "POST", path: "/proposals", handler: saveProposal },
  { method: "POST", path: "/proposals/{id}/evaluations", handler: evaluateStored },
  { method: "POST", path: "/contracts", handler: saveContract },
  { method: "GET", path: "/contracts/{id}", handler: getContract },
  { method: "POST", path: "/contracts/{id}/events", handler: postEvent },
  { method: "GET", path: "/contracts/{id}/ledger", handler: ledger },
  { method: "GET", path: "/parameters", handler: parameters },
  { method: "GET", path: "/packs", handler: packs },
  { method: "GET", path: "/openapi.json", handler: async (ctx) => ok(openapi(ctx.limits)) },
  { method: "GET", path: "/docs", handler: async (ctx) => ({ status: 200, body: await docsPage(openapi(ctx.limits)), contentType: "text/html; charset=utf-8" }) },
  { method: "GET", path: "/health", handler: async () => ok({ status: "ok" }) }
]

const compiled = routes.map((r) => ({
  route: r,
  regex: new RegExp(`^${r.path.replace(/\{(\w+)\}/g, (_, n: string) => `(?<${n}>[^/]+)`)}$`)
}))

/** The route for a method and path, its path parameters, or a typed 404 / 405. */
export const match = (method: string, pathname: string): { readonly route: Route; readonly params: Record<string, string> } => {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname
  const found = compiled.filter((c) => c.regex.test(path))
  if (found.length === 0) throw new ServiceError(404, "http/not-found", `Không có điểm cuối ${path}; xem /openapi.json.`, `No endpoint at ${path}; see /openapi.json.`, ["path"])
  const c = found.find((x) => x.route.method === method)
  if (c === undefined)
    throw new ServiceError(405, "http/method-not-allowed", `${path} chỉ nhận ${found.map((x) => x.route.method).join(", ")}.`, `${path} answers ${found.map((x) => x.route.method).join(", ")} only.`, ["method"], {
      allow: found.map((x) => x.route.method).join(", ")
    })
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(c.regex.exec(path)?.groups ?? {})) {
    let d: string
    try {
      d = decodeURIComponent(v)
    } catch {
      throw new ServiceError(400, "http/invalid-path", "Đường dẫn không hợp lệ.", "The path is not valid.", ["path", k])
    }
    if (d.length > 200) throw new ServiceError(413, "request/string-too-long", "Mã quá dài.", "The id is too long.", ["path", k])
    params[k] = d
  }
  return { route: c.route, params }
}
