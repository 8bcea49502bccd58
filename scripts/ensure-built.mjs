// Build (tsc -b) only when a project of the workspace is not built or a source is newer than its
// build: `pnpm start` then costs one node process, not a nested `pnpm run build` and a compiler
// that finds nothing to do (about 1 s). Each project of tsconfig.json's references is compared:
// the newest .ts or tsconfig.json under it (dist, node_modules and test folders aside) against its
// dist/.tsbuildinfo. `pnpm build` always builds. `pnpm start` preloads it (`node --import`) in the
// example's own process, which saves starting a second Node; it exits only when the build fails.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const projects = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")).references.map((r) => join(root, r.path))
const SKIP = new Set(["dist", "node_modules", "test", "out", ".data", "coverage"])

/** The newest modification time of the sources under a folder. */
const newest = (dir) => {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".") || SKIP.has(e.name)) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) t = Math.max(t, newest(p))
    else if ((e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) || e.name === "tsconfig.json") t = Math.max(t, statSync(p).mtimeMs)
  }
  return t
}

const built = (project) => {
  try {
    return statSync(join(project, "dist", ".tsbuildinfo")).mtimeMs
  } catch {
    return -1
  }
}

const stale = projects.filter((p) => built(p) < newest(p))
if (stale.length > 0) {
  // loaded only to build: node:child_process (and node:net, which it loads) cost ~10 ms
  const { spawnSync } = await import("node:child_process")
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc")
  const r = spawnSync(process.execPath, [tsc, "-b"], { cwd: root, stdio: "inherit" })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
