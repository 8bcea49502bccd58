/**
 * What-if (giả định chính sách): raise the machinery cap (mức hỗ trợ ứng dụng máy móc thiết bị)
 * from 300 to 500 million đồng per establishment for decisions dated in 2024, and compare what
 * the province's 2024 proposals would receive (Reform.compare).
 *
 * The reform is a layer over the national pack: the rule pack itself is not touched, and every
 * figure the reform sets carries a synthetic citation of grade `unconfirmed` ("what-if, not law").
 * The province's own levels (Đồng Tháp Resolution 08/2024/NQ-HĐND) are laid over the reformed
 * national pack as before, so its local-fund proposal keeps the provincial 300 million cap.
 *
 * Run: `pnpm examples` (or, after `pnpm build`, `node examples/dist/what-if/main.js`).
 */
import { Citation, Evaluate, LocalDate, Money, Overlay, Pack, Reform, type RulePack } from "@khuyencong/core"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { pathToFileURL } from "node:url"
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

/** The comparison and its report. */
export interface WhatIf {
  readonly comparison: Reform.Comparison
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

  return { comparison: c, text: out.join("\n") }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now()
  const r = whatIf()
  console.log(r.text)
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(2)} s.`)
}
