// The floor of a JSON-over-HTTP service: node:http, read the body, JSON.parse it, answer
// JSON.stringify of a fixed value (the service's own answer, BARE_ANSWER), nothing else.
import http from "node:http"

const answer = JSON.parse(process.env.BARE_ANSWER ?? "{}")
const server = http.createServer((req, res) => {
  const chunks = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString("utf8"))
    const text = JSON.stringify(answer)
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) })
    res.end(text)
  })
})
server.keepAliveTimeout = 5_000
server.listen(0, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`))
process.once("SIGTERM", () => process.exit(0))
