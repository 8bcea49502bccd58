/**
 * Quick start: one province's 2024 khuyến công plan, end to end.
 *
 * 1. decode the register (plan, establishments, proposals), listing every data error with its path;
 * 2. evaluate eligibility and support of each proposal under the 2021–2025 rule pack, with the
 *    province's own levels (Đồng Tháp Resolution 08/2024/NQ-HĐND) for its local-fund proposal;
 * 3. rank the eligible proposals by the pack's priority rules;
 * 4. allocate each budget envelope over its fund's proposals under `partial-marginal`;
 * 5. print a table, the totals in vi-VN, the legal source of two binding caps, and every figure
 *    that rests on an unconfirmed value.
 *
 * Run: `pnpm start` (builds, then `node examples/dist/quick-start/main.js`).
 */
import {
  Allocation,
  Citation,
  Eligibility,
  Evaluate,
  LocalDate,
  Money,
  Overlay,
  Pack,
  Priority,
  Rate,
  type Plan,
  type Proposal,
  type Support
} from "@khuyencong/core"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { relative } from "node:path"
import { pathToFileURL } from "node:url"
import { loadRegister, type Register } from "../shared/register.js"
import { render } from "../shared/table.js"

type Fund = Proposal.Proposal["fund"]

/** One evaluated proposal. */
export interface Row {
  readonly proposal: Proposal.Proposal
  readonly evaluation: Evaluate.Evaluation
  /** The pack view the proposal was evaluated with (national levels, or the province's). */
  readonly view: Pack.ResolvedPack
}

/** The allocation of one fund's envelopes. */
export interface FundAllocation {
  readonly fund: Fund
  readonly envelope: Money.Money
  readonly allocation: Allocation.Allocation
}

/** What the quick start computes, and its report. */
export interface QuickStart {
  readonly register: Register
  readonly rows: ReadonlyArray<Row>
  readonly ranked: ReadonlyMap<Fund, ReadonlyArray<Priority.Ranked>>
  readonly allocations: ReadonlyArray<FundAllocation>
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
  // 2. Rules: the national pack, with the province's overlay for local-fund proposals

  const national = Pack.loadOrThrow(pack)
  const overlay = overlays.find((o) => o.province === plan.provinceCode)
  const rules = overlay === undefined ? national : Overlay.applyOrThrow(national, overlay)

  // ---------------------------------------------------------------------------------------------
  // 3. Evaluate every decoded proposal at its approval date (one resolution of the pack per date)

  const cache = Evaluate.makeCache()
  const rows: Array<Row> = []
  for (const p of register.proposals) {
    const resolved = cache.get(rules, Evaluate.dateOf(p))
    if (!resolved.ok) {
      say(`  ✗ ${p.id}: not evaluated: ${resolved.error.message}`)
      continue
    }
    const e = Evaluate.evaluate(p, resolved.value, { establishments: register.establishments, trace: true })
    if (!e.ok) {
      say(`  ✗ ${p.id}: not evaluated: ${e.error.message}`)
      continue
    }
    rows.push({ proposal: p, evaluation: e.value, view: Pack.viewFor(resolved.value, p.fund) })
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Rank the eligible proposals (rules in force at the end of the plan year)

  const eligible = rows.filter((r) => r.evaluation.verdict === "eligible" && r.evaluation.payable > 0n)
  const rankingContext: Priority.Context = {
    resolved: Pack.resolveOrThrow(rules, LocalDate.endOfYear(plan.year)),
    establishments: register.establishments,
    submittedOn: register.submittedOn
  }
  /** Per fund, the eligible proposals highest priority first (each fund has its own envelope). */
  const ranked = new Map<Fund, ReadonlyArray<Priority.Ranked>>()
  for (const fund of ["national", "local"] as const) {
    const r = Priority.rank(
      eligible.filter((x) => x.proposal.fund === fund).map((x) => x.proposal),
      rankingContext
    )
    if (!r.ok) throw r.error
    ranked.set(fund, r.value)
  }
  const ranking = new Map([...ranked.values()].flat().map((r) => [r.proposalId, r] as const))

  // ---------------------------------------------------------------------------------------------
  // 5. Allocate each envelope to its fund's proposals, in priority order

  const fundOf = (e: Plan.BudgetEnvelope): Fund => (e.source.kind === "local-budget" ? "local" : "national")
  const policy: Allocation.Policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }

  const allocations: Array<FundAllocation> = []
  for (const fund of ["national", "local"] as const) {
    const envelopes = plan.envelopes.filter((e) => fundOf(e) === fund)
    if (envelopes.length === 0) continue
    const envelope = Money.sum(envelopes.map((e) => e.amount))
    // Candidates in ranking order: allocate walks down the list (no comparator needed).
    const candidates = (ranked.get(fund) ?? [])
      .map((r) => rows.find((x) => x.proposal.id === r.proposalId))
      .filter((r): r is Row => r !== undefined)
      .map((r) => ({ id: r.proposal.id, requested: r.evaluation.payable }))
    const a = Allocation.allocate({ envelope, candidates, policy })
    if (!a.ok) throw a.error
    allocations.push({ fund, envelope, allocation: a.value })
  }
  const outcomeOf = (id: string): Allocation.Outcome | undefined => {
    for (const a of allocations) {
      const o = Allocation.outcomeOf(a.allocation, id)
      if (o !== undefined) return o
    }
    return undefined
  }

