/**
 * The contracts the example signs and the year's money events it posts to each, following the
 * contract's own terms:
 * the first advance (tạm ứng, with the progress its tier asks for), an early request for the
 * remainder (refused: the remainder needs base-level acceptance, nghiệm thu cơ sở), then
 * acceptance with a payment of the rest, and the settlement (quyết toán). Idempotency keys are
 * the contract id and the step, so posting the script again changes nothing.
 */
import { LocalDate, Money, Rate, Rounding, type Contract, type Ledger, type Proposal } from "@khuyencong/core"

/**
 * The `n`-th contract of 2024 (01/2024/HĐ-KCQG …) for proposal `p` at its allocated amount:
 * national contracts signed on 10/04/2024, local ones on 05/08/2024 (after the provincial
 * resolution of 11/07/2024).
 */
export function contractOf(p: Proposal.Proposal, allocated: Money.Money, n: number, province: string, evaluation: Contract.EvaluationRef): Contract.Input {
  const national = p.fund === "national"
  return {
    id: `${String(n).padStart(2, "0")}/2024/HĐ-KC${national ? "QG" : "ĐP"}`,
    approvedSupport: allocated,
    activities: [p.activities[0]?.activity ?? "machinery"],
    signed: LocalDate.parseOrThrow(national ? "2024-04-10" : "2024-08-05"),
    approved: p.approvalDate ?? LocalDate.parseOrThrow("2024-03-15"),
    planYear: 2024,
    implementingUnit: p.implementingUnit.name,
    province,
    // the stored evaluation the approved support rests on (kết quả thẩm định)
    evaluation
  }
}

/** How far a contract gets in 2024. */
export type Script = "settled" | "paid" | "advanced"

/** The events of `script` for contract `c`; a local-fund contract runs three months later. */
export function eventsOf(c: Contract.Contract, script: Script, national: boolean): ReadonlyArray<Ledger.Event> {
  const approved = c.approvedSupport
  const tier = c.terms.tier
  const first = Money.multiplyByRate(approved, tier.firstAdvance.value, Rounding.down1000).value
  const progressShare = tier.condition.kind === "progress-over" ? Rate.make(4n, 5n) : undefined
  const y = (md: string): LocalDate.LocalDate => LocalDate.parseOrThrow(`2024-${national ? md : later(md)}`)
  const key = (k: string): string => `${c.id}:${k}`
  const events: Array<Ledger.Event> = []
  const canAdvance = tier.condition.kind === "none" || tier.condition.kind === "progress-over"
  if (canAdvance && first > 0n)
    events.push({
      id: "1",
      idempotencyKey: key("advance-1"),
      kind: "advance",
      date: y("05-06"),
      amount: first,
      ...(progressShare === undefined ? {} : { evidence: { progressShare } })
    })
  if (script === "advanced") return events
  // On the first contract, the unit asks for the remainder before the work is accepted: refused.
  if (script === "settled" && canAdvance)
    events.push({ id: "2", idempotencyKey: key("advance-2"), kind: "advance", date: y("08-20"), amount: Money.subtract(approved, first) })
  const accepted = y("10-25")
  events.push({
    id: "3",
    idempotencyKey: key("payment-1"),
    kind: "payment",
    date: y("11-05"),
    amount: canAdvance ? Money.subtract(approved, first) : approved,
    evidence: { baseAcceptance: accepted, completedValue: approved }
  })
  if (script === "paid") return events
  events.push({ id: "4", idempotencyKey: key("settlement"), kind: "settlement", date: y("12-16"), amount: approved })
  return events
}

/** Local-fund contracts start after the provincial resolution (11/7/2024): shift by a few months. */
function later(md: string): string {
  const [m, d] = md.split("-")
  const month = Math.min(12, Number(m) + 3)
  return `${String(month).padStart(2, "0")}-${d ?? "01"}`
}
