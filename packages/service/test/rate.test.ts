// Rate limits: a token bucket per principal and per address without a token; 429 with
// Retry-After and the typed error from the message catalogue.
import { Messages } from "@khuyencong/core"
import { memoryStore } from "@khuyencong/storage/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fromConfig, listen, type Running } from "../src/index.js"
import { RateLimiter } from "../src/rate.js"
import { ServiceError } from "../src/errors.js"
import { call, fixtures, tokens } from "./helpers.js"

const fx = fixtures()
const body = { proposal: fx.above, establishments: fx.establishments, date: fx.date }

// The reader may make 3 requests at once and then one every 100 s; each address without a
// token 2 at once, then one every 100 s; the planner has the default (100 at once).
const config = {
  anonymousRateLimit: { perSecond: 0.01, burst: 2 },
  tokens: [
    { token: tokens.reader, principal: "sct-tn/doc-gia", roles: ["reader"], rateLimit: { perSecond: 0.01, burst: 3 } },
    { token: tokens.planner, principal: "sct-tn/ke-hoach", roles: ["planner"] }
  ]
}

let svc: Running
beforeAll(async () => {
  svc = await listen({ store: memoryStore(), auth: fromConfig(config), log: () => {} })
})
afterAll(async () => svc.close())

describe("rate limits", () => {
  it("refuses a principal flooding (429, Retry-After) while another principal is still served", async () => {
    const flood = await Promise.all(Array.from({ length: 6 }, () => call(svc.url, "POST", "/evaluate", tokens.reader, body)))
    expect(flood.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429])
    const refused = flood.find((r) => r.status === 429)!
    // the bucket is empty: one token comes back in 1 / 0.01 = 100 s
    expect(refused.headers.get("retry-after")).toBe("100")
    expect(refused.body.error.code).toBe("request/rate-limited")
    expect(refused.body.error.path).toEqual(["headers", "authorization"])
    expect(refused.body.error.message.vi).toBe(
      "Quá nhiều yêu cầu của sct-tn/doc-gia: tối đa 0.01 yêu cầu mỗi giây, 3 yêu cầu cùng lúc; hãy thử lại sau 100 giây."
    )
    expect(refused.body.error.message.en).toBe("Too many requests from sct-tn/doc-gia: at most 0.01 a second, 3 at once; try again in 100 s.")
    expect(JSON.stringify(refused.body)).not.toMatch(/\bat .*\.(js|ts):\d+/)

    const other = await call(svc.url, "POST", "/evaluate", tokens.planner, body)
    expect(other.status).toBe(200)
    expect(other.body.evaluation.payable).toBe("300000000")
  })

  it("limits each address without a valid token; a wrong token counts against its address", async () => {
    expect((await call(svc.url, "GET", "/packs")).status).toBe(200)
    expect((await call(svc.url, "POST", "/evaluate", "not-a-token-0123456789", body)).status).toBe(401)
    const third = await call(svc.url, "GET", "/packs")
    expect(third.status).toBe(429)
    expect(third.headers.get("retry-after")).toBe("100")
    expect(third.body.error.path).toEqual([])
    expect(third.body.error.message.en).toBe("Too many requests: at most 0.01 a second, 2 at once; try again in 100 s.")
    // the principals' buckets are their own
    expect((await call(svc.url, "POST", "/evaluate", tokens.planner, body)).status).toBe(200)
  })

  it("has its code in the message catalogue, in both languages", () => {
    expect(Messages.has("request/rate-limited")).toBe(true)
    expect(Messages.message("request/rate-limited", { seconds: 2, rate: 50, burst: 100 }, "en")).toBe("Too many requests: at most 50 a second, 100 at once; try again in 2 s.")
  })

  it("refills at perSecond up to burst (a clock in the test's hands)", () => {
    let now = 0
    const limiter = new RateLimiter(() => now)
    const limit = { perSecond: 2, burst: 3 }
    const take = (): number | "ok" => {
      try {
        limiter.take("p a", limit, "a")
        return "ok"
      } catch (e) {
        return Number((e as ServiceError).headers["retry-after"])
      }
    }
    expect([take(), take(), take(), take()]).toEqual(["ok", "ok", "ok", 1])
    now += 500 // half a second: one token (2 a second)
    expect([take(), take()]).toEqual(["ok", 1])
    now += 60_000 // a minute idle: back to burst (3), not 120
    expect([take(), take(), take(), take()]).toEqual(["ok", "ok", "ok", 1])
  })

  it("refuses a malformed rate limit in the token configuration at start-up", () => {
    for (const rateLimit of [{ perSecond: 0, burst: 5 }, { perSecond: 1 }, { perSecond: 1, burst: 0.5 }, "fast"])
      expect(() => fromConfig({ rateLimit, tokens: [] })).toThrow(/rateLimit must be/)
    expect(() => fromConfig({ tokens: [{ token: tokens.reader, principal: "x", roles: ["reader"], rateLimit: { perSecond: -1, burst: 1 } }] })).toThrow(/tokens\[0\]\.rateLimit/)
  })
})
