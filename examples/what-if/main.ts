/**
 * What-if (giả định chính sách): raise the machinery cap (mức hỗ trợ ứng dụng máy móc thiết bị)
 * from 300 to 500 million đồng per establishment for decisions dated in 2024, and compare what
 * the province's 2024 proposals would receive (Reform.compare), then analyse the policy
 * (PolicyAnalysis.analyse): the budget effect by fund, activity, item and province, the effect on
 * allocating the plan's envelope, the parameters and rules that differ (Reform.diff) with both
 * citations, under an explicit assumption on applicants' behaviour. `writeWorkbook` writes it as
 * .xlsx with a bar chart of the budget effect by activity.
 *
 * The reform is a layer over the national pack: the rule pack itself is not touched, and every
 * figure the reform sets carries a synthetic citation of grade `unconfirmed` ("what-if, not law").
 * The province's own levels (Đồng Tháp Resolution 08/2024/NQ-HĐND) are laid over the reformed
 * national pack as before, so its local-fund proposal keeps the provincial 300 million cap.
 *
 * Run: `pnpm examples` (or, after `pnpm build`, `node examples/dist/what-if/main.js`).
 */
import { Report, Xlsx } from "@khuyencong/adapters-excel"
import { Citation, Evaluate, LocalDate, Money, Overlay, Pack, PolicyAnalysis, Reform, type RulePack } from "@khuyencong/core"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { addBarChart, rowOf } from "./chart.js"
import { loadRegister } from "../shared/register.js"
import { render } from "../shared/table.js"

/** The what-if: the machinery cap at 500 million đồng per establishment for 2024 decisions. */
export const reform: Reform.Reform = {
  id: "machinery-cap-500m-2024",
  title: "What-if: machinery support capped at 500 million đồng per establishment for 2024 decisions",
  overrides: [
    {
      parameter: "support.machinery.cap",
      range: { start: LocalDate.parseOrThrow("01/01/2024"), end: LocalDate.parseOrThrow("31/12/2024") },
      value: Money.parseOrThrow("500 triệu")
    }
  ]
}

/** The comparison, the policy analysis and their report. */
export interface WhatIf {
  readonly comparison: Reform.Comparison
  /** The analysis under requests held fixed, with the plan's envelope. */
  readonly analysis: PolicyAnalysis.Analysis
  /** The same reform with requests raised to the new cap where the old cap bound. */
  readonly raised: Reform.Comparison
  readonly diff: Reform.PackDiff
  /** Activity code → Vietnamese name, from the pack's catalogue. */
  readonly activityNames: ReadonlyMap<string, string>
  readonly text: string
}

