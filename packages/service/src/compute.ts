/**
 * Internal: the endpoints that only compute (evaluate, evaluate a batch, allocate), run off the
 * event loop. `server.ts` reads and screens the body (size, shape on the bytes), checks the token's
 * roles, and hands the text to a worker thread of a piscina pool; this module, loaded in each
 * worker, parses it, runs the same endpoint function as the inline path with the default packs,
 * and writes the answer's JSON text. Why: evaluation is CPU work (decoding, the rules, the input
 * hash, writing a 17 kB answer); on one thread the service used a single core of the machine,
 * and every evaluation held the event loop that the next request's bytes wait on.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import { answerOf, type Context, resolvedCache, routes } from "./api.js"
import type { Principal } from "./auth.js"
import { defaultLimits, type Limits, parseBody } from "./limits.js"
import { defaultPacks } from "./packs.js"
import { ServiceError } from "./errors.js"
import { installBigintJSON, stringify, THREAD_READY } from "./wire.js"

/** What the server sends a worker for one request. */
export interface Task {
  readonly method: string
  readonly path: string
  readonly params: Readonly<Record<string, string>>
  readonly principal: Principal | undefined
  readonly lang: "vi" | "en"
  /** The body's text, within the byte and shape limits checked on its bytes. */
  readonly text: string
}

/**
 * What a worker answers: status, the answer's JSON as UTF-8 bytes (encoded here, so the event loop
 * neither measures nor encodes 17 kB of text per answer), extra headers.
 */
export interface Reply {
  readonly status: number
  readonly bytes: Uint8Array
  readonly headers: Readonly<Record<string, string>>
}

/** The data a pool gives each worker when it starts. */
export interface Setup {
  readonly limits: Limits
}

const noStore = new Proxy(
  {},
  {
    get: () => {
      throw new Error("khuyencong-service: an endpoint run on a worker reached for the store")
    }
  }
)

const encoder = new TextEncoder()

const setup = (workerData as Setup | undefined) ?? { limits: defaultLimits }

// a thread of the service's pool runs only the service's code
installBigintJSON()

const ctx: Context = {
  store: noStore as Context["store"],
  packs: defaultPacks(),
  auth: {
    anonymousRateLimit: { perSecond: 1, burst: 1 },
    authenticate: () => undefined
  },
  limits: setup.limits,
  resolved: resolvedCache()
}

/** Run one request's endpoint on this thread; a failure is answered with its typed error. */
export const run = async (task: Task): Promise<Reply> => {
  try {
    const route = routes.find((r) => r.method === task.method && r.path === task.path && r.compute !== undefined)
    if (route === undefined) throw new Error(`khuyencong-service: no endpoint that only computes at ${task.method} ${task.path}`)
    const body = parseBody(task.text, ctx.limits)
    const answer = await route.handler(ctx, { method: task.method, params: task.params, query: new URLSearchParams(), principal: task.principal, body: async () => body, lang: task.lang })
    return { status: answer.status, bytes: encoder.encode(stringify(answer.body)), headers: answer.headers ?? {} }
  } catch (e) {
    const { status, body } = answerOf(e)
    return { status, bytes: encoder.encode(stringify(body)), headers: e instanceof ServiceError ? { ...e.headers } : {} }
  }
}

export default run

// Loaded, with everything it imports: the server may now end this thread (see THREAD_READY).
parentPort?.postMessage(THREAD_READY)
