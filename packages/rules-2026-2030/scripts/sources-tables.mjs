#!/usr/bin/env node
/**
 * Prints the parameter tables of SOURCES.md from the built pack (run `npx tsc -b
 * packages/rules-2026-2030` first): one row per parameter value with its value, instrument,
 * article / clause / point, grade, source and note.
 *   node packages/rules-2026-2030/scripts/sources-tables.mjs > /tmp/tables.md
 */
import { pack } from "../dist/index.js"
const CARRIED_OVER = "carried over from Joint Circular 26/2014/TTLT-BTC-BCT; not confirmed for Circular 28/2018"

const money = (v) => `${v.toLocaleString("en-US")} đồng`
const show = (v) => {
  if (typeof v === "bigint") return money(v)
  if (Array.isArray(v)) return v.length === 0 ? "[] (empty)" : v.map((x) => `\`${x}\``).join(", ")
  if (typeof v === "object" && v !== null && "numerator" in v) {
    const pct = (Number(v.numerator) * 100) / Number(v.denominator)
    return `${v.numerator}/${v.denominator} (${Number.isInteger(pct) ? pct : pct.toFixed(2)} %)`
  }
  return String(v)
}
const where = (c) => [c.article && `art. ${c.article}`, c.clause && `cl. ${c.clause}`, c.point && `pt. ${c.point}`].filter(Boolean).join(", ") || "– (not seen)"
const esc = (s) =>
  String(s ?? "")
    .replaceAll(CARRIED_OVER, "[carried over]")
    .replaceAll("rules-2018-2025-notes.md", "notes")
    .replaceAll("confirmations-followup.md", "followup")
    .replaceAll("rules-2025-plus-notes.md", "plus")
    .replaceAll("codification-khuyen-cong.md", "[PD]")
    .replaceAll("|", "\\|")
    .replaceAll("\n", " ")

const groups = [
  ["Support levels", (id) => id.startsWith("support.")],
  ["Management overhead and priority multiplier", (id) => id.startsWith("overhead.") || id === "priority.multiplier"],
  ["Advance ratios", (id) => id.startsWith("advance.")],
  ["Funds", (id) => id.startsWith("funds.")],
  ["Eligibility and priority (read by the rules)", (id) => (id.startsWith("eligibility.") || id.startsWith("priority.")) && id !== "priority.multiplier"]
]
for (const [title, test] of groups) {
  console.log(`### ${title}\n`)
  console.log("| id | from | value | instrument | article / clause / point | grade | source | note |")
  console.log("|---|---|---|---|---|---|---|---|")
  for (const p of Object.values(pack.parameters).filter((p) => test(p.id)))
    for (const v of p.values)
      console.log(`| \`${p.id}\` | ${v.from} | ${esc(show(v.value))} | ${v.citation.instrument.number} | ${where(v.citation)} | ${v.citation.grade} | ${esc(v.citation.source)} | ${esc(v.citation.note)} |`)
  console.log("")
}

const { activities } = pack
const capText = (cap) => {
  switch (cap.kind) {
    case "rate-and-amount":
      return `rate \`${cap.rate}\`, amount \`${cap.amount}\``
    case "amount":
      return `amount \`${cap.amount}\``
    case "rate":
      return `rate \`${cap.rate}\``
    case "multiple-of":
      return `\`${cap.multiple}\` × cap of \`${cap.item}\``
    case "share-of-support":
      return `share \`${cap.share}\` of the other lines' support`
  }
}
console.log("### Activities and spending items\n")
console.log("| activity | advance tier | item | cap rule | unit | item citation (grade) |")
console.log("|---|---|---|---|---|---|")
for (const a of activities) {
  if (a.items.length === 0) console.log(`| \`${a.code}\` | ${a.advanceTier} | – (no item: no support level known) | – | – | – |`)
  for (const it of a.items)
    console.log(`| \`${a.code}\` | ${a.advanceTier} | \`${it.code}\` | ${capText(it.cap)} | ${it.cap.unit} | ${it.citation.instrument.number} ${where(it.citation)} (${it.citation.grade}) |`)
}
console.log("")
