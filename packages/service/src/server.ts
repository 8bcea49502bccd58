/**
 * The service on node:http: routing, limits, authentication, typed errors.
 *
 * Order of work for a request: the token (once) and its principal's rate limit, or the remote
 * address's without a valid token (429, `rate.ts`) → route (404/405) → for a body: content type (415), `Content-Length`
 * (413 before reading), the bytes as they stream (413 as soon as they pass the limit), the shape
 * limits on the bytes (413, before parsing), JSON (400), the shape limits on the value (413, with a path) → the endpoint, which checks the token (401/403) before decoding its body.
 * A refused body is not read further and the connection is closed after the answer.
 * @since 0.2.0
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Messages, type RulePack } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import Negotiator from "negotiator"
import { Piscina } from "piscina"
import { answerOf, type Context, match, resolvedCache } from "./api.js"
import { type Auth, authorize } from "./auth.js"
import type { Reply, Setup, Task } from "./compute.js"
import { ServiceError } from "./errors.js"
import { defaultExplorerDir, serveExplorer } from "./explorer.js"
import { defaultLimits, type Limits, parseBody, preScan, readBody } from "./limits.js"
import { defaultPacks } from "./packs.js"
import { RateLimiter } from "./rate.js"
import { stringify, THREAD_READY } from "./wire.js"

/** What a service needs. */
export interface ServiceOptions {
  readonly store: Storage.Store
  readonly auth: Auth
  /** Rule packs (default: the three packs, 2014–2018, 2021–2025, 2026–2030). */
  readonly packs?: ReadonlyArray<RulePack.RulePack>
  readonly limits?: Partial<Limits>
  /** Where unexpected failures are logged (default console.error). */
  readonly log?: (e: unknown) => void
  /**
   * The folder of the explorer page's build, served at /explorer/ (default: `KHUYENCONG_EXPLORER_DIR`,
   * else `packages/explorer/dist` of the repository). @since 0.3.0
   */
  readonly explorer?: string
  /**
   * Worker threads that run the endpoints which only compute (`POST /evaluate`,
   * `/evaluate/batch`, `/allocate`) off the event loop (default 0: on the event loop). Such a
   * service evaluates with the default packs, so `packs` cannot be given with it. The command
   * `khuyencong-service` starts one fewer than the machine's cores (`--workers`). Close the
   * service (`Running.close`, or `dispose` on a handler) to stop them. @since 0.3.0
   */
  readonly workers?: number
}

export { defaultPacks }

/** The languages the service writes (Vietnamese first: the default). */
const LANGUAGES = ["vi", "en"]

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i

/** Write an answer; `body` is its UTF-8 bytes already when it is a `Uint8Array` (a thread's reply). */
const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Readonly<Record<string, string>> = {},
  contentType = "application/json; charset=utf-8"
): void => {
  if (res.headersSent) return
  const text: string | Uint8Array =
    body instanceof Uint8Array || (typeof body === "string" && !contentType.startsWith("application/json")) ? (body as string | Uint8Array) : stringify(body)
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": typeof text === "string" ? Buffer.byteLength(text) : text.byteLength,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extra
  })
  res.end(text)
}

/**
 * A request handler, and how to stop the worker threads it started.
 * @example `const h = handler({ store, auth, workers: 1 }); createServer(h).listen(8080); …; await h.dispose()`
 * @since 0.3.0
 */
export interface Handler {
  (req: IncomingMessage, res: ServerResponse): void
  /** Stop the handler's worker threads (none without `workers`). */
  readonly dispose: () => Promise<void>
}

/** Large bodies (over `maxRecordBytes`) in progress per evaluation thread, waiting ones included. */
const LARGE_PER_THREAD = 4

/** 503 when every thread has its share of large bodies: try again in a second. */
const busy = (): ServiceError =>
  new ServiceError(
    503,
    "request/busy",
    Messages.message("request/busy", {}, "vi") as string,
    Messages.message("request/busy", {}, "en") as string,
    [],
    { "retry-after": "1" }
  )

/** A pool of evaluation threads, and how to end it once every thread has loaded (THREAD_READY). */
const computePool = (workers: number, limits: Limits): { readonly pool: Piscina<Task, Reply>; readonly destroy: () => Promise<void> } => {
  const workerData: Setup = { limits }
  const pool = new Piscina<Task, Reply>({
    filename: new URL("./compute.js", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData
  })
  let ready = 0
  let allReady: () => void = () => {}
  const loaded = new Promise<void>((resolve) => (allReady = resolve))
  pool.on("message", (m: unknown) => {
    if (m === THREAD_READY && ++ready >= workers) allReady()
  })
  // A thread that fails to load never says so: its error ends the wait as well.
  pool.on("error", () => allReady())
  return {
    pool,
    destroy: async () => {
      // bounded: a stop must end (the command exits after 10 s regardless)
      await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 5_000).unref())])
      await pool.destroy()
    }
  }
}

