/**
 * Quick start: one province's 2024 khuyến công plan, end to end.
 *
 * 1. decode the register (plan, establishments, proposals), listing every data error with its path;
 * 2. appraise the plan (`Appraisal.appraise`): eligibility and support of each proposal under the
 *    2021–2025 rule pack, with the province's own levels (Đồng Tháp Resolution 08/2024/NQ-HĐND)
 *    for its local-fund proposal; the eligible proposals of each fund ranked by the pack's
 *    priority rules; each fund's budget envelopes allocated under `partial-marginal`;
 * 3. print a table, the totals in vi-VN, the legal source of two binding caps, and every figure
 *    that rests on an unconfirmed value.
 *
 * Run: `pnpm examples` (builds, then `node examples/dist/quick-start/main.js`).
 */
import { Allocation, Appraisal, Citation, Eligibility, Money, Overlay, Pack, Rate, type Priority, type Support } from "@khuyencong/core"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { relative } from "node:path"
import { pathToFileURL } from "node:url"
import { loadRegister, type Register } from "../shared/register.js"
import { render } from "../shared/table.js"

/** What the quick start computes, and its report. */
export interface QuickStart {
  readonly register: Register
  /** Every proposal evaluated, ranked and allocated, in report order. */
  readonly appraisal: Appraisal.Appraisal
  /** The printed report. */
  readonly text: string
}

