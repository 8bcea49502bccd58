/**
 * The library's validators behind a minimal HTTP endpoint (node:http, no framework):
 *
 * - `POST /proposals/validate`: a proposal (đề án khuyến công) as JSON;
 * - `POST /establishments/validate[?asOf=YYYY-MM-DD]`: an establishment (cơ sở công nghiệp nông
 *   thôn); with `asOf` the date-dependent checks run too (province codes and districts in force,
 *   the 12-digit personal tax code from 2025-07-01).
 *
 * Answers:
 * - 200: the decoded value, encoded back to JSON (canonical form: money as digit strings, tax codes
 *   with their dash, quantities as numbers or exact decimal text);
 * - 422: `{ error: { _tag: "ValidationError", code, message, issues: [{ path, code, message }] } }`
 *   with every problem found, each with its path;
 * - 400: the body is not JSON, or `asOf` is not a date: `{ error: { _tag: "ParseError", … } }`;
 * - 404, 405, 413, 415: unknown path, wrong method, body over 1 MiB, a body that says it is not JSON.
 *
 * `respond` is the whole logic as a pure function (method, URL, body text → status and JSON
 * body), to reuse behind any framework; `createServer` wires it to node:http.
 *
 * Run: `node examples/dist/validate-api/server.js [--port 8787] [--host 127.0.0.1]`, or with
 * `--smoke` to start on a free port, send one request to itself, print the answer and exit.
 */
import { readFileSync } from "node:fs"
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { Errors, Establishment, LocalDate, Proposal, type Result } from "@khuyencong/core"
import { examplesDir } from "../shared/register.js"

/** One problem, as the API reports it. */
export interface IssueBody {
  readonly path: ReadonlyArray<string | number>
  readonly code: string
  readonly message: string
}

/** The body of every answer that is not 200. */
export interface ErrorBody {
  readonly error: {
    readonly _tag: string
    readonly code: string
    readonly message: string
    readonly issues: ReadonlyArray<IssueBody>
  }
}

/** What {@link respond} answers: a status and a JSON-ready body. */
export interface Answer {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** Largest body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024

const errorBody = (e: Errors.KhuyenCongError | { readonly _tag: string; readonly code: string; readonly message: string; readonly path: Errors.Path }): ErrorBody => ({
  error: {
    _tag: e._tag,
    code: e.code,
    message: e.message,
    issues:
      e instanceof Errors.ValidationError
        ? e.issues.map((i) => ({ path: i.path, code: i.code, message: i.message }))
        : [{ path: e.path, code: e.code, message: e.message }]
  }
})

const httpError = (status: number, code: string, message: string, headers?: Readonly<Record<string, string>>): Answer => ({
  status,
  body: errorBody({ _tag: "HttpError", code, message, path: [] }),
  ...(headers === undefined ? {} : { headers })
})

const answer = <A, B>(r: Result.Result<A, Errors.ValidationError>, encode: (a: A) => B): Answer =>
  r.ok ? { status: 200, body: encode(r.value) } : { status: 422, body: errorBody(r.error) }

/** Read the request body as JSON, or say why it is not (a typed `ParseError`). */
export const parseJson = (text: string): Result.Result<unknown, Errors.ParseError> => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e)
    return {
      ok: false,
      error: new Errors.ParseError({
        code: "request/invalid-json",
        path: [],
        raw: text.length > 200 ? `${text.slice(0, 200)}…` : text,
        message: text.trim() === "" ? "The request body (nội dung yêu cầu) is empty; send a JSON object" : `The request body (nội dung yêu cầu) is not valid JSON: ${detail}`
      })
    }
  }
}

const ROUTES: Readonly<Record<string, (json: unknown, query: URLSearchParams) => Answer>> = {
  "/proposals/validate": (json) => answer(Proposal.decode(json), Proposal.encode),
  "/establishments/validate": (json, query) => {
    const text = query.get("asOf")
    if (text === null) return answer(Establishment.decode(json), Establishment.encode)
    const asOf = LocalDate.parse(text)
    if (!asOf.ok) {
      const e = asOf.error
      return { status: 400, body: errorBody(new Errors.ParseError({ code: e.code, path: ["query", "asOf"], raw: e.raw, message: `query parameter asOf: ${e.message}` })) }
    }
    return answer(Establishment.decode(json, { asOf: asOf.value }), Establishment.encode)
  }
}

