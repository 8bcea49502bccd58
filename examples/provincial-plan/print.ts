/**
 * The console summary of a run: the register's data errors by cell, the ineligible proposals
 * with their first failed condition, the appraisal table and each fund's totals, the contracts
 * with their ledger figures and refused events, the disbursed share and the reports written.
 */
import { Eligibility, LocalDate, Money, type Appraisal } from "@khuyencong/core"
import { relative } from "node:path"
import { render } from "../shared/table.js"
import type { Summary } from "./main.js"

const f = (m: Money.Money): string => Money.format(m)
const right = (header: string) => ({ header, align: "right" as const })
const STATUS: Record<Appraisal.Decision, string> = {
  funded: "funded",
  "partly-funded": "partly",
  unfunded: "unfunded",
  ineligible: "not eligible",
  "not-applicable": "–",
  "nothing-payable": "–"
}
const FUND: Record<Appraisal.Fund, string> = { national: "national funds (KCQG)", local: "local funds (KCĐP)" }

/** Print `s` (all but the progress bars and the last line, which `run` prints as it goes). */
export function printSummary(s: Omit<Summary, "seconds">, say: (line?: string) => void): void {
  const { import: { errors, proposalRows, imported }, appraisal, disbursement, progress } = s
  say()
  if (errors.length > 0) {
    say(`Data errors (lỗi dữ liệu): ${errors.length} in ${proposalRows - imported} rows; those rows are not evaluated`)
    for (const e of errors) {
      const raw = e.raw === null || e.raw === undefined ? "(empty)" : JSON.stringify(e.raw)
      say(`  ✗ ${e.sheet ?? "?"}!${e.column ?? "?"}${e.row ?? "?"}  ${e.header ?? ""}  [${e.code}]  ${raw}`)
    }
    say()
  }
  const ineligible = appraisal.proposals.filter((x) => x.decision === "ineligible")
  if (ineligible.length > 0) {
    say("Not eligible (không đủ điều kiện):")
    for (const x of ineligible) say(`  ${x.proposal.id}: ${Eligibility.failures(x.evaluation.eligibility)[0]?.message ?? x.decision}`)
    say()
  }
  const columns = [right("#"), { header: "proposal (đề án)" }, { header: "title", max: 34 }, { header: "fund" }, { header: "verdict" }]
  const row = ({ proposal: p, evaluation: e, ranked, outcome, allocated, decision }: Appraisal.Appraised) =>
    [String(ranked?.position ?? "–"), p.id, p.title, p.fund, e.verdict, f(e.payable), outcome === undefined ? "–" : f(allocated), STATUS[decision]]
  say(render([...columns, right("support (mức hỗ trợ)"), right("allocated (phân bổ)"), { header: "status" }], appraisal.proposals.map(row)))
  say()
  for (const { fund, allocation: { totals: t } } of appraisal.funds)
    say(`  ${FUND[fund].padEnd(22)} envelope ${f(t.envelope).padStart(17)}  allocated ${f(t.allocated).padStart(17)}  unallocated ${f(t.unallocated).padStart(15)}`)
  say()
  say("Contracts and the ledger (hợp đồng, tạm ứng, nghiệm thu cơ sở, thanh toán, quyết toán):")
  const contractColumns = [{ header: "contract" }, { header: "proposal" }, right("approved"), right("advanced"), right("paid"), right("settled"), right("events")]
  const settled = (c: (typeof disbursement.contracts)[number]) => (c.balances.settled === undefined ? "–" : f(c.settled))
  say(render(contractColumns, disbursement.contracts.map((c) => [c.contractId, c.proposalId, f(c.approved), f(c.advanced), f(c.paid), settled(c), String(c.ledger.events.length)])))
  for (const { contractId, event: e, error } of s.rejected) {
    say(`  ✗ refused: ${e.kind} of ${f(e.amount)} on ${LocalDate.formatVi(e.date)} to ${contractId} [${error.code}]`)
    if (error._tag === "RuleViolation") say(`      rule ${error.rule}: ${error.citation ?? "(no citation)"}`)
    say(`      ${error.message}`)
  }
  say(`  disbursed (giải ngân) by 31/12/2024: ${f(progress.total.disbursed)} of ${f(progress.total.assigned)} allocated (${progress.total.shown?.text ?? "–"})`)
  say()
  say("Reports (báo cáo):")
  for (const path of Object.values(s.reports)) say(`  ${relative(process.cwd(), path)}`)
  say()
}