/** Compare the register's proposals without and with the reform (default: the bundled register). */
export function whatIf(file?: string): WhatIf {
  const register = loadRegister(file)
  const { plan } = register

  const national = Pack.loadOrThrow(pack)
  const overlay = overlays.find((o) => o.province === plan.provinceCode)
  const withOverlay = (p: RulePack.RulePack): RulePack.RulePack => (overlay === undefined ? p : Overlay.applyOrThrow(p, overlay))
  const before = withOverlay(national)
  const after = withOverlay(Reform.applyOrThrow(national, reform))

  const r = Reform.compare(before, after, register.proposals, { establishments: register.establishments })
  if (!r.ok) throw r.error
  const c = r.value

  const f = (m: bigint): string => Money.format(Money.make(m))
  const signed = (d: bigint): string => (d > 0n ? `+${f(d)}` : d < 0n ? f(d) : "0 ₫")
  const title = new Map(register.proposals.map((p) => [p.id, p.title] as const))
  const fund = new Map(register.proposals.map((p) => [p.id, p.fund] as const))

  const out: Array<string> = []
  out.push(reform.title)
  out.push(`  ${reform.overrides[0]?.parameter}: 300.000.000 ₫ → ${f(reform.overrides[0]?.value as bigint)} from 01/01/2024 to 31/12/2024`)
  out.push(`  ${register.proposals.length} proposals of ${plan.id} (${register.proposalRecords - register.proposals.length} records with data errors left out)`)
  out.push("")
  out.push(
    render(
      [
        { header: "proposal (đề án)" },
        { header: "title", max: 34 },
        { header: "fund" },
        { header: "verdict" },
        { header: "payable now", align: "right" },
        { header: "with the reform", align: "right" },
        { header: "difference", align: "right" }
      ],
      c.proposals.map((p) => [
        p.proposalId,
        title.get(p.proposalId) ?? "",
        fund.get(p.proposalId) ?? "",
        p.a.verdict === p.b.verdict ? p.a.verdict : `${p.a.verdict} → ${p.b.verdict}`,
        f(p.a.payable),
        f(p.b.payable),
        signed(p.difference)
      ])
    )
  )
  out.push("")
  out.push("Total payable (tổng mức hỗ trợ):")
  out.push(`  now:              ${f(c.total.a)}`)
  out.push(`  with the reform:  ${f(c.total.b)}`)
  out.push(`  difference:       ${signed(c.total.difference)} (${Money.format(Money.make(c.total.difference < 0n ? -c.total.difference : c.total.difference), { style: "words" })}), ${c.changed} of ${c.proposals.length} proposals paid more`)
  out.push("")

  // Where a reformed figure comes from: the layer and its (synthetic, unconfirmed) citation.
  const changed = c.proposals.find((p) => p.difference !== 0n)
  const proposal = register.proposals.find((p) => p.id === changed?.proposalId)
  if (proposal !== undefined) {
    const resolved = Pack.resolveOrThrow(after, Evaluate.dateOf(proposal))
    const e = Evaluate.evaluateOrThrow(proposal, resolved, { establishments: register.establishments })
    const line = e.support.lines.find((l) => l.layer === reform.id)
    const reading = line === undefined ? undefined : Pack.viewFor(resolved, proposal.fund).itemIndex.get(line.item)?.amountReading
    if (line !== undefined && reading !== undefined) {
      out.push(
        `Example line, ${proposal.id} ${line.item}${line.beneficiaryId === undefined ? "" : ` (${line.beneficiaryId})`}: ${f(line.support)}, ` +
          `binding: ${line.binding} (rate cap ${line.rateCap === undefined ? "–" : f(line.rateCap)}, absolute cap ${line.absoluteCap === undefined ? "–" : f(line.absoluteCap)}); cap set by layer "${line.layer}"`
      )
      out.push(`  ${reading.parameterId} = ${f(reading.value)}: ${Citation.format(reading.citation)}`)
      out.push(`  ${reading.citation.note ?? ""}`)
    }
  }
  const local = c.proposals.find((p) => fund.get(p.proposalId) === "local")
  if (local !== undefined && overlay !== undefined)
    out.push(`${local.proposalId} (local fund) keeps ${overlay.id}'s own cap: ${f(local.b.payable)} (difference ${signed(local.difference)})`)
  out.push("")

  // Policy analysis (phân tích chính sách): the plan's envelope, proposals in register order.
  const envelope = Money.sum(plan.envelopes.map((e) => e.amount))
  const analysis = PolicyAnalysis.analyseOrThrow(before, after, register.proposals, {
    establishments: register.establishments,
    allocation: { envelope, policy: { kind: "whole-only" } }
  })
  const raised = Reform.compare(before, after, register.proposals, { establishments: register.establishments, behaviour: "requests-raised" })
  if (!raised.ok) throw raised.error
  const diff = Reform.diff(before, after, LocalDate.parseOrThrow(`${plan.year}-06-30`))
  const activityNames = new Map(national.activities.map((a) => [a.code, a.nameVi] as const))
  out.push(...policyText(analysis, raised.value, diff, activityNames, envelope))

  return { comparison: c, analysis, raised: raised.value, diff, activityNames, text: out.join("\n") }
}

const BEHAVIOUR: { readonly [B in Reform.Behaviour]: string } = {
  "requests-fixed": "requests held fixed (giữ nguyên kinh phí đề nghị): each line keeps the support it asked for",
  "requests-raised": "requests raised to the new cap where the old cap bound (nâng kinh phí đề nghị lên mức trần mới)"
}

