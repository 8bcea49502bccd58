#!/usr/bin/env node
// Generate the administrative units of the corpus (corpus/admin-units/*.yaml) from the shared
// administrative-unit data (../shared/data/admin-units, see its README for provenance and licences):
// - province-mapping-63-to-34.csv: one row per old province (old_code, old_name, new_code,
//   new_name, code_reused_from_old, merged), derived from dvhcvn/20250701 mapping/splits.json (MIT);
// - dvhcvn-20250701/915_CTK-CSCL.csv: the 34 province codes and names from the reorganisation
//   (GSO letter 915/CTK-CSCL, identical to the Decision 19/2025/QĐ-TTg list, MIT).
//
// The days come from the corpus's instruments, so they are written once: the reorganisation day is
// the day Decision 19/2025/QĐ-TTg (the new codes) applies from; Đồng Nai's city version starts on
// the day Resolution 30/2026/QH16 takes effect (unconfirmed). The citations below are the
// project's reading of rules-2025-plus-notes.md B1–B4; the YAML repeats them through anchors.
//
//   node packages/law/scripts/admin-units.mjs [dir]          write corpus/admin-units/*.yaml
//   node packages/law/scripts/admin-units.mjs [dir] --check  fail when they differ from what the data gives
//
// `dir` defaults to ../shared/data/admin-units beside the repository. Then run `pnpm law:compile`.
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { parse } from "yaml"

const ROOT = fileURLToPath(new URL("../", import.meta.url))
const OUT = join(ROOT, "corpus/admin-units")
/** The shared administrative-unit data beside the repository (/work/shared/data/admin-units). */
export const SHARED = fileURLToPath(new URL("../../../../shared/data/admin-units/", import.meta.url))

const NOTES = "rules-2025-plus-notes.md"
const MAPPING = "../shared/data/admin-units/province-mapping-63-to-34.csv"
const LIST_34 = "../shared/data/admin-units/dvhcvn-20250701/915_CTK-CSCL.csv"

/** Merger clauses of Resolution 202/2025/QH15 Art. 1 read in the text, by new code (notes B1). */
const CLAUSES_SEEN = { "08": "1", "15": "2" }

const citations = {
  list63: {
    instrument: "124/2004/QĐ-TTg",
    grade: "secondary",
    note: "Code and name as in the pre-2025-07-01 list (GSO data as of 2025-03-01, via dvhcvn/20250701); the names cross-check with the merger list of Resolution 202/2025/QH15. In force until 2025-06-30; earlier changes of the list are not encoded.",
    source: `${MAPPING}; ${NOTES} B2–B3`
  },
  hue: {
    instrument: "124/2004/QĐ-TTg",
    grade: "secondary",
    note: "Code and name as in the pre-2025-07-01 list (GSO data as of 2025-03-01, via dvhcvn/20250701): 'Thành phố Huế', the former Tỉnh Thừa Thiên Huế; the date and act of that change were not verified, so for earlier dates the name and kind may be wrong (admin-units README).",
    source: `${MAPPING}; ${NOTES} B2–B3`
  },
  list34: {
    instrument: "19/2025/QĐ-TTg",
    grade: "secondary",
    note: "The 34 province codes and names from 2025-07-01 (thongtin.vietnam.vn list of Decision 19/2025/QĐ-TTg; identical to GSO letter 915/CTK-CSCL). The kind (centrally-run city or province) follows the name: the six 'Thành phố' are the cities of the 28 provinces + 6 cities count (laodong).",
    source: `${LIST_34}; ${NOTES} B1–B2`
  },
  dongNaiCity: {
    instrument: "30/2026/QH16",
    grade: "unconfirmed",
    note: "Đồng Nai a centrally-run city ('Thành phố Đồng Nai', code 75 unchanged) from 2026-04-30 by Resolution 30/2026/QH16: seen only in a public repository (thanglequoc/vietnamese-provinces-database README and data) and portal headlines; a 2026-03-11 news item frames it as a goal for 2030. Unconfirmed; the province version before it ends on 2026-04-29 only because of this reading.",
    source: `${NOTES} B4, UNCONFIRMED 8; confirmations-followup.md C 8`
  },
  unchanged: {
    instrument: "19/2025/QĐ-TTg",
    grade: "secondary",
    note: "One of the 11 units not rearranged (laodong: Cao Bằng, Điện Biên, Hà Tĩnh, Lai Châu, Lạng Sơn, Nghệ An, Quảng Ninh, Thanh Hóa, Sơn La, Hà Nội, Huế): same code and territory in the 34-unit list.",
    source: `${MAPPING}; ${NOTES} B1, B3`
  },
  merger: {
    instrument: "202/2025/QH15",
    article: "1",
    grade: "secondary",
    note: "Merger from 2025-07-01. This clause of Art. 1 was not read; the merger is cross-checked against the 60-NQ/TW list (transcription) and the Resolution 202/2025 excerpts (clauses 1–2 read).",
    source: `${MAPPING}; ${NOTES} B1, B3`
  },
  ...Object.fromEntries(
    Object.values(CLAUSES_SEEN).map((clause) => [
      `mergerClause${clause}`,
      {
        instrument: "202/2025/QH15",
        article: "1",
        clause,
        grade: "primary",
        note: "Merger from 2025-07-01, read in the luatvietnam copy of Resolution 202/2025/QH15 (new provincial governments operate from 2025-07-01).",
        source: `${MAPPING}; ${NOTES} B1, B3`
      }
    ])
  )
}

