#!/usr/bin/env node
// Compile the YAML corpus (packages/law/corpus/**) into corpus.json, checking every file
// against its schema (Corpus.fileSchemas of @khuyencong/core) and the whole corpus against
// Corpus.decode (instruments cited exist, ids unique, parameter series well formed, administrative
// units consistent). The files of admin-units/ make one section, `adminUnits`: the versions of
// every provinces-*.yaml in one list, and the reorganisation-*.yaml (one).
//
//   node scripts/compile.mjs          write corpus.json
//   node scripts/compile.mjs --check  fail when corpus.json is not what the YAML compiles to
//
// Every problem is printed as `file: path: message`; the exit code is 1 when there is one.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
// The repository's built core (`pnpm build` first): core depends on this package, so this package
// cannot depend on core; the compiler is a repository tool, not part of the published data.
import { Corpus, Manifest, Overlay, Pack } from "../../core/dist/index.js"
import { parse } from "yaml"

const ROOT = fileURLToPath(new URL("../", import.meta.url))
const CORPUS = join(ROOT, "corpus")
const OUT = join(ROOT, "corpus.json")

/** The kind of a corpus file, from where it sits. */
const kindOf = (rel) => {
  const [top, sub] = rel.split("/")
  switch (top) {
    case "instruments":
      return ["instrument", "instruments"]
    case "parameters":
      return ["parameter", "parameters"]
    case "catalogue":
      return ["activity", "activities"]
    case "eligibility":
      return ["eligibility", "eligibility"]
    case "priorities":
      if (sub === "area") return ["priority", "areaPriorities"]
      if (sub === "industry") return ["priority", "industryPriorities"]
      return ["priority-order", "priorityOrders"]
    case "advances":
      return sub === "tiers" ? ["advance-tier", "advanceTiers"] : ["advance-remainder", "advanceRemainders"]
    case "calendar":
      return ["calendar", "calendar"]
    case "overlays":
      return ["overlay", "overlays"]
    case "programmes":
      return ["programme", "programmes"]
    case "packs":
      return ["pack", "packs"]
    case "admin-units":
      if (sub?.startsWith("provinces")) return ["admin-unit-provinces", "adminUnits.provinces"]
      if (sub?.startsWith("reorganisation")) return ["admin-unit-reorganisation", "adminUnits.reorganisation"]
      return undefined
    default:
      return undefined
  }
}

const files = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name)
      return statSync(p).isDirectory() ? files(p) : name.endsWith(".yaml") ? [p] : []
    })

