/**
 * Database errors as khuyencong's typed errors. A constraint violation becomes the
 * `ValidationError` or `RuleViolation` core would report for the same fault (with the field or
 * rule), a lost or refused connection (too many connections among them) a `StorageError`
 * `storage/unavailable`; a raw driver error never
 * reaches the caller.
 *
 * @since 0.1.0
 */
import { Errors } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"

/** The fields both drivers put on a database error. */
interface DbError {
  readonly code?: unknown
  readonly constraint?: unknown
  readonly detail?: unknown
  readonly column?: unknown
  readonly table?: unknown
  readonly hint?: unknown
  readonly message?: unknown
}

const field = (e: unknown, k: keyof DbError): string | undefined => {
  if (typeof e !== "object" || e === null) return undefined
  const v = (e as DbError)[k]
  return typeof v === "string" ? v : undefined
}

/**
 * The SQLSTATE of a database error, if it is one.
 * @example `sqlState(e)` → `"23505"`
 * @category errors
 * @since 0.1.0
 */
const sqlState = (e: unknown): string | undefined => {
  const c = field(e, "code")
  return c !== undefined && /^[0-9A-Z]{5}$/.test(c) ? c : undefined
}

/**
 * The constraint a database error names.
 * @category errors
 * @since 0.1.0
 */
export const constraintOf = (e: unknown): string | undefined => field(e, "constraint")

/**
 * The key values in a constraint error's detail: `Key (proposal_id)=(DA-9) is not present…` → `["DA-9"]`.
 * @example `keyValues('Key (a, b)=(x, 2) already exists.')` → `["x", "2"]`
 * @category errors
 * @since 0.1.0
 */
export const keyValues = (e: unknown): ReadonlyArray<string> | undefined => {
  const d = field(e, "detail")
  const m = d === undefined ? null : /Key \((.*)\)=\((.*)\) (?:is not present|already exists)/.exec(d)
  if (m === null) return undefined
  const columns = (m[1] ?? "").split(", ").length
  const values = m[2] ?? ""
  return columns === 1 ? [values] : values.split(", ")
}

/** CHECK constraints → the code and path core uses for the same fault. */
const CHECKS: Readonly<Record<string, { readonly code: string; readonly path: Errors.Path; readonly label: string }>> = {
  ledger_events_amount_check: { code: "ledger/invalid-amount", path: ["amount"], label: "The amount (số tiền) must be a positive number of đồng" },
  ledger_events_kind_check: { code: "ledger/unknown-kind", path: ["kind"], label: "The event kind must be advance, payment, refund, settlement or adjustment" },
  ledger_events_progress_check: { code: "ledger/invalid-progress", path: ["evidence", "progressShare"], label: "The progress share (tiến độ) must be a rate between 0 and 100%" },
  ledger_events_acceptance_check: { code: "ledger/acceptance-after-event", path: ["evidence", "baseAcceptance"], label: "The acceptance (nghiệm thu cơ sở) must not be after the event" },
  ledger_events_completed_value_check: { code: "ledger/invalid-completed-value", path: ["evidence", "completedValue"], label: "The completed-work value must be a non-negative amount" },
  contracts_support_check: { code: "contract/invalid-support", path: ["approvedSupport"], label: "The approved support (kinh phí hỗ trợ được duyệt) must be a positive amount of đồng" },
  contracts_support_range_check: { code: "contract/invalid-support", path: ["approvedSupport"], label: "The approved support (kinh phí hỗ trợ được duyệt) must be a positive amount of at most 10^20 − 1 đồng" },
  contracts_basis_check: { code: "contract/missing-evaluation", path: ["evaluation"], label: "A contract (hợp đồng) must name its proposal and the stored evaluation (kết quả thẩm định) it rests on" },
  ledger_events_amount_range_check: { code: "ledger/invalid-amount", path: ["amount"], label: "The amount (số tiền) must be a positive number of at most 10^20 − 1 đồng" },
  ledger_events_decision_check: { code: "adjustment/missing-decision", path: ["evidence", "decision"], label: "An adjustment (điều chỉnh) must record its decision: number, date, issuing authority and legal basis" },
  ledger_events_decided_on_check: { code: "adjustment/decision-after-event", path: ["evidence", "decidedOn"], label: "The decision (quyết định) must not be dated after the adjustment" },
  ledger_events_author_check: { code: "ledger/invalid-author", path: ["author"], label: "The author (người ghi sổ) of a posting must be non-blank text of at most 4096 characters" },
  contracts_dates_check: { code: "contract/signed-before-approval", path: ["signed"], label: "The contract (hợp đồng) cannot be signed before the project was approved" },
  contracts_years_check: { code: "contract/invalid-last-plan-year", path: ["lastPlanYear"], label: "The last plan year must not be before the plan year" },
  proposals_plan_year_check: { code: "schema/invalid", path: ["planYear"], label: "plan year (năm kế hoạch) must be a whole year between 2000 and 2100" },
  proposals_fund_check: { code: "schema/type", path: ["fund"], label: 'fund (nguồn kinh phí) must be "national" or "local"' },
  proposals_status_check: { code: "schema/invalid", path: ["status"], label: "status (trạng thái đề án) is not a known status" },
  proposals_requested_support_check: { code: "money/negative", path: ["requestedSupport"], label: "requested support (kinh phí đề nghị hỗ trợ) must not be negative" },
  proposals_total_cost_check: { code: "proposal/support-exceeds-total", path: ["requestedSupport"], label: "requested support (kinh phí đề nghị hỗ trợ) exceeds the total (thành tiền)" },
  plan_envelopes_amount_check: { code: "money/negative", path: ["envelopes", "amount"], label: "amount (số tiền được giao) must not be negative" },
  plans_province_check: { code: "plan/province-required", path: ["provinceCode"], label: "a provincial plan names its province, a national one none" },
  evaluations_payable_check: { code: "evaluation/payable-mismatch", path: ["payable"], label: "payable (số được chi trả) must be the support when eligible, else 0" },
  evaluations_record_required_check: { code: "evaluation/record-missing", path: [], label: "an evaluation (kết quả đánh giá) is stored with its whole record (Evaluate.encode)" },
  evaluations_record_check: { code: "evaluation/record-mismatch", path: [], label: "the stored evaluation record (Evaluate.encode, version 2, without its trace) must agree with the row's proposal, pack, verdict and payable" },
  allocation_outcomes_allocated_check: { code: "allocation-record/above-request", path: ["allocation", "outcomes", "allocated"], label: "allocated (phân bổ) must be between 0 and the request" },
  allocations_totals_check: { code: "allocation-record/total-mismatch", path: ["allocation", "totals"], label: "the allocation totals (tổng phân bổ) do not add up" }
}