/** Parse a simple CSV (no quoted fields in these files). */
const csv = (dir, file) => {
  const text = readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, "")
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== "")
  const cols = header.split(",")
  return rows.map((r) => {
    const cells = r.split(",")
    if (cells.length !== cols.length) throw new Error(`${file}: row "${r}" has ${cells.length} cells, expected ${cols.length}`)
    return Object.fromEntries(cols.map((c, i) => [c, cells[i].trim()]))
  })
}

const yesNo = (v, where) => {
  if (v === "yes") return true
  if (v === "no") return false
  throw new Error(`${where}: expected yes/no, got ${v}`)
}

/** The day an instrument of the corpus takes effect. */
const effectiveOf = (file) => {
  const i = parse(readFileSync(join(ROOT, "corpus/instruments", file), "utf8"), { version: "1.2" })
  if (!/^\d{4}-\d{2}-\d{2}$/.test(i.effective ?? "")) throw new Error(`instruments/${file}: no effective day`)
  return i.effective
}

const dayBefore = (day) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

const kindOf = (name) => (name.startsWith("Thành phố ") ? "centrally-run-city" : "province")

// ---------------------------------------------------------------------------------------------
// YAML text, written by hand so that every entry is one line and citations are anchors

/** A scalar: plain when it cannot be misread, else double-quoted (JSON strings are YAML). */
const scalar = (v) =>
  /^[\p{L}\p{N}]/u.test(v) && !/[,[\]{}#&*!|>'"%@`]|: |:$/u.test(v) && !/^(?:true|false|null|yes|no|on|off|[-+]?[\d.]+)$/i.test(v) ? v : JSON.stringify(v)
/** A quoted code, so that "01" stays text. */
const code = (c) => JSON.stringify(c)

/** The citation fields, one per line, at `indent`. */
const block = (c, indent) =>
  Object.entries(c)
    .map(([k, v]) => `${" ".repeat(indent)}${k}: ${k === "instrument" || k === "grade" ? scalar(v) : JSON.stringify(v)}`)
    .join("\n")

/**
 * Entries as YAML list items: the first entry with a given citation is written out in block style
 * and anchors it (`&name`); later entries are one line and refer to it (`*name`). A citation used
 * once is written in place without an anchor.
 */
const entries = (list, fieldsOf) => {
  const uses = new Map()
  for (const e of list) uses.set(e.cite, (uses.get(e.cite) ?? 0) + 1)
  const anchored = new Set()
  return list
    .map((e) => {
      const fields = fieldsOf(e)
      const shared = uses.get(e.cite) > 1
      if (shared && anchored.has(e.cite)) return `  - { ${fields.map(([k, v]) => `${k}: ${v}`).join(", ")}, citation: *${e.cite} }`
      if (shared) anchored.add(e.cite)
      const [[k0, v0], ...rest] = fields
      return [
        `  - ${k0}: ${v0}`,
        ...rest.map(([k, v]) => `    ${k}: ${v}`),
        `    citation:${shared ? ` &${e.cite}` : ""}`,
        block(citations[e.cite], 6)
      ].join("\n")
    })
    .join("\n")
}

const header = (lines, from) =>
  [
    ...lines.map((l) => `# ${l}`),
    "#",
    `# GENERATED by packages/law/scripts/admin-units.mjs from ../shared/data/admin-units (${from});`,
    "# change the script or the data, then run it and `pnpm law:compile`; do not edit this file by hand."
  ].join("\n")

const versionFields = (v) => [
  ["code", code(v.code)],
  ["name", scalar(v.name)],
  ["kind", v.kind],
  ...(v.from === undefined ? [] : [["from", v.from]]),
  ...(v.until === undefined ? [] : [["until", v.until]])
]

/**
 * The admin-units files the shared data gives: `{ files: { name: yaml } }`. Throws when the data
 * is not what the model expects (63 old and 34 new provinces, every successor among the 34 under
 * the same name, `code_reused_from_old` agreeing with the codes).
 */
export const generate = (dir = SHARED) => {
  const mapping = csv(dir, "province-mapping-63-to-34.csv")
  const current = csv(dir, "dvhcvn-20250701/915_CTK-CSCL.csv")
  if (mapping.length !== 63) throw new Error(`expected 63 old provinces, got ${mapping.length}`)
  if (current.length !== 34) throw new Error(`expected 34 new provinces, got ${current.length}`)

  const newNames = new Map(current.map((r) => [r["Mã số"], r["Tên 34 tỉnh sau sáp nhập"]]))
  for (const r of mapping) {
    const listed = newNames.get(r.new_code)
    if (listed === undefined) throw new Error(`old ${r.old_code}: new code ${r.new_code} is not among the 34`)
    if (listed !== r.new_name) throw new Error(`old ${r.old_code}: new name ${r.new_name} differs from the 34-list's ${listed}`)
    if (yesNo(r.code_reused_from_old, r.old_code) !== (r.old_code === r.new_code))
      throw new Error(`old ${r.old_code}: code_reused_from_old=${r.code_reused_from_old} but new code is ${r.new_code}`)
    if (!yesNo(r.merged, r.old_code) && r.old_code !== r.new_code) throw new Error(`old ${r.old_code}: not merged but its code changes to ${r.new_code}`)
  }

  const reorganisation = effectiveOf("19-2025-QD-TTg.yaml")
  const lastOld = dayBefore(reorganisation)
  const dongNaiCity = effectiveOf("30-2026-QH16.yaml")

  const old = mapping.map((r) => ({ code: r.old_code, name: r.old_name, kind: kindOf(r.old_name), until: lastOld, cite: r.old_code === "46" ? "hue" : "list63" }))
  const now = current.flatMap((r) => {
    const v = { code: r["Mã số"], name: r["Tên 34 tỉnh sau sáp nhập"], kind: kindOf(r["Tên 34 tỉnh sau sáp nhập"]), from: reorganisation, cite: "list34" }
    // The later change the notes report (unconfirmed): Đồng Nai becomes a centrally-run city.
    if (v.code !== "75") return [v]
    return [
      { ...v, until: dayBefore(dongNaiCity) },
      { code: v.code, name: "Thành phố Đồng Nai", kind: "centrally-run-city", from: dongNaiCity, cite: "dongNaiCity" }
    ]
  })
  const successions = mapping.map((r) => {
    const merged = yesNo(r.merged, r.old_code)
    const clause = CLAUSES_SEEN[r.new_code]
    return { old: r.old_code, new: r.new_code, change: merged ? "merged" : "unchanged", cite: !merged ? "unchanged" : clause === undefined ? "merger" : `mergerClause${clause}` }
  })

  const files = {
    "provinces-until-2025.yaml": [
      header(
        [
          `The ${old.length} provincial-level units (tỉnh, thành phố trực thuộc trung ương) in force until ${lastOld}: code`,
          "(mã tỉnh), name and kind as in the list before the 2025 reorganisation (GSO data as of",
          "2025-03-01). Earlier changes of the list are not encoded, so these versions have no first day."
        ],
        "province-mapping-63-to-34.csv"
      ),
      "provinces:",
      entries(old, versionFields),
      ""
    ].join("\n"),
    "provinces-from-2025.yaml": [
      header(
        [
          `The ${current.length} provincial-level units from ${reorganisation} (codes of Decision 19/2025/QĐ-TTg), and the later`,
          `change the notes report: Đồng Nai a centrally-run city from ${dongNaiCity} (unconfirmed).`
        ],
        "dvhcvn-20250701/915_CTK-CSCL.csv"
      ),
      "provinces:",
      entries(now, versionFields),
      ""
    ].join("\n"),
    "reorganisation-2025.yaml": [
      header(
        [
          "The 2025 reorganisation of provincial-level units (sắp xếp đơn vị hành chính cấp tỉnh,",
          "Resolution 202/2025/QH15): from `on`, the 63 provinces are 34 and districts are abolished.",
          "Every old code with the province it became part of: `merged` (23 new provinces from 52 old",
          "ones; the new code may be one of the old ones) or `unchanged` (11 units, same code and territory)."
        ],
        "province-mapping-63-to-34.csv"
      ),
      `on: ${reorganisation}`,
      "successions:",
      entries(successions, (s) => [
        ["old", code(s.old)],
        ["new", code(s.new)],
        ["change", s.change]
      ]),
      ""
    ].join("\n")
  }
  return { files }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const dir = args.find((a) => !a.startsWith("--")) ?? SHARED
  const { files } = generate(dir)
  if (args.includes("--check")) {
    const stale = Object.entries(files).filter(([name, text]) => {
      try {
        return readFileSync(join(OUT, name), "utf8") !== text
      } catch {
        return true
      }
    })
    if (stale.length > 0) {
      console.error(`admin units: ${stale.map(([n]) => `corpus/admin-units/${n}`).join(", ")} differ from what ${dir} gives; run node packages/law/scripts/admin-units.mjs`)
      process.exit(1)
    }
    console.log("admin units: corpus/admin-units is up to date")
  } else {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(OUT, name), text)
    console.log(`admin units: wrote ${Object.keys(files).map((n) => `corpus/admin-units/${n}`).join(", ")}; now run pnpm law:compile`)
  }
}