/** Run the quick start on a register file (default: the bundled Đồng Tháp 2024 register). */
export function quickStart(file?: string): QuickStart {
  const out: Array<string> = []
  const say = (s = ""): void => {
    out.push(s)
  }

  // ---------------------------------------------------------------------------------------------
  // 1. The register

  const register = loadRegister(file)
  const { plan } = register
  say(register.title)
  say(
    `${relative(process.cwd(), register.file)}: plan ${plan.id}, ${plan.year}, province ${plan.provinceCode ?? "—"}; ` +
      `${register.proposalRecords} proposals, ${register.establishments.size} establishments`
  )
  say()

  if (register.problems.length > 0) {
    const records = new Set(register.problems.map((p) => p.record))
    say(`Data errors (lỗi dữ liệu): ${register.problems.length} in ${records.size} record${records.size === 1 ? "" : "s"}, not evaluated`)
    for (const p of register.problems) {
      say(`  ✗ ${p.record} ${p.id ?? ""} › ${p.path}  [${p.code}]`)
      say(`      ${p.message}${p.actual === undefined ? "" : `; found ${JSON.stringify(p.actual)}`}`)
      // Text typed the way officials write amounts is readable by Money.parse, but a register must
      // carry digits: say what it would read as, without accepting it.
      const asTyped = p.code === "money/unparseable" && typeof p.actual === "string" ? Money.parse(p.actual) : undefined
      if (asTyped?.ok === true) say(`      (Money.parse reads ${JSON.stringify(p.actual)} as ${Money.format(asTyped.value)}; write "${asTyped.value}" in the register)`)
    }
    say()
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Appraisal: evaluate every decoded proposal at its approval date under the national pack,
  // with the province's overlay for local-fund proposals; rank each fund's eligible proposals by
  // the pack's priority rules (submission dates break ties); allocate each fund's envelopes

  const national = Pack.loadOrThrow(pack)
  const overlay = overlays.find((o) => o.province === plan.provinceCode)
  const rules = overlay === undefined ? national : Overlay.applyOrThrow(national, overlay)
  const policy: Allocation.Policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
  const appraised = Appraisal.appraise(
    { proposals: register.proposals, establishments: register.establishments, plan, rules: [rules], policy },
    { submittedOn: register.submittedOn, trace: true }
  )
  // A proposal that cannot be evaluated (no pack for its date, an unknown beneficiary) stops the
  // appraisal with an error whose path names it: ["proposals", i, …]
  if (!appraised.ok) throw appraised.error
  const appraisal = appraised.value
  const rows = appraisal.proposals

  // ---------------------------------------------------------------------------------------------
  // 3. The table

  const unsettledLines = (r: Appraisal.Appraised): ReadonlyArray<Support.LineSupport> =>
    r.evaluation.support.lines.filter((l) => l.support > 0n && !Citation.isSettled(l.grade))

  const bindings = (s: Support.ProposalSupport): string => {
    const seen = [...new Set(s.lines.map((l) => l.binding))]
    return seen.join(", ")
  }

  const STATUS: Record<Appraisal.Decision, string> = {
    funded: "funded",
    "partly-funded": "partly funded",
    unfunded: "unfunded",
    ineligible: "not eligible",
    "not-applicable": "no rule applies",
    "nothing-payable": "nothing payable"
  }

  say(`Evaluation under ${national.id} ${national.version}${overlay === undefined ? "" : ` + overlay ${overlay.id} (local-fund proposals)`}; ` +
    `allocation: ${policy.kind}, minimum share 50 %, unit 1.000.000 ₫`)
  say()
  say(
    render(
      [
        { header: "#", align: "right" },
        { header: "proposal (đề án)" },
        { header: "title", max: 30 },
        { header: "fund" },
        { header: "priority" },
        { header: "verdict" },
        { header: "support (mức hỗ trợ)", align: "right" },
        { header: "binding constraint" },
        { header: "allocation (phân bổ)", align: "right" },
        { header: "status" }
      ],
      rows.map((r) => {
        const e = r.evaluation
        const o = r.outcome
        const rank = r.ranked
        const flag = unsettledLines(r).length > 0 ? " †" : "  "
        return [
          rank === undefined ? "–" : String(rank.position),
          r.proposal.id,
          r.proposal.title,
          r.proposal.fund,
          rank === undefined ? "" : priorityText(rank),
          e.verdict,
          Money.format(e.support.total) + flag,
          bindings(e.support),
          o === undefined ? "–" : Money.format(o.allocated),
          o === undefined || o.constraint === "none" ? STATUS[r.decision] : `${STATUS[r.decision]} (${o.constraint})`
        ]
      })
    )
  )
  say("  priority: area class (địa bàn ưu tiên) a1–a4 and industry class (ngành nghề ưu tiên) i1–i2 of Circular 46/2012 art. 6; – none")
  say("  † the support rests on a value not confirmed for Circular 28/2018 (see below)")
  say()

  // Ineligible proposals: every failed condition, with its citation.
  const ineligible = rows.filter((r) => r.decision === "ineligible")
  if (ineligible.length > 0) {
    say("Not eligible (không đủ điều kiện):")
    for (const r of ineligible)
      for (const c of Eligibility.failures(r.evaluation.eligibility))
        say(`  ${r.proposal.id}${c.subject === undefined ? "" : ` (${c.subject})`}: ${c.message}`)
    say()
  }

  // Allocation outcomes other than "funded in full", in the library's own words.
  const notInFull = appraisal.funds.flatMap((a) => a.allocation.outcomes.filter((o) => o.reason !== "fits"))
  if (notInFull.length > 0) {
    say("Allocation (phân bổ kinh phí), proposals not funded in full:")
    for (const o of notInFull) say(`  ${Allocation.explain(o)}`)
    say()
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Totals, in vi-VN

  const f = (m: Money.Money): string => Money.format(m)
  const totals = appraisal.totals
  say("Totals (tổng hợp):")
  say(`  requested support (kinh phí đề nghị hỗ trợ), ${totals.proposals} proposals evaluated: ${f(totals.requested)}`)
  say(`  support under the rules (mức hỗ trợ theo quy định), ${totals.eligible} eligible: ${f(totals.payable)}`)
  for (const a of appraisal.funds) {
    const t = a.allocation.totals
    const label = a.fund === "national" ? "national funds (kinh phí khuyến công quốc gia)" : "local funds (kinh phí khuyến công địa phương)"
    say(`  ${label}: envelope ${f(t.envelope)}, allocated ${f(t.allocated)}, unallocated ${f(t.unallocated)}`)
  }
  say(`  allocated in total (tổng kinh phí phân bổ): ${f(totals.allocated)} (${Money.format(totals.allocated, { style: "words" })})`)
  say()

  // ---------------------------------------------------------------------------------------------
  // 5. Where the binding caps come from: one national line, one provincial line

  const UNIT_TEXT: Readonly<Record<string, string>> = {
    "per-model": "per model (/mô hình)",
    "per-establishment": "per establishment (/cơ sở)",
    "per-enterprise": "per enterprise (/doanh nghiệp)",
    "per-trademark": "per trademark (/nhãn hiệu)",
    "per-project": "per project (/đề án)"
  }
  // In register order, as the province lists its proposals
  const inRegisterOrder = [...rows].sort((a, b) => a.index - b.index)
  const capLines = inRegisterOrder.flatMap((r) =>
    r.evaluation.support.lines
      .filter((l) => l.binding === "absolute-cap")
      .map((l) => ({ row: r, line: l, item: r.view.itemIndex.get(l.item) }))
  )
  const shown = [capLines.find((c) => c.line.layer === "national" && c.row.evaluation.verdict === "eligible"), capLines.find((c) => c.line.layer !== "national")]
  say("Legal source of the binding cap (căn cứ của mức trần), two lines:")
  for (const c of shown) {
    if (c === undefined || c.item === undefined) continue
    const amount = c.item.amountReading
    const multiple = c.item.multiple
    const cap =
      multiple === undefined || amount === undefined
        ? f(Money.make(c.item.amount))
        : `${times(multiple.value)} × ${f(Money.make(amount.value))} = ${f(Money.make(c.item.amount))}`
    say(`  ${c.row.proposal.id} ${c.line.item}: ${cap} ${UNIT_TEXT[c.item.unit] ?? c.item.unit}, layer ${c.line.layer}`)
    for (const reading of [amount, multiple]) {
      if (reading === undefined) continue
      say(`      ${reading.parameterId}: ${Citation.format(reading.citation)} — ${Citation.formatVi(reading.citation)}`)
    }
  }
  say()

  // ---------------------------------------------------------------------------------------------
  // 6. Unconfirmed values

  const flagged = inRegisterOrder.filter((r) => unsettledLines(r).length > 0)
  if (flagged.length > 0) {
    say("Figures resting on values not confirmed for Circular 28/2018 (giá trị chưa được xác nhận):")
    for (const r of flagged) {
      const reads = new Map<string, string>()
      for (const l of unsettledLines(r)) {
        const item = r.view.itemIndex.get(l.item)
        if (item === undefined) continue
        for (const reading of [item.rate, item.amountReading, item.multiple, item.share])
          if (reading !== undefined && !Citation.isSettled(reading.citation.grade))
            reads.set(reading.parameterId, `${reading.parameterId} = ${show(reading.value)} (${Citation.format(reading.citation)})`)
      }
      say(`  ${r.proposal.id}: ${[...reads.values()].join("; ")}`)
    }
  }
  const carried = new Set(
    rows.flatMap((r) =>
      Eligibility.allConditions(r.evaluation.eligibility)
        .filter((c) => c.status === "passed" && c.grade === "unconfirmed")
        .map((c) => c.rule)
    )
  )
  if (carried.size > 0)
    say(`  and for every proposal, the eligibility conditions carried over from Joint Circular 26/2014: ${[...carried].join(", ")}`)
  say()

  return { register, appraisal, text: out.join("\n") }
}

function priorityText(r: Priority.Classification): string {
  const a = r.area === undefined ? "–" : String(r.area.rank)
  const i = r.industry === undefined ? "–" : String(r.industry.rank)
  return `a${a} i${i}`
}

/** A multiple such as 3/2 as Vietnamese decimal text: "1,5". */
function times(r: Rate.Rate): string {
  const d = Rate.toDecimalString(r, 6)
  return d.ok ? d.value.replace(".", ",") : `${r.numerator}/${r.denominator}`
}

function show(v: bigint | Rate.Rate): string {
  return typeof v === "bigint" ? Money.format(Money.make(v)) : Rate.format(v)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now()
  const { text } = quickStart()
  console.log(text)
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(2)} s.`)
}
