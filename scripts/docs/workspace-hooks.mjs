/**
 * Module resolution hook for the documentation snippets: resolves `@khuyencong/<package>` and its
 * subpaths (`@khuyencong/core/testing`) to the built workspace packages (packages/<dir>/dist),
 * through each package's `exports` map, exactly as an installed package would resolve. Anything
 * else is left to Node. Registered by workspace-resolve.mjs (`node --import`).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const root = new URL("../../", import.meta.url)
const packagesDir = new URL("packages/", root)

/** @type {Map<string, { dir: string, exports: Record<string, unknown> }>} */
const byName = new Map()
for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue
  const dir = join(packagesDir.pathname, entry.name)
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  } catch {
    continue
  }
  if (typeof manifest.name === "string") byName.set(manifest.name, { dir, exports: manifest.exports ?? {} })
}

const coreURL = pathToFileURL(join(packagesDir.pathname, "core", "package.json")).href

const target = (exported) => {
  if (typeof exported === "string") return exported
  if (exported !== null && typeof exported === "object") return exported.import ?? exported.default
  return undefined
}

export async function resolve(specifier, context, nextResolve) {
  const m = /^(@khuyencong\/[^/]+)(\/.*)?$/.exec(specifier)
  const pkg = m === null ? undefined : byName.get(m[1])
  if (m === null || pkg === undefined) {
    try {
      return await nextResolve(specifier, context)
    } catch (e) {
      // A bare dependency of the packages (effect, fast-check): resolve it as core does, the way
      // it resolves in a project that installed @khuyencong/core.
      if (e?.code !== "ERR_MODULE_NOT_FOUND" || /^[./]|^[a-z]+:/.test(specifier)) throw e
      return nextResolve(specifier, { ...context, parentURL: coreURL })
    }
  }
  const subpath = "." + (m[2] ?? "")
  const file = target(pkg.exports[subpath])
  if (file === undefined) throw new Error(`${specifier}: package ${m[1]} does not export "${subpath}"`)
  return { url: pathToFileURL(join(pkg.dir, file)).href, shortCircuit: true }
}