  // ---------------------------------------------------------------------------------------------
  // 6. The table

  const unsettledLines = (r: Row): ReadonlyArray<Support.LineSupport> =>
    r.evaluation.support.lines.filter((l) => l.support > 0n && !Citation.isSettled(l.grade))

  const bindings = (s: Support.ProposalSupport): string => {
    const seen = [...new Set(s.lines.map((l) => l.binding))]
    return seen.join(", ")
  }

  const STATUS: Record<Allocation.Status, string> = {
    funded: "funded",
    "partly-funded": "partly funded",
    unfunded: "unfunded"
  }

  const ordered = [...rows].sort((a, b) => {
    const ra = ranking.get(a.proposal.id)?.position ?? Number.MAX_SAFE_INTEGER
    const rb = ranking.get(b.proposal.id)?.position ?? Number.MAX_SAFE_INTEGER
    return a.proposal.fund === b.proposal.fund ? ra - rb || a.proposal.id.localeCompare(b.proposal.id) : a.proposal.fund === "national" ? -1 : 1
  })

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
      ordered.map((r) => {
        const e = r.evaluation
        const o = outcomeOf(r.proposal.id)
        const rank = ranking.get(r.proposal.id)
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
          o === undefined ? (e.verdict === "eligible" ? "no envelope" : "not eligible") : o.constraint === "none" ? STATUS[o.status] : `${STATUS[o.status]} (${o.constraint})`
        ]
      })
    )
  )
  say("  priority: area class (địa bàn ưu tiên) a1–a4 and industry class (ngành nghề ưu tiên) i1–i2 of Circular 46/2012 art. 6; – none")
  say("  † the support rests on a value not confirmed for Circular 28/2018 (see below)")
  say()

  // Ineligible proposals: every failed condition, with its citation.
  const ineligible = rows.filter((r) => r.evaluation.verdict === "ineligible")
  if (ineligible.length > 0) {
    say("Not eligible (không đủ điều kiện):")
    for (const r of ineligible)
      for (const c of Eligibility.failures(r.evaluation.eligibility))
        say(`  ${r.proposal.id}${c.subject === undefined ? "" : ` (${c.subject})`}: ${c.message}`)
    say()
  }

  // Allocation outcomes other than "funded in full", in the library's own words.
  const notInFull = allocations.flatMap((a) => a.allocation.outcomes.filter((o) => o.reason !== "fits"))
  if (notInFull.length > 0) {
    say("Allocation (phân bổ kinh phí), proposals not funded in full:")
    for (const o of notInFull) say(`  ${Allocation.explain(o)}`)
    say()
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Totals, in vi-VN

  const f = (m: Money.Money): string => Money.format(m)
  const totalRequested = Money.sum(rows.map((r) => r.evaluation.support.requested))
  const totalSupport = Money.sum(eligible.map((r) => r.evaluation.payable))
  say("Totals (tổng hợp):")
  say(`  requested support (kinh phí đề nghị hỗ trợ), ${rows.length} proposals evaluated: ${f(totalRequested)}`)
  say(`  support under the rules (mức hỗ trợ theo quy định), ${eligible.length} eligible: ${f(totalSupport)}`)
  for (const a of allocations) {
    const t = a.allocation.totals
    const label = a.fund === "national" ? "national funds (kinh phí khuyến công quốc gia)" : "local funds (kinh phí khuyến công địa phương)"
    say(`  ${label}: envelope ${f(t.envelope)}, allocated ${f(t.allocated)}, unallocated ${f(t.unallocated)}`)
  }
  const allocated = Money.sum(allocations.map((a) => a.allocation.totals.allocated))
  say(`  allocated in total (tổng kinh phí phân bổ): ${f(allocated)} (${Money.format(allocated, { style: "words" })})`)
  say()

  // ---------------------------------------------------------------------------------------------
  // 8. Where the binding caps come from: one national line, one provincial line

  const UNIT_TEXT: Readonly<Record<string, string>> = {
    "per-model": "per model (/mô hình)",
    "per-establishment": "per establishment (/cơ sở)",
    "per-enterprise": "per enterprise (/doanh nghiệp)",
    "per-trademark": "per trademark (/nhãn hiệu)",
    "per-project": "per project (/đề án)"
  }
  const capLines = rows.flatMap((r) =>
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
  // 9. Unconfirmed values

  const flagged = rows.filter((r) => unsettledLines(r).length > 0)
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

  return { register, rows, ranked, allocations, text: out.join("\n") }
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