/** Compile the corpus under `dir`: `{ json, problems }` (problems as `file: path: message`). */
export const compile = (dir = CORPUS) => {
  const problems = []
  const out = {
    instruments: [],
    parameters: [],
    activities: [],
    eligibility: [],
    areaPriorities: [],
    industryPriorities: [],
    priorityOrders: [],
    advanceTiers: [],
    advanceRemainders: [],
    calendar: [],
    overlays: [],
    programmes: [],
    packs: [],
    adminUnits: { provinces: [] }
  }
  const origin = new Map()
  for (const file of files(dir)) {
    const rel = relative(dir, file).split("\\").join("/")
    const kind = kindOf(rel)
    if (kind === undefined) {
      problems.push(
        `${rel}: not in a folder of the corpus (instruments, parameters, catalogue, eligibility, priorities, advances, calendar, overlays, programmes, packs), or in admin-units/ but not named provinces-*.yaml or reorganisation-*.yaml`
      )
      continue
    }
    let doc
    try {
      doc = parse(readFileSync(file, "utf8"), { version: "1.2", uniqueKeys: true })
    } catch (e) {
      problems.push(`${rel}: not valid YAML: ${e.message}`)
      continue
    }
    const r = Corpus.decodeFile(kind[0], doc)
    if (!r.ok) {
      for (const i of r.error.issues) problems.push(`${rel}: ${i.path.join(".") || "(file)"}: ${i.message}`)
      continue
    }
    if (kind[0] === "parameter") {
      const expected = rel.replace(/^parameters\//, "").replace(/\.yaml$/, "").split("/").join(".")
      if (r.value.id !== expected) problems.push(`${rel}: id: the parameter id is "${r.value.id}" but the file says "${expected}"; name the file after the id`)
    }
    const encoded = Corpus.encode(Corpus.fileSchemas[kind[0]], r.value)
    if (kind[0] === "admin-unit-provinces") {
      // Every provinces-*.yaml adds its versions to the one list; messages name the file and its index.
      encoded.provinces.forEach((v, n) => {
        origin.set(`adminUnits.provinces.${out.adminUnits.provinces.length}`, `${rel}: provinces.${n}`)
        out.adminUnits.provinces.push(v)
      })
    } else if (kind[0] === "admin-unit-reorganisation") {
      if (out.adminUnits.reorganisation !== undefined) problems.push(`${rel}: (file): a second reorganisation; the administrative units hold one (${origin.get("adminUnits.reorganisation")})`)
      origin.set("adminUnits.reorganisation", rel)
      out.adminUnits.reorganisation = encoded
    } else {
      const list = out[kind[1]]
      origin.set(`${kind[1]}.${list.length}`, rel)
      list.push(encoded)
    }
  }
  if (out.adminUnits.reorganisation === undefined) problems.push("admin-units: no reorganisation-*.yaml; the administrative units need one")
  if (problems.length === 0) {
    const whole = Corpus.decode(out)
    if (!whole.ok)
      for (const i of whole.error.issues) {
        const [group, n, ...rest] = i.path
        if (group === "adminUnits") {
          // adminUnits.provinces.<n>… or adminUnits.reorganisation.…
          const [, list, k, ...more] = i.path
          if (list === "provinces") problems.push(`${origin.get(`adminUnits.provinces.${k}`) ?? `adminUnits.provinces.${k}`}${more.length > 0 ? `.${more.join(".")}` : ""}: ${i.message}`)
          else problems.push(`${origin.get("adminUnits.reorganisation") ?? "adminUnits.reorganisation"}: ${[k, ...more].join(".") || "(file)"}: ${i.message}`)
          continue
        }
        problems.push(`${origin.get(`${group}.${n}`) ?? `${group}.${n}`}: ${rest.join(".") || "(file)"}: ${i.message}`)
      }
    else
      // Every pack must build from the corpus and load; every overlay must apply over its pack.
      out.packs.forEach((p, n) => {
        const file = origin.get(`packs.${n}`)
        const built = Manifest.build(whole.value, p.id)
        if (!built.ok) {
          for (const i of built.error.issues) problems.push(`${file}: ${i.path.join(".")}: ${i.message}`)
          return
        }
        const loaded = Pack.load(built.value.pack)
        if (!loaded.ok) {
          for (const i of loaded.error.issues) problems.push(`${file}: the built pack: ${i.path.join(".")}: ${i.message}`)
          return
        }
        for (const o of built.value.overlays) {
          const applied = Overlay.apply(loaded.value, o)
          if (!applied.ok) for (const i of applied.error.issues) problems.push(`${file}: overlay ${o.id}: ${i.path.join(".")}: ${i.message}`)
        }
      })
  }
  return { json: `${JSON.stringify(out, null, 1)}\n`, problems }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { json, problems } = compile()
  if (problems.length > 0) {
    for (const p of problems) console.error(p)
    console.error(`corpus: ${problems.length} problem(s); corpus.json not written`)
    process.exit(1)
  }
  if (process.argv.includes("--check")) {
    let current = ""
    try {
      current = readFileSync(OUT, "utf8")
    } catch {}
    if (current !== json) {
      console.error("corpus: corpus.json is not what the YAML compiles to; run `pnpm law:compile` and commit it")
      process.exit(1)
    }
    console.log("corpus: corpus.json is up to date")
  } else {
    writeFileSync(OUT, json)
    const { adminUnits, ...lists } = JSON.parse(json)
    const entries = Object.values(lists).reduce((n, l) => n + l.length, 0)
    console.log(`corpus: ${entries} entries and ${adminUnits.provinces.length} province versions written to corpus.json`)
  }
}
