// A hostile client of the service benchmark, in its own process so that building and writing its
// 1 MB bodies does not hold the probe's event loop (the probe measures the service, not this
// client). Sends one body back to back, each on a fresh connection, until SIGTERM; then prints
// {"sent": n, "statuses": [...]} on stdout and exits.
//
//   node bench/service/hostile.mjs <url> <path> <body file> <plain|chunked|drip> <token>
import { readFileSync } from "node:fs"
import http from "node:http"

const [url, path, file, mode, token] = process.argv.slice(2)
const text = readFileSync(file, "utf8")
const bytes = Buffer.from(text)
let stop = false
let sent = 0
const statuses = new Set()

const send = () =>
  new Promise((resolve) => {
    const agent = new http.Agent({ keepAlive: false, maxSockets: 1 })
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` }
    if (mode === "plain") headers["content-length"] = bytes.length
    const req = http.request(url + path, { method: "POST", agent, headers }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode))
    })
    req.on("error", () => resolve(0))
    req.on("close", () => agent.destroy())
    if (mode !== "drip") return void req.end(bytes)
    let off = 0
    const next = () => {
      if (req.destroyed) return resolve(0)
      if (off >= bytes.length) return void req.end()
      req.write(bytes.subarray(off, off + 65536))
      off += 65536
      setTimeout(next, 50)
    }
    next()
  })

process.once("SIGTERM", () => {
  stop = true
})
console.log("ready")
while (!stop) {
  statuses.add(await send())
  sent++
}
console.log(JSON.stringify({ sent, statuses: [...statuses] }))
