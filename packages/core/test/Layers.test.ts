/**
 * The layers of core's sources and the direction of their dependencies:
 *
 *     values ← records ← rules ← funds
 *
 * A file in `src/<layer>/` (its `internal/` helpers included) imports only files of its own layer
 * or of the layers before it: money, dates and citations know nothing of proposals, proposals
 * nothing of rule packs, rule packs nothing of allocations and ledgers. `src/testing/` (the
 * arbitraries) may import anything in core, and so may `src/index.ts`. Every other file under
 * `src/` is out of place. Test files beside the code (`*.test.ts`, as in the eligibility rule
 * kinds' folders) are not sources: they are left out.
 *
 * No import circle either: no source file imports itself through others, type-only imports
 * included, so every module can be read, loaded and tested after the ones it imports (`Pack`
 * compiles the eligibility rules and priority criteria without the modules that evaluate them
 * importing `Pack` back; `Support` and its engine share types from a module below both).
 *
 * The imports are read with the TypeScript compiler API (`ts.preProcessFile`, which also sees
 * `import type` and `import("…")` types), plus the `export … from` declarations of each file, since
 * `preProcessFile` does not report `export * as X from`.
 */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const LAYERS = ["values", "records", "rules", "funds"] as const
type Layer = (typeof LAYERS)[number]

/** Where a file under `src/` sits: a layer, the arbitraries, the entry point, or nowhere. */
const placeOf = (file: string): Layer | "testing" | "index" | undefined => {
  if (file === "index.ts") return "index"
  const top = file.split("/")[0]
  if (top === "testing" && file.includes("/")) return "testing"
  return LAYERS.find((l) => l === top && file.includes("/"))
}

/** One import between two files, as paths relative to `src/` with `/` separators. */
interface Import {
  readonly from: string
  readonly to: string
}

/** Every import that breaks the direction, explained; empty when the imports keep it. */
const violations = (imports: ReadonlyArray<Import>): Array<string> => {
  const out: Array<string> = []
  for (const { from, to } of imports) {
    const source = placeOf(from)
    const target = placeOf(to)
    if (source === undefined) out.push(`${from} is not in a layer (${LAYERS.join(", ")}), testing/ or index.ts`)
    else if (to.startsWith("../")) out.push(`${from} imports ${to}, outside packages/core/src`)
    else if (source === "index" || source === "testing") continue
    else if (target === undefined || target === "index" || target === "testing")
      out.push(`${from} (${source}) imports ${to}, which is not in a layer`)
    else if (LAYERS.indexOf(target) > LAYERS.indexOf(source))
      out.push(`${from} (${source}) imports ${to} (${target}): ${source} may import only ${LAYERS.slice(0, LAYERS.indexOf(source) + 1).join(", ")}`)
  }
  return out
}

/**
 * Every import circle: for each group of files that reach one another through their imports (a
 * strongly connected component, Tarjan's algorithm), one circle through them, written
 * `a.ts → b.ts → a.ts`, starting at the group's first file in code-point order. Empty when the
 * imports form no circle.
 */
const circles = (imports: ReadonlyArray<Import>): Array<string> => {
  const next = new Map<string, Array<string>>()
  for (const { from, to } of imports) {
    const out = next.get(from) ?? []
    if (!out.includes(to)) out.push(to)
    next.set(from, out)
  }
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: Array<string> = []
  const onStack = new Set<string>()
  const groups: Array<Array<string>> = []
  const visit = (v: string): void => {
    index.set(v, index.size)
    low.set(v, index.get(v) as number)
    stack.push(v)
    onStack.add(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number))
    }
    if (low.get(v) !== index.get(v)) return
    const group: Array<string> = []
    let w: string
    do {
      w = stack.pop() as string
      onStack.delete(w)
      group.push(w)
    } while (w !== v)
    if (group.length > 1 || (next.get(v) ?? []).includes(v)) groups.push(group.sort())
  }
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v)
  // one circle per group: a shortest path (breadth first, within the group) from its first file back to it
  return groups
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
    .map((group) => {
      const start = group[0] as string
      const inGroup = new Set(group)
      const cameFrom = new Map<string, string>()
      const queue = [start]
      while (queue.length > 0) {
        const v = queue.shift() as string
        for (const w of next.get(v) ?? []) {
          if (!inGroup.has(w) || cameFrom.has(w)) continue
          cameFrom.set(w, v)
          if (w === start) queue.length = 0
          else queue.push(w)
        }
      }
      const between: Array<string> = []
      for (let v = cameFrom.get(start) as string; v !== start; v = cameFrom.get(v) as string) between.unshift(v)
      return [start, ...between, start].join(" → ")
    })
}

const src = fileURLToPath(new URL("../src/", import.meta.url))

const sourceFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path.join(dir, e.name)] : []
  )

/** The module specifiers a file imports or re-exports from. */
const specifiersOf = (fileName: string, text: string): Array<string> => {
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName)
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest)
  for (const s of sourceFile.statements)
    if (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined && ts.isStringLiteral(s.moduleSpecifier)) found.push(s.moduleSpecifier.text)
  return [...new Set(found)]
}

