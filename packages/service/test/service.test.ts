/**
 * The service in-process on an ephemeral port, over the memory store: the endpoints with
 * hand-worked figures (packages/rules-2021-2025/cases/caps.yaml, see fixtures.json), tokens and
 * roles, the limits, the typed errors.
 */
import { request } from "node:http"
import { defaultPacks, fromConfig, listen, type Running } from "../src/index.js"
import { Establishment, Evaluate, LocalDate, Pack, Proposal } from "@khuyencong/core"
import { memoryStore } from "@khuyencong/storage/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { call, contractBody, fixtures, storeEvaluated, tokenConfig, tokens } from "./helpers.js"

const fx = fixtures()
let svc: Running
let base: string

beforeAll(async () => {
  svc = await listen({ store: memoryStore(), auth: fromConfig(tokenConfig), limits: { maxBatch: 5 }, log: () => {} })
  base = svc.url
})
afterAll(async () => svc.close())

/** Every error answer has the typed shape, in both languages, and nothing of a stack. */
const typed = (body: any, code: string): void => {
  expect(body.error.code).toBe(code)
  expect(Array.isArray(body.error.path)).toBe(true)
  expect(typeof body.error.message.vi).toBe("string")
  expect(typeof body.error.message.en).toBe("string")
  expect(body.error.issues.length).toBeGreaterThan(0)
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(js|ts):\d+/)
}

