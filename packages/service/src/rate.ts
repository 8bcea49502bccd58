/**
 * Rate limits (giới hạn tần suất): a token bucket per authenticated principal, and one per remote
 * address for requests without a valid token (the public reads: `/parameters`, `/packs`, the API
 * page, the explorer; and a wrong token, so guessing tokens is limited too). A request takes one
 * token from its bucket; a bucket holds at most `burst` tokens and gains `perSecond` a second.
 * An empty bucket answers 429 `request/rate-limited` with `Retry-After` (whole seconds until a
 * token is back), before the body is read.
 *
 * The buckets live in the process: **each instance limits on its own**. Behind a load balancer
 * spreading requests over n instances a principal may make up to n times its limit, and the
 * anonymous buckets see the balancer's address unless it passes the connection through; limit
 * at the balancer too when that matters.
 * @since 0.3.0
 */
import { Messages } from "@khuyencong/core"
import { ServiceError } from "./errors.js"

/**
 * A token bucket's refill and size, as the operator writes it in the token file.
 * @example `{ "perSecond": 50, "burst": 100 }` (50 requests a second, 100 at once after a quiet spell)
 */
export interface RateLimit {
  /** Tokens gained per second (sustained requests per second). */
  readonly perSecond: number
  /** Tokens the bucket holds at most (requests allowed at once after a quiet spell). */
  readonly burst: number
}

/**
 * Defaults: a principal 50 requests a second, 100 at once (a batch of 100 proposals is one
 * request); an address without a token 10 a second, 40 at once (the explorer page loads about 10
 * files).
 * @example `defaultRateLimits.principal` → `{ perSecond: 50, burst: 100 }`
 */
export const defaultRateLimits: { readonly principal: RateLimit; readonly anonymous: RateLimit } = {
  principal: { perSecond: 50, burst: 100 },
  anonymous: { perSecond: 10, burst: 40 }
}

/** Checks a `rateLimit` of the token configuration; `where` names it in the error. */
export const rateLimitOf = (u: unknown, where: string, fail: (message: string) => Error): RateLimit => {
  const o = u as { perSecond?: unknown; burst?: unknown } | null
  const ok = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0
  if (typeof o !== "object" || o === null || !ok(o.perSecond) || !ok(o.burst) || o.burst < 1)
    throw fail(`${where} must be { "perSecond": a number > 0, "burst": a number ≥ 1 }`)
  return { perSecond: o.perSecond, burst: o.burst }
}

interface Bucket {
  tokens: number
  at: number
}

/** When this many buckets are kept, the full ones (idle long enough to be back at `burst`) are dropped. */
const SWEEP_AT = 10_000

/** The buckets of one service instance. `now` in milliseconds (default `performance.now`). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly limits = new Map<string, RateLimit>()

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Take one token for `key`, or throw 429 with the seconds until one is back. */
  take(key: string, limit: RateLimit, principal: string | undefined): void {
    const now = this.now()
    let b = this.buckets.get(key)
    if (b === undefined) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now)
      b = { tokens: limit.burst, at: now }
      this.buckets.set(key, b)
      this.limits.set(key, limit)
    } else {
      b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond)
      b.at = now
    }
    if (b.tokens >= 1) {
      b.tokens -= 1
      return
    }
    const seconds = Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond))
    throw limited(principal, seconds, limit)
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      const limit = this.limits.get(key) as RateLimit
      if (b.tokens + ((now - b.at) / 1000) * limit.perSecond >= limit.burst) {
        this.buckets.delete(key)
        this.limits.delete(key)
      }
    }
  }
}

const CODE = "request/rate-limited"

const limited = (principal: string | undefined, seconds: number, limit: RateLimit): ServiceError => {
  const params = { principal, seconds, rate: limit.perSecond, burst: limit.burst }
  return new ServiceError(
    429,
    CODE,
    Messages.message(CODE, params, "vi") as string,
    Messages.message(CODE, params, "en") as string,
    principal === undefined ? [] : ["headers", "authorization"],
    { "retry-after": String(seconds) }
  )
}
