/**
 * The validation endpoint over real HTTP: start it on 127.0.0.1, port 0, and check the status
 * and body of each kind of answer.
 */
import type { Server } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listen, respond, sample, type ErrorBody } from "../server.js"

let server: Server
let base: string

beforeAll(async () => {
  const s = await listen(0, "127.0.0.1")
  server = s.server
  base = s.url
})

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
    })
)

const post = async (path: string, body: string, contentType = "application/json") => {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": contentType }, body })
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as unknown }
}

const errorOf = (body: unknown): ErrorBody["error"] => (body as ErrorBody).error

describe("POST /proposals/validate", () => {
  it("answers 200 with the decoded proposal encoded back to JSON (canonical form)", async () => {
    const r = await post("/proposals/validate", sample("proposal.json"))
    expect(r.status).toBe(200)
    expect(r.type).toBe("application/json; charset=utf-8")
    const p = r.body as { id: string; activities: Array<{ costLines: Array<{ quantity: unknown; unitCost: unknown; total: unknown }> }> }
    expect(p.id).toBe("DT-2024-QG-03")
    // "1.0" and the JSON number 1200000000 come back in canonical form
    expect(p.activities[0]?.costLines[0]).toMatchObject({ quantity: 1, unitCost: "1200000000", total: "1200000000" })
  })

  it("answers 422 listing every problem with its path and code", async () => {
    const r = await post("/proposals/validate", sample("proposal-with-errors.json"))
    expect(r.status).toBe(422)
    const e = errorOf(r.body)
    expect(e._tag).toBe("ValidationError")
    expect(e.code).toBe("proposal/invalid")
    expect(e.message).toMatch(/4 problems/)
    expect(e.issues.map((i) => [i.path.join("."), i.code])).toEqual([
      ["form.beneficiaryIds.2", "proposal/group-beneficiary-unknown"],
      ["activities.0.costLines.0.unitCost", "money/unparseable"],
      ["activities.0.costLines.1.requestedSupport", "proposal/support-exceeds-total"],
      ["duration.end", "proposal/duration-order"]
    ])
    for (const i of e.issues) expect(Object.keys(i).sort()).toEqual(["code", "message", "path"])
    expect(e.issues[2]?.message).toContain("kinh phí đề nghị hỗ trợ")
  })

  it("answers 400 with a typed ParseError for a body that is not JSON", async () => {
    const r = await post("/proposals/validate", '{"id": "DT-2024-QG-03",')
    expect(r.status).toBe(400)
    const e = errorOf(r.body)
    expect(e._tag).toBe("ParseError")
    expect(e.code).toBe("request/invalid-json")
    expect(e.message).toMatch(/not valid JSON/)
    expect(e.issues).toEqual([{ path: [], code: "request/invalid-json", message: e.message }])
  })

  it("answers 400 for an empty body", async () => {
    const r = await post("/proposals/validate", "")
    expect(r.status).toBe(400)
    expect(errorOf(r.body).message).toMatch(/empty/)
  })
})

describe("POST /establishments/validate", () => {
  it("answers 200 with the establishment, tax code in canonical form", async () => {
    const r = await post("/establishments/validate?asOf=2025-09-01", sample("establishment.json"))
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ id: "dt-sen-thap-muoi", taxCode: "1400237816-001", localRawMaterialShare: "0.8" })
  })

  it("runs the date checks with asOf: a district and an old province code after the 2025 reorganisation", async () => {
    const old = JSON.parse(sample("establishment.json")) as { location: Record<string, unknown> }
    old.location["provinceCode"] = "87"
    old.location["district"] = "Huyện Tháp Mười"
    const body = JSON.stringify(old)
    expect((await post("/establishments/validate", body)).status).toBe(200) // date-free checks only
    const r = await post("/establishments/validate?asOf=01/09/2025", body)
    expect(r.status).toBe(422)
    expect(errorOf(r.body).issues.map((i) => [i.path.join("."), i.code])).toEqual([
      ["location.provinceCode", "establishment/province-code-not-in-force"],
      ["location.district", "establishment/district-abolished"]
    ])
  })

  it("answers 400 with a ParseError for an asOf that is not a date", async () => {
    const r = await post("/establishments/validate?asOf=2025-02-30", sample("establishment.json"))
    expect(r.status).toBe(400)
    const e = errorOf(r.body)
    expect(e._tag).toBe("ParseError")
    expect(e.issues[0]?.path).toEqual(["query", "asOf"])
  })

  it("answers 422 for a value of the wrong kind", async () => {
    const r = await post("/establishments/validate", JSON.stringify([1, 2, 3]))
    expect(r.status).toBe(422)
    expect(errorOf(r.body).issues[0]).toMatchObject({ path: [], code: "schema/type" })
  })
})

describe("other requests", () => {
  it("404 for an unknown path, 405 for another method, 415 for a body that is not JSON", async () => {
    expect((await post("/plans/validate", "{}")).status).toBe(404)
    const get = await fetch(`${base}/proposals/validate`)
    expect(get.status).toBe(405)
    expect(get.headers.get("allow")).toBe("POST")
    expect((await post("/proposals/validate", "id=1", "application/x-www-form-urlencoded")).status).toBe(415)
  })

  it("respond() is the same logic without a server", () => {
    expect(respond("POST", "/proposals/validate", "nope").status).toBe(400)
    expect(respond("POST", "/proposals/validate/", sample("proposal.json")).status).toBe(200)
  })
})