describe("evaluation", () => {
  it("evaluates a proposal: machinery of 1 tỷ, 500 triệu requested → 300 triệu (the absolute cap binds)", async () => {
    const r = await call(base, "POST", "/evaluate", tokens.reader, { proposal: fx.above, establishments: fx.establishments, date: fx.date, explain: "vi" })
    expect(r.status).toBe(200)
    const e = r.body.evaluation
    expect(e.verdict).toBe("eligible")
    expect(e.packId).toBe("vn-khuyen-cong-2021-2025")
    expect(e.date).toBe("2023-06-30")
    // 50 % × 1.000.000.000 = 500.000.000 > 300.000.000 cap → 300.000.000
    expect(e.payable).toBe("300000000")
    expect(r.body.explanation).toMatch(/KẾT QUẢ/)
    // the line named from the catalogue in force on 2023-06-30
    // (packages/law/corpus/catalogue/machinery.yaml, version 2018-05-11), codes kept in brackets
    expect(r.body.explanation).toContain(
      "  1. Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ, tiến bộ khoa học kỹ thuật vào sản xuất công nghiệp - tiểu thủ công nghiệp [machinery] / Máy móc thiết bị tiên tiến, chuyển giao công nghệ [machinery.equipment]"
    )
    const en = await call(base, "POST", "/evaluate", tokens.reader, { proposal: fx.above, establishments: fx.establishments, date: fx.date, explain: "en" })
    expect(en.body.explanation).toContain(
      "  1. Advanced machinery, technology transfer and scientific-technical progress in industrial and handicraft production [machinery] / Advanced machinery and equipment, technology transfer [machinery.equipment]"
    )
  })

  it("explain: true writes the explanation in the language Accept-Language prefers, Vietnamese unless English is preferred, and says which", async () => {
    const body = JSON.stringify({ proposal: fx.above, establishments: fx.establishments, date: fx.date, explain: true })
    const ask = async (acceptLanguage: string | undefined): Promise<{ readonly lang: string | null; readonly explanation: string }> => {
      const res = await fetch(base + "/evaluate", {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.reader}`, "content-type": "application/json", ...(acceptLanguage === undefined ? {} : { "accept-language": acceptLanguage }) },
        body
      })
      expect(res.status).toBe(200)
      return { lang: res.headers.get("content-language"), explanation: ((await res.json()) as { explanation: string }).explanation }
    }
    for (const [header, lang] of [
      [undefined, "vi"],
      ["vi-VN,vi;q=0.9", "vi"],
      ["en-US,en;q=0.9", "en"],
      ["en;q=0.5, vi;q=0.8", "vi"],
      ["fr-FR", "vi"],
      ["*", "vi"]
    ] as const) {
      const a = await ask(header)
      expect(a.lang, String(header)).toBe(lang)
      if (lang === "vi") expect(a.explanation, String(header)).toMatch(/KẾT QUẢ/)
      else expect(a.explanation, String(header)).toContain("Advanced machinery and equipment, technology transfer [machinery.equipment]")
    }
    // without an explanation nothing is in one language: no Content-Language
    const plain = await fetch(base + "/evaluate", { method: "POST", headers: { authorization: `Bearer ${tokens.reader}`, "content-type": "application/json", "accept-language": "en" }, body: JSON.stringify({ proposal: fx.above, establishments: fx.establishments, date: fx.date }) })
    expect(plain.headers.get("content-language")).toBeNull()
    const bad = await call(base, "POST", "/evaluate", tokens.reader, { proposal: fx.above, establishments: fx.establishments, date: fx.date, explain: "fr" })
    expect(bad.status).toBe(422)
    typed(bad.body, "evaluate/invalid")
    expect(bad.body.error.issues.find((i: any) => i.code === "request/invalid-language").path).toEqual(["explain"])
  })

  it("answers the evaluation exactly as Evaluate.encode writes it (key order too), with and without its trace", async () => {
    const ok = <A>(r: { readonly ok: boolean; readonly value?: A }): A => (r.ok ? (r.value as A) : expect.fail("decode failed"))
    const proposal = ok(Proposal.decode(fx.above))
    const establishments = new Map(fx.establishments.map((e) => [String(e["id"]), ok(Establishment.decode(e))]))
    const pack = defaultPacks().find((p) => p.id === "vn-khuyen-cong-2021-2025")!
    const resolved = Pack.resolveOrThrow(pack, LocalDate.parseOrThrow(fx.date))
    for (const trace of [false, true]) {
      const r = await call(base, "POST", "/evaluate", tokens.reader, { proposal: fx.above, establishments: fx.establishments, date: fx.date, trace })
      expect(r.status).toBe(200)
      const expected = Evaluate.encode(Evaluate.evaluateOrThrow(proposal, resolved, { establishments, trace }))
      expect(JSON.stringify(r.body.evaluation)).toBe(JSON.stringify(expected))
    }
  })

  it("evaluates a batch, each proposal for itself: 300 triệu, 200 triệu (the rate binds), and a typed error", async () => {
    const bad = { ...fx.below, id: "de-an-bad", activities: "none" }
    const r = await call(base, "POST", "/evaluate/batch", tokens.reader, { proposals: [fx.above, fx.below, bad], establishments: fx.establishments })
    expect(r.status).toBe(200)
    const [a, b, c] = r.body.results
    expect([a.ok, a.evaluation.payable]).toEqual([true, "300000000"])
    // 50 % × 400.000.000 = 200.000.000 < 300.000.000 cap
    expect([b.ok, b.evaluation.payable]).toEqual([true, "200000000"])
    expect(c.ok).toBe(false)
    expect(c.error.path[0]).toBe("proposals")
    expect(c.error.path[1]).toBe(2)
  })

  it("refuses a batch over its size before decoding it (413)", async () => {
    const r = await call(base, "POST", "/evaluate/batch", tokens.reader, { proposals: Array.from({ length: 6 }, () => ({})) })
    expect(r.status).toBe(413)
    typed(r.body, "request/batch-too-large")
  })

  it("answers invalid data with every problem and its path (422)", async () => {
    const r = await call(base, "POST", "/evaluate", tokens.reader, { proposal: { ...fx.above, fund: "elsewhere" }, establishments: fx.establishments })
    expect(r.status).toBe(422)
    typed(r.body, "proposal/invalid")
    expect(r.body.error.issues.some((i: any) => i.path[0] === "proposal" && i.path[1] === "fund")).toBe(true)
    // each problem worded from the message catalogue in both languages, naming the field in the request
    const fund = r.body.error.issues.find((i: any) => i.path.join(".") === "proposal.fund")
    expect(fund.message.vi).toMatch(/^(Giá trị của trường proposal\.fund không hợp lệ|Trường proposal\.fund sai kiểu dữ liệu)/)
    expect(fund.message.en).toMatch(/proposal\.fund/)
    expect(r.body.error.message.vi).toBe("Đề án không hợp lệ.")
    expect(r.body.error.message.en).toBe("The proposal (đề án) is not valid.")
  })
})

describe("allocation", () => {
  it("allocates 400 triệu whole-only: the first submitted (300 triệu) is funded, 200 triệu does not fit in the 100 triệu left", async () => {
    const r = await call(base, "POST", "/allocate", tokens.planner, {
      plan: fx.plan,
      proposals: [fx.above, fx.below],
      establishments: fx.establishments,
      policy: { kind: "whole-only" },
      submittedOn: { [fx.above.id]: "2023-05-01", [fx.below.id]: "2023-05-02" }
    })
    expect(r.status).toBe(200)
    expect(r.body.totals).toMatchObject({ payable: "500000000", envelope: "400000000", allocated: "300000000", unallocated: "100000000" })
    const by = Object.fromEntries(r.body.proposals.map((p: any) => [p.proposalId, p]))
    expect(by[fx.above.id]).toMatchObject({ decision: "funded", allocated: "300000000", position: 1 })
    expect(by[fx.below.id]).toMatchObject({ decision: "unfunded", allocated: "0", position: 2 })
  })

  it("partial-marginal with a 50 % minimum share gives the second its 100 triệu left (50 % of 200 triệu)", async () => {
    const r = await call(base, "POST", "/allocate", tokens.planner, {
      plan: fx.plan,
      proposals: [fx.above, fx.below],
      establishments: fx.establishments,
      policy: { kind: "partial-marginal", minimumShare: "50%" },
      submittedOn: { [fx.above.id]: "2023-05-01", [fx.below.id]: "2023-05-02" }
    })
    expect(r.status).toBe(200)
    const by = Object.fromEntries(r.body.proposals.map((p: any) => [p.proposalId, p]))
    expect(by[fx.below.id]).toMatchObject({ decision: "partly-funded", allocated: "100000000" })
    expect(r.body.totals.allocated).toBe("400000000")
  })
})

describe("contracts and the ledger", () => {
  it("signs a contract on the stored evaluation, posts the first advance (70 % of 300 triệu = 210 triệu) as the token's principal", async () => {
    const proposal = { ...fx.above, id: "de-an-chain" }
    const evaluationId = await storeEvaluated(base, proposal, fx.establishments, fx.date)
    const c = await call(base, "POST", "/contracts", tokens.planner, contractBody("HĐ-01", proposal.id, evaluationId))
    expect(c.status).toBe(201)
    expect(c.body.contract).toMatchObject({ approvedSupport: "300000000", advanceTier: "investment" })
    // 1 đồng above the evaluation's payable amount is refused
    const over = await call(base, "POST", "/contracts", tokens.planner, contractBody("HĐ-02", proposal.id, evaluationId, "1"))
    expect(over.status).toBe(409)
    typed(over.body, "contract/exceeds-evaluation")

    const advance = { id: "a1", idempotencyKey: "k-a1", kind: "advance", date: "2023-08-01", amount: "210000000", evidence: { progressShare: "75%" } }
    const a = await call(base, "POST", "/contracts/HĐ-01/events", tokens.ledger, advance)
    expect(a.status).toBe(201)
    expect(a.body.event).toMatchObject({ id: "a1", idempotencyKey: "k-a1", author: "sct-tn/ke-toan-1", amount: "210000000" })
    // 75 % of 300.000.000 done = 225.000.000; 300.000.000 − 210.000.000 = 90.000.000 remaining
    expect(a.body.balances).toMatchObject({ approved: "300000000", advanced: "210000000", advanceLimit: "210000000", workValue: "225000000", remaining: "90000000" })

    // a retry writes nothing and answers the original
    const again = await call(base, "POST", "/contracts/HĐ-01/events", tokens.ledger, advance)
    expect([again.status, again.body.replayed, again.body.balances.advanced]).toEqual([200, true, "210000000"])
    // 1 đồng more than the advance limit is refused
    const more = await call(base, "POST", "/contracts/HĐ-01/events", tokens.ledger, { ...advance, id: "a2", idempotencyKey: "k-a2", amount: "1" })
    expect(more.status).toBe(409)

    const l = await call(base, "GET", "/contracts/HĐ-01/ledger", tokens.planner)
    expect(l.status).toBe(200)
    expect(l.body.events).toHaveLength(1)
    expect(l.body.events[0]).toMatchObject({ id: "a1", idempotencyKey: "k-a1", author: "sct-tn/ke-toan-1" })
    expect(l.body.balances.advanced).toBe("210000000")

    // the same request from another ledger officer is not a retry of the first one's posting
    const other = await call(base, "POST", "/contracts/HĐ-01/events", tokens.ledger2, advance)
    expect(other.status).toBe(422)
    typed(other.body, "ledger/idempotency-conflict")
  })

  it("never takes the author from the body", async () => {
    const r = await call(base, "POST", "/contracts/HĐ-01/events", tokens.ledger, {
      id: "a3", idempotencyKey: "k-a3", kind: "payment", date: "2023-11-30", amount: "1", author: "someone-else"
    })
    expect(r.status).toBe(422)
    typed(r.body, "ledger-event/invalid")
    expect(r.body.error.issues[0]).toMatchObject({ code: "request/unknown-field", path: ["author"] })
  })

  it("refuses an unknown proposal status before storing anything", async () => {
    const r = await call(base, "POST", "/proposals", tokens.planner, { proposal: { ...fx.below, id: "de-an-status" }, establishments: fx.establishments, status: "paid" })
    expect(r.status).toBe(422)
    typed(r.body, "proposal/invalid")
    expect(r.body.error.issues[0]).toMatchObject({ code: "request/invalid-status", path: ["status"] })
    const ev = await call(base, "POST", "/proposals/de-an-status/evaluations", tokens.planner, {})
    expect(ev.status).toBe(404)
  })

  it("answers an unknown contract with a typed 404", async () => {
    const r = await call(base, "GET", "/contracts/none/ledger", tokens.ledger)
    expect(r.status).toBe(404)
    typed(r.body, "contract/not-found")
  })
})

describe("tokens and roles", () => {
  const body = { proposal: fx.above, establishments: fx.establishments }
  it("refuses a write without a token (401, WWW-Authenticate) or with an unknown one", async () => {
    const none = await call(base, "POST", "/evaluate", undefined, body)
    expect(none.status).toBe(401)
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/)
    typed(none.body, "auth/unauthenticated")
    const wrong = await call(base, "POST", "/evaluate", "not-a-token-0123456789", body)
    expect(wrong.status).toBe(401)
  })

  it("refuses the wrong role (403): a reader allocating, a planner posting to the ledger, a ledger officer signing a contract", async () => {
    for (const [token, path] of [
      [tokens.reader, "/allocate"],
      [tokens.planner, "/contracts/HĐ-01/events"],
      [tokens.ledger, "/contracts"],
      [tokens.reader, "/proposals"]
    ] as const) {
      const r = await call(base, "POST", path, token, {})
      expect(r.status, `${path}`).toBe(403)
      typed(r.body, "auth/forbidden")
    }
    const read = await call(base, "GET", "/contracts/HĐ-01/ledger", tokens.reader)
    expect(read.status).toBe(403)
  })
})

describe("limits, checked before decoding", () => {
  it("refuses a body whose Content-Length is over the limit at once, without reading it (413)", async () => {
    const started = performance.now()
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${base}/evaluate`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) } }, (res) => {
        let text = ""
        res.on("data", (d: Buffer) => (text += d.toString()))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }))
      })
      req.on("error", reject)
      req.write("{") // one byte of the 50 MB announced, then wait for the answer
    })
    expect(status).toBe(413)
    typed(JSON.parse(body), "request/body-too-large")
    expect(performance.now() - started).toBeLessThan(2000)
  })

  const stream = (token: string | undefined): Promise<{ status: number; body: string; sent: number }> =>
    new Promise((resolve, reject) => {
      let sent = 0
      const headers = { "content-type": "application/json", "transfer-encoding": "chunked", ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }
      const req = request(`${base}/evaluate`, { method: "POST", headers }, (res) => {
        let text = ""
        res.on("data", (d: Buffer) => (text += d.toString()))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, sent }))
      })
      req.on("error", () => {}) // the server closes the connection after answering
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = (): void => {
        if (sent > 20 * 1024 * 1024) return reject(new Error("the server kept reading"))
        sent += chunk.length
        if (req.write(chunk)) setImmediate(pump)
        else req.once("drain", pump)
      }
      pump()
    })

  it("refuses a body streamed without Content-Length as soon as it passes the limit (413), and stops reading it", async () => {
    const { status, body, sent } = await stream(tokens.reader)
    expect(status).toBe(413)
    typed(JSON.parse(body), "request/body-too-large")
    expect(sent).toBeLessThan(20 * 1024 * 1024)
  })

  it("does not read the stream of a request without a token either (401, connection closed)", async () => {
    const { status, body, sent } = await stream(undefined)
    expect(status).toBe(401)
    typed(JSON.parse(body), "auth/unauthenticated")
    expect(sent).toBeLessThan(20 * 1024 * 1024)
  })

  it("allows one record 256 KiB and a batch 1 MiB", async () => {
    const padding = Array.from({ length: 100 }, () => "x".repeat(3000)) // 300 KB of strings within the limits
    const one = await call(base, "POST", "/evaluate", tokens.reader, { proposal: fx.above, padding })
    expect(one.status).toBe(413)
    typed(one.body, "request/body-too-large")
    const batch = await call(base, "POST", "/evaluate/batch", tokens.reader, { proposals: [fx.above], establishments: fx.establishments, padding })
    expect(batch.status).toBe(422) // read and parsed (within 1 MiB), then refused by the decoder: no such field
    typed(batch.body, "evaluate-batch/invalid")
  })

  it("refuses long strings, long numbers and deep nesting with their path (413)", async () => {
    const long = await call(base, "POST", "/evaluate", tokens.reader, { proposal: { ...fx.above, title: "x".repeat(5000) } })
    expect(long.status).toBe(413)
    typed(long.body, "request/string-too-long")
    expect(long.body.error.path).toEqual(["proposal", "title"])

    const digits = await call(base, "POST", "/contracts/HĐ-01/events", tokens.ledger, { id: "x", idempotencyKey: "x", kind: "advance", date: "2023-08-01", amount: "9".repeat(40) })
    expect(digits.status).toBe(413)
    typed(digits.body, "request/too-many-digits")
    expect(digits.body.error.path).toEqual(["amount"])

    const numeral = await call(base, "POST", "/evaluate", tokens.reader, `{"proposal":{"planYear":1${"0".repeat(400)}}}`)
    expect(numeral.status).toBe(413)
    typed(numeral.body, "request/too-many-digits")

    let deep: unknown = {}
    for (let i = 0; i < 40; i++) deep = { a: deep }
    const nested = await call(base, "POST", "/evaluate", tokens.reader, { proposal: deep })
    expect(nested.status).toBe(413)
    typed(nested.body, "request/too-deep")
  })

  it("answers bad JSON, a wrong content type, an unknown path and a wrong method with typed errors", async () => {
    const json = await call(base, "POST", "/evaluate", tokens.reader, "{not json")
    expect(json.status).toBe(400)
    typed(json.body, "request/invalid-json")
    const type = await fetch(`${base}/evaluate`, { method: "POST", headers: { authorization: `Bearer ${tokens.reader}`, "content-type": "text/plain" }, body: "{}" })
    expect(type.status).toBe(415)
    const none = await call(base, "GET", "/nowhere")
    expect(none.status).toBe(404)
    typed(none.body, "http/not-found")
    const method = await call(base, "GET", "/evaluate")
    expect(method.status).toBe(405)
    expect(method.headers.get("allow")).toBe("POST")
  })
})

