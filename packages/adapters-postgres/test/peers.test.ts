/**
 * The drivers are optional peer dependencies loaded with a dynamic import(): a missing one is a
 * typed error naming the package to install. (scripts/check-packages.sh checks the same with real
 * installs that lack pg or PGlite.)
 */
import { Storage } from "@khuyencong/storage"
import { describe, expect, it } from "vitest"
import { importPeer } from "../src/driver.js"
import { storageError as rejection } from "./harness.js"

/** What Node's ESM loader throws for a package that is not installed. */
const notFound = (name: string): Error =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/@khuyencong/adapters-postgres/dist/index.js`), {
    code: "ERR_MODULE_NOT_FOUND"
  })


describe("importPeer", () => {
  it("returns the module when the peer is installed", async () => {
    const pg = await importPeer("pg", () => import("pg"))
    expect(typeof pg.default.Pool).toBe("function")
    const { PGlite } = await importPeer("@electric-sql/pglite", () => import("@electric-sql/pglite"))
    expect(typeof PGlite.create).toBe("function")
  })

  it("a missing pg is storage/driver-not-installed, saying to install pg for a server", async () => {
    const cause = notFound("pg")
    const e = await rejection(importPeer("pg", () => Promise.reject(cause)))
    expect(e.code).toBe("storage/driver-not-installed")
    expect(e.message).toContain("npm install pg")
    expect(e.message).toContain("PostgreSQL server")
    expect(e.cause).toBe(cause)
  })

  it("a missing PGlite is storage/driver-not-installed, saying to install @electric-sql/pglite", async () => {
    const e = await rejection(importPeer("@electric-sql/pglite", () => Promise.reject(notFound("@electric-sql/pglite"))))
    expect(e.code).toBe("storage/driver-not-installed")
    expect(e.message).toContain("npm install @electric-sql/pglite")
    expect(e.message).toContain("embedded PGlite")
    // as a bundler's CommonJS require reports it
    const cjs = Object.assign(new Error("Cannot find module '@electric-sql/pglite'"), { code: "MODULE_NOT_FOUND" })
    expect((await rejection(importPeer("@electric-sql/pglite", () => Promise.reject(cjs)))).code).toBe("storage/driver-not-installed")
  })

  it("a package missing inside an installed peer is not reported as the peer missing", async () => {
    // pg is installed, but one of its own dependencies is not: reinstalling pg is the fix, not installing it
    const e = await rejection(importPeer("pg", () => Promise.reject(notFound("pg-pool"))))
    expect(e.code).toBe("storage/unavailable")
    expect(e.message).toContain("pg could not be loaded")
    // a real failed import of another package
    const missing = "khuyencong-no-such-package"
    const other = await rejection(importPeer("pg", () => import(missing)))
    expect(other.code).toBe("storage/unavailable")
  })
})
