/**
 * The page for the browser tests: built into a folder of its own (never the shared dist/, which
 * another test file may be building at the same time), and served as any static host would serve
 * it (the service's /explorer/ route is tested in packages/service).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, extname, join, normalize, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { Establishment, Evaluate, Pack, Proposal, type RulePack } from "@khuyencong/core"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"
import { chromium, type Browser, type Page } from "playwright-core"
import { build } from "vite"

/** Build the page with its Vite config (a Node built-in fails it) into a new temporary folder; its path. */
export const buildPage = async (): Promise<string> => {
  const outDir = mkdtempSync(join(tmpdir(), "khuyencong-explorer-"))
  await build({ configFile: join(dirname(fileURLToPath(import.meta.url)), "..", "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } })
  return outDir
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml"
}

export interface Served {
  readonly url: string
  readonly close: () => Promise<void>
}

export const serve = (dir: string): Promise<Served> =>
  new Promise((resolve) => {
    const server: Server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
      const file = join(dir, normalize(path.endsWith("/") ? `${path}index.html` : path))
      if (!file.startsWith(dir + sep) && file !== dir) {
        res.writeHead(403).end()
        return
      }
      readFile(file).then(
        (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body),
        () => res.writeHead(404).end()
      )
    })
    server.listen(0, "127.0.0.1", () => {
      const a = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${a.port}/`, close: () => new Promise((done) => server.close(() => done())) })
    })
  })

/** Debian's chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
/**
 * Where the tests write their screenshots, for a person to look at: `test/screenshots/run/`, not
 * committed. The few kept in `test/screenshots/` (law, evaluation, what-if, register) are
 * rewritten only with `KHUYENCONG_KEEP_SCREENSHOTS=1`, so that running the tests leaves the
 * working tree as it was.
 */
export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots", process.env["KHUYENCONG_KEEP_SCREENSHOTS"] === "1" ? "" : "run")

/** A browser and the page built and served for one test file; `close` ends both and removes the build. */
export interface Session {
  readonly browser: Browser
  readonly server: Served
  /** The script errors of every page the session opened (a test file expects none). */
  readonly errors: ReadonlyArray<string>
  /** A page at `hash`, its script errors collected, once the page says it is ready. */
  readonly open: (hash: string, options?: { readonly viewport?: { readonly width: number; readonly height: number }; readonly acceptDownloads?: boolean }) => Promise<Page>
  readonly close: () => Promise<void>
}

/** Chromium (a clear failure when it is missing, never a skip), the page built into a folder of its own and served, the screenshot folder made. */
export const openSession = async (): Promise<Session> => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y --no-install-recommends chromium), or set CHROMIUM_PATH`)
  const dist = await buildPage()
  mkdirSync(SHOTS, { recursive: true })
  const server = await serve(dist)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] })
  const errors: Array<string> = []
  return {
    browser,
    server,
    errors,
    open: async (hash, options = {}) => {
      const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 }, acceptDownloads: options.acceptDownloads === true })
      page.on("pageerror", (e) => errors.push(e.message))
      await page.goto(`${server.url}${hash}`)
      await page.waitForSelector("html[data-ready='true']")
      return page
    },
    close: async () => {
      await browser.close()
      await server.close()
      rmSync(dist, { recursive: true, force: true })
    }
  }
}

const must = <T,>(r: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }): T => {
  if (!r.ok) throw r.error
  return r.value
}

/** The library's evaluation of the JSON the page evaluated (`{ establishments, proposal }`, as its text box holds it), under the 2026–2030 pack or `pack`. */
export const evaluateHere = (json: string, pack: RulePack.RulePack = Pack.loadOrThrow(pack2026)): Evaluate.Evaluation => {
  const input = JSON.parse(json) as { establishments: Array<unknown>; proposal: unknown }
  const proposal = must(Proposal.decode(input.proposal))
  const date = Evaluate.dateOf(proposal)
  const establishments = new Map(input.establishments.map((e) => must(Establishment.decode(e))).map((e) => [e.id, e] as const))
  return Evaluate.evaluateOrThrow(proposal, Pack.resolveOrThrow(pack, date), { establishments })
}