/** The request handler of a service (for node:http or any server taking the same signature). */
export const handler = (options: ServiceOptions): Handler => {
  const limits: Limits = { ...defaultLimits, ...options.limits }
  const workers = options.workers ?? 0
  if (!Number.isSafeInteger(workers) || workers < 0) throw new RangeError(`khuyencong-service: workers must be a whole number ≥ 0, not ${String(workers)}`)
  if (workers > 0 && options.packs !== undefined) throw new RangeError("khuyencong-service: workers evaluate with the default packs; give either packs or workers")
  const ctx: Context = { store: Storage.toAsync(options.store), packs: options.packs ?? defaultPacks(), auth: options.auth, limits, resolved: resolvedCache() }
  const log = options.log ?? ((e: unknown) => console.error("khuyencong-service: unexpected failure", e))
  const explorer = options.explorer ?? defaultExplorerDir()
  const rate = new RateLimiter()
  const threads = workers > 0 ? computePool(workers, limits) : undefined
  const pool = threads?.pool
  // Requests between their headers and their answer, and those of them on a thread. A request to
  // compute goes to a free thread when others are in progress; when it is the only one, a thread
  // would only add the hand-over to its time, and when every thread is busy the event loop
  // computes it itself rather than queue it. A body larger than one proposal may be (a batch, an
  // allocation: up to a megabyte to parse and decode) always goes to a thread, waiting for one if
  // need be, so that it never holds the event loop the small requests are answered on; at most
  // LARGE_PER_THREAD of them per thread are in progress, past that 503 request/busy.
  let active = 0
  let onThreads = 0
  let large = 0

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    active++
    res.once("close", () => active--)
    const run = async (): Promise<void> => {
      const method = req.method ?? "GET"
      const url = new URL(req.url ?? "/", "http://service.invalid")
      if ((req.url ?? "").length > 8192) throw new ServiceError(414, "request/url-too-long", "Địa chỉ yêu cầu quá dài.", "The request URL is too long.", ["url"])
      // One token from the principal's bucket, or the address's without a valid token: 429
      // before the body is read.
      const principal = ctx.auth.authenticate(req.headers.authorization)
      if (principal !== undefined) rate.take(`p ${principal.id}`, principal.rateLimit, principal.id)
      else rate.take(`a ${req.socket.remoteAddress ?? ""}`, ctx.auth.anonymousRateLimit, undefined)
      if (url.pathname.startsWith("/explorer") && (await serveExplorer(explorer, method, url.pathname, res))) return
      const { route, params } = match(method, url.pathname)
      const lang = req.headers["accept-language"] !== undefined && new Negotiator(req).language(LANGUAGES) === "en" ? "en" : "vi"
      const maxBody = route.body === "batch" ? limits.maxBodyBytes : limits.maxRecordBodyBytes
      /** The body's text, within the byte limits and the shape limits checked on its bytes. */
      const readText = async (): Promise<string> => {
        const type = req.headers["content-type"]
        if (type !== undefined && !JSON_TYPE.test(type))
          throw new ServiceError(415, "request/unsupported-media-type", "Hãy gửi nội dung dạng application/json.", `Send the body as application/json, not ${type.slice(0, 100)}.`, ["headers", "content-type"])
        const bytes = await readBody(req, maxBody)
        preScan(bytes, limits)
        return bytes.toString("utf8")
      }
      let body: Promise<unknown> | undefined
      const readJson = (): Promise<unknown> => (body ??= readText().then((text) => parseBody(text, limits)))
      // Refuse an oversized body at once, before the endpoint looks at the roles.
      const declared = Number(req.headers["content-length"] ?? "0")
      if (method === "POST" && declared > maxBody) await readJson()
      if (pool !== undefined && route.compute !== undefined) {
        // The roles first, as the endpoint itself would, so a refused body is not read.
        authorize(principal, route.compute)
        const text = await readText()
        // Let the requests whose bytes are already here be read first (their headers count them
        // as in progress), so that the choice sees them.
        await new Promise<void>((resolve) => setImmediate(resolve))
        // A large body always goes to a thread (waiting for one if need be); a small one when others
        // are in progress and a thread is free, a large body waiting for or on a thread counting
        // as a busy one.
        const isLarge = text.length > limits.maxRecordBytes
        if (isLarge && large >= workers * LARGE_PER_THREAD) throw busy()
        if (isLarge || (active > 1 && onThreads + large < workers)) {
          if (isLarge) large++
          else onThreads++
          let reply: Reply
          try {
            reply = await pool.run({ method: route.method, path: route.path, params, principal, lang, text })
          } finally {
            if (isLarge) large--
            else onThreads--
          }
          send(res, reply.status, reply.bytes, reply.headers)
          return
        }
        // on the event loop: parsed here, so a refusal is thrown now rather than left in a promise
        body = Promise.resolve(parseBody(text, limits))
      }
      const answer = await route.handler(ctx, { method, params, query: url.searchParams, principal, body: readJson, lang })
      send(res, answer.status, answer.body, answer.headers, answer.contentType)
      // A body nobody asked for (a GET with one): drop it.
      if (!req.complete) req.resume()
    }
    run().catch((e: unknown) => {
      const { status, body } = answerOf(e, log)
      const headers: Record<string, string> = e instanceof ServiceError ? { ...e.headers } : {}
      // Refused before the whole body came in (over a limit, no token, wrong role): answer, then
      // close the connection rather than read the rest.
      const unread = !req.complete
      if (unread) headers["connection"] = "close"
      send(res, status, body, headers)
      if (unread) res.once("finish", () => req.destroy())
    })
  }
  return Object.assign(handle, { dispose: async () => threads?.destroy() })
}

/** A running service. */
export interface Running {
  readonly server: Server
  readonly url: string
  readonly close: () => Promise<void>
}

/** Start a service on `host:port` (port 0: any free port). */
export const listen = (options: ServiceOptions & { readonly port?: number; readonly host?: string }): Promise<Running> =>
  new Promise((resolve, reject) => {
    const handle = handler(options)
    const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handle)
    server.keepAliveTimeout = 5_000
    server.once("error", (e) => {
      void handle.dispose()
      reject(e)
    })
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const a = server.address() as AddressInfo
      const host = a.family === "IPv6" ? `[${a.address}]` : a.address
      resolve({
        server,
        url: `http://${host}:${a.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }).then(handle.dispose)
      })
    })
  })