/** The policy analysis as text: assumption, budget effect, allocation, differences. */
const policyText = (
  a: PolicyAnalysis.Analysis,
  raised: Reform.Comparison,
  diff: Reform.PackDiff,
  names: ReadonlyMap<string, string>,
  envelope: Money.Money
): Array<string> => {
  const f = (m: bigint): string => Money.format(Money.make(m))
  const signed = (d: bigint): string => (d > 0n ? `+${f(d)}` : d < 0n ? f(d) : "0 ₫")
  const c = a.comparison
  const table = (title: string, rows: ReadonlyArray<Reform.BudgetRow>, label: (k: string) => string = (k) => k): Array<string> => [
    title,
    render(
      [{ header: "", max: 48 }, { header: "now", align: "right" }, { header: "with the reform", align: "right" }, { header: "difference", align: "right" }],
      rows.map((r) => [label(r.key), f(r.a), f(r.b), signed(r.difference)])
    ),
    ""
  ]
  const out: Array<string> = []
  out.push("POLICY ANALYSIS (phân tích chính sách)")
  out.push(`Assumption on applicants' behaviour: ${BEHAVIOUR[c.behaviour]}.`)
  out.push(`  With ${BEHAVIOUR[raised.behaviour]}: ${f(raised.total.b)} (${signed(raised.total.difference)}, ${raised.changed} proposals paid more).`)
  out.push("")
  out.push(...table("Budget effect by fund (nguồn kinh phí):", c.effect.byFund))
  out.push(...table("Budget effect by activity (nội dung hoạt động):", c.effect.byActivity, (k) => `${k} (${names.get(k) ?? k})`))
  out.push(...table("Budget effect by item (nội dung chi):", c.effect.byItem))
  out.push(...table("Budget effect by province (tỉnh):", c.effect.byProvince))
  const al = a.allocation
  if (al !== undefined) {
    const counts = (k: PolicyAnalysis.Counts) => `${k.funded} funded, ${k.partlyFunded} partly funded, ${k.unfunded} unfunded, ${k.nothingPayable} with nothing payable; ${f(k.allocated)} allocated`
    out.push(`Allocation of the plan's envelope ${f(envelope)} (whole-only, register order):`)
    out.push(`  now:             ${counts(al.before.counts)}`)
    out.push(`  with the reform: ${counts(al.after.counts)}`)
    for (const m of al.moves) out.push(`  ${m.proposalId}: ${m.before} ${f(m.allocatedBefore)} → ${m.after} ${f(m.allocatedAfter)}`)
    out.push("")
  }
  out.push(`What differs (${diff.packA} vs the reformed pack, on ${LocalDate.format(diff.dateA)}): ${diff.parameters.length} parameter(s), ${diff.rules.length} rule(s)`)
  for (const p of diff.parameters) {
    const v = (r: Reform.ParameterChange["a"]) => (r === undefined ? "—" : typeof r.value === "bigint" ? f(r.value) : JSON.stringify(r.value))
    out.push(`  ${p.id}: ${v(p.a)} → ${v(p.b)}`)
    out.push(`    now:    ${p.a === undefined ? "—" : Citation.format(p.a.citation)}`)
    out.push(`    reform: ${p.b === undefined ? "—" : Citation.format(p.b.citation)}`)
  }
  for (const r of diff.rules) out.push(`  ${r.where.join(" / ")}: ${r.citationA === undefined ? "—" : Citation.format(r.citationA)} → ${r.citationB === undefined ? "—" : Citation.format(r.citationB)}`)
  out.push("")
  return out
}

const BY_ACTIVITY = "Theo nội dung"

/**
 * Write the analysis as .xlsx: the budget effect by activity (with a bar chart: now and with the
 * reform, per activity), by fund, item and province, the allocation moves and the differences with
 * both citations. Returns the file's path.
 */
