// The service as a user installs it: `npm install @khuyencong/service` (with effect); its bin
// `khuyencong-service` starts on embedded PGlite in memory with a token from KHUYENCONG_TOKENS,
// answers the packs, a parameter with its citation, and the group project of fixture.mjs
// (3 × min(50 % × 700.000.000, 300.000.000) = 900.000.000 đồng payable); without a token, 401.
import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { establishments, proposal } from "./fixture.mjs"

const token = "check-packages-reader-0123456789"
const child = spawn("node_modules/.bin/khuyencong-service", ["--port", "0"], {
  env: { ...process.env, DATABASE_URL: "", KHUYENCONG_TOKENS: JSON.stringify({ tokens: [{ token, principal: "check", roles: ["reader"] }] }) },
  stdio: ["ignore", "pipe", "inherit"]
})
try {
  const url = await new Promise((resolve, reject) => {
    let out = ""
    const timer = setTimeout(() => reject(new Error(`no "listening" line within 60 s: ${out}`)), 60_000)
    child.stdout.on("data", (d) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once("exit", (code) => reject(new Error(`khuyencong-service exited with ${code}: ${out}`)))
  })
  const packs = await (await fetch(`${url}/packs`)).json()
  assert.deepEqual(packs.packs.map((p) => p.id), ["vn-khuyen-cong-2014-2018", "vn-khuyen-cong-2021-2025", "vn-khuyen-cong-2026-2030"])
  const cap = await (await fetch(`${url}/parameters?date=2023-03-15&id=support.machinery.cap`)).json()
  assert.equal(cap.parameter.value, "300000000")
  assert.equal(cap.parameter.citation.instrument.number, "28/2018/TT-BTC")
  const body = JSON.stringify({ proposal, establishments })
  const refused = await fetch(`${url}/evaluate`, { method: "POST", headers: { "content-type": "application/json" }, body })
  assert.equal(refused.status, 401)
  const res = await fetch(`${url}/evaluate`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body })
  assert.equal(res.status, 200)
  const { evaluation } = await res.json()
  assert.equal(evaluation.verdict, "eligible")
  assert.equal(evaluation.payable, "900000000")
  const spec = await (await fetch(`${url}/openapi.json`)).json()
  assert.equal(spec.openapi, "3.1.0")
  console.log(`service: khuyencong-service on PGlite, ${proposal.id} payable ${evaluation.payable} đồng, OpenAPI ${Object.keys(spec.paths).length} paths`)
} finally {
  child.kill("SIGTERM")
}
