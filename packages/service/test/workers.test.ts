/**
 * The endpoints that only compute, run on worker threads (`--workers`): the answers are the same
 * bytes, statuses and typed errors as on the event loop. Two processes of the one command, one
 * with a worker thread and one without, are asked the same things. A request goes to a thread
 * when another is in progress, so each question to the first process is asked while a request
 * whose body is not yet complete holds it busy.
 */
import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fixtures, type Process, startProcess, tokens } from "./helpers.js"

const fx = fixtures()
let threads: Process
let loop: Process

beforeAll(async () => {
  ;[threads, loop] = await Promise.all([startProcess(["--workers", "1"], { DATABASE_URL: "" }), startProcess(["--workers", "0"], { DATABASE_URL: "" })])
}, 300_000)
afterAll(async () => {
  await Promise.all([threads?.stop(), loop?.stop()])
})

interface Raw {
  readonly status: number
  readonly text: string
}

const post = (base: string, path: string, token: string | undefined, body: string, extra: Readonly<Record<string, string>> = {}): Promise<Raw & { readonly lang: string | undefined }> =>
  new Promise((resolve, reject) => {
    const req = request(
      base + path,
      { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...extra, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), lang: res.headers["content-language"] }))
      }
    )
    req.on("error", reject)
    req.end(body)
  })

/** A request to /evaluate whose body is sent in two parts: in progress until `finish`. */
const held = (base: string, body: string): { readonly finish: () => Promise<Raw> } => {
  let answer!: Promise<Raw>
  const bytes = Buffer.from(body)
  const req = request(base + "/evaluate", { method: "POST", headers: { "content-type": "application/json", "content-length": bytes.length, authorization: `Bearer ${tokens.reader}` } })
  answer = new Promise((resolve, reject) => {
    req.on("response", (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }))
    })
    req.on("error", reject)
  })
  req.write(bytes.subarray(0, 10))
  return {
    finish: () => {
      req.end(bytes.subarray(10))
      return answer
    }
  }
}

const evaluateBody = (proposal: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ proposal, establishments: fx.establishments, date: fx.date, ...extra })

const deep = (depth: number): string => "[".repeat(depth) + "]".repeat(depth)

const cases: ReadonlyArray<readonly [string, string, string | undefined, string]> = [
  ["an eligible proposal (300 triệu payable)", "/evaluate", tokens.reader, evaluateBody(fx.above)],
  ["with the explanation in Vietnamese and the trace", "/evaluate", tokens.reader, evaluateBody(fx.below, { explain: "vi", trace: true })],
  ["a batch with a proposal the decoder refuses", "/evaluate/batch", tokens.reader, JSON.stringify({ proposals: [fx.above, { ...fx.below, fund: "elsewhere" }], establishments: fx.establishments, date: fx.date })],
  [
    "an allocation of 400 triệu",
    "/allocate",
    tokens.planner,
    JSON.stringify({ plan: fx.plan, proposals: [fx.above, fx.below], establishments: fx.establishments, policy: { kind: "whole-only" }, submittedOn: { [fx.above.id]: "2023-05-01", [fx.below.id]: "2023-05-02" } })
  ],
  ["a proposal that does not decode (422)", "/evaluate", tokens.reader, evaluateBody({ ...fx.above, fund: 7 })],
  ["an unknown field (422)", "/evaluate", tokens.reader, JSON.stringify({ proposal: fx.above, author: "me" })],
  ["a date outside every pack (422)", "/evaluate", tokens.reader, evaluateBody(fx.above, { date: "1999-01-01" })],
  ["text that is not JSON (400)", "/evaluate", tokens.reader, '{"proposal": '],
  ["a list nested too deep (413)", "/evaluate/batch", tokens.reader, `{"proposals": ${deep(40)}}`],
  ["a digit string over the limit, found after parsing (413)", "/evaluate", tokens.reader, evaluateBody({ ...fx.above, note: "1".repeat(30) })],
  ["a reader allocating (403)", "/allocate", tokens.reader, JSON.stringify({ plan: fx.plan, proposals: [] })],
  ["no token (401)", "/evaluate", undefined, evaluateBody(fx.above)]
]

