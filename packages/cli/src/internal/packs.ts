/**
 * The rule packs the command works with: the three packs it depends on, plus modules named with
 * `--pack` (a package name resolved from the working directory, or a path to a .js file), each
 * exporting `pack` and optionally `overlays`.
 * @internal
 */
import { Appraisal, Overlay, Pack, type Establishment, type Errors, type Evaluate, type LocalDate, type Proposal, type Result, type RulePack } from "@khuyencong/core"
import * as r2014 from "@khuyencong/rules-2014-2018"
import * as r2021 from "@khuyencong/rules-2021-2025"
import * as r2026 from "@khuyencong/rules-2026-2030"
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

export interface PackModule {
  readonly pack: RulePack.RulePack
  readonly overlays?: ReadonlyArray<Overlay.Overlay>
}

/** A usage error: a pack module that cannot be loaded. */
export class PackError extends Error {}

const bundled: ReadonlyArray<{ readonly name: string; readonly module: PackModule }> = [
  { name: "@khuyencong/rules-2014-2018", module: r2014 },
  { name: "@khuyencong/rules-2021-2025", module: r2021 },
  { name: "@khuyencong/rules-2026-2030", module: r2026 }
]

const importSpec = async (spec: string, cwd: string): Promise<PackModule> => {
  let url: string
  if (spec.startsWith(".") || path.isAbsolute(spec)) url = pathToFileURL(path.resolve(cwd, spec)).href
  else {
    try {
      url = pathToFileURL(createRequire(path.join(cwd, "noop.js")).resolve(spec)).href
    } catch {
      url = spec
    }
  }
  let m: Partial<PackModule>
  try {
    m = (await import(url)) as Partial<PackModule>
  } catch (e) {
    throw new PackError(`pack module "${spec}" cannot be loaded: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (typeof m.pack !== "object" || m.pack === null) throw new PackError(`pack module "${spec}" does not export \`pack\``)
  return m.overlays === undefined ? { pack: m.pack } : { pack: m.pack, overlays: m.overlays }
}

export interface Installation {
  readonly modules: ReadonlyArray<PackModule>
  /** The case directories of the bundled packs, when present (a checkout of the repository). */
  readonly caseDirs: ReadonlyArray<string>
  /** The validated packs, each with the overlay of the province applied when it has one. */
  readonly rulesFor: (province: string | undefined) => ReadonlyArray<RulePack.RulePack>
}

/** Load the bundled packs and the `--pack` modules (a later pack with the same id replaces an earlier one). */
export const load = async (specs: ReadonlyArray<string>, cwd: string): Promise<Installation> => {
  const extra = await Promise.all(specs.map((s) => importSpec(s, cwd)))
  const byId = new Map<string, PackModule>()
  for (const m of [...bundled.map((b) => b.module), ...extra]) byId.set(m.pack.id, m)
  const modules = [...byId.values()]
  const loaded = modules.map((m) => {
    const r = Pack.load(m.pack)
    if (!r.ok) throw new PackError(`pack ${m.pack.id}: ${r.error.message}`)
    return { pack: r.value, overlays: m.overlays ?? [] }
  })
  const caseDirs = bundled.flatMap((b) => {
    try {
      const dir = path.join(path.dirname(fileURLToPath(import.meta.resolve(b.name))), "..", "cases")
      return existsSync(dir) ? [dir] : []
    } catch {
      return []
    }
  })
  return {
    modules,
    caseDirs,
    rulesFor: (province) =>
      loaded.map(({ pack, overlays }) => {
        const overlay = province === undefined ? undefined : overlays.find((o) => o.province === province)
        if (overlay === undefined) return pack
        const r = Overlay.apply(pack, overlay)
        return r.ok ? r.value : pack
      })
  }
}

/** One proposal's evaluation at a date, under the pack governing it (as `Appraisal.appraise` chooses). */
export const evaluate = (
  proposal: Proposal.Proposal,
  rules: ReadonlyArray<RulePack.RulePack>,
  date: LocalDate.LocalDate,
  establishments: ReadonlyMap<string, Establishment.Establishment>
): Result.Result<Evaluate.Evaluation, Errors.KhuyenCongError> => {
  const plan = { id: "explain", year: proposal.planYear, level: "provincial", envelopes: [], proposalIds: [proposal.id] } as unknown as Appraisal.Input["plan"]
  const r = Appraisal.appraise({ proposals: [proposal], establishments, plan, rules, policy: { kind: "whole-only" } }, { date: () => date, trace: true })
  if (!r.ok) return { ok: false, error: r.error as Errors.KhuyenCongError }
  const x = r.value.proposals[0]
  if (x === undefined) throw new Error("appraisal returned no proposal")
  return { ok: true as const, value: x.evaluation }
}
