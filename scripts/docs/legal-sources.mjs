#!/usr/bin/env node
/**
 * Generates two documents from the rule packs installed in the workspace:
 *
 * - docs/legal-sources.md: per pack, its instruments and every parameter value (value, the days it
 *   applies, instrument, article / clause / point, grade, note), then each provincial overlay's
 *   parameters in their own table;
 * - docs/packs-compared.md: every activity and spending item (rate cap, absolute cap, unit, grade)
 *   and every parameter, one column per pack.
 *
 * A pack is installed when `packages/rules-*\/dist/index.js` exists and exports `pack` (build
 * first: `npx tsc -b`). Packs are validated with `Pack.load` and resolved with `Pack.resolve`, so
 * the tables show what the library computes, not a second reading of the data.
 *
 * Usage: node scripts/docs/legal-sources.mjs [--out <dir>]   (default: docs/)
 * The output depends only on the packs: `pnpm docs:check` regenerates into a temporary folder and
 * compares.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))

const coreEntry = join(root, "packages/core/dist/index.js")
if (!existsSync(coreEntry)) {
  console.error("packages/core/dist/index.js is missing: build first (npx tsc -b)")
  process.exit(2)
}
const { Citation, LocalDate, Money, Pack, Parameter, Rate, Resolution } = await import(pathToFileURL(coreEntry).href)

// ---------------------------------------------------------------------------------------------
// Finding the packs

/** Every built rule package exporting `pack`, loaded and validated, in order of decision dates. */
const findPacks = async () => {
  const found = []
  const dirs = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith("rules-"))
    .map((d) => d.name)
    .sort()
  for (const dir of dirs) {
    const entry = join(root, "packages", dir, "dist/index.js")
    if (!existsSync(entry)) continue
    const mod = await import(pathToFileURL(entry).href)
    if (mod.pack === undefined) continue
    const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"))
    const loaded = Pack.load(mod.pack)
    if (!loaded.ok) {
      console.error(`packages/${dir}: Pack.load refused the pack:`)
      for (const i of loaded.error.issues) console.error(`  ${i.path.join(".")}: ${i.code}: ${i.message}`)
      process.exit(1)
    }
    found.push({
      dir,
      packageName: manifest.name,
      packageVersion: manifest.version,
      pack: loaded.value,
      overlays: Array.isArray(mod.overlays) ? mod.overlays : [],
      notes: Array.isArray(mod.notes) ? mod.notes : [],
      instrumentNotes: mod.instrumentNotes ?? {},
      manifestFile: `packages/law/corpus/packs/${dir.replace(/^rules-/, "")}.yaml`
    })
  }
  found.sort((a, b) => cmp(a.pack.governs.decisions.start, b.pack.governs.decisions.start) || cmp(a.pack.id, b.pack.id))
  return found
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------------------------
// Formatting

