/**
 * Disbursement (tình hình giải ngân): where the money of a plan's contracts stands, per contract
 * (hợp đồng), per proposal (đề án), per fund (nguồn kinh phí) and in total: the approved support
 * (kinh phí hỗ trợ được duyệt), advanced (tạm ứng), paid (thanh toán), refunded (hoàn trả, thu
 * hồi), disbursed (giải ngân: advanced + paid − refunded), the advance balance (dư tạm ứng), the
 * work value, what must still be refunded, the settled amount (quyết toán), the contracts with
 * base-level acceptance (nghiệm thu cơ sở), and what remains to be paid out.
 *
 * Every figure of a contract is `Ledger.balances` of its events replayed with `Ledger.replay`
 * (events dated after `asOf` left out); a proposal's, a fund's and the total figures are sums of
 * those, and each disbursed share is `Progress.rate` shown with a `Progress` display. Nothing is
 * computed twice, so the summary agrees with the ledger to the đồng. {@link progress} turns the
 * same events into a `Progress.Report` (by province, fund, activity and month).
 *
 * @example
 * ```ts
 * import { Disbursement } from "@khuyencong/core"
 * const s = Disbursement.summarizeOrThrow([{ ...ledger, proposalId: "DT-2024-QG-02", fund: "national" }])
 * s.total.disbursed    // 1000000000n: Ledger.balances(ledger).disbursed
 * s.total.shown?.text  // "100,0%"
 * ```
 * @since 0.2.0
 * @module
 */
import { funds as FUNDS, type Fund } from "./Appraisal.js"
import type * as Contract from "./Contract.js"
import * as Ledger from "./Ledger.js"
import * as Progress from "./Progress.js"
import { ValidationError, type Issue } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import type * as Rate from "../values/Rate.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"

type Money = Money.Money

// ---------------------------------------------------------------------------------------------
// Models

/**
 * A `Ledger.Balances` amount a summary adds up: approved, advanced, paid, refunded, disbursed,
 * outstanding, work value, refundable, remaining.
 * @category models
 * @example `const k: Disbursement.Amount = "disbursed"`
 * @since 0.2.0
 */
export type Amount = "approved" | "advanced" | "paid" | "refunded" | "disbursed" | "outstanding" | "workValue" | "refundable" | "remaining"

// Every amount, checked complete by the type.
const ALL: { readonly [K in Amount]: null } = {
  approved: null, advanced: null, paid: null, refunded: null, disbursed: null, outstanding: null, workValue: null, refundable: null, remaining: null
}
const AMOUNTS = Object.keys(ALL) as ReadonlyArray<Amount>

/**
 * One contract to summarise: the contract, its events (any order; a `Ledger.Ledger` spreads
 * into both), the proposal it carries out and the fund that pays for it.
 * @category models
 * @example `{ ...await store.getLedger("01/2024/HĐ-KCQG"), proposalId: "DT-2024-QG-02", fund: "national" }`
 * @since 0.2.0
 */
export interface Entry {
  readonly contract: Contract.Contract
  readonly events: ReadonlyArray<Ledger.Event>
  readonly proposalId: string
  readonly fund: Fund
}

/**
 * Options: `asOf` leaves out events dated after it (the position at the end of that day);
 * `display` is the percentage display of the disbursed shares (default `Progress.percent1`).
 * @category models
 * @example `{ asOf: "2024-12-31", display: Progress.percent2 }`
 * @since 0.2.0
 */
export interface Options {
  readonly asOf?: LocalDate.LocalDate
  readonly display?: Progress.Display
}

/**
 * The figures of one contract or a group of contracts. The {@link Amount}s are `Ledger.Balances`
 * fields (summed over the group); `settled` sums the settled amounts of the settled contracts;
 * `accepted` and `settledContracts` count the contracts with base-level acceptance and with a
 * settlement; `rate` is disbursed / approved (undefined when nothing is approved) and `shown`
 * its display.
 * @category models
 * @example `summary.total` → `{ contracts: 4, accepted: 2, approved: 2650000000n, disbursed: 2290000000n, remaining: 360000000n, shown: { text: "86,4%" }, … }`
 * @since 0.2.0
 */
export interface Figures extends Pick<Ledger.Balances, Amount> {
  readonly contracts: number
  readonly accepted: number
  readonly settledContracts: number
  readonly settled: Money
  readonly rate: Rate.Rate | undefined
  readonly shown: Progress.Shown | undefined
}