describe("the law and the API description", () => {
  it("reads a parameter at a date with its value and citation: the machinery cap in 2023 is 300 triệu (Circular 28/2018/TT-BTC art. 8.4)", async () => {
    const r = await call(base, "GET", "/parameters?date=2023-06-30&id=support.machinery.cap")
    expect(r.status).toBe(200)
    expect(r.body.pack).toBe("vn-khuyen-cong-2021-2025")
    expect(r.body.parameter).toMatchObject({ id: "support.machinery.cap", value: "300000000" })
    expect(r.body.parameter.citation).toMatchObject({ instrument: { number: "28/2018/TT-BTC" }, article: "8", clause: "4" })
    const all = await call(base, "GET", "/parameters?date=2023-06-30")
    expect(all.body.parameters.length).toBeGreaterThan(10)
    const bad = await call(base, "GET", "/parameters?date=2023-13-45")
    expect(bad.status).toBe(422)
    typed(bad.body, "parameters/invalid")
    const unknown = await call(base, "GET", "/parameters?date=2023-06-30&id=no.such")
    expect(unknown.status).toBe(422)
    typed(unknown.body, "pack/unknown-parameter")
  })

  it("lists the packs with their versions and periods", async () => {
    const r = await call(base, "GET", "/packs")
    expect(r.body.packs.map((p: any) => p.id)).toEqual(["vn-khuyen-cong-2014-2018", "vn-khuyen-cong-2021-2025", "vn-khuyen-cong-2026-2030"])
    expect(r.body.packs[1].governs.planYears).toEqual({ from: 2019, to: 2025 }) // plan years 2019–2020 are read under it too
  })

  it("describes itself in OpenAPI 3.1, with the evaluation record's schema from core, and serves an API page", async () => {
    const r = await call(base, "GET", "/openapi.json")
    expect(r.body.openapi).toBe("3.1.0")
    for (const p of ["/evaluate", "/evaluate/batch", "/allocate", "/contracts", "/contracts/{id}/events", "/contracts/{id}/ledger", "/parameters", "/packs"])
      expect(r.body.paths[p], p).toBeDefined()
    expect(r.body.components.schemas.Evaluation.properties.payable).toMatchObject({ "x-description-vi": expect.stringMatching(/Số được chi trả/) })
    expect(r.body.components.schemas.Proposal.properties.planYear["x-description-vi"]).toBe("Năm kế hoạch")
    // Scalar's API reference over this document, from the copy effect bundles: nothing from a CDN
    const page = await call(base, "GET", "/docs")
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toMatch(/^text\/html/)
    expect(page.body).toMatch(/Scalar\.createApiReference/)
    expect(page.body).toMatch(/"\/evaluate\/batch"/)
    expect(page.body).not.toMatch(/<script[^>]+src="https?:/)
  })
})