const validation = (code: string, path: Errors.Path, message: string): Errors.ValidationError =>
  new Errors.ValidationError({ code, path, message, issues: [{ code, path, message }] })

/**
 * SQLSTATEs that say the server cannot serve the connection now, whatever the statement: class 08
 * (connection exception), class 53 (insufficient resources: 53300 too many connections, 53000,
 * 53100 disk full, 53200 out of memory, 53400 configuration limit exceeded), 57P01 / 57P02
 * (administrator or crash shutdown), 57P03 (cannot connect now: starting up, in recovery) and 57P05
 * (idle-session timeout). Retrying later may succeed.
 */
const isUnavailable = (state: string): boolean =>
  state.startsWith("08") || state.startsWith("53") || state === "57P01" || state === "57P02" || state === "57P03" || state === "57P05"

const UNAVAILABLE = /Connection terminated|connection (?:is )?(?:closed|ended)|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|terminating connection|Client has encountered a connection error|PGlite is closed|database is closed/i

/**
 * A database or driver error as a typed error. Typed errors pass through; SQLSTATE classes map
 * as follows: 23505 / 23503 / 23514 / 23502 (constraints) to `ValidationError` or `RuleViolation`
 * with the field or rule (unknown constraints: `storage/constraint`); 22003 (numeric overflow) to
 * `storage/amount-out-of-range`; 22021 / 22P05 (text) to `storage/invalid-text`; other class-22
 * data errors to `storage/invalid-value`; P0001 from the append-only trigger to the
 * `RuleViolation` `storage/append-only`; class 08 (connection), class 53 (insufficient resources,
 * 53300 too many connections among them), 57P01–57P03, 57P05 and socket errors to `StorageError`
 * `storage/unavailable`; anything else to `StorageError` `storage/database-error`.
 * @example `toTypedError({ code: "23514", constraint: "ledger_events_amount_check" }).code` → `"ledger/invalid-amount"`
 * @example `toTypedError({ code: "53300", message: "sorry, too many clients already" }).code` → `"storage/unavailable"`
 * @category errors
 * @since 0.1.0
 */