/**
 * One contract: its figures, the ledger replayed from its events, its balances and the events the
 * replay refused (with the rule each would break).
 * @category models
 * @example `summary.contracts[0]` → `{ contractId: "01/2024/HĐ-KCQG", approved: 1000000000n, advanced: 700000000n, paid: 300000000n, settled: 1000000000n, … }`
 * @since 0.2.0
 */
export interface ContractLine extends Figures {
  readonly contractId: string
  readonly proposalId: string
  readonly fund: Fund
  readonly ledger: Ledger.Ledger
  readonly balances: Ledger.Balances
  readonly rejected: ReadonlyArray<Ledger.Rejected>
}

/**
 * The contracts of one proposal.
 * @category models
 * @example `summary.proposals[0]` → `{ proposalId: "DT-2024-QG-02", fund: "national", contracts: 1, disbursed: 1000000000n, … }`
 * @since 0.2.0
 */
export interface ProposalLine extends Figures {
  readonly proposalId: string
  readonly fund: Fund
}

/**
 * The contracts of one fund.
 * @category models
 * @example `summary.funds.map((f) => [f.fund, f.disbursed])` → `[["national", 2080000000n], ["local", 210000000n]]`
 * @since 0.2.0
 */
export interface FundLine extends Figures {
  readonly fund: Fund
}

/**
 * The summary: contracts in input order, proposals in order of their first contract, funds in
 * the order national, local (those with a contract).
 * @category models
 * @example `Disbursement.summarizeOrThrow(entries).contracts.length` → `4`
 * @since 0.2.0
 */
export interface Summary {
  readonly asOf: LocalDate.LocalDate | undefined
  readonly display: Progress.Display
  readonly contracts: ReadonlyArray<ContractLine>
  readonly proposals: ReadonlyArray<ProposalLine>
  readonly funds: ReadonlyArray<FundLine>
  readonly total: Figures
}

// ---------------------------------------------------------------------------------------------
// Figures


const figuresOf = (balances: ReadonlyArray<Ledger.Balances>, display: Progress.Display): Figures => {
  const sum = (k: Amount) => Money.sum(balances.map((b) => b[k]))
  const approved = sum("approved")
  const disbursed = sum("disbursed")
  const rate = approved > 0n ? Progress.rate(disbursed, approved) : undefined
  const r = rate?.ok === true ? rate.value : undefined
  return {
    contracts: balances.length,
    accepted: balances.filter((b) => b.acceptedOn !== undefined).length,
    settledContracts: balances.filter((b) => b.settled !== undefined).length,
    approved,
    advanced: sum("advanced"),
    paid: sum("paid"),
    refunded: sum("refunded"),
    disbursed,
    outstanding: sum("outstanding"),
    workValue: sum("workValue"),
    refundable: sum("refundable"),
    remaining: sum("remaining"),
    settled: Money.sum(balances.map((b) => b.settled ?? Money.zero)),
    rate: r,
    shown: r === undefined ? undefined : Progress.display(r, display)
  }
}

const groupBy = <K>(lines: ReadonlyArray<ContractLine>, key: (l: ContractLine) => K): Map<K, Array<ContractLine>> => {
  const m = new Map<K, Array<ContractLine>>()
  for (const l of lines) {
    const list = m.get(key(l))
    if (list === undefined) m.set(key(l), [l])
    else list.push(l)
  }
  return m
}

const check = (entries: ReadonlyArray<Entry>, options: Options): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  if (options.asOf !== undefined && !LocalDate.is(options.asOf))
    issues.push({ code: "disbursement/invalid-date", path: ["asOf"], message: "asOf (ngày báo cáo) must be a YYYY-MM-DD day", actual: options.asOf })
  const ids = new Set<string>()
  const fundOf = new Map<string, Fund>()
  entries.forEach((e, i) => {
    const id = e.contract.id
    if (ids.has(id))
      issues.push({
        code: "disbursement/duplicate-contract",
        path: ["entries", i, "contract", "id"],
        message: `Contract (hợp đồng) "${id}" is given twice`,
        actual: id
      })
    ids.add(id)
    const fund = fundOf.get(e.proposalId)
    if (fund !== undefined && fund !== e.fund)
      issues.push({
        code: "disbursement/fund-mismatch",
        path: ["entries", i, "fund"],
        message: `Contract (hợp đồng) "${id}" puts proposal (đề án) "${e.proposalId}" under the ${e.fund} fund, an earlier one under the ${fund} fund`,
        actual: e.fund
      })
    else fundOf.set(e.proposalId, e.fund)
  })
  return issues
}

