/**
 * The explorer page (`@khuyencong/explorer`: the law at a date, a proposal evaluated) at
 * `/explorer/`: the static files of its build, read from `ServiceOptions.explorer`, else
 * `KHUYENCONG_EXPLORER_DIR`, else `packages/explorer/dist` of this repository. GET and HEAD only;
 * a path that leaves the folder is not found; hashed assets are cached for a year, the page is
 * revalidated. Without a build, `/explorer/` answers a typed 404 saying how to make one.
 * @since 0.3.0
 */
import { readFile } from "node:fs/promises"
import type { ServerResponse } from "node:http"
import { extname, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { ServiceError } from "./errors.js"

const PREFIX = "/explorer/"

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8"
}

/** The folder of the explorer's build when the options name none. */
export const defaultExplorerDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env["KHUYENCONG_EXPLORER_DIR"] ?? fileURLToPath(new URL("../../explorer/dist/", import.meta.url))

const notFound = (path: string): ServiceError =>
  new ServiceError(404, "http/not-found", `Không có tệp ${path} của trang tra cứu.`, `The explorer has no file ${path}.`, ["path"])

/**
 * Answer a request under `/explorer` from the build in `dir`; false when the path is not the
 * explorer's (the API routes answer it).
 */
export const serveExplorer = async (dir: string, method: string, pathname: string, res: ServerResponse): Promise<boolean> => {
  if (pathname === "/explorer") {
    // the page's URLs are relative: it must be read from the folder
    res.writeHead(301, { location: PREFIX, "content-length": 0 }).end()
    return true
  }
  if (!pathname.startsWith(PREFIX)) return false
  if (method !== "GET" && method !== "HEAD")
    throw new ServiceError(405, "http/method-not-allowed", `${pathname} chỉ nhận GET, HEAD.`, `${pathname} answers GET, HEAD only.`, ["method"], { allow: "GET, HEAD" })
  let rel: string
  try {
    rel = decodeURIComponent(pathname.slice(PREFIX.length))
  } catch {
    throw new ServiceError(400, "http/invalid-path", "Đường dẫn không hợp lệ.", "The path is not valid.", ["path"])
  }
  const root = resolve(dir)
  const file = resolve(root, rel === "" ? "index.html" : rel)
  if (rel.includes("\0") || !file.startsWith(root + sep)) throw notFound(pathname)
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    try {
      await readFile(resolve(root, "index.html"))
    } catch {
      throw new ServiceError(
        404,
        "explorer/not-built",
        "Trang tra cứu chưa được xây dựng: chạy pnpm build (hoặc đặt KHUYENCONG_EXPLORER_DIR).",
        "The explorer page is not built: run pnpm build (or set KHUYENCONG_EXPLORER_DIR).",
        ["path"]
      )
    }
    throw notFound(pathname)
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": body.length,
    // Vite names assets by their content hash: they never change; the page itself is revalidated
    "cache-control": rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff"
  })
  res.end(method === "HEAD" ? undefined : body)
  return true
}
