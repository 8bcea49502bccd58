/**
 * The explorer page at /explorer/: static files with their types and cache headers, a redirect to
 * the folder, no way out of the folder, GET and HEAD only, and a typed 404 without a build.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { memoryStore } from "@khuyencong/storage/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fromConfig, listen, type Running } from "../src/index.js"
import { tokenConfig } from "./helpers.js"

let svc: Running
let empty: Running
const dir = mkdtempSync(join(tmpdir(), "khuyencong-explorer-"))
writeFileSync(join(dir, "index.html"), "<!doctype html><title>explorer</title>")
mkdirSync(join(dir, "assets"))
writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)")
writeFileSync(join(dir, "..", "khuyencong-secret.txt"), "TOP-SECRET-CONTENT")

beforeAll(async () => {
  svc = await listen({ store: memoryStore(), auth: fromConfig(tokenConfig), explorer: dir, log: () => {} })
  empty = await listen({ store: memoryStore(), auth: fromConfig(tokenConfig), explorer: join(dir, "missing"), log: () => {} })
})
afterAll(async () => {
  await svc.close()
  await empty.close()
})

/** A raw request (no URL normalisation by a client). */
const raw = (base: string, method: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
  new Promise((resolve, reject) => {
    const u = new URL(base)
    const req = request({ host: u.hostname, port: u.port, method, path }, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (c: string) => (body += c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on("error", reject)
    req.end()
  })

describe("the explorer at /explorer/", () => {
  it("serves the page and its assets with their content types; assets cached for a year, the page revalidated", async () => {
    const page = await raw(svc.url, "GET", "/explorer/")
    expect(page.status).toBe(200)
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8")
    expect(page.headers["cache-control"]).toBe("no-cache")
    expect(page.body).toContain("<title>explorer</title>")
    const js = await raw(svc.url, "GET", "/explorer/assets/index-abc123.js")
    expect(js.status).toBe(200)
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8")
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable")
    expect(js.body).toBe("console.log(1)")
    const head = await raw(svc.url, "HEAD", "/explorer/index.html")
    expect(head.status).toBe(200)
    expect(head.body).toBe("")
  })

  it("redirects /explorer to /explorer/ (the page's URLs are relative)", async () => {
    const r = await raw(svc.url, "GET", "/explorer")
    expect(r.status).toBe(301)
    expect(r.headers["location"]).toBe("/explorer/")
  })

  it("never serves a file outside its folder", async () => {
    for (const path of ["/explorer/..%2Fkhuyencong-secret.txt", "/explorer/%2e%2e/khuyencong-secret.txt", "/explorer/assets/..%2F..%2Fkhuyencong-secret.txt"]) {
      const r = await raw(svc.url, "GET", path)
      expect(r.status, path).toBe(404)
      expect(r.body).not.toContain("TOP-SECRET-CONTENT")
    }
    const nul = await raw(svc.url, "GET", "/explorer/index.html%00.js")
    expect(nul.status).toBe(404)
  })

  it("answers GET and HEAD only, with a typed error", async () => {
    const r = await raw(svc.url, "POST", "/explorer/")
    expect(r.status).toBe(405)
    expect(JSON.parse(r.body).error.code).toBe("http/method-not-allowed")
  })

  it("says how to build the page when there is no build", async () => {
    const r = await raw(empty.url, "GET", "/explorer/")
    expect(r.status).toBe(404)
    const body = JSON.parse(r.body)
    expect(body.error.code).toBe("explorer/not-built")
    expect(body.error.message.vi).toContain("pnpm build")
    expect(body.error.message.en).toContain("pnpm build")
  })

  it("leaves the API as it was", async () => {
    const r = await raw(svc.url, "GET", "/health")
    expect(r.status).toBe(200)
  })
})