/** A table cell: no line breaks, pipes escaped. */
const cell = (s) => String(s ?? "").replace(/\r?\n+/g, " ").replace(/\|/g, "\\|").trim()
const code = (s) => "`" + String(s).replace(/`/g, "'") + "`"
const row = (cells) => `| ${cells.join(" | ")} |`
const table = (header, rows, align) =>
  [row(header), row(header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"))), ...rows.map(row)].join("\n")

const isRate = (v) => typeof v === "object" && v !== null && !Array.isArray(v) && typeof v.numerator === "bigint"

const decimalVi = (r) => {
  const d = Rate.toDecimalString(r, 12)
  return d.ok ? d.value.replace(".", ",") : `${r.numerator}/${r.denominator}`
}

/** A parameter value as an official reads it: money in vi-VN (1.000.000.000 ₫), rates as %. */
const formatValue = (value, unit) => {
  if (typeof value === "bigint") return Money.format(value)
  if (isRate(value)) {
    const r = Rate.make(value.numerator, value.denominator)
    return unit === "×" ? `${decimalVi(r)} ×` : Rate.format(r)
  }
  if (typeof value === "number") return unit === undefined || unit === "" ? String(value) : `${value} ${unit}`
  if (typeof value === "boolean") return value ? "yes" : "no"
  if (typeof value === "string") return code(value)
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map(code).join(", ")
  return code(JSON.stringify(value))
}

const articleEn = (c) =>
  [c.article && `art. ${c.article}`, c.clause && `cl. ${c.clause}`, c.point && `pt. ${c.point}`].filter(Boolean).join(", ")
const articleVi = (c) =>
  [c.point && `điểm ${c.point}`, c.clause && `khoản ${c.clause}`, c.article && `Điều ${c.article}`].filter(Boolean).join(" ")
const articleCell = (c) => {
  const en = articleEn(c)
  return en === "" ? "–" : `${en} (${articleVi(c)})`
}
const gradeCell = (g) => (Citation.isSettled(g) ? g : `**${g}**`)
const instrumentCell = (i) => cell(Citation.formatInstrument(i))
const dateOrDash = (d) => d ?? "–"

const unitText = (u) => u.replace(/^per-/, "per ")

/** Counts of values by grade, most certain first: "12 primary, 3 secondary". */
const gradeCounts = (grades) => {
  const n = new Map()
  for (const g of grades) n.set(g, (n.get(g) ?? 0) + 1)
  return Citation.grades
    .filter((g) => n.has(g))
    .map((g) => `${n.get(g)} ${g}`)
    .join(", ")
}

const anchor = (s) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-")

const GENERATED = (what) =>
  `<!-- Generated by scripts/docs/legal-sources.mjs from ${what}. Do not edit: run \`pnpm docs:generate\`. -->`

const governsText = (p) =>
  `decisions dated ${p.governs.decisions.start} … ${p.governs.decisions.end}; plan years ${p.governs.planYears.from}–${p.governs.planYears.to}`

// ---------------------------------------------------------------------------------------------
// legal-sources.md

const parameterRows = (parameters) => {
  const rows = []
  for (const p of Object.values(parameters)) {
    for (const r of Parameter.series(p)) {
      const c = r.citation
      rows.push([
        code(p.id),
        cell(p.description),
        cell(formatValue(r.value, p.unit)),
        r.from,
        dateOrDash(r.until),
        instrumentCell(c.instrument),
        cell(articleCell(c)),
        gradeCell(c.grade),
        cell(c.note ?? "")
      ])
    }
  }
  return rows
}

const PARAMETER_HEADER = ["parameter", "what", "value", "from", "until", "instrument", "article, clause, point", "grade", "note"]

const instrumentsTable = (instruments, notes) =>
  table(
    ["number", "kind", "issuer", "signed", "effective", "expired", "amends", "replaces", "what is not confirmed"],
    instruments.map((i) => [
      cell(i.number),
      cell(i.kind),
      cell(i.issuer),
      dateOrDash(i.signed),
      i.effective,
      dateOrDash(i.expired),
      cell((i.amends ?? []).join(", ") || "–"),
      cell((i.replaces ?? []).join(", ") || "–"),
      cell(notes[i.number] ?? "–")
    ])
  )

const overlaySection = (national, overlay) => {
  const out = []
  const c = overlay.citation
  const range = `${overlay.effective.start} … ${overlay.effective.end ?? "(no end date)"}`
  out.push(`### Overlay \`${overlay.id}\`: ${overlay.title}`, "")
  out.push(
    table(
      ["", ""],
      [
        ["province code (mã tỉnh)", code(overlay.province)],
        ["in force", range],
        ["instrument", `${instrumentCell(c.instrument)}${c.instrument.title ? `: ${cell(c.instrument.title)}` : ""}`],
        ["article, clause, point", cell(articleCell(c))],
        ["grade", gradeCell(c.grade)],
        ["note", cell(c.note ?? "")]
      ]
    ),
    ""
  )
  const rows = []
  for (const op of overlay.operations) {
    if (op.op === "lower" || op.op === "raise") {
      const p = national.parameters[op.parameter]
      const nationalValues = p === undefined ? [] : Parameter.series(p).filter((r) => (overlay.effective.end === undefined || r.from <= overlay.effective.end) && (r.until === undefined || r.until >= overlay.effective.start))
      rows.push([
        code(op.parameter),
        cell(p?.description ?? ""),
        op.op,
        cell(formatValue(op.value, p?.unit)),
        cell(nationalValues.map((r) => formatValue(r.value, p?.unit)).join("; ") || "–"),
        overlay.effective.start,
        dateOrDash(overlay.effective.end),
        instrumentCell(c.instrument),
        cell(articleCell(c)),
        gradeCell(c.grade)
      ])
    } else if (op.op === "remove-item") {
      rows.push([code(op.item), "", "remove item", "–", "–", overlay.effective.start, dateOrDash(overlay.effective.end), instrumentCell(c.instrument), cell(articleCell(c)), gradeCell(c.grade)])
    } else {
      const what = op.op === "add-item" ? `add item ${code(op.item.code)} to ${code(op.activity)}` : `add activity ${code(op.activity.code)}`
      const params = op.parameters ?? []
      if (params.length === 0) rows.push([what, "", op.op, "–", "–", overlay.effective.start, dateOrDash(overlay.effective.end), instrumentCell(c.instrument), cell(articleCell(c)), gradeCell(c.grade)])
      for (const p of params)
        for (const r of Parameter.series(p))
          rows.push([
            code(p.id),
            cell(p.description),
            `${what} (new parameter)`,
            cell(formatValue(r.value, p.unit)),
            "–",
            r.from,
            dateOrDash(r.until),
            instrumentCell(r.citation.instrument),
            cell(articleCell(r.citation)),
            gradeCell(r.citation.grade)
          ])
    }
  }
  out.push(
    table(["parameter", "what", "operation", "provincial value", "national value over the same days", "from", "until", "instrument", "article, clause, point", "grade"], rows),
    "",
    "The overlay's citation and note (above) apply to every row.",
    ""
  )
  return out
}

const legalSources = (packs) => {
  const all = packs.map((p) => p.pack)
  const out = []
  out.push("# Legal sources of the rule packs", "", GENERATED("the installed rule packs (packages/rules-*)"), "")
  out.push(
    "Every parameter of every installed rule pack, value by value: what it is, its value, the days",
    "the value applies (both included; no `until`: until the next value or without end), the",
    "instrument, article, clause and point it comes from, its grade and the pack's note on it.",
    "Money is in đồng written the Vietnamese way (`1.000.000.000 ₫`), rates as percentages",
    "(`30%`), multiples as `1,5 ×`. Grades (see [Concepts](concepts.md#citations-and-grades)):",
    "**primary** read in the legal text; **secondary** a secondary source quotes the clause;",
    "**provincial-copy** seen only in a provincial text copying the figure; **unconfirmed** no",
    "source for this period (usable, flagged in every trace). The two last are in bold.",
    "",
    "The instruments' and parameters' own sources (file and line in the project's legal notes) are in",
    "each pack's `SOURCES.md`; [packs-compared.md](packs-compared.md) puts the packs side by side.",
    ""
  )
  if (packs.length === 0) out.push("No rule pack is installed (build the workspace first).", "")
  for (const p of packs) out.push(`- [${p.pack.id}](#${anchor(p.pack.id)}) (${p.packageName})`)
  out.push("")
  for (const p of packs) {
    const pk = p.pack
    const values = Object.values(pk.parameters).flatMap((x) => x.values)
    out.push(`## ${pk.id}`, "")
    out.push(
      table(
        ["", ""],
        [
          ["package", `${code(p.packageName)} ${p.packageVersion}`],
          ["pack version", code(pk.version)],
          ["title", cell(pk.title)],
          ["governs", governsText(pk, all)],
          ["parameters", `${Object.keys(pk.parameters).length} parameters, ${values.length} values: ${gradeCounts(values.map((v) => v.citation.grade))}`],
          ["overlays", p.overlays.length === 0 ? "none" : p.overlays.map((o) => code(o.id)).join(", ")],
          ["manifest", `[${p.manifestFile}](../${p.manifestFile}): every entry of the corpus in force on ${pk.governs.decisions.start}`]
        ]
      ),
      ""
    )
    if (p.notes.length > 0) out.push("### Notes for the whole period", "", ...p.notes.map((n) => `- ${n}`), "")
    out.push("### Instruments", "", instrumentsTable(pk.instruments, p.instrumentNotes), "")
    if ((pk.reported ?? []).length > 0)
      out.push(
        "### Reported, text unseen",
        "",
        "Instruments known only from a report, never cited: from the reported day, results of this pack carry a `pack/reported-instrument` warning naming each (`ResolvedPack.warnings`, `Evaluation.warnings`).",
        "",
        table(
          ["number", "issuer", "warns from", "grade", "may replace", "said to change", "source"],
          pk.reported.map((r) => [cell(r.instrument.number), cell(r.instrument.issuer), r.on, r.grade, cell(r.mayReplace.join(", ")), cell(r.concerns), cell(r.source)])
        ),
        ""
      )
    out.push("### Parameters", "", table(PARAMETER_HEADER, parameterRows(pk.parameters)), "")
    out.push(
      "### Eligibility conditions",
      "",
      "Each condition with the activities it is about (every proposal when none is named), its citation and grade.",
      "",
      table(
        ["rule", "kind", "what", "activities", "instrument", "article, clause, point", "grade", "note"],
        pk.eligibility.map((r) => [
          code(r.id),
          code(r.kind),
          cell(`${r.name} (${r.nameVi})`),
          r.activities === undefined ? "all" : r.activities.map(code).join(", "),
          instrumentCell(r.citation.instrument),
          articleCell(r.citation),
          gradeCell(r.citation.grade),
          cell(r.citation.note)
        ])
      ),
      ""
    )
    if (p.overlays.length > 0) {
      out.push(
        `Provincial overlays of this pack: levels a province sets for its local-fund proposals (khuyến công`,
        `địa phương), layered over the national pack with \`Overlay.apply\`. National-fund proposals keep the`,
        `national levels.`,
        ""
      )
      for (const o of p.overlays) out.push(...overlaySection(pk, o))
    }
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n"
}

// ---------------------------------------------------------------------------------------------
// packs-compared.md

/** The days a pack governs, as a closed range for resolution (open end: its effective end or none). */
const periodOf = (pk, all) => ({ start: pk.governs.decisions.start, end: pk.governs.decisions.end ?? Resolution.effectiveEnd(pk, all) })

/** Days within the period on which some parameter takes a new value: the pack is resolved at each. */
const changeDates = (pk, period) => {
  const dates = new Set([period.start])
  for (const p of Object.values(pk.parameters)) {
    for (const r of Parameter.series(p)) {
      if (r.from > period.start && (period.end === undefined || r.from <= period.end)) dates.add(r.from)
      if (r.until !== undefined) {
        const next = LocalDate.addDays(r.until, 1)
        if (next > period.start && (period.end === undefined || next <= period.end)) dates.add(next)
      }
    }
  }
  return [...dates].sort()
}

const itemText = (it) => {
  const grade = ` · ${gradeCell(it.grade)}`
  const unit = unitText(it.unit)
  const rate = it.hasRate ? Rate.format(Rate.make(it.rateNumerator, it.rateDenominator)) : undefined
  if (it.cap.kind === "share-of-support") {
    const s = it.share?.value
    return `≤ ${s === undefined ? "?" : Rate.format(s)} of the proposal's other support, ${unit}${grade}`
  }
  const amount = it.hasAmount ? `≤ ${Money.format(it.amount)} ${unit}` : undefined
  const multiple = it.multiple !== undefined ? ` (${decimalVi(it.multiple.value)} × ${code(it.baseItem)})` : ""
  if (rate !== undefined && amount !== undefined) return `${rate} of cost, ${amount}${multiple}${grade}`
  if (amount !== undefined) return `${amount}${multiple}${grade}`
  if (rate !== undefined) return `${rate} of cost, ${unit}${multiple}${grade}`
  return `at most the cost, ${unit}${grade}`
}

/** Per pack: for each date of change, the resolved pack (or the lookup error). */
const resolutions = (entry, all) => {
  const pk = entry.pack
  const period = periodOf(pk, all)
  return changeDates(pk, period).map((date) => ({ date, resolved: Pack.resolve(pk, date) }))
}

/** A cell from per-date texts: one text when they agree, else one line per change. */
const periodsCell = (byDate) => {
  const present = byDate.filter((x) => x.text !== undefined)
  if (present.length === 0) return "–"
  const merged = []
  for (const x of byDate) {
    const last = merged.at(-1)
    if (last !== undefined && last.text === x.text) continue
    merged.push(x)
  }
  if (merged.length === 1) return merged[0].text
  return merged.map((x) => `from ${x.date}: ${x.text ?? "–"}`).join("<br>")
}

const packsCompared = (packs) => {
  const all = packs.map((p) => p.pack)
  const res = packs.map((p) => resolutions(p, all))
  const out = []
  out.push("# The rule packs compared", "", GENERATED("the installed rule packs (packages/rules-*)"), "")
  out.push(
    "Every spending item (nội dung chi) and every parameter of the installed packs, one column per",
    "pack, as `Pack.resolve` computes them over the decision dates each pack governs. An item's cell",
    "reads: rate cap of the eligible cost, absolute cap (đồng, vi-VN) and its unit, then the weakest",
    "grade of the item's citation and of every parameter it reads (**bold** when not settled law).",
    "A technology line's cap is already multiplied out (`1,5 × machinery.equipment`). When a figure",
    "changes within a pack's period, the cell has one line per change (`from <date>: …`); `–`: the",
    "pack has no such item or parameter. Citations of each figure: [legal-sources.md](legal-sources.md).",
    ""
  )
  if (packs.length === 0) {
    out.push("No rule pack is installed (build the workspace first).")
    return out.join("\n") + "\n"
  }
  out.push(
    table(
      ["pack", "package", "governs"],
      packs.map((p) => [code(p.pack.id), `${code(p.packageName)} ${p.packageVersion}`, governsText(p.pack, all)])
    ),
    ""
  )
  const failures = []
  packs.forEach((p, k) => {
    for (const r of res[k]) if (!r.resolved.ok) failures.push(`${code(p.pack.id)} at ${r.date}: ${cell(r.resolved.error.code)}: ${cell(r.resolved.error.message)}`)
  })

  // Activities and items, in the order of the first pack that has them.
  const activityOrder = []
  const activityInfo = new Map()
  const itemsOf = new Map()
  for (const p of packs)
    for (const a of p.pack.activities) {
      if (!activityInfo.has(a.code)) {
        activityInfo.set(a.code, a)
        activityOrder.push(a.code)
        itemsOf.set(a.code, [])
      }
      const items = itemsOf.get(a.code)
      for (const it of a.items) if (!items.some((x) => x.code === it.code)) items.push(it)
    }
  const header = ["activity / spending item", ...packs.map((p) => code(p.pack.id))]
  const rows = []
  for (const ac of activityOrder) {
    const a = activityInfo.get(ac)
    rows.push([
      `**${code(ac)}** ${cell(a.name)} (${cell(a.nameVi)})`,
      ...packs.map((p, k) =>
        periodsCell(res[k].map((r) => ({ date: r.date, text: r.resolved.ok ? (r.resolved.value.activities[ac] === undefined ? undefined : `advance tier ${code(r.resolved.value.activities[ac].advanceTier)}`) : undefined })))
      )
    ])
    const items = itemsOf.get(ac)
    if (items.length === 0)
      rows.push(["↳ (no spending item: no support level)", ...packs.map((p) => (p.pack.activities.some((x) => x.code === ac) ? "no item" : "–"))])
    for (const it of items)
      rows.push([
        `↳ ${code(it.code)} ${cell(it.name)}`,
        ...packs.map((p, k) =>
          periodsCell(res[k].map((r) => ({ date: r.date, text: r.resolved.ok && r.resolved.value.items[it.code] !== undefined ? itemText(r.resolved.value.items[it.code]) : undefined })))
        )
      ])
  }
  out.push("## Activities and spending items", "", table(header, rows), "")

  // Parameters: values in force over each pack's period.
  const ids = []
  const seen = new Set()
  for (const p of packs)
    for (const id of Object.keys(p.pack.parameters))
      if (!seen.has(id)) {
        seen.add(id)
        ids.push(id)
      }
  const prow = []
  for (const id of ids) {
    prow.push([
      code(id),
      ...packs.map((p) => {
        const par = p.pack.parameters[id]
        if (par === undefined) return "–"
        const period = periodOf(p.pack, all)
        const series = Parameter.series(par).filter((r) => (period.end === undefined || r.from <= period.end) && (r.until === undefined || r.until >= period.start))
        if (series.length === 0) return "(no value in the pack's period)"
        const text = (r) => `${cell(formatValue(r.value, par.unit))} · ${gradeCell(r.citation.grade)}`
        if (series.length === 1) return text(series[0])
        return series.map((r) => `from ${r.from < period.start ? period.start : r.from}: ${text(r)}`).join("<br>")
      })
    ])
  }
  out.push("## Parameters", "", "Values in force during each pack's period (rates as %, money in đồng).", "", table(["parameter", ...packs.map((p) => code(p.pack.id))], prow), "")
  if (failures.length > 0) out.push("## Dates a pack could not be resolved", "", ...failures.map((f) => `- ${f}`), "")
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n"
}

// ---------------------------------------------------------------------------------------------

const args = process.argv.slice(2)
const outIndex = args.indexOf("--out")
const outDir = outIndex >= 0 && args[outIndex + 1] !== undefined ? args[outIndex + 1] : join(root, "docs")
mkdirSync(outDir, { recursive: true })
const packs = await findPacks()
writeFileSync(join(outDir, "legal-sources.md"), legalSources(packs))
writeFileSync(join(outDir, "packs-compared.md"), packsCompared(packs))
console.log(`legal-sources: ${packs.map((p) => p.pack.id).join(", ") || "no pack"} → ${join(outDir, "legal-sources.md")}, ${join(outDir, "packs-compared.md")}`)
