/**
 * The page for the browser tests: built into a folder of its own (never the shared dist/, which
 * another test file may be building at the same time), and served as any static host would serve
 * it (the service's /explorer/ route is tested in packages/service).
 */
import { mkdtempSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, extname, join, normalize, sep } from "node:path"
import { fileURLToPath } from "node:url"
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