export async function writeWorkbook(w: WhatIf, path: string): Promise<string> {
  const c = w.analysis.comparison
  const money = (key: string, header: string): Report.Column => ({ key, header, kind: "money" })
  const effect = (sheet: string, title: string, first: Report.Column, rows: ReadonlyArray<Report.TableRow>): Report.Table => ({
    sheet,
    title,
    subtitle: [`Giả định: ${BEHAVIOUR[c.behaviour]}`],
    columns: [{ key: "stt", header: "STT", kind: "integer" }, first, money("a", "Hiện hành (đồng)"), money("b", "Theo phương án (đồng)"), money("d", "Chênh lệch (đồng)")],
    rows,
    totals: { label: "Tổng cộng", labelColumn: first.key, sum: ["a", "b", "d"] }
  })
  const rowsOf = (rs: ReadonlyArray<Reform.BudgetRow>, label: (k: string) => string = (k) => k): Array<Report.TableRow> =>
    rs.map((r, i) => ({ stt: i + 1, key: label(r.key), a: r.a, b: r.b, d: r.difference }))
  const byActivity = rowsOf(c.effect.byActivity, (k) => w.activityNames.get(k) ?? k)
  const tables: Array<Report.Table> = [
    effect(BY_ACTIVITY, "TÁC ĐỘNG NGÂN SÁCH THEO NỘI DUNG HOẠT ĐỘNG", { key: "key", header: "Nội dung hoạt động", kind: "text" }, byActivity),
    effect("Theo nguồn", "TÁC ĐỘNG NGÂN SÁCH THEO NGUỒN KINH PHÍ", { key: "key", header: "Nguồn kinh phí", kind: "text" }, rowsOf(c.effect.byFund)),
    effect("Theo nội dung chi", "TÁC ĐỘNG NGÂN SÁCH THEO NỘI DUNG CHI", { key: "key", header: "Nội dung chi", kind: "text" }, rowsOf(c.effect.byItem)),
    effect("Theo tỉnh", "TÁC ĐỘNG NGÂN SÁCH THEO TỈNH", { key: "key", header: "Mã tỉnh", kind: "text" }, rowsOf(c.effect.byProvince))
  ]
  const al = w.analysis.allocation
  if (al !== undefined)
    tables.push({
      sheet: "Phân bổ",
      title: "TÁC ĐỘNG ĐẾN PHÂN BỔ KINH PHÍ",
      subtitle: [`Kinh phí được giao: ${Money.format(al.before.allocation.totals.envelope)}`],
      columns: [
        { key: "id", header: "Mã đề án", kind: "text" },
        { key: "before", header: "Hiện hành", kind: "text" },
        money("allocatedBefore", "Bố trí hiện hành (đồng)"),
        { key: "after", header: "Theo phương án", kind: "text" },
        money("allocatedAfter", "Bố trí theo phương án (đồng)")
      ],
      rows: al.moves.map((m) => ({ id: m.proposalId, before: m.before, allocatedBefore: m.allocatedBefore, after: m.after, allocatedAfter: m.allocatedAfter }))
    })
  tables.push({
    sheet: "Khác biệt",
    title: "THAM SỐ VÀ QUY TẮC KHÁC NHAU",
    columns: [
      { key: "what", header: "Tham số / quy tắc", kind: "text" },
      { key: "a", header: "Hiện hành", kind: "text" },
      { key: "citationA", header: "Căn cứ hiện hành", kind: "text" },
      { key: "b", header: "Theo phương án", kind: "text" },
      { key: "citationB", header: "Căn cứ phương án", kind: "text" }
    ],
    rows: [
      ...w.diff.parameters.map((p) => ({
        what: p.id,
        a: p.a === undefined ? "—" : String(p.a.value),
        citationA: p.a === undefined ? "—" : Citation.format(p.a.citation),
        b: p.b === undefined ? "—" : String(p.b.value),
        citationB: p.b === undefined ? "—" : Citation.format(p.b.citation)
      })),
      ...w.diff.rules.map((r) => ({
        what: r.where.join(" / "),
        a: r.a === undefined ? "—" : JSON.stringify(r.a),
        citationA: r.citationA === undefined ? "—" : Citation.format(r.citationA),
        b: r.b === undefined ? "—" : JSON.stringify(r.b),
        citationB: r.citationB === undefined ? "—" : Citation.format(r.citationB)
      }))
    ]
  })
  const written = await Xlsx.writeTables(tables)
  if (!written.ok) throw written.error
  const bytes = written.value as Uint8Array
  // Data rows of the by-activity sheet: from the first activity's row, one per activity (column B the name, C and D the amounts).
  const first = await rowOf(bytes, BY_ACTIVITY, String(byActivity[0]?.["key"]))
  const last = first + byActivity.length - 1
  const range = (col: string) => `'${BY_ACTIVITY}'!$${col}$${first}:$${col}$${last}`
  const charted = await addBarChart(bytes, {
    sheet: BY_ACTIVITY,
    title: "Tác động ngân sách theo nội dung hoạt động (đồng)",
    categories: { ref: range("B"), labels: byActivity.map((r) => String(r["key"])) },
    series: [
      { name: "Hiện hành", ref: range("C"), values: c.effect.byActivity.map((r) => Number(r.a)) },
      { name: "Theo phương án", ref: range("D"), values: c.effect.byActivity.map((r) => Number(r.b)) }
    ],
    anchor: { fromCol: 6, fromRow: 1, toCol: 16, toRow: 22 },
    valueAxis: "đồng"
  })
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, charted)
  return path
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now()
  const r = whatIf()
  console.log(r.text)
  const file = await writeWorkbook(r, join(dirname(new URL(import.meta.url).pathname), "out", "phan-tich-chinh-sach-2024.xlsx"))
  console.log(`Workbook with the chart of the budget effect by activity: ${file}`)
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(2)} s.`)
}