export const toTypedError = (e: unknown): ReturnType<typeof Storage.toTypedError> => {
  if (Storage.isTypedError(e)) return e
  const state = sqlState(e)
  const constraint = constraintOf(e)
  const message = field(e, "message") ?? String(e)
  if (state === undefined) {
    if (UNAVAILABLE.test(message))
      return new Storage.StorageError({ code: "storage/unavailable", path: [], message: `The database (cơ sở dữ liệu) is unavailable: ${message}`, cause: e })
    return Storage.toTypedError(e)
  }
  if (state === "23505") {
    if (constraint === "ledger_events_idempotency_key")
      return Storage.idempotencyConflict(keyValues(e)?.[0] ?? "?", "another event")
    if (constraint === "ledger_events_id_unique")
      return validation("ledger/duplicate-id", ["id"], `event id "${keyValues(e)?.[1] ?? "?"}" is already in the ledger`)
    return validation("storage/duplicate", [], `a record with the same key is already stored (${constraint ?? "unique"}): ${field(e, "detail") ?? message}`)
  }
  if (state === "23503") {
    const key = keyValues(e)?.[0] ?? "?"
    if (constraint === "contracts_proposal_fkey") return Storage.unknownReference("proposal", key, ["proposalId"])
    if (constraint === "allocations_plan_fkey") return Storage.unknownReference("plan", key, ["planId"])
    if (constraint === "ledger_events_contract_fkey") return Storage.unknownReference("contract", key, ["contractId"])
    if (constraint === "contracts_evaluation_fkey") return Storage.unknownReference("evaluation", key, ["evaluation", "evaluationId"])
    if (constraint === "evaluations_version_fkey") return Storage.unknownReference("proposal-version", (keyValues(e) ?? []).join("@"), ["proposalVersion"])
    if (constraint?.endsWith("_proposal_fkey") === true) return Storage.unknownReference("proposal", key, ["proposalId"])
    return new Errors.RuleViolation({ code: "storage/constraint", path: [], rule: "storage.reference", message: `a reference is not stored (${constraint ?? "foreign key"}): ${field(e, "detail") ?? message}` })
  }
  if (state === "23514") {
    const known = constraint === undefined ? undefined : CHECKS[constraint]
    if (known !== undefined) return validation(known.code, known.path, `${known.label} (${constraint})`)
    return validation("storage/constraint", [], `a stored value breaks the rule ${constraint ?? "(unnamed check)"}: ${message}`)
  }
  if (state === "23502") {
    const column = field(e, "column")
    return validation("storage/missing-value", column === undefined ? [] : [column], `a required value is missing (${column ?? "?"})`)
  }
  if (state === "22003")
    return validation("storage/amount-out-of-range", [], `an amount (số tiền) is out of the range a store keeps (numeric(20,0)): ${message}`)
  if (state === "22021" || state === "22P05")
    return validation("storage/invalid-text", [], `text (văn bản) the database cannot keep: ${message}`)
  if (state.startsWith("22")) return validation("storage/invalid-value", [], `a value the database cannot read: ${message}`)
  if (state === "P0001" && field(e, "hint") === "khuyencong:append-only")
    return new Errors.RuleViolation({ code: "storage/append-only", path: [], rule: "storage.append-only", message: "ledger events (sổ theo dõi) are append-only: correct a posting with a new event (a refund or an adjustment)" })
  if (state === "53300")
    return new Storage.StorageError({
      code: "storage/unavailable",
      path: [],
      message: `The database (cơ sở dữ liệu) is unavailable: it accepts no more connections (${message}); retry later, or have the store use fewer (poolOptions.max)`,
      cause: e
    })
  if (isUnavailable(state))
    return new Storage.StorageError({ code: "storage/unavailable", path: [], message: `The database (cơ sở dữ liệu) is unavailable: ${message}`, cause: e })
  return new Storage.StorageError({ code: "storage/database-error", path: [], message: `The database (cơ sở dữ liệu) failed (${state}): ${message}`, cause: e })
}

/**
 * Whether an error is worth retrying the whole transaction for: a serialisation failure, a
 * deadlock, or a unique violation of a primary key raced by a concurrent insert.
 * @category errors
 * @since 0.1.0
 */
export const isRetryable = (e: unknown): boolean => {
  const state = sqlState(e)
  return state === "40001" || state === "40P01" || (state === "23505" && (constraintOf(e)?.endsWith("_pkey") ?? false))
}
