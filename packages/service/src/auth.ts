/**
 * Bearer tokens configured by the operator. Each token names a principal (who acts: an officer, a
 * system) and its roles:
 * - `reader`: evaluation only (`POST /evaluate`, `POST /evaluate/batch`);
 * - `planner`: evaluation, allocation, proposals and their stored evaluations, contracts, reading ledgers;
 * - `ledger`: evaluation, ledger postings, reading ledgers.
 *
 * Configuration (JSON): `{ "tokens": [ { "token": "…", "principal": "sct-tn/ke-toan-1", "roles": ["ledger"] } ] }`;
 * a token may be given as its SHA-256 instead (`"sha256": "<64 hex>"`) so the file holds no secret.
 * Rate limits (see `rate.ts`): `"rateLimit": { "perSecond", "burst" }` at the top (every
 * principal), on a token (its principal), and `"anonymousRateLimit"` (each address without a valid
 * token); defaults 50/s burst 100 and 10/s burst 40.
 * Tokens are compared by their SHA-256, in constant time.
 * @since 0.2.0
 */
import { hash, timingSafeEqual } from "node:crypto"
import { readFileSync } from "node:fs"
import { ServiceError } from "./errors.js"
import { defaultRateLimits, type RateLimit, rateLimitOf } from "./rate.js"

export type Role = "reader" | "planner" | "ledger"

export const roles: ReadonlyArray<Role> = ["reader", "planner", "ledger"]

/** Who made a request. */
export interface Principal {
  readonly id: string
  readonly roles: ReadonlySet<Role>
  /** The principal's rate limit (its token's `rateLimit`, else the file's, else the default). @since 0.3.0 */
  readonly rateLimit: RateLimit
}

/** The token table. */
export interface Auth {
  readonly authenticate: (authorization: string | undefined) => Principal | undefined
  /** The rate limit of each remote address sending no valid token. @since 0.3.0 */
  readonly anonymousRateLimit: RateLimit
}

/** One-shot digest (`crypto.hash`): a third of `createHash`'s cost, paid on every request. */
const sha256 = (s: string): Buffer => hash("sha256", s, "buffer")

const configError = (message: string): Error => new Error(`khuyencong-service: token configuration: ${message}`)

/** Build the token table from its JSON configuration; throws on a malformed configuration (at start-up). */
export const fromConfig = (config: unknown): Auth => {
  const c = config as { tokens?: unknown; rateLimit?: unknown; anonymousRateLimit?: unknown } | null
  const list = c?.tokens
  if (!Array.isArray(list)) throw configError(`expected { "tokens": [ { "token" | "sha256", "principal", "roles" } ] }`)
  const everyone = c?.rateLimit === undefined ? defaultRateLimits.principal : rateLimitOf(c.rateLimit, "rateLimit", configError)
  const anonymousRateLimit = c?.anonymousRateLimit === undefined ? defaultRateLimits.anonymous : rateLimitOf(c.anonymousRateLimit, "anonymousRateLimit", configError)
  const entries: Array<{ readonly hash: Buffer; readonly principal: Principal }> = []
  list.forEach((t: unknown, i) => {
    const e = t as { token?: unknown; sha256?: unknown; principal?: unknown; roles?: unknown; rateLimit?: unknown }
    if (typeof e.principal !== "string" || e.principal.trim() === "") throw configError(`tokens[${i}].principal must be non-blank text`)
    let hash: Buffer
    if (typeof e.token === "string") {
      if (e.token.length < 16) throw configError(`tokens[${i}].token must have at least 16 characters`)
      hash = sha256(e.token)
    } else if (typeof e.sha256 === "string" && /^[0-9a-f]{64}$/i.test(e.sha256)) hash = Buffer.from(e.sha256, "hex")
    else throw configError(`tokens[${i}] needs "token" (text) or "sha256" (64 hex digits)`)
    if (!Array.isArray(e.roles) || e.roles.length === 0 || !e.roles.every((r): r is Role => roles.includes(r as Role)))
      throw configError(`tokens[${i}].roles must list some of ${roles.join(", ")}`)
    const rateLimit = e.rateLimit === undefined ? everyone : rateLimitOf(e.rateLimit, `tokens[${i}].rateLimit`, configError)
    entries.push({ hash, principal: { id: e.principal, roles: new Set(e.roles), rateLimit } })
  })
  return {
    anonymousRateLimit,
    authenticate: (authorization) => {
      if (authorization === undefined) return undefined
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
      if (m === null) return undefined
      const h = sha256(m[1] as string)
      let found: Principal | undefined
      // Compare with every entry, so the time taken does not tell which one matched.
      for (const e of entries) if (timingSafeEqual(e.hash, h) && found === undefined) found = e.principal
      return found
    }
  }
}

/**
 * The token table from the environment: `KHUYENCONG_TOKENS` (the JSON itself) or
 * `KHUYENCONG_TOKENS_FILE` (a path to it), or the file given on the command line.
 */
export const fromEnvironment = (file?: string, env: NodeJS.ProcessEnv = process.env): Auth => {
  const path = file ?? env["KHUYENCONG_TOKENS_FILE"]
  const text = path !== undefined ? readFileSync(path, "utf8") : env["KHUYENCONG_TOKENS"]
  if (text === undefined) {
    process.emitWarning("khuyencong-service: no tokens configured (KHUYENCONG_TOKENS or KHUYENCONG_TOKENS_FILE); every protected endpoint answers 401")
    return fromConfig({ tokens: [] })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw configError("not valid JSON")
  }
  return fromConfig(json)
}

/** Require the request's principal (authenticated once, by the server) to hold one of `allowed`; 401 without a valid token, 403 with the wrong role. */
export const authorize = (p: Principal | undefined, allowed: ReadonlyArray<Role>): Principal => {
  if (p === undefined)
    throw new ServiceError(
      401,
      "auth/unauthenticated",
      "Cần mã truy cập hợp lệ (Authorization: Bearer …).",
      "A valid bearer token is required (Authorization: Bearer …).",
      ["headers", "authorization"],
      { "www-authenticate": 'Bearer realm="khuyencong"' }
    )
  if (!allowed.some((r) => p.roles.has(r)))
    throw new ServiceError(
      403,
      "auth/forbidden",
      `Vai trò của "${p.id}" không được phép thực hiện thao tác này (cần: ${allowed.join(", ")}).`,
      `The roles of "${p.id}" do not allow this (needs one of: ${allowed.join(", ")}).`,
      ["headers", "authorization"]
    )
  return p
}