/**
 * Summarise contracts from their ledger events (see the module header).
 *
 * Errors (`ValidationError`, every problem listed): `disbursement/invalid-date` (`asOf`),
 * `disbursement/duplicate-contract` (`["entries", i, "contract", "id"]`),
 * `disbursement/fund-mismatch` (one proposal under two funds, `["entries", i, "fund"]`). Events
 * the ledger refuses are not errors: each contract line lists them in `rejected`.
 * @category summary
 * @since 0.2.0
 * @example
 * ```ts
 * const s = Disbursement.summarize([{ ...ledger01, proposalId: "DT-2024-QG-02", fund: "national" }], { asOf: "2024-12-31" })
 * s.ok && s.value.contracts[0]?.advanced // 700000000n
 * ```
 */
export const summarize = (entries: ReadonlyArray<Entry>, options: Options = {}): Result<Summary, ValidationError> => {
  const issues = check(entries, options)
  if (issues.length > 0) {
    const first = issues[0] as Issue
    const message = `Cannot summarise disbursement (tình hình giải ngân): ${first.message}`
    return err(new ValidationError({ code: first.code, path: first.path, message, issues }))
  }
  const display = options.display ?? Progress.percent1
  const asOf = options.asOf
  const contracts: Array<ContractLine> = entries.map((e) => {
    const events = asOf === undefined ? e.events : e.events.filter((x) => !(LocalDate.is(x.date) && x.date > asOf))
    const { ledger, rejected } = Ledger.replay(e.contract, events)
    const balances = Ledger.balances(ledger)
    return { ...figuresOf([balances], display), contractId: e.contract.id, proposalId: e.proposalId, fund: e.fund, ledger, balances, rejected }
  })
  const balancesOf = (lines: ReadonlyArray<ContractLine>) => lines.map((l) => l.balances)
  const proposals = [...groupBy(contracts, (l) => l.proposalId)].map(([proposalId, lines]) => ({
    ...figuresOf(balancesOf(lines), display),
    proposalId,
    fund: (lines[0] as ContractLine).fund
  }))
  const byFund = groupBy(contracts, (l) => l.fund)
  const funds = FUNDS.flatMap((fund) => {
    const lines = byFund.get(fund)
    return lines === undefined ? [] : [{ ...figuresOf(balancesOf(lines), display), fund }]
  })
  return ok({ asOf, display, contracts, proposals, funds, total: figuresOf(balancesOf(contracts), display) })
}

/**
 * {@link summarize}, throwing the `ValidationError`. For scripts and tests.
 * @function
 * @category summary
 * @since 0.2.0
 * @example `Disbursement.summarizeOrThrow(entries).total.remaining` → `360000000n` (the provincial-plan example's four contracts)
 */
export const summarizeOrThrow = orThrow(summarize)

/**
 * {@link summarize} as an Effect.
 * @function
 * @category summary
 * @since 0.2.0
 * @example `Effect.runSync(Disbursement.summarizeEffect(entries)).funds.map((f) => f.fund)` → `["national", "local"]`
 */
export const summarizeEffect = toEffect(summarize)

/**
 * The progress report (tiến độ giải ngân) of a summary: `Progress.report` over `assignments`
 * (default: one per proposal, its approved support and fund) with every accepted advance and
 * payment as a disbursement of its proposal on its date, as of the summary's `asOf`. A refund is
 * not a disbursement in `Progress`: when there are refunds, the report's disbursed total is the
 * summary's `advanced + paid`, the summary's `disbursed` being net of them.
 *
 * Errors: those of `Progress.report` (e.g. `progress/unknown-assignment` for a contract whose
 * proposal has no assignment).
 * @category summary
 * @since 0.2.0
 * @example `Disbursement.progress(summary, { assignments: Appraisal.assignments(appraisal) }).value.total.shown?.text` → `"39,9%"`
 */
export const progress = (
  summary: Summary,
  options: { readonly assignments?: ReadonlyArray<Progress.Assignment> } = {}
): Result<Progress.Report, ValidationError> =>
  Progress.report({
    assignments: options.assignments ?? summary.proposals.map((p) => ({ id: p.proposalId, amount: p.approved, fund: p.fund })),
    disbursements: summary.contracts.flatMap((c) =>
      c.ledger.events.flatMap((e) => (e.kind === "advance" || e.kind === "payment" ? [{ date: e.date, amount: e.amount, assignment: c.proposalId }] : []))
    ),
    ...(summary.asOf === undefined ? {} : { asOf: summary.asOf }),
    display: summary.display
  })
