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
import type { RulePack } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { pack as pack2014 } from "@khuyencong/rules-2014-2018"
import { pack as pack2021 } from "@khuyencong/rules-2021-2025"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"
import { Pack } from "@khuyencong/core"
import { answerOf, type Context, match, resolvedCache } from "./api.js"
import type { Auth } from "./auth.js"
import { ServiceError } from "./errors.js"
import { defaultExplorerDir, serveExplorer } from "./explorer.js"
import { checkShape, defaultLimits, type Limits, parseJson, preScan, readBody } from "./limits.js"
import { RateLimiter } from "./rate.js"
import { stringify } from "./wire.js"

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
}

/** The packs installed by default. */
export const defaultPacks = (): ReadonlyArray<RulePack.RulePack> => [pack2014, pack2021, pack2026].map((p) => Pack.loadOrThrow(p))

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i

const send = (res: ServerResponse, status: number, body: unknown, extra: Readonly<Record<string, string>> = {}, contentType = "application/json; charset=utf-8"): void => {
  if (res.headersSent) return
  const text = typeof body === "string" && !contentType.startsWith("application/json") ? body : stringify(body)
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extra
  })
  res.end(text)
}

/** The request handler of a service (for node:http or any server taking the same signature). */
export const handler = (options: ServiceOptions): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const limits: Limits = { ...defaultLimits, ...options.limits }
  const ctx: Context = { store: Storage.toAsync(options.store), packs: options.packs ?? defaultPacks(), auth: options.auth, limits, resolved: resolvedCache() }
  const log = options.log ?? ((e: unknown) => console.error("khuyencong-service: unexpected failure", e))
  const explorer = options.explorer ?? defaultExplorerDir()
  const rate = new RateLimiter()

  return (req, res) => {
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
      const maxBody = route.body === "batch" ? limits.maxBodyBytes : limits.maxRecordBodyBytes
      let body: Promise<unknown> | undefined
      const readJson = (): Promise<unknown> =>
        (body ??= (async () => {
          const type = req.headers["content-type"]
          if (type !== undefined && !JSON_TYPE.test(type))
            throw new ServiceError(415, "request/unsupported-media-type", "Hãy gửi nội dung dạng application/json.", `Send the body as application/json, not ${type.slice(0, 100)}.`, ["headers", "content-type"])
          const bytes = await readBody(req, maxBody)
          preScan(bytes, limits)
          const json = parseJson(bytes.toString("utf8"))
          checkShape(json, limits)
          return json
        })())
      // Refuse an oversized body at once, before the endpoint looks at the roles.
      const declared = Number(req.headers["content-length"] ?? "0")
      if (method === "POST" && declared > maxBody) await readJson()
      const answer = await route.handler(ctx, { method, params, query: url.searchParams, principal, body: readJson })
      send(res, answer.status, answer.body, {}, answer.contentType)
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
    const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handler(options))
    server.keepAliveTimeout = 5_000
    server.once("error", reject)
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
          })
      })
    })
  })