/** Every relative import of every `.ts` file under `src/`, resolved to the file it names. */
const importsOfSources = (): { readonly files: ReadonlyArray<string>; readonly imports: ReadonlyArray<Import>; readonly unresolved: ReadonlyArray<string> } => {
  const absolute = sourceFiles(src)
  const known = new Set(absolute)
  const rel = (p: string): string => path.relative(src, p).split(path.sep).join("/")
  const imports: Array<Import> = []
  const unresolved: Array<string> = []
  for (const file of absolute) {
    for (const spec of specifiersOf(file, readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts")
      if (!known.has(target)) unresolved.push(`${rel(file)}: ${spec}`)
      imports.push({ from: rel(file), to: rel(target) })
    }
  }
  return { files: absolute.map(rel), imports, unresolved }
}

describe("the layers of core", () => {
  const { files, imports, unresolved } = importsOfSources()

  it("every file imports only its own layer or the layers before it", () => {
    expect(violations(imports)).toEqual([])
  })

  it("every file is in a layer, testing/ or index.ts, and every relative import names a file", () => {
    expect(files.filter((f) => placeOf(f) === undefined)).toEqual([])
    expect(unresolved).toEqual([])
  })

  it("reads the imports of every form, so the check is not vacuous", () => {
    for (const layer of LAYERS) expect(files.some((f) => placeOf(f) === layer), layer).toBe(true)
    // index.ts re-exports with `export * as X from`, which ts.preProcessFile alone does not see
    expect(imports.filter((i) => i.from === "index.ts").map((i) => placeOf(i.to))).toEqual(expect.arrayContaining([...LAYERS]))
    expect(imports.some((i) => i.from.startsWith("funds/") && placeOf(i.to) === "rules")).toBe(true)
    expect(specifiersOf("x.ts", `import type { A } from "./a.js"\nexport * as B from "./b.js"\ntype C = import("./c.js").C`).sort()).toEqual(["./a.js", "./b.js", "./c.js"])
  })

  it("the checker catches an import against the direction", () => {
    expect(violations([{ from: "values/Money.ts", to: "rules/Pack.ts" }])).toEqual([
      "values/Money.ts (values) imports rules/Pack.ts (rules): values may import only values"
    ])
    expect(violations([{ from: "rules/internal/load.ts", to: "funds/Ledger.ts" }])).toHaveLength(1)
    expect(violations([{ from: "records/Plan.ts", to: "testing/values.ts" }])).toHaveLength(1)
    expect(violations([{ from: "values/Money.ts", to: "index.ts" }])).toHaveLength(1)
    expect(violations([{ from: "Stray.ts", to: "values/Money.ts" }])).toHaveLength(1)
    expect(violations([{ from: "values/Money.ts", to: "../test/fixtures/rules-pack.ts" }])).toHaveLength(1)
  })

  it("the checker allows the same layer, the layers before, and anything from testing/ and index.ts", () => {
    expect(
      violations([
        { from: "values/Money.ts", to: "values/Rate.ts" },
        { from: "records/Proposal.ts", to: "values/Money.ts" },
        { from: "rules/Pack.ts", to: "rules/internal/load.ts" },
        { from: "rules/internal/eligibilityRules.ts", to: "records/Establishment.ts" },
        { from: "funds/Allocation.ts", to: "rules/RulePack.ts" },
        { from: "testing/allocation.ts", to: "funds/Ledger.ts" },
        { from: "index.ts", to: "funds/Calendar.ts" }
      ])
    ).toEqual([])
  })
})

describe("no import circle in core", () => {
  const { imports } = importsOfSources()

  it("no source file imports itself through others, type-only imports included", () => {
    expect(circles(imports)).toEqual([])
  })

  it("the checker sees the imports of the modules that used to form circles", () => {
    const has = (from: string, to: string): boolean => imports.some((i) => i.from === from && i.to === to)
    expect(has("rules/Pack.ts", "rules/eligibility/compile.ts")).toBe(true)
    expect(has("rules/Support.ts", "rules/internal/supportEngine.ts")).toBe(true)
    expect(has("rules/internal/supportEngine.ts", "rules/internal/supportModel.ts")).toBe(true)
  })

  it("the checker catches a circle, however long, and names it once", () => {
    const i = (from: string, to: string): Import => ({ from, to })
    // the circle core had between Support and its engine (a type-only import back)
    expect(circles([i("rules/Support.ts", "rules/internal/supportEngine.ts"), i("rules/internal/supportEngine.ts", "rules/Support.ts")])).toEqual([
      "rules/Support.ts → rules/internal/supportEngine.ts → rules/Support.ts"
    ])
    expect(circles([i("c.ts", "a.ts"), i("a.ts", "b.ts"), i("b.ts", "c.ts"), i("c.ts", "d.ts"), i("d.ts", "e.ts")])).toEqual(["a.ts → b.ts → c.ts → a.ts"])
    expect(circles([i("a.ts", "a.ts")])).toEqual(["a.ts → a.ts"])
    // two separate circles, and a shorter way back inside a bigger group
    expect(circles([i("a.ts", "b.ts"), i("b.ts", "a.ts"), i("x.ts", "y.ts"), i("y.ts", "z.ts"), i("z.ts", "x.ts"), i("x.ts", "z.ts")])).toEqual([
      "a.ts → b.ts → a.ts",
      "x.ts → z.ts → x.ts"
    ])
  })

  it("the checker allows shared imports that form no circle", () => {
    const i = (from: string, to: string): Import => ({ from, to })
    expect(circles([])).toEqual([])
    // a diamond: two ways to one module is not a circle
    expect(circles([i("a.ts", "b.ts"), i("a.ts", "c.ts"), i("b.ts", "d.ts"), i("c.ts", "d.ts")])).toEqual([])
  })
})