/**
 * The endpoint as a pure function: method, URL (path and query), the request's content type and
 * its body text → status and JSON body.
 */
export const respond = (method: string, url: string, body: string, contentType?: string): Answer => {
  const { pathname, searchParams } = new URL(url, "http://localhost")
  const route = ROUTES[pathname.replace(/\/+$/, "")]
  if (route === undefined) return httpError(404, "http/not-found", `No endpoint at ${pathname}; POST to ${Object.keys(ROUTES).join(" or ")}`)
  if (method !== "POST") return httpError(405, "http/method-not-allowed", `${pathname} answers POST only`, { allow: "POST" })
  if (contentType !== undefined && contentType !== "" && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType))
    return httpError(415, "http/unsupported-media-type", `Send the body as application/json, not ${contentType}`)
  const json = parseJson(body)
  if (!json.ok) return { status: 400, body: errorBody(json.error) }
  return route(json.value, searchParams)
}

const send = (res: ServerResponse, a: Answer): void => {
  const text = JSON.stringify(a.body)
  res.writeHead(a.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...a.headers })
  res.end(text)
}

const handle = (req: IncomingMessage, res: ServerResponse): void => {
  const chunks: Array<Buffer> = []
  let size = 0
  let refused = false
  req.on("data", (chunk: Buffer) => {
    if (refused) return
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      refused = true
      send(res, httpError(413, "http/body-too-large", `The request body is larger than ${MAX_BODY_BYTES} bytes`))
      req.resume()
      return
    }
    chunks.push(chunk)
  })
  req.on("end", () => {
    if (refused) return
    send(res, respond(req.method ?? "GET", req.url ?? "/", Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]))
  })
  req.on("error", () => {
    if (!res.headersSent) send(res, httpError(400, "http/bad-request", "The request could not be read"))
  })
}

/** An HTTP server answering the two validation endpoints (not yet listening). */
export const createServer = (): Server => createHttpServer(handle)

/** Start a server on `host:port` (port 0: any free port); resolves with the server and its base URL. */
export const listen = (port = 0, host = "127.0.0.1"): Promise<{ readonly server: Server; readonly url: string }> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo
      resolve({ server, url: `http://${a.family === "IPv6" ? `[${a.address}]` : a.address}:${a.port}` })
    })
  })

/** The sample bodies shipped with the example (see README.md). */
export const sample = (name: string): string => readFileSync(join(examplesDir(), "validate-api", "samples", name), "utf8")

// ---------------------------------------------------------------------------------------------
// Command line

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const option = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i < 0 ? undefined : argv[i + 1]
  }
  if (argv.includes("--smoke")) {
    // Start, send one proposal with a data error to ourselves, print the answer, stop.
    const { server, url } = await listen(0)
    try {
      const res = await fetch(`${url}/proposals/validate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: sample("proposal-with-errors.json")
      })
      const body = (await res.json()) as ErrorBody
      console.log(`POST ${url}/proposals/validate (samples/proposal-with-errors.json) → ${res.status}`)
      // The answer, one issue a line.
      const { issues, ...head } = body.error
      console.log(`{ "error": ${JSON.stringify(head).slice(0, -1)},\n  "issues": [`)
      issues.forEach((i, k) => console.log(`    ${JSON.stringify(i)}${k < issues.length - 1 ? "," : ""}`))
      console.log("  ] } }")
      const ok = res.status === 422 && body.error._tag === "ValidationError" && body.error.issues.length > 0
      if (!ok) console.error("smoke test failed: expected 422 with the issues listed")
      return ok ? 0 : 1
    } finally {
      server.close()
    }
  }
  const port = Number(option("--port") ?? process.env["PORT"] ?? 8787)
  const host = option("--host") ?? "127.0.0.1"
  const { server, url } = await listen(port, host)
  console.log(`khuyencong validators listening on ${url}`)
  console.log(`  curl -s -X POST ${url}/proposals/validate -H 'content-type: application/json' --data @examples/validate-api/samples/proposal.json`)
  console.log(`  curl -s -X POST '${url}/establishments/validate?asOf=2025-09-01' -H 'content-type: application/json' --data @examples/validate-api/samples/establishment.json`)
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      server.close(() => resolve())
    }
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
  })
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    }
  )
}