describe("POST /evaluate, /evaluate/batch and /allocate on a worker thread", () => {
  it.each(cases)("%s: the same status and bytes as on the event loop", async (_, path, token, body) => {
    const busy = held(threads.url, evaluateBody(fx.above))
    const [a, b] = [await post(threads.url, path, token, body), await post(loop.url, path, token, body)]
    const first = await busy.finish()
    expect(a.status).toBe(b.status)
    expect(a.text).toBe(b.text)
    expect(JSON.parse(a.text)).toEqual(JSON.parse(b.text))
    // the request that held the service busy was answered too, and rightly
    expect(first.status).toBe(200)
    expect(JSON.parse(first.text).evaluation.payable).toBe("300000000")
  })

  // the same questions one at a time: the process with threads computes them on its event loop
  it.each(cases)("%s, asked alone: the same status and bytes", async (_, path, token, body) => {
    const a = await post(threads.url, path, token, body)
    const b = await post(loop.url, path, token, body)
    expect(a.status).toBe(b.status)
    expect(a.text).toBe(b.text)
  })

  it("explain: true follows Accept-Language on a thread as on the event loop", async () => {
    const body = evaluateBody(fx.above, { explain: true })
    for (const accept of ["en-US,en;q=0.9", "vi"]) {
      const busy = held(threads.url, evaluateBody(fx.above))
      const a = await post(threads.url, "/evaluate", tokens.reader, body, { "accept-language": accept })
      const b = await post(loop.url, "/evaluate", tokens.reader, body, { "accept-language": accept })
      await busy.finish()
      expect(a.lang).toBe(accept.startsWith("en") ? "en" : "vi")
      expect(a.lang).toBe(b.lang)
      expect(a.text).toBe(b.text)
    }
  })

  it("forty evaluations at once: each the answer of its own proposal", async () => {
    const bodies = [evaluateBody(fx.above), evaluateBody(fx.below)]
    const expected = await Promise.all(bodies.map((b) => post(loop.url, "/evaluate", tokens.reader, b)))
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(threads.url, "/evaluate", tokens.reader, bodies[i % 2] as string)))
    answers.forEach((a, i) => {
      expect(a.status).toBe(200)
      expect(a.text).toBe((expected[i % 2] as Raw).text)
    })
    expect(JSON.parse((expected[0] as Raw).text).evaluation.payable).toBe("300000000")
  })
})

describe("a body larger than one proposal may be (over maxRecordBytes, 64 KiB) on a service with threads", () => {
  // 100 proposals with longer titles: about 80 KiB, a batch within every limit
  const large = JSON.stringify({
    proposals: Array.from({ length: 100 }, (_, i) => ({ ...fx.above, id: `lo-${i}`, title: `${fx.above.title} — ${"mở rộng sản xuất ".repeat(12)}` })),
    establishments: fx.establishments,
    date: fx.date
  })

  it("always goes to a thread, waiting for one: the same bytes as on the event loop; past four per thread, 503 request/busy with Retry-After", async () => {
    expect(Buffer.byteLength(large)).toBeGreaterThan(64 * 1024)
    const expected = await post(loop.url, "/evaluate/batch", tokens.planner, large)
    expect(expected.status).toBe(200)
    const results = JSON.parse(expected.text).results
    expect(results).toHaveLength(100)
    expect(results.every((r: { ok: boolean; evaluation?: { payable: string } }) => r.ok && r.evaluation?.payable === "300000000")).toBe(true)
    // thirty at once: at most four (1 thread × 4) in progress, each a few ms of the thread's time
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(threads.url, "/evaluate/batch", tokens.planner, large)))
    const ok = answers.filter((a) => a.status === 200)
    const busy = answers.filter((a) => a.status === 503)
    expect(ok.length + busy.length).toBe(30)
    expect(ok.length).toBeGreaterThanOrEqual(4)
    expect(busy.length).toBeGreaterThanOrEqual(1)
    for (const a of ok) expect(a.text).toBe(expected.text)
    for (const a of busy)
      expect(JSON.parse(a.text).error).toMatchObject({
        code: "request/busy",
        message: { vi: "Dịch vụ đang bận tính các yêu cầu lớn khác; hãy thử lại sau 1 giây.", en: "The service is busy computing other large requests; try again in 1 s." }
      })
    // and the service still answers a small request at once afterwards
    const after = await post(threads.url, "/evaluate", tokens.reader, evaluateBody(fx.above))
    expect(JSON.parse(after.text).evaluation.payable).toBe("300000000")
  })
})
