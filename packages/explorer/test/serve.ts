/**
 * A static file server for the browser tests and the benchmark: the built page as any static host
 * would serve it (the service's /explorer/ route is tested in packages/service).
 */
import { readFile } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize, sep } from "node:path"

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
