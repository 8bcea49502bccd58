/**
 * Storage (lưu trữ): the contract every khuyencong store implements, as a TypeScript interface
 * ({@link Store}) and an Effect service ({@link Storage}, a `Context.Service`).
 *
 * A store keeps:
 * - establishments (cơ sở), replaced on save;
 * - proposals (đề án) with their edit history: every save appends a version (phiên bản) with the
 *   proposal's workflow status (trạng thái); reads return the current version or any earlier one;
 * - plans (kế hoạch) with their budget envelopes (kinh phí được giao) and proposal lists;
 * - evaluation results (kết quả đánh giá): verdict, support, payable amount, failed conditions,
 *   trace JSON, and the pack id and version that produced them;
 * - allocations (phân bổ kinh phí) with one outcome per proposal;
 * - contracts (hợp đồng) with their terms, and the disbursement ledger (sổ tạm ứng, thanh toán):
 *   events only; every balance is derived from the events by `Ledger.balances`, never stored.
 *
 * Guarantees every store gives (checked by the contract suite in `@khuyencong/storage/testing`):
 * - every write is decoded through core's validators first (`Establishment.decode`,
 *   `Proposal.decode`, `Plan.decode`, `Contract.make`, `Ledger.post`, `Trace.decode`) and fails
 *   with the same typed errors (`ValidationError`, `RuleViolation`, `LookupError`) with paths;
 * - a write is all or nothing: a failed batch, plan or posting leaves nothing behind;
 * - posting a ledger event is serialised per contract and validated by `Ledger.post` against every
 *   stored event, so concurrent postings never exceed the contract or the advance schedule;
 * - every event has an idempotency key, unique across the store: a retried request posts once and
 *   returns the original event; the same key with different content is refused;
 * - every other write takes an optional idempotency key (`options.idempotencyKey`): a write retried
 *   after a lost acknowledgement (the commit reached the database, the reply did not) returns the
 *   original result and writes nothing twice; the same key with a different payload or operation
 *   is refused (`storage/idempotency-conflict`);
 * - a contract names the stored evaluation it rests on (`Contract.Input.evaluation`): within the
 *   transaction that saves it, or that raises a contract by an adjustment, the store checks that
 *   the evaluation is the proposal's latest, found it eligible, and that the approved support of
 *   all the proposal's contracts (after adjustments) stays within its payable amount
 *   (`contract/superseded-evaluation`, `contract/evaluation-not-eligible`,
 *   `contract/exceeds-evaluation`);
 * - references are checked: a plan, evaluation, allocation or contract naming a proposal (or plan)
 *   that is not stored is refused with a `RuleViolation` (`storage/unknown-proposal` …);
 * - amounts fit `numeric(20,0)`: at most {@link MAX_AMOUNT} đồng (`storage/amount-out-of-range`);
 *   text holds no NUL character and no lone surrogate (`storage/invalid-text`), which a database
 *   could not keep exactly;
 * - infrastructure failures are `StorageError`s, never raw driver errors.
 *
 * Lists are ordered by id in code-point order (binary collation), paged by `after` (exclusive) and
 * `limit` (default 1000, at most 10000).
 *
 * Stores are built from a {@link Backend} (plain async functions that persist already-validated
 * values) by {@link make}, which validates, normalises errors and yields Effects. Callers without
 * Effect use {@link toAsync}: the same methods returning `Promise<Result>`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Storage } from "@khuyencong/storage"
 * const program = Effect.gen(function* () {
 *   const store = yield* Storage.Storage
 *   const saved = yield* store.saveProposal(proposal, { status: "submitted" })
 *   return saved.version // 1
 * })
 * ```
 * @since 0.1.0
 * @module
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as EffectResult from "effect/Result"
import * as Schema from "effect/Schema"
import { AdminUnits, type Allocation, Citation, Contract, Decode, Eligibility, Errors, Establishment, Evaluate, Ledger, LocalDate, Money, Period, Plan, Proposal, Result, type RulePack, Text, Trace } from "@khuyencong/core"

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * The store could not do its work: the database is unreachable, a connection died, a stored row
 * cannot be read back (`storage/corrupt`), the store is closed. Codes: `storage/unavailable`,
 * `storage/corrupt`, `storage/closed`, `storage/unexpected`. `cause` holds the driver's error.
 * @category errors
 * @since 0.1.0
 */
export class StorageError extends Data.TaggedError("StorageError")<Errors.IssueFields & { readonly cause?: unknown }> {}

/**
 * A schema migration cannot run: a migration already applied has changed
 * (`migration/checksum-changed`, with `expected` and `actual` sha256), the database has a
 * migration this code does not know (`migration/unknown-applied`), or the migration files are
 * malformed (`migration/invalid-file`, `migration/duplicate-id`).
 * @category errors
 * @since 0.1.0
 */
export class MigrationError extends Data.TaggedError("MigrationError")<
  Errors.IssueFields & { readonly migration: string; readonly expected?: string; readonly actual?: string }
> {}

/**
 * Errors of a write: bad input (`ValidationError`), a broken rule or reference (`RuleViolation`),
 * or the store itself (`StorageError`).
 * @category errors
 * @since 0.1.0
 */
export type WriteError = Errors.ValidationError | Errors.RuleViolation | StorageError

const KNOWN_ERRORS = [Errors.ValidationError, Errors.RuleViolation, Errors.LookupError, Errors.ParseError, Errors.ArithmeticError, StorageError, MigrationError]

/**
 * Whether a value is one of the typed errors a store may fail with.
 * @example `isTypedError(new StorageError({ code: "storage/closed", path: [], message: "…" }))` → `true`
 * @category errors
 * @since 0.1.0
 */
export const isTypedError = (
  u: unknown
): u is Errors.ValidationError | Errors.RuleViolation | Errors.LookupError | Errors.ParseError | Errors.ArithmeticError | StorageError | MigrationError =>
  KNOWN_ERRORS.some((C) => u instanceof C)

/**
 * Any thrown value as a typed error: typed errors pass through, anything else becomes a
 * `StorageError` (`storage/unexpected`) with the value as `cause`.
 * @example `toTypedError(new Error("socket hang up")).code` → `"storage/unexpected"`
 * @category errors
 * @since 0.1.0
 */
export const toTypedError = (
  u: unknown
): Errors.ValidationError | Errors.RuleViolation | Errors.LookupError | Errors.ParseError | Errors.ArithmeticError | StorageError | MigrationError =>
  isTypedError(u)
    ? u
    : new StorageError({
        code: "storage/unexpected",
        path: [],
        message: `The store (kho lưu trữ) failed: ${u instanceof Error ? u.message : String(u)}`,
        cause: u
      })

// ---------------------------------------------------------------------------------------------
// Records and filters

/**
 * Largest amount a store keeps: 10^20 − 1 đồng (`numeric(20,0)`).
 * @category constants
 * @since 0.1.0
 */
export const MAX_AMOUNT: Money.Money = Money.make(10n ** 20n - 1n)

/**
 * Workflow status of a proposal (trạng thái đề án): `draft` (dự thảo), `submitted` (đã đăng ký),
 * `appraised` (đã thẩm định), `approved` (được phê duyệt), `rejected` (không được phê duyệt),
 * `withdrawn` (rút), `completed` (đã nghiệm thu, hoàn thành).
 * @category models
 * @since 0.1.0
 */
export type ProposalStatus = "draft" | "submitted" | "appraised" | "approved" | "rejected" | "withdrawn" | "completed"

/**
 * Every proposal status.
 * @category constants
 * @since 0.1.0
 */
const proposalStatuses: ReadonlyArray<ProposalStatus> = [
  "draft",
  "submitted",
  "appraised",
  "approved",
  "rejected",
  "withdrawn",
  "completed"
]

/**
 * The idempotency key of a write (khóa chống ghi trùng): the caller's name for this one request,
 * unique across the store and across kinds of write. A request retried with the same key and the
 * same payload returns what the first one returned and writes nothing; the same key with another
 * payload or another kind of write is refused (`storage/idempotency-conflict`). Without a key a
 * retry writes again (a proposal gets another version, an evaluation another row).
 * @example `store.saveProposal(p, { status: "submitted", idempotencyKey: "import-2024-05-02#17" })`
 * @category models
 * @since 0.3.0
 */
export interface WriteOptions {
  readonly idempotencyKey?: string
}

/**
 * Options of a proposal save. `status` defaults to the current status (`draft` for a new
 * proposal). `expectedVersion` (optimistic concurrency): the version the caller edited, 0 for a
 * proposal that must not exist yet; a mismatch is a `RuleViolation` `storage/version-conflict`.
 * @category models
 * @since 0.1.0
 */
export interface SaveProposalOptions extends WriteOptions {
  readonly status?: ProposalStatus
  readonly expectedVersion?: number
  /** Who saved (người cập nhật), kept in the history. */
  readonly author?: string
  /** Why (ghi chú), kept in the history. */
  readonly note?: string
}

/**
 * Options of a batch save: the same for every proposal of the batch.
 * @category models
 * @since 0.1.0
 */
export interface SaveBatchOptions extends WriteOptions {
  readonly status?: ProposalStatus
  readonly author?: string
  readonly note?: string
}

/**
 * One stored version of a proposal. `savedAt` is the store's clock, ISO-8601 UTC with
 * milliseconds (`2025-03-01T08:15:30.123Z`).
 * @category models
 * @since 0.1.0
 */
export interface ProposalVersion {
  readonly proposal: Proposal.Proposal
  readonly version: number
  readonly status: ProposalStatus
  readonly savedAt: string
  readonly author: string | undefined
  readonly note: string | undefined
}

/**
 * Which proposals a query is about (all given fields must match). `provinceCode` matches any of
 * the proposal's locations; `planId` the proposals listed in that plan; `status` one status or
 * any of several.
 * @category models
 * @since 0.1.0
 */
export interface ProposalFilter {
  readonly planYear?: number
  readonly provinceCode?: string
  readonly fund?: "national" | "local"
  readonly status?: ProposalStatus | ReadonlyArray<ProposalStatus>
  readonly planId?: string
  readonly ids?: ReadonlyArray<string>
}

/**
 * A page of a list: ids strictly after `after`, at most `limit` (default 1000, at most 10000).
 * @category models
 * @since 0.1.0
 */
export interface Page {
  readonly limit?: number
  readonly after?: string
}

/**
 * Dimensions of {@link Store.summarize}. `province` is the province of the proposal's first
 * location (so that no amount is counted twice), `null` for a proposal without location.
 * @category models
 * @since 0.1.0
 */
export type SummaryKey = "planYear" | "province" | "fund" | "status"

/**
 * One row of a summary: the group's keys (only those asked for), the number of proposals, the
 * support they request (current versions), how many have an evaluation, how many of those are
 * eligible and the payable total of their latest evaluations.
 * @category models
 * @since 0.1.0
 */
export interface SummaryRow {
  readonly planYear?: number
  readonly province?: string | null
  readonly fund?: "national" | "local"
  readonly status?: ProposalStatus
  readonly proposals: number
  readonly requestedSupport: Money.Money
  readonly evaluated: number
  readonly eligible: number
  readonly payable: Money.Money
}

/**
 * Establishments to list.
 * @category models
 * @since 0.1.0
 */
export interface EstablishmentFilter {
  readonly provinceCode?: string
}

/**
 * Plans to list.
 * @category models
 * @since 0.1.0
 */
export interface PlanFilter {
  readonly year?: number
  readonly level?: Plan.Level
  readonly provinceCode?: string
}

/**
 * Envelopes to list (by the envelope's own year, level and province, or by plan).
 * @category models
 * @since 0.1.0
 */
export interface EnvelopeFilter extends PlanFilter {
  readonly planId?: string
}

/**
 * An envelope with the plan holding it and its position there.
 * @category models
 * @since 0.1.0
 */
export interface StoredEnvelope {
  readonly planId: string
  readonly index: number
  readonly envelope: Plan.BudgetEnvelope
}

/**
 * A failed eligibility condition as stored: rule id, reason code, the establishment it is about
 * (when it is about one) and the message.
 * @category models
 * @since 0.1.0
 */
export interface StoredFailure {
  readonly rule: string
  readonly reason: string
  readonly subject?: string
  readonly message: string
}

/**
 * A stored evaluation: what {@link Evaluate.Evaluation} produced, for a proposal version, with
 * the pack id and version. `support` is the computed support, `payable` what may be paid (the
 * support when eligible, else 0). `id` is assigned by the store and increases with time.
 * @category models
 * @since 0.1.0
 */
export interface StoredEvaluation {
  readonly id: string
  readonly proposalId: string
  readonly proposalVersion: number
  readonly packId: string
  readonly packVersion: string
  readonly date: LocalDate.LocalDate
  readonly verdict: Eligibility.Verdict
  readonly payable: Money.Money
  readonly support: Money.Money
  readonly requested: Money.Money
  readonly eligibleCost: Money.Money
  readonly grade: Citation.Grade
  readonly failures: ReadonlyArray<StoredFailure>
  readonly trace: Trace.Trace | undefined
  /**
   * The evaluation as saved, complete: what `Evaluate.decode` reads back from its
   * `Evaluate.encode` form (overlay, reforms, input hash, warnings, eligibility, support lines,
   * trace), equal to the evaluation given to `saveEvaluation`. Undefined for an evaluation stored
   * before 0.3.0 (PostgreSQL migration 0003), of which only the summary above was kept. Re-evaluate
   * and compare with `Evaluate.diff(stored.evaluation, fresh)`; render with `Evaluate.explain`.
   * @since 0.3.0
   */
  readonly evaluation: Evaluate.Evaluation | undefined
  readonly evaluatedAt: string
}

/**
 * Options of an evaluation save: the proposal version evaluated (default: the current one).
 * @category models
 * @since 0.1.0
 */
export interface SaveEvaluationOptions extends WriteOptions {
  readonly proposalVersion?: number
}

/**
 * Options of an establishment save: `asOf` runs the date-dependent checks.
 * @example `store.saveEstablishments(list, { asOf: "2024-03-01", idempotencyKey: "import-2024-03-01" })`
 * @category models
 * @since 0.3.0
 */
export interface SaveEstablishmentOptions extends WriteOptions {
  readonly asOf?: LocalDate.LocalDate
}

/**
 * Which evaluations to list: the latest evaluation of each proposal matching the proposal
 * filter (the latest by `packId` when given), kept when it has `verdict`.
 * @category models
 * @since 0.1.0
 */
export interface EvaluationFilter extends ProposalFilter {
  readonly verdict?: Eligibility.Verdict
  readonly packId?: string
}

/**
 * An allocation to save: its id, the plan it allocates (optional) and `Allocation.allocate`'s
 * result. Allocation ids are unique: an allocation is never overwritten.
 * @category models
 * @since 0.1.0
 */
export interface AllocationInput {
  readonly id: string
  readonly planId?: string
  readonly allocation: Allocation.Allocation
}

/**
 * A stored allocation.
 * @category models
 * @since 0.1.0
 */
export interface StoredAllocation {
  readonly id: string
  readonly planId: string | undefined
  readonly allocation: Allocation.Allocation
  readonly savedAt: string
}

/**
 * One proposal's outcome in a stored allocation.
 * @category models
 * @since 0.1.0
 */
export interface AllocatedOutcome {
  readonly allocationId: string
  readonly planId: string | undefined
  readonly outcome: Allocation.Outcome
}

/**
 * Options of a contract save. The proposal is the one of the evaluation the contract names
 * (`input.evaluation.proposalId`); `proposalId`, when given, must be the same.
 * @category models
 * @since 0.1.0
 */
export interface SaveContractOptions extends WriteOptions {
  readonly proposalId?: string
}

/**
 * A stored contract.
 * @category models
 * @since 0.1.0
 */
export interface ContractRecord {
  readonly contract: Contract.Contract
  readonly proposalId: string | undefined
  readonly savedAt: string
}

/**
 * Contracts to list.
 * @category models
 * @since 0.1.0
 */
export interface ContractFilter {
  readonly planYear?: number
  readonly province?: string
  readonly proposalId?: string
}

/**
 * The answer to a posting: the stored event (for a retried request, the original one), whether
 * it was a replay of an earlier posting, the ledger after it and its balances.
 * @category models
 * @since 0.1.0
 */
export interface Posted {
  readonly event: Ledger.Event
  /** Who posted it (`PostOptions.author`; for a replay, the original's author), if recorded. @since 0.3.0 */
  readonly author: string | undefined
  readonly replayed: boolean
  readonly ledger: Ledger.Ledger
  readonly balances: Ledger.Balances
}

/**
 * Options of a posting. `author`: who posts it (the authenticated principal of a service; never a
 * field of the event), kept beside the event and read back by `Store.getAuthors`. A retry must come
 * from the same author: the same idempotency key and content from another author is an
 * idempotency conflict, not a replay.
 * @category models
 * @since 0.3.0
 */
export interface PostOptions {
  readonly author?: string
}

// ---------------------------------------------------------------------------------------------
// The store

/**
 * The storage contract. Reads fail only with `StorageError`; writes with {@link WriteError}
 * (contract saves also with `LookupError` when no pack governs the approval date).
 * @category models
 * @since 0.1.0
 */
export interface Store {
  /** Save (replace) an establishment; `asOf` runs the date-dependent checks. */
  readonly saveEstablishment: (
    establishment: Establishment.Establishment,
    options?: SaveEstablishmentOptions
  ) => Effect.Effect<Establishment.Establishment, WriteError>
  /** Save establishments in one transaction: all or none. */
  readonly saveEstablishments: (
    establishments: ReadonlyArray<Establishment.Establishment>,
    options?: SaveEstablishmentOptions
  ) => Effect.Effect<number, WriteError>
  readonly getEstablishment: (id: string) => Effect.Effect<Establishment.Establishment | undefined, StorageError>
  /** Establishments by id (unknown ids are absent): what `Evaluate` needs. */
  readonly getEstablishments: (
    ids: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyMap<string, Establishment.Establishment>, Errors.ValidationError | StorageError>
  readonly listEstablishments: (
    filter?: EstablishmentFilter,
    page?: Page
  ) => Effect.Effect<ReadonlyArray<Establishment.Establishment>, Errors.ValidationError | StorageError>

  /** Save a proposal: appends a version (1 for a new proposal). */
  readonly saveProposal: (
    proposal: Proposal.Proposal,
    options?: SaveProposalOptions
  ) => Effect.Effect<ProposalVersion, WriteError>
  /** Save proposals in one transaction (each appends a version): all or none. */
  readonly saveProposals: (
    proposals: ReadonlyArray<Proposal.Proposal>,
    options?: SaveBatchOptions
  ) => Effect.Effect<ReadonlyArray<ProposalVersion>, WriteError>
  /** The current version, or version `options.version`. */
  readonly getProposal: (
    id: string,
    options?: { readonly version?: number }
  ) => Effect.Effect<ProposalVersion | undefined, StorageError>
  /** Every version, oldest first. */
  readonly proposalHistory: (id: string) => Effect.Effect<ReadonlyArray<ProposalVersion>, StorageError>
  /** Current versions matching the filter, by id. */
  readonly listProposals: (
    filter?: ProposalFilter,
    page?: Page
  ) => Effect.Effect<ReadonlyArray<ProposalVersion>, Errors.ValidationError | StorageError>
  /** Counts and totals of the matching proposals, grouped by `groupBy`, sorted by the keys. */
  readonly summarize: (
    filter: ProposalFilter,
    groupBy: ReadonlyArray<SummaryKey>
  ) => Effect.Effect<ReadonlyArray<SummaryRow>, Errors.ValidationError | StorageError>

  /** Save (replace) a plan with its envelopes and proposal list; every proposal must be stored. */
  readonly savePlan: (plan: Plan.Plan, options?: WriteOptions) => Effect.Effect<Plan.Plan, WriteError>
  readonly getPlan: (id: string) => Effect.Effect<Plan.Plan | undefined, StorageError>
  readonly listPlans: (filter?: PlanFilter) => Effect.Effect<ReadonlyArray<Plan.Plan>, Errors.ValidationError | StorageError>
  readonly listEnvelopes: (
    filter?: EnvelopeFilter
  ) => Effect.Effect<ReadonlyArray<StoredEnvelope>, Errors.ValidationError | StorageError>

  /** Save an evaluation of a stored proposal. */
  readonly saveEvaluation: (
    evaluation: Evaluate.Evaluation,
    options?: SaveEvaluationOptions
  ) => Effect.Effect<StoredEvaluation, WriteError>
  /** Save evaluations in one transaction (each of the current version): all or none. */
  readonly saveEvaluations: (
    evaluations: ReadonlyArray<Evaluate.Evaluation>,
    options?: WriteOptions
  ) => Effect.Effect<ReadonlyArray<StoredEvaluation>, WriteError>
  readonly latestEvaluation: (
    proposalId: string,
    options?: { readonly packId?: string }
  ) => Effect.Effect<StoredEvaluation | undefined, StorageError>
  /** Every evaluation of a proposal, oldest first. */
  readonly evaluationHistory: (proposalId: string) => Effect.Effect<ReadonlyArray<StoredEvaluation>, StorageError>
  readonly listEvaluations: (
    filter?: EvaluationFilter,
    page?: Page
  ) => Effect.Effect<ReadonlyArray<StoredEvaluation>, Errors.ValidationError | StorageError>

  /** Save an allocation; every outcome must name a stored proposal, `planId` a stored plan. */
  readonly saveAllocation: (input: AllocationInput, options?: WriteOptions) => Effect.Effect<StoredAllocation, WriteError>
  readonly getAllocation: (id: string) => Effect.Effect<StoredAllocation | undefined, StorageError>
  /** A proposal's outcomes in every stored allocation, by allocation id. */
  readonly allocationOutcomes: (proposalId: string) => Effect.Effect<ReadonlyArray<AllocatedOutcome>, StorageError>

  /**
   * Build a contract with `Contract.make(input, packs)` and save it. The input must name the
   * stored evaluation it rests on (`evaluation: { proposalId, evaluationId }`,
   * `contract/missing-evaluation`): in the same transaction the store locks the proposal and
   * checks that this is the proposal's latest evaluation (`contract/superseded-evaluation`), that it
   * found the proposal eligible, and that the approved support of all the proposal's contracts,
   * after adjustments, stays within its payable amount (`contract/exceeds-evaluation`). Saving the
   * same contract again returns the stored one; a different contract under a stored id is refused
   * (`storage/contract-exists`): adjustments go through the ledger.
   */
  readonly saveContract: (
    input: Contract.Input,
    packs: RulePack.RulePack | ReadonlyArray<RulePack.RulePack>,
    options?: SaveContractOptions
  ) => Effect.Effect<ContractRecord, WriteError | Errors.LookupError>
  readonly getContract: (id: string) => Effect.Effect<ContractRecord | undefined, StorageError>
  readonly listContracts: (
    filter?: ContractFilter
  ) => Effect.Effect<ReadonlyArray<ContractRecord>, Errors.ValidationError | StorageError>

  /**
   * Post a ledger event to a stored contract: one transaction, serialised per contract, validated
   * by `Ledger.post` against every stored event. A retried request (same idempotency key and
   * content) returns the original event with `replayed: true`. An adjustment records its
   * decision; one that raises the approved support names the proposal's latest evaluation
   * (`evidence.evaluationId`), and the proposal's contracts must still fit its payable amount
   * (checked under the proposal's lock, as for a contract save).
   */
  readonly postEvent: (contractId: string, event: Ledger.Event, options?: PostOptions) => Effect.Effect<Posted, WriteError>
  /** The contract's ledger rebuilt from its stored events. */
  readonly getLedger: (contractId: string) => Effect.Effect<Ledger.Ledger | undefined, StorageError>
  /**
   * Who posted each of the contract's events: event id → author, for the events posted with one
   * (`PostOptions.author`); undefined for an unknown contract. Events are never removed, so a map
   * read after `getLedger` covers every event of that ledger.
   * @since 0.3.0
   */
  readonly getAuthors: (contractId: string) => Effect.Effect<ReadonlyMap<string, string> | undefined, StorageError>
  /** `Ledger.balances` of the stored events. */
  readonly balances: (contractId: string) => Effect.Effect<Ledger.Balances | undefined, StorageError>

  /** Release the store's resources (connections, the embedded database). */
  readonly close: () => Effect.Effect<void>
}

// The service key is the one it had when the contract lived in @khuyencong/core: a store layer
// built against either version provides the same service.
/**
 * The storage service: provide a {@link Store} with a layer (`Storage.layer(store)`, an adapter's
 * own layer, or `layerFrom`) and use it with `yield* Storage.Storage`.
 * @example `Effect.gen(function* () { const s = yield* Storage.Storage; return yield* s.getProposal("DA-1") })`
 * @category services
 * @since 0.1.0
 */
export class Storage extends Context.Service<Storage, Store>()("@khuyencong/core/Storage") {}

/**
 * A layer providing {@link Storage}, as adapters build it.
 * @category services
 * @since 0.1.0
 */
export type StorageLayer = Layer.Layer<Storage, StorageError | MigrationError>

/**
 * A layer providing a store that is already open (closing it stays the caller's business).
 * @example `Effect.provide(program, Storage.layer(memoryStore()))`
 * @category services
 * @since 0.1.0
 */
export const layer = (store: Store): Layer.Layer<Storage> => Layer.succeed(Storage, store)

/**
 * A layer that opens a store when built and closes it when the layer's scope ends. Failures to
 * open become `StorageError` or `MigrationError`.
 * @example `Storage.layerFrom(() => openPostgres({ connectionString }))`
 * @category services
 * @since 0.1.0
 */
export const layerFrom = (open: () => Promise<Store>): StorageLayer =>
  Layer.effect(
    Storage,
    Effect.acquireRelease(
      Effect.tryPromise({
        try: open,
        catch: (u): StorageError | MigrationError => {
          if (u instanceof StorageError || u instanceof MigrationError) return u
          return new StorageError({
            code: "storage/unavailable",
            path: [],
            message: `The store (kho lưu trữ) could not be opened: ${u instanceof Error ? u.message : String(u)}`,
            cause: u
          })
        }
      }),
      (store) => store.close()
    )
  )

/**
 * The methods of a {@link Store} returning `Promise<Result>` instead of Effects: for callers who
 * do not use Effect. The promises reject only on defects, never on bad input.
 * @category models
 * @since 0.1.0
 */
export type AsyncStore = {
  readonly [K in keyof Store]: Store[K] extends (...args: infer P) => Effect.Effect<infer A, infer E>
    ? (...args: P) => Promise<Result.Result<A, E>>
    : never
}

/**
 * A store's Promise form.
 * @example `const r = await Storage.toAsync(store).getProposal("DA-1"); if (r.ok) r.value?.version`
 * @category services
 * @since 0.1.0
 */
export const toAsync = (store: Store): AsyncStore => {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(store) as Array<keyof Store>) {
    const method = store[key] as unknown
    if (typeof method !== "function") continue
    const call = method as (...args: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>
    out[key] = (...args: ReadonlyArray<unknown>) =>
      Effect.runPromise(Effect.result(call(...args))).then((r) =>
        EffectResult.isSuccess(r) ? Result.ok(r.success) : Result.err(r.failure)
      )
  }
  return out as AsyncStore
}

// ---------------------------------------------------------------------------------------------
// Exact JSON

/**
 * JSON that keeps bigints and `undefined` exactly: a bigint is written `{ "$bigint": "123" }`,
 * `undefined` (an object key that is present but holds nothing, an array hole) is written
 * `{ "$undefined": true }`, so that a value reads back deep-equal. Objects whose only key is
 * `$bigint` or `$undefined` are reserved.
 * Throws a `TypeError` for what JSON cannot hold (a programming error, not bad input).
 * @example `toExactJson({ numerator: 7n, denominator: 10n })` → `{ numerator: { $bigint: "7" }, denominator: { $bigint: "10" } }`
 * @category codecs
 * @since 0.1.0
 */
export const toExactJson = (value: unknown): Trace.Json => {
  switch (typeof value) {
    case "bigint":
      return { $bigint: value.toString() }
    case "string":
    case "boolean":
      return value
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`)
      return value === 0 ? 0 : value
    case "object": {
      if (value === null) return null
      if (Array.isArray(value)) return value.map((v: unknown) => toExactJson(v))
      const out: Record<string, Trace.Json> = {}
      for (const [k, v] of Object.entries(value)) out[k] = toExactJson(v)
      return out
    }
    case "undefined":
      return { $undefined: true }
    default:
      throw new TypeError(`a ${typeof value} has no JSON form`)
  }
}

const BIGINT_TEXT = /^-?\d+$/

const isUndefinedTag = (j: Trace.Json | undefined): boolean =>
  typeof j === "object" && j !== null && !Array.isArray(j) && Object.keys(j).length === 1 && (j as Record<string, Trace.Json>)["$undefined"] === true

/**
 * The inverse of {@link toExactJson}.
 * @example `fromExactJson({ $bigint: "7" })` → `7n`
 * @category codecs
 * @since 0.1.0
 */
export const fromExactJson = (json: unknown): unknown => {
  if (Array.isArray(json)) return json.map(fromExactJson)
  if (typeof json === "object" && json !== null) {
    const keys = Object.keys(json)
    const tag = (json as Record<string, unknown>)["$bigint"]
    if (keys.length === 1 && typeof tag === "string" && BIGINT_TEXT.test(tag)) return BigInt(tag)
    if (keys.length === 1 && (json as Record<string, unknown>)["$undefined"] === true) return undefined
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = fromExactJson((json as Record<string, unknown>)[k])
    return out
  }
  return json
}

/**
 * A canonical text of a value (exact JSON with sorted keys; keys holding `undefined` left out),
 * for comparing stored content.
 * @example `canonical({ b: 1n, a: "x" }) === canonical({ a: "x", b: 1n })` → `true`
 * @category codecs
 * @since 0.1.0
 */
export const canonical = (value: unknown): string => {
  const sort = (j: Trace.Json): Trace.Json =>
    Array.isArray(j)
      ? j.map(sort)
      : typeof j === "object" && j !== null
        ? Object.fromEntries(
            Object.keys(j)
              .filter((k) => !isUndefinedTag((j as Record<string, Trace.Json>)[k]))
              .sort()
              .map((k) => [k, sort((j as Record<string, Trace.Json>)[k] as Trace.Json)])
          )
        : j
  return JSON.stringify(sort(toExactJson(value)))
}

// ---------------------------------------------------------------------------------------------
// Errors backends raise (the same in every store)

const REFERENCE_RULE = "storage.reference"

/**
 * A reference to something not stored: `storage/unknown-proposal`, `storage/unknown-plan`,
 * `storage/unknown-contract`, `storage/unknown-proposal-version`, `storage/unknown-evaluation`
 * (also an evaluation of another proposal than the one named).
 * @example `unknownReference("proposal", "DA-9", ["proposalIds", 2]).code` → `"storage/unknown-proposal"`
 * @category errors
 * @since 0.1.0
 */
export const unknownReference = (
  kind: "proposal" | "plan" | "contract" | "proposal-version" | "evaluation",
  id: string,
  path: Errors.Path
): Errors.RuleViolation => {
  const label = {
    evaluation: "evaluation (kết quả thẩm định)",
    proposal: "proposal (đề án)",
    plan: "plan (kế hoạch khuyến công)",
    contract: "contract (hợp đồng)",
    "proposal-version": "proposal version (phiên bản đề án)"
  }[kind]
  return new Errors.RuleViolation({
    code: `storage/unknown-${kind}`,
    path,
    rule: REFERENCE_RULE,
    message: `${label} "${id}" is not stored; store it first`
  })
}

/**
 * A proposal save whose `expectedVersion` is not the stored version.
 * @example `versionConflict("DA-1", 1, 2).code` → `"storage/version-conflict"`
 * @category errors
 * @since 0.1.0
 */
export const versionConflict = (id: string, expected: number, actual: number): Errors.RuleViolation =>
  new Errors.RuleViolation({
    code: "storage/version-conflict",
    path: ["expectedVersion"],
    rule: "storage.optimistic-concurrency",
    message: `proposal (đề án) "${id}" was edited from version ${expected}, but the stored version is ${actual}; reload it and apply the edit again`
  })

/**
 * A different record under an id that is never overwritten (`storage/contract-exists`,
 * `storage/allocation-exists`).
 * @example `alreadyStored("contract", "HĐ-1").code` → `"storage/contract-exists"`
 * @category errors
 * @since 0.1.0
 */
export const alreadyStored = (kind: "contract" | "allocation", id: string): Errors.RuleViolation =>
  new Errors.RuleViolation({
    code: `storage/${kind}-exists`,
    path: ["id"],
    rule: "storage.immutable",
    message:
      kind === "contract"
        ? `a different contract (hợp đồng) "${id}" is already stored; contracts are not overwritten: post an adjustment (điều chỉnh) to its ledger instead`
        : `a different allocation (phân bổ) "${id}" is already stored; save a new allocation under a new id`
  })

/**
 * An idempotency key already used by another event (of this or another contract).
 * @example `idempotencyConflict("k1", "e1").code` → `"ledger/idempotency-conflict"`
 * @category errors
 * @since 0.1.0
 */
export const idempotencyConflict = (key: string, eventId: string, otherContract?: string): Errors.ValidationError => {
  const message = `idempotency key "${key}" was already used by event ${eventId}${otherContract === undefined ? "" : ` of contract ${otherContract}`} with different content`
  return new Errors.ValidationError({
    code: "ledger/idempotency-conflict",
    path: ["idempotencyKey"],
    message,
    issues: [{ code: "ledger/idempotency-conflict", path: ["idempotencyKey"], message, actual: key }]
  })
}

/**
 * An idempotency key of a write already used with another payload or by another kind of write.
 * @example `writeKeyConflict("k1", "saveProposal", "savePlan").code` → `"storage/idempotency-conflict"`
 * @category errors
 * @since 0.3.0
 */
export const writeKeyConflict = (key: string, operation: string, storedOperation: string): Errors.ValidationError => {
  const message =
    storedOperation === operation
      ? `idempotency key (khóa chống ghi trùng) "${key}" was already used by a ${operation} with a different payload; use a new key for a new request`
      : `idempotency key (khóa chống ghi trùng) "${key}" was already used by a ${storedOperation}, not a ${operation}; use a new key for a new request`
  return new Errors.ValidationError({
    code: "storage/idempotency-conflict",
    path: ["idempotencyKey"],
    message,
    issues: [{ code: "storage/idempotency-conflict", path: ["idempotencyKey"], message, actual: key }]
  })
}

/**
 * The checks a backend makes, under the proposal's lock, when a contract is saved or raised by an
 * adjustment: the evaluation named is the proposal's latest (`contract/superseded-evaluation`),
 * it found the proposal eligible, and the approved support of all the proposal's contracts after
 * the write (`others` and this contract's `approved`) stays within its payable amount
 * (`contract/exceeds-evaluation`). Throws the `RuleViolation`.
 *
 * A contract resting on an evaluation that was later superseded by a lower one stays as signed
 * (what it approved was lawful when it was approved); only new contracts and increases are held
 * to the latest evaluation, so the proposal's total can only come down to it.
 * @example `checkBasis(contract, contract.approvedSupport, named, latestId, others, ["evaluation", "evaluationId"])`
 * @category backends
 * @since 0.3.0
 */
export const checkBasis = (
  contract: Contract.Contract,
  approved: Money.Money,
  named: Contract.Evaluated,
  latestId: string | undefined,
  others: ReadonlyArray<Contract.Commitment>,
  path: Errors.Path
): void => {
  if (latestId !== undefined && latestId !== named.id)
    throw new Errors.RuleViolation({
      code: "contract/superseded-evaluation",
      path,
      rule: "adjustment",
      citation: Citation.format(contract.terms.rules.adjustment),
      message: `evaluation (kết quả thẩm định) ${named.id} of proposal (đề án) ${named.proposalId} was superseded by evaluation ${latestId}; a new contract or an increase rests on the latest evaluation (kết quả thẩm định mới nhất)`
    })
  const r = Contract.checkCommitments(named, [...others.filter((o) => o.contractId !== contract.id), { contractId: contract.id, approved }], contract.terms.rules["ledger.contract"])
  if (!r.ok) throw r.error
}

/**
 * An adjustment raising a contract that rests on no stored evaluation (a contract saved before
 * contracts named one): `adjustment/no-evaluation-basis`.
 * @example `noEvaluationBasis(contract, event).code` → `"adjustment/no-evaluation-basis"`
 * @category errors
 * @since 0.3.0
 */
export const noEvaluationBasis = (contract: Contract.Contract, event: Ledger.Event): Errors.RuleViolation =>
  new Errors.RuleViolation({
    code: "adjustment/no-evaluation-basis",
    path: ["events", event.id, "evidence", "evaluationId"],
    rule: "adjustment",
    citation: Citation.format(contract.terms.rules.adjustment),
    message: `contract (hợp đồng) ${contract.id} rests on no stored evaluation of its proposal, so its approved support cannot be raised; lower it, or sign a new contract resting on the proposal's latest evaluation (kết quả thẩm định)`
  })

/**
 * The approved support of a contract after its adjustments: the amount of the last adjustment in
 * replay order (`Ledger.order`), else the contract's own.
 * @example `approvedAfter(contract, [])` → `contract.approvedSupport`
 * @category backends
 * @since 0.3.0
 */
export const approvedAfter = (contract: { readonly approvedSupport: Money.Money }, adjustments: ReadonlyArray<Ledger.Event>): Money.Money => {
  const sorted = adjustments.filter((e) => e.kind === "adjustment").sort(Ledger.order)
  return sorted.length === 0 ? contract.approvedSupport : (sorted[sorted.length - 1] as Ledger.Event).amount
}

/**
 * A stored row that cannot be read back.
 * @example `corrupt("proposal_versions", "DA-1", e).code` → `"storage/corrupt"`
 * @category errors
 * @since 0.1.0
 */
export const corrupt = (what: string, id: string, cause: unknown): StorageError =>
  new StorageError({
    code: "storage/corrupt",
    path: [what, id],
    message: `Stored ${what} "${id}" cannot be read back: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause
  })

// ---------------------------------------------------------------------------------------------
// Validation helpers

const TEXT_FAULT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Issues for strings (values and keys) that a database cannot keep exactly. */
const textIssues = (value: unknown, path: Errors.Path = [], out: Array<Errors.Issue> = []): Array<Errors.Issue> => {
  if (typeof value === "string") {
    if (TEXT_FAULT.test(value))
      out.push({
        code: "storage/invalid-text",
        path,
        message: "text (văn bản) must not hold a NUL character or a lone surrogate, which cannot be stored",
        actual: value
      })
  } else if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => textIssues(v, [...path, i], out))
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (TEXT_FAULT.test(k))
        out.push({ code: "storage/invalid-text", path: [...path, k], message: "a key must not hold a NUL character or a lone surrogate", actual: k })
      textIssues(v, [...path, k], out)
    }
  }
  return out
}

const amountIssue = (path: Errors.Path, amount: bigint): Errors.Issue => ({
  code: "storage/amount-out-of-range",
  path,
  message: `the amount (số tiền) ${amount} đồng is above the ${MAX_AMOUNT} đồng a store keeps (numeric(20,0))`,
  actual: amount
})

const amountIssues = (entries: ReadonlyArray<readonly [Errors.Path, bigint | undefined]>): Array<Errors.Issue> =>
  entries.flatMap(([path, a]) => (a !== undefined && (a > MAX_AMOUNT || a < -MAX_AMOUNT) ? [amountIssue(path, a)] : []))

const prefixIssue = (prefix: Errors.Path, i: Errors.Issue): Errors.Issue => ({ ...i, path: [...prefix, ...i.path] })

const hasBigint = (u: unknown): boolean =>
  typeof u === "bigint" ||
  (typeof u === "object" && u !== null && (Array.isArray(u) ? u.some(hasBigint) : Object.values(u).some(hasBigint)))

/** A checked value with its JSON form: `encodedJson` is `JSON.stringify(encoded)`, computed once. */
interface Checked<A, E> {
  readonly value: A
  readonly encoded: E
  readonly encodedJson: string
}

/**
 * Check a value with its core decoder. A value the decoder itself returned (`decodedAs` names its
 * subject, and the context it was decoded in is `context`) passed every check and is frozen
 * since: it is only encoded, to its JSON text, and the JSON form (`encoded`) is parsed from that
 * text only if something reads it. Another decoded (typed) value holds bigints (money, rates): it
 * is encoded and the JSON decoded back, so every check runs again. A value without bigints is its
 * own JSON form (dates, codes, numbers and flags are the same either way): it is decoded as is,
 * so that untyped callers get every problem reported, unknown keys included.
 */
const revalidate = <A, E>(
  value: unknown,
  encode: (a: A) => E,
  decode: (u: unknown) => Result.Result<A, Errors.ValidationError>,
  decoded: (recorded: { readonly subject: Decode.Subject; readonly context: unknown }) => boolean
): Result.Result<Checked<A, E>, Errors.ValidationError> => {
  const recorded = Decode.decodedAs(value)
  if (recorded !== undefined && decoded(recorded)) {
    const encodedJson = JSON.stringify(encode(value as A))
    let encoded: E | undefined
    return Result.ok({
      value: value as A,
      get encoded(): E {
        return (encoded ??= JSON.parse(encodedJson) as E)
      },
      encodedJson
    })
  }
  let input: unknown = value
  let typed = false
  if (hasBigint(value)) {
    try {
      input = JSON.parse(JSON.stringify(encode(value as A)))
      typed = true
    } catch {
      input = value // not a decoded value after all: the decoder reports what is wrong
    }
  }
  const r = decode(input)
  if (!r.ok) return r
  // the encoder's output is already canonical; JSON input is re-encoded (e.g. quantity "3.0" → 3)
  const encoded = (typed ? input : JSON.parse(JSON.stringify(encode(r.value)))) as E
  return Result.ok({ value: r.value, encoded, encodedJson: JSON.stringify(encoded) })
}

/**
 * {@link textIssues} of a checked value's JSON form, read from its text first: `JSON.stringify`
 * writes a NUL and a lone surrogate (in a value or a key) as a `\u` escape, so a text without
 * one holds neither, and the JSON form is only walked when it has one.
 */
const checkedTextIssues = (c: Checked<unknown, unknown>): Array<Errors.Issue> => (c.encodedJson.includes("\\u") ? textIssues(c.encoded) : [])

const issuesOf = (e: Errors.ValidationError): ReadonlyArray<Errors.Issue> =>
  e.issues.length > 0 ? e.issues : [{ code: e.code, path: e.path, message: e.message }]

/** Validate items one by one; one ValidationError for the batch with paths under each index. */
const validateBatch = <A>(
  subject: Decode.Subject,
  items: ReadonlyArray<unknown>,
  one: (item: unknown, index: number) => Result.Result<A, Errors.ValidationError>
): Result.Result<ReadonlyArray<A>, Errors.ValidationError> => {
  if (!Array.isArray(items))
    return Result.err(Decode.validationError(subject, [{ code: "storage/not-a-list", path: [], message: "a batch must be a list", actual: items }]))
  const out: Array<A> = []
  const issues: Array<Errors.Issue> = []
  items.forEach((item: unknown, i) => {
    const r = one(item, i)
    if (r.ok) out.push(r.value)
    else issues.push(...issuesOf(r.error).map((x) => prefixIssue([i], x)))
  })
  return issues.length > 0 ? Result.err(Decode.validationError(subject, issues)) : Result.ok(out)
}

/** A typed error with a leading batch index removed from its paths (single-item calls). */
const withoutIndex = <E>(e: E): E => {
  const strip = (p: Errors.Path): Errors.Path => (p.length > 0 && p[0] === 0 ? p.slice(1) : p)
  if (e instanceof Errors.ValidationError)
    return new Errors.ValidationError({
      code: e.code,
      path: strip(e.path),
      message: e.message,
      issues: e.issues.map((i) => ({ ...i, path: strip(i.path) }))
    }) as E
  if (e instanceof Errors.RuleViolation)
    return new Errors.RuleViolation({
      code: e.code,
      path: strip(e.path),
      rule: e.rule,
      message: e.message,
      ...(e.citation === undefined ? {} : { citation: e.citation })
    }) as E
  return e
}

const optionDocs = (extra: Decode.FieldDocs): Decode.FieldDocs => ({
  "": { label: "options (tùy chọn)", expects: "must be an object" },
  status: { label: "status (trạng thái đề án)", expects: `must be one of ${proposalStatuses.join(", ")}` },
  expectedVersion: { label: "expected version (phiên bản)", expects: "must be a whole number ≥ 0" },
  author: { label: "author (người cập nhật)", expects: "must be non-blank text" },
  note: { label: "note (ghi chú)", expects: "must be non-blank text" },
  asOf: { label: "assessment date (ngày đánh giá)", expects: "must be a date (ngày) as YYYY-MM-DD" },
  proposalVersion: { label: "proposal version (phiên bản đề án)", expects: "must be a whole number ≥ 1" },
  proposalId: { label: "proposal id (mã đề án)", expects: "must be non-empty text without surrounding spaces" },
  version: { label: "version (phiên bản)", expects: "must be a whole number ≥ 1" },
  packId: { label: "pack id (mã bộ quy tắc)", expects: "must be non-empty text without surrounding spaces" },
  idempotencyKey: { label: "idempotency key (khóa chống ghi trùng)", expects: "must be non-empty text without surrounding spaces" },
  ...extra
})

const statusSchema = Schema.Literals(proposalStatuses)
const nat = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const positive = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

const decodeOptions = <S extends Decode.AnySchema>(
  code: string,
  schema: S,
  input: unknown,
  extraDocs: Decode.FieldDocs = {}
): Result.Result<S["Type"], Errors.ValidationError> =>
  Decode.decodeWith(
    { subject: { code, label: "options (tùy chọn)" }, schema, docs: optionDocs(extraDocs), rules: [] },
    input === undefined ? {} : input,
    undefined
  )

const keyField = { idempotencyKey: Schema.optionalKey(Decode.id) }
const writeOptionsSchema = Schema.Struct(keyField)
const saveProposalOptionsSchema = Schema.Struct({
  ...keyField,
  status: Schema.optionalKey(statusSchema),
  expectedVersion: Schema.optionalKey(nat),
  author: Schema.optionalKey(Decode.text),
  note: Schema.optionalKey(Decode.text)
})
const batchOptionsSchema = Schema.Struct({
  ...keyField,
  status: Schema.optionalKey(statusSchema),
  author: Schema.optionalKey(Decode.text),
  note: Schema.optionalKey(Decode.text)
})
const asOfSchema = Schema.Struct({ ...keyField, asOf: Schema.optionalKey(LocalDate.schema) })
const evaluationOptionsSchema = Schema.Struct({ ...keyField, proposalVersion: Schema.optionalKey(positive) })
const contractOptionsSchema = Schema.Struct({ ...keyField, proposalId: Schema.optionalKey(Decode.id) })
const postOptionsSchema = Schema.Struct({ author: Schema.optionalKey(Decode.text) })

const filterDocs: Decode.FieldDocs = {
  "": { label: "filter (điều kiện lọc)", expects: "must be an object" },
  planYear: { label: "plan year (năm kế hoạch)", expects: `must be a whole year between ${Period.MIN_YEAR} and ${Period.MAX_YEAR}` },
  year: { label: "plan year (năm kế hoạch)", expects: `must be a whole year between ${Period.MIN_YEAR} and ${Period.MAX_YEAR}` },
  provinceCode: { label: "province code (mã tỉnh)", expects: 'must be the 2-digit code of a province, such as "01"' },
  province: { label: "province (tỉnh)", expects: "must be non-empty text without surrounding spaces" },
  fund: { label: "fund (nguồn kinh phí)", expects: 'must be "national" or "local"' },
  level: { label: "level (cấp)", expects: 'must be "national" or "provincial"' },
  status: { label: "status (trạng thái đề án)", expects: `must be one of ${proposalStatuses.join(", ")}, or a list of them` },
  "status.*": { label: "status (trạng thái đề án)", expects: `must be one of ${proposalStatuses.join(", ")}` },
  planId: { label: "plan id (mã kế hoạch)", expects: "must be non-empty text without surrounding spaces" },
  proposalId: { label: "proposal id (mã đề án)", expects: "must be non-empty text without surrounding spaces" },
  ids: { label: "ids (danh sách mã)", expects: "must be a list of ids" },
  "ids.*": { label: "id (mã)", expects: "must be non-empty text without surrounding spaces" },
  verdict: { label: "verdict (kết luận)", expects: 'must be "eligible", "ineligible" or "not-applicable"' },
  packId: { label: "pack id (mã bộ quy tắc)", expects: "must be non-empty text without surrounding spaces" },
  limit: { label: "page size (số dòng)", expects: "must be a whole number between 1 and 10000" },
  after: { label: "page start (sau mã)", expects: "must be text" },
  "*": { label: "summary key (tiêu chí tổng hợp)", expects: 'must be "planYear", "province", "fund" or "status"' }
}

const proposalFilterFields = {
  planYear: Schema.optionalKey(Period.planYearSchema),
  provinceCode: Schema.optionalKey(AdminUnits.provinceCodeSchema),
  fund: Schema.optionalKey(Schema.Literals(["national", "local"])),
  status: Schema.optionalKey(Schema.Union([statusSchema, Schema.Array(statusSchema)])),
  planId: Schema.optionalKey(Decode.id),
  ids: Schema.optionalKey(Schema.Array(Decode.id))
}
const proposalFilterSchema = Schema.Struct(proposalFilterFields)
const evaluationFilterSchema = Schema.Struct({
  ...proposalFilterFields,
  verdict: Schema.optionalKey(Schema.Literals(["eligible", "ineligible", "not-applicable"])),
  packId: Schema.optionalKey(Decode.id)
})
const establishmentFilterSchema = Schema.Struct({ provinceCode: Schema.optionalKey(AdminUnits.provinceCodeSchema) })
const planFilterFields = {
  year: Schema.optionalKey(Period.planYearSchema),
  level: Schema.optionalKey(Schema.Literals(["national", "provincial"])),
  provinceCode: Schema.optionalKey(AdminUnits.provinceCodeSchema)
}
const planFilterSchema = Schema.Struct(planFilterFields)
const envelopeFilterSchema = Schema.Struct({ ...planFilterFields, planId: Schema.optionalKey(Decode.id) })
const contractFilterSchema = Schema.Struct({
  planYear: Schema.optionalKey(Period.planYearSchema),
  province: Schema.optionalKey(Decode.id),
  proposalId: Schema.optionalKey(Decode.id)
})
const pageSchema = Schema.Struct({
  limit: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10000 }))),
  after: Schema.optionalKey(Schema.String)
})
const summaryKeysSchema = Schema.Array(Schema.Literals(["planYear", "province", "fund", "status"]))

const decodeFilter = <S extends Decode.AnySchema>(schema: S, input: unknown, code = "filter"): Result.Result<S["Type"], Errors.ValidationError> => {
  const r = Decode.decodeWith(
    { subject: { code, label: code === "page" ? "page (trang)" : "filter (điều kiện lọc)" }, schema, docs: filterDocs, rules: [] },
    input === undefined ? {} : input,
    undefined
  )
  if (!r.ok) return r
  const text = textIssues(r.value)
  return text.length > 0 ? Result.err(Decode.validationError({ code, label: "filter (điều kiện lọc)" }, text)) : r
}

/**
 * A validated page with its defaults, as backends receive it.
 * @category backends
 * @since 0.1.0
 */
export interface ResolvedPage {
  readonly limit: number
  readonly after: string | undefined
}

const decodePage = (page: unknown): Result.Result<ResolvedPage, Errors.ValidationError> => {
  const r = decodeFilter(pageSchema, page, "page")
  return r.ok ? Result.ok({ limit: r.value.limit ?? 1000, after: r.value.after }) : r
}

const validId = (u: unknown): u is string => typeof u === "string" && u.length > 0 && !TEXT_FAULT.test(u)

/** The value of a validation, or its `ValidationError` thrown inside a store operation's body. */
const must: <A>(r: Result.Result<A, Errors.ValidationError>) => A = Result.getOrThrow

// ---------------------------------------------------------------------------------------------
// What backends receive

/**
 * A validated establishment with its JSON form.
 * @category backends
 * @since 0.1.0
 */
export interface EstablishmentWrite {
  readonly value: Establishment.Establishment
  readonly encoded: Establishment.Encoded
  /** `encoded` as JSON text (`JSON.stringify(encoded)`), computed once: what a backend stores. @since 0.3.0 */
  readonly encodedJson: string
}

/**
 * A validated proposal with its JSON form and the fields queries filter on.
 * @category backends
 * @since 0.1.0
 */
export interface ProposalWrite {
  readonly value: Proposal.Proposal
  readonly encoded: Proposal.Encoded
  /** `encoded` as JSON text (`JSON.stringify(encoded)`), computed once: what a backend stores. @since 0.3.0 */
  readonly encodedJson: string
  readonly planYear: number
  readonly fund: "national" | "local"
  /** Distinct province codes of the locations, in order of first appearance. */
  readonly provinceCodes: ReadonlyArray<string>
  /** Province of the first location, if any. */
  readonly primaryProvince: string | undefined
  readonly requestedSupport: Money.Money
  readonly total: Money.Money
}

/**
 * A validated plan with its JSON form.
 * @category backends
 * @since 0.1.0
 */
export interface PlanWrite {
  readonly value: Plan.Plan
  readonly encoded: Plan.Encoded
  /** `encoded` as JSON text (`JSON.stringify(encoded)`), computed once: what a backend stores. @since 0.3.0 */
  readonly encodedJson: string
}

/**
 * A validated evaluation record (everything but the store-assigned id, version default and time).
 * @category backends
 * @since 0.1.0
 */
export interface EvaluationWrite {
  readonly proposalId: string
  /** Undefined: the proposal's current version. */
  readonly proposalVersion: number | undefined
  readonly packId: string
  readonly packVersion: string
  readonly date: LocalDate.LocalDate
  readonly verdict: Eligibility.Verdict
  readonly payable: Money.Money
  readonly support: Money.Money
  readonly requested: Money.Money
  readonly eligibleCost: Money.Money
  readonly grade: Citation.Grade
  readonly failures: ReadonlyArray<StoredFailure>
  readonly trace: Trace.Trace | undefined
  /** The trace as JSON (what `Trace.decode` reads back), when there is one. */
  readonly traceJson: Trace.Json | undefined
  /**
   * The evaluation's `Evaluate.encode` form without its `trace` (kept once, in `traceJson`): store
   * it as is and read it back with {@link readEvaluation}. @since 0.3.0
   */
  readonly document: Trace.Json
  /** The evaluation as it reads back (`Evaluate.decode` of `document` and `traceJson`). @since 0.3.0 */
  readonly evaluation: Evaluate.Evaluation
}

/**
 * A validated allocation.
 * @category backends
 * @since 0.1.0
 */
export interface AllocationWrite {
  readonly id: string
  readonly planId: string | undefined
  readonly allocation: Allocation.Allocation
}

/**
 * An idempotency key as backends receive it: the key, the kind of write (`saveProposal` …) and the
 * canonical text of the validated payload, which a backend compares (or its sha256) on a retry.
 * @example `{ key: "import-2024-05-02#17", operation: "saveProposal", content: Storage.canonical(payload) }`
 * @category backends
 * @since 0.3.0
 */
export interface WriteKey {
  readonly key: string
  readonly operation: string
  readonly content: string
}

/**
 * The persistence half of a store: plain async functions over values {@link make} has already
 * validated. They reject with the typed errors of this module (`unknownReference`,
 * `versionConflict`, `alreadyStored`, `idempotencyConflict`, `corrupt`) or of `Ledger.post`;
 * anything else is reported as a `StorageError`. Batch errors carry the item index first in
 * their path. Each write is one transaction. A write given a {@link WriteKey} records it in the
 * same transaction; a key already recorded with the same operation and content returns the
 * recorded result (re-read) and writes nothing, with other content it is {@link writeKeyConflict}.
 * @category backends
 * @since 0.1.0
 */
export interface Backend {
  readonly putEstablishments: (items: ReadonlyArray<EstablishmentWrite>, key?: WriteKey) => Promise<void>
  readonly getEstablishments: (ids: ReadonlyArray<string>) => Promise<ReadonlyMap<string, Establishment.Establishment>>
  readonly listEstablishments: (
    filter: EstablishmentFilter,
    page: ResolvedPage
  ) => Promise<ReadonlyArray<Establishment.Establishment>>
  readonly putProposals: (
    items: ReadonlyArray<ProposalWrite>,
    options: SaveBatchOptions & { readonly expectedVersion?: number },
    key?: WriteKey
  ) => Promise<ReadonlyArray<ProposalVersion>>
  readonly getProposal: (id: string, version: number | undefined) => Promise<ProposalVersion | undefined>
  readonly proposalHistory: (id: string) => Promise<ReadonlyArray<ProposalVersion>>
  readonly listProposals: (filter: ProposalQuery, page: ResolvedPage) => Promise<ReadonlyArray<ProposalVersion>>
  readonly summarize: (filter: ProposalQuery, groupBy: ReadonlyArray<SummaryKey>) => Promise<ReadonlyArray<SummaryRow>>
  readonly putPlan: (plan: PlanWrite, key?: WriteKey) => Promise<void>
  readonly getPlan: (id: string) => Promise<Plan.Plan | undefined>
  readonly listPlans: (filter: PlanFilter) => Promise<ReadonlyArray<Plan.Plan>>
  readonly listEnvelopes: (filter: EnvelopeFilter) => Promise<ReadonlyArray<StoredEnvelope>>
  readonly putEvaluations: (items: ReadonlyArray<EvaluationWrite>, key?: WriteKey) => Promise<ReadonlyArray<StoredEvaluation>>
  readonly latestEvaluation: (proposalId: string, packId: string | undefined) => Promise<StoredEvaluation | undefined>
  readonly evaluationHistory: (proposalId: string) => Promise<ReadonlyArray<StoredEvaluation>>
  readonly listEvaluations: (
    filter: ProposalQuery & { readonly verdict?: Eligibility.Verdict; readonly packId?: string },
    page: ResolvedPage
  ) => Promise<ReadonlyArray<StoredEvaluation>>
  readonly putAllocation: (item: AllocationWrite, key?: WriteKey) => Promise<StoredAllocation>
  readonly getAllocation: (id: string) => Promise<StoredAllocation | undefined>
  readonly allocationOutcomes: (proposalId: string) => Promise<ReadonlyArray<AllocatedOutcome>>
  /**
   * Insert a contract, which names its evaluation (`contract.evaluation`); the same content again
   * returns the stored record; a different one is `alreadyStored`. Under a lock on the proposal:
   * the proposal and evaluation are stored (`unknownReference`), then {@link checkBasis}.
   */
  readonly putContract: (contract: Contract.Contract, key?: WriteKey) => Promise<ContractRecord>
  readonly getContract: (id: string) => Promise<ContractRecord | undefined>
  readonly listContracts: (filter: ContractFilter) => Promise<ReadonlyArray<ContractRecord>>
  /**
   * Lock the contract, rebuild its ledger from the stored events, `Ledger.post` the event and
   * insert it, in one transaction. An adjustment first locks the contract's proposal, passes the
   * evaluation it names and the proposal's other commitments to `Ledger.post`, and, when it
   * raises the approved support, runs {@link checkBasis}.
   */
  readonly postEvent: (
    contractId: string,
    event: Ledger.Event,
    author: string | undefined
  ) => Promise<{ readonly event: Ledger.Event; readonly author: string | undefined; readonly replayed: boolean; readonly ledger: Ledger.Ledger }>
  readonly getLedger: (contractId: string) => Promise<Ledger.Ledger | undefined>
  /** Event id → author of the contract's events posted with one; undefined for an unknown contract. */
  readonly getAuthors: (contractId: string) => Promise<ReadonlyMap<string, string> | undefined>
  readonly close: () => Promise<void>
}

/**
 * A proposal filter after validation: `status` always a list.
 * @category backends
 * @since 0.1.0
 */
export interface ProposalQuery {
  readonly planYear?: number
  readonly provinceCode?: string
  readonly fund?: "national" | "local"
  readonly status?: ReadonlyArray<ProposalStatus>
  readonly planId?: string
  readonly ids?: ReadonlyArray<string>
}

const toQuery = <F extends ProposalFilter>(f: F): Omit<F, "status"> & ProposalQuery => {
  const { status, ...rest } = f
  return (status === undefined ? rest : { ...rest, status: typeof status === "string" ? [status] : status }) as Omit<F, "status"> &
    ProposalQuery
}

// ---------------------------------------------------------------------------------------------
// Validation of each kind of record

const establishmentSubject: Decode.Subject = { code: "establishment", label: "establishment (cơ sở công nghiệp nông thôn)" }
const proposalSubject: Decode.Subject = { code: "proposal", label: "proposal (đề án khuyến công)" }

const validateEstablishment = (e: unknown, asOf: LocalDate.LocalDate | undefined): Result.Result<EstablishmentWrite, Errors.ValidationError> => {
  const r = revalidate(
    e,
    Establishment.encode,
    (u) => Establishment.decode(u, asOf === undefined ? {} : { asOf }),
    (d) => d.subject.code === "establishment" && (d.context as Establishment.DecodeOptions).asOf === asOf
  )
  if (!r.ok) return r
  const text = checkedTextIssues(r.value)
  return text.length > 0 ? Result.err(Decode.validationError(establishmentSubject, text)) : r
}

/**
 * Validate a proposal and compute the fields queries filter on (what {@link make} gives backends).
 * @example `validateProposal(p).ok` → `true` for a proposal `Proposal.decode` accepts
 * @category backends
 * @since 0.1.0
 */
const validateProposal = (p: unknown): Result.Result<ProposalWrite, Errors.ValidationError> => {
  const r = revalidate(p, Proposal.encode, Proposal.decode, (d) => d.subject.code === "proposal")
  if (!r.ok) return r
  const checked = r.value
  const value = checked.value
  const totals = Proposal.totals(value)
  const issues = [...checkedTextIssues(checked), ...amountIssues([[["activities"], totals.total]])]
  if (issues.length > 0) return Result.err(Decode.validationError(proposalSubject, issues))
  const provinceCodes: Array<string> = []
  for (const l of value.locations) if (!provinceCodes.includes(l.provinceCode)) provinceCodes.push(l.provinceCode)
  return Result.ok({
    value,
    get encoded() {
      return checked.encoded
    },
    encodedJson: checked.encodedJson,
    planYear: value.planYear,
    fund: value.fund,
    provinceCodes,
    primaryProvince: value.locations[0]?.provinceCode,
    requestedSupport: totals.requestedSupport,
    total: totals.total
  })
}

const validatePlan = (p: unknown): Result.Result<PlanWrite, Errors.ValidationError> => {
  const r = revalidate(p, Plan.encode, Plan.decode, (d) => d.subject.code === "plan")
  if (!r.ok) return r
  const issues = [
    ...checkedTextIssues(r.value),
    ...amountIssues(r.value.value.envelopes.map((e, i) => [["envelopes", i, "amount"], e.amount] as const))
  ]
  return issues.length > 0 ? Result.err(Decode.validationError({ code: "plan", label: "plan (kế hoạch khuyến công)" }, issues)) : r
}

const failureSchema = Schema.Struct({
  rule: Schema.String,
  reason: Schema.String,
  subject: Schema.optionalKey(Schema.String),
  message: Schema.String
})

const evaluationStructural = Schema.Struct({
  proposalId: Decode.id,
  proposalVersion: Schema.optionalKey(positive),
  packId: Decode.id,
  packVersion: Decode.text,
  date: LocalDate.schema,
  verdict: Schema.Literals(["eligible", "ineligible", "not-applicable"]),
  payable: Money.nonNegativeSchema,
  support: Money.nonNegativeSchema,
  requested: Money.nonNegativeSchema,
  eligibleCost: Money.nonNegativeSchema,
  grade: Citation.gradeSchema,
  failures: Schema.Array(failureSchema),
  trace: Schema.optionalKey(Trace.schema)
})

const evaluationRules: ReadonlyArray<Decode.Rule<void>> = [
  Decode.rule({
    at: [],
    needs: evaluationStructural.mapFields(({ verdict, payable, support }) => ({ verdict, payable, support })),
    check: (e) => {
      const expected = e.verdict === "eligible" ? e.support : 0n
      return e.payable === expected
        ? []
        : [
            {
              code: "evaluation/payable-mismatch",
              path: ["payable"],
              message: `payable (số được chi trả) ${e.payable} must be ${e.verdict === "eligible" ? `the support (kinh phí hỗ trợ) ${e.support} of an eligible proposal` : `0 for a proposal whose verdict is ${e.verdict}`}`
            }
          ]
    }
  })
]

const evaluationDocs: Decode.FieldDocs = {
  "": { label: "evaluation (kết quả đánh giá)", expects: "must be an evaluation produced by Evaluate.evaluate" },
  proposalId: { label: "proposal id (mã đề án)", expects: "must be non-empty text without surrounding spaces" },
  proposalVersion: { label: "proposal version (phiên bản đề án)", expects: "must be a whole number ≥ 1" },
  packId: { label: "pack id (mã bộ quy tắc)", expects: "must be non-empty text without surrounding spaces" },
  packVersion: { label: "pack version (phiên bản bộ quy tắc)", expects: "must be non-blank text" },
  date: { label: "evaluation date (ngày áp dụng)", expects: "must be a date (ngày) as YYYY-MM-DD" },
  verdict: { label: "verdict (kết luận)", expects: 'must be "eligible", "ineligible" or "not-applicable"' },
  payable: { label: "payable (số được chi trả)", expects: "must be a non-negative whole number of đồng written in digits" },
  support: { label: "support (kinh phí hỗ trợ)", expects: "must be a non-negative whole number of đồng written in digits" },
  requested: { label: "requested support (kinh phí đề nghị)", expects: "must be a non-negative whole number of đồng written in digits" },
  eligibleCost: { label: "eligible cost (chi phí hợp lệ)", expects: "must be a non-negative whole number of đồng written in digits" },
  grade: { label: "grade (mức xác nhận)", expects: 'must be "primary", "secondary", "provincial-copy" or "unconfirmed"' },
  failures: { label: "failed conditions (điều kiện không đạt)", expects: "must be a list" },
  trace: { label: "trace (giải trình)", expects: "must be a trace (schemaVersion 1 with steps)" }
}

const evaluationSubject: Decode.Subject = { code: "evaluation", label: "evaluation (kết quả đánh giá)" }

/** Evaluation → its JSON record (throws on what is not an evaluation; caught by the caller). */
const evaluationJson = (e: Evaluate.Evaluation, proposalVersion: number | undefined): Trace.Json => {
  const failures = Eligibility.failures(e.eligibility).map((c) => {
    const f: { rule: string; reason: string; subject?: string; message: string } = { rule: c.rule, reason: c.reason, message: c.message }
    if (c.subject !== undefined) f.subject = c.subject
    return f
  })
  return Trace.toJson({
    proposalId: e.proposalId,
    proposalVersion,
    packId: e.packId,
    packVersion: e.packVersion,
    date: e.date,
    verdict: e.verdict,
    payable: e.payable,
    support: e.support.total,
    requested: e.support.requested,
    eligibleCost: e.support.eligibleCost,
    grade: e.support.grade,
    failures,
    trace: e.trace
  })
}

const notAnEvaluation = (cause: unknown): Errors.ValidationError =>
  Decode.validationError(evaluationSubject, [
    {
      code: "evaluation/not-an-evaluation",
      path: [],
      message: `evaluation (kết quả đánh giá) must be what Evaluate.evaluate returns: ${cause instanceof Error ? cause.message : String(cause)}`
    }
  ])

const validateEvaluation = (e: unknown, proposalVersion: number | undefined): Result.Result<EvaluationWrite, Errors.ValidationError> => {
  let json: Trace.Json
  try {
    json = evaluationJson(e as Evaluate.Evaluation, proposalVersion)
  } catch (cause) {
    return Result.err(notAnEvaluation(cause))
  }
  const r = Decode.decodeWith({ subject: evaluationSubject, schema: evaluationStructural, docs: evaluationDocs, rules: evaluationRules }, json, undefined)
  if (!r.ok) return r
  const v = r.value
  const issues = [
    ...textIssues(json),
    ...amountIssues([
      [["payable"], v.payable],
      [["support", "total"], v.support],
      [["support", "requested"], v.requested],
      [["support", "eligibleCost"], v.eligibleCost]
    ])
  ]
  if (issues.length > 0) return Result.err(Decode.validationError(evaluationSubject, issues))
  const traceJson = (json as { readonly trace?: Trace.Json }).trace
  // The record itself, through the one codec: what is stored is Evaluate.encode's form, and it
  // must read back (an evaluation decoded from a version 1 record has no input hash and is refused).
  let document: { readonly [k: string]: Trace.Json }
  try {
    const { trace: _trace, ...rest } = Evaluate.encode(e as Evaluate.Evaluation) as unknown as { readonly [k: string]: Trace.Json }
    document = rest
  } catch (cause) {
    return Result.err(notAnEvaluation(cause))
  }
  const back = decodeRecord(document, traceJson)
  if (!back.ok) return Result.err(Decode.validationError(evaluationSubject, back.error.issues.length > 0 ? back.error.issues : [back.error]))
  return Result.ok({
    proposalId: v.proposalId,
    proposalVersion: v.proposalVersion,
    packId: v.packId,
    packVersion: v.packVersion,
    date: v.date,
    verdict: v.verdict,
    payable: v.payable,
    support: v.support,
    requested: v.requested,
    eligibleCost: v.eligibleCost,
    grade: v.grade,
    failures: v.failures,
    trace: v.trace,
    traceJson,
    document,
    evaluation: back.value
  })
}

/** A stored evaluation document with its trace beside it, through the one codec. */
const decodeRecord = (document: { readonly [k: string]: unknown }, traceJson: unknown): Result.Result<Evaluate.Evaluation, Errors.ValidationError> =>
  Evaluate.decode(traceJson === null || traceJson === undefined ? document : { ...document, trace: traceJson })

/**
 * The summary fields of a stored evaluation as they were written (for backends: each adds the id,
 * the proposal version, failures, trace, record and time it stores).
 * @category backends
 * @since 0.3.0
 * @example `{ id: "7", ...evaluationSummary(w), proposalVersion: 1, … }`
 */
export const evaluationSummary = (w: EvaluationWrite) => ({
  proposalId: w.proposalId,
  packId: w.packId,
  packVersion: w.packVersion,
  date: w.date,
  verdict: w.verdict,
  payable: w.payable,
  support: w.support,
  requested: w.requested,
  eligibleCost: w.eligibleCost,
  grade: w.grade
})

/**
 * Read a stored evaluation back: its `document` (the `Evaluate.encode` form without the trace)
 * with the trace JSON stored beside it, through `Evaluate.decode`; `undefined` when there is no
 * document (a row stored before 0.3.0); `storage/corrupt` when it does not decode.
 * @example `readEvaluation(row.document, row.trace, "7")` → the `Evaluate.Evaluation` saved
 * @category backends
 * @since 0.3.0
 */
export const readEvaluation = (document: unknown, traceJson: unknown, id: string): Evaluate.Evaluation | undefined => {
  if (document === null || document === undefined) return undefined
  const r = typeof document === "object" && !Array.isArray(document) ? decodeRecord(document as { readonly [k: string]: unknown }, traceJson) : Evaluate.decode(document)
  if (!r.ok) throw corrupt("evaluation", id, r.error)
  return r.value
}

/**
 * Read a stored evaluation trace back (JSON → `Trace`), or fail with `storage/corrupt`.
 * @example `readTrace(json, "7")` → a `Trace`
 * @category backends
 * @since 0.1.0
 */
export const readTrace = (json: unknown, id: string): Trace.Trace | undefined => {
  if (json === null || json === undefined) return undefined
  const r = Trace.decode(json)
  if (!r.ok) throw corrupt("evaluation trace", id, r.error)
  return r.value
}

// Allocation records

const outcomeSchema = Schema.Struct({
  id: Decode.id,
  rank: nat,
  tier: Schema.optionalKey(nat),
  requested: Money.nonNegativeSchema,
  allocated: Money.nonNegativeSchema,
  status: Schema.Literals(["funded", "partly-funded", "unfunded"]),
  reason: Schema.Literals(["fits", "partial", "scaled", "does-not-fit", "below-minimum-share", "lower-tier"]),
  constraint: Schema.Literals(["envelope", "province-ceiling", "unit-ceiling", "activity-ceiling", "minimum-share", "none"]),
  available: Money.nonNegativeSchema,
  limit: Schema.Literals(["envelope", "province-ceiling", "unit-ceiling", "activity-ceiling"])
})

const allocationStructural = Schema.Struct({
  id: Decode.id,
  planId: Schema.optionalKey(Decode.id),
  allocation: Schema.Struct({
    policy: Schema.Struct({ kind: Schema.Literals(["whole-only", "partial-marginal", "proportional-tier"]) }),
    outcomes: Schema.Array(outcomeSchema),
    totals: Schema.Struct({
      envelope: Money.nonNegativeSchema,
      requested: Money.nonNegativeSchema,
      reserve: Money.nonNegativeSchema,
      distributable: Money.nonNegativeSchema,
      allocated: Money.nonNegativeSchema,
      unallocated: Money.nonNegativeSchema
    })
  })
})

const OUTCOME = ["allocation", "outcomes", "*"] as const

const allocationRules: ReadonlyArray<Decode.Rule<void>> = [
  Decode.rule({
    at: OUTCOME,
    needs: outcomeSchema,
    check: (o) => {
      const out: Array<Decode.RuleIssue> = []
      if (o.allocated > o.requested)
        out.push({ code: "allocation-record/above-request", path: ["allocated"], message: `allocated (phân bổ) ${o.allocated} is above the request (đề nghị) ${o.requested}` })
      const status = o.allocated === 0n ? "unfunded" : o.allocated === o.requested ? "funded" : "partly-funded"
      if (o.allocated <= o.requested && o.status !== status)
        out.push({ code: "allocation-record/status-mismatch", path: ["status"], message: `status "${o.status}" does not match ${o.allocated} allocated of ${o.requested} requested (expected "${status}")` })
      return out
    }
  }),
  Decode.rule({
    at: ["allocation"],
    needs: allocationStructural.fields.allocation,
    check: (a) => {
      const out: Array<Decode.RuleIssue> = []
      const seen = new Set<string>()
      let sum = 0n
      a.outcomes.forEach((o, i) => {
        sum += o.allocated
        if (o.rank !== i)
          out.push({ code: "allocation-record/rank-order", path: ["outcomes", i, "rank"], message: `outcome ${i} has rank ${o.rank}; outcomes are stored in ranking order` })
        if (seen.has(o.id))
          out.push({ code: "allocation-record/duplicate-proposal", path: ["outcomes", i, "id"], message: `proposal "${o.id}" has two outcomes` })
        seen.add(o.id)
      })
      const t = a.totals
      if (sum !== t.allocated)
        out.push({ code: "allocation-record/total-mismatch", path: ["totals", "allocated"], message: `totals.allocated ${t.allocated} is not the sum of the outcomes ${sum}` })
      if (t.distributable !== t.envelope - t.reserve)
        out.push({ code: "allocation-record/total-mismatch", path: ["totals", "distributable"], message: `totals.distributable ${t.distributable} is not envelope − reserve = ${t.envelope - t.reserve}` })
      if (t.unallocated !== t.distributable - t.allocated)
        out.push({ code: "allocation-record/total-mismatch", path: ["totals", "unallocated"], message: `totals.unallocated ${t.unallocated} is not distributable − allocated = ${t.distributable - t.allocated}` })
      return out
    }
  })
]

const allocationDocs: Decode.FieldDocs = {
  "": { label: "allocation (phân bổ kinh phí)", expects: "must be an object with an id and an allocation" },
  id: { label: "allocation id (mã phân bổ)", expects: "must be non-empty text without surrounding spaces" },
  planId: { label: "plan id (mã kế hoạch)", expects: "must be non-empty text without surrounding spaces" },
  allocation: { label: "allocation result (kết quả phân bổ)", expects: "must be what Allocation.allocate returns" },
  "allocation.outcomes.*.id": { label: "proposal id (mã đề án)", expects: "must be non-empty text without surrounding spaces" },
  "allocation.outcomes.*.requested": { label: "request (đề nghị)", expects: "must be a non-negative whole number of đồng written in digits" },
  "allocation.outcomes.*.allocated": { label: "allocated (phân bổ)", expects: "must be a non-negative whole number of đồng written in digits" },
  "allocation.outcomes.*.available": { label: "headroom (dư địa)", expects: "must be a non-negative whole number of đồng written in digits" }
}

const allocationSubject: Decode.Subject = { code: "allocation-record", label: "allocation (phân bổ kinh phí)" }

const validateAllocation = (input: unknown): Result.Result<AllocationWrite, Errors.ValidationError> => {
  let json: Trace.Json
  try {
    json = Trace.toJson(input)
  } catch (cause) {
    return Result.err(
      Decode.validationError(allocationSubject, [
        { code: "allocation-record/not-an-allocation", path: [], message: `allocation (phân bổ) cannot be stored: ${cause instanceof Error ? cause.message : String(cause)}` }
      ])
    )
  }
  // Only the fields checked here are read; the rest (policy details, reserve, ceilings) is kept as is.
  const field = (j: Trace.Json | undefined, k: string): Trace.Json | undefined =>
    typeof j === "object" && j !== null && !Array.isArray(j) ? (j as { readonly [key: string]: Trace.Json })[k] : undefined
  const a0 = field(json, "allocation")
  const policy = field(a0, "policy")
  const checked: Trace.Json =
    a0 !== undefined && typeof a0 === "object" && a0 !== null && !Array.isArray(a0)
      ? {
          ...(json as { readonly [key: string]: Trace.Json }),
          allocation: {
            policy: policy !== undefined && typeof policy === "object" && policy !== null && !Array.isArray(policy) ? { kind: field(policy, "kind") ?? null } : (policy ?? null),
            outcomes: field(a0, "outcomes") ?? null,
            totals: field(a0, "totals") ?? null
          }
        }
      : json
  const r = Decode.decodeWith({ subject: allocationSubject, schema: allocationStructural, docs: allocationDocs, rules: allocationRules }, checked, undefined)
  if (!r.ok) return r
  const a = (input as AllocationInput).allocation
  const t = r.value.allocation.totals
  const issues = [
    ...textIssues(json),
    ...amountIssues([
      [["allocation", "totals", "envelope"], t.envelope],
      [["allocation", "totals", "requested"], t.requested],
      ...r.value.allocation.outcomes.map((o, i) => [["allocation", "outcomes", i, "requested"], o.requested] as const)
    ])
  ]
  if (issues.length > 0) return Result.err(Decode.validationError(allocationSubject, issues))
  return Result.ok({ id: r.value.id, planId: r.value.planId, allocation: a })
}

// Contracts

const CONTRACT_FIELDS = [
  "id",
  "evaluation",
  "approvedSupport",
  "activities",
  "advanceTier",
  "signed",
  "approved",
  "planYear",
  "lastPlanYear",
  "implementingUnit",
  "province"
] as const

/** The input fields of a contract, without extra keys or undefined values. */
const contractInput = (input: Contract.Input): Contract.Input => {
  const out: Record<string, unknown> = {}
  if (typeof input !== "object" || input === null) return input
  for (const k of CONTRACT_FIELDS)
    if (input[k] !== undefined)
      out[k] =
        k === "activities" && Array.isArray(input[k])
          ? [...input[k]]
          : k === "evaluation" && typeof input[k] === "object" && input[k] !== null
            ? { proposalId: input[k].proposalId, evaluationId: input[k].evaluationId }
            : input[k]
  return out as unknown as Contract.Input
}

/**
 * A contract's JSON form for storage: exact JSON (`toExactJson`) of the contract.
 * @example `fromExactJson(encodeContract(c))` deep-equals `c`
 * @category backends
 * @since 0.1.0
 */
export const encodeContract = (c: Contract.Contract): Trace.Json => toExactJson(c)

/**
 * A stored contract read back: exact JSON to a frozen `Contract`.
 * @example `decodeContract(encodeContract(c), "HĐ-1")` deep-equals `c`
 * @category backends
 * @since 0.1.0
 */
export const decodeContract = (json: unknown, id: string): Contract.Contract => {
  const c = fromExactJson(json)
  if (
    typeof c !== "object" ||
    c === null ||
    typeof (c as Contract.Contract).approvedSupport !== "bigint" ||
    typeof (c as Contract.Contract).terms !== "object"
  )
    throw corrupt("contract", id, "not a contract")
  return Object.freeze(c as Contract.Contract)
}

// Ledger events

/**
 * A ledger event with only the fields a store keeps (extra keys dropped, empty evidence removed),
 * after the checks `Ledger.post` does not make: text a database can keep, amounts that fit
 * `numeric(20,0)`, a decision number that is text; the id, idempotency key and decision number
 * checked by `Text.check` (before any database call) and kept in NFC. Anything that is not an object is passed on
 * for `Ledger.post` to refuse.
 * @example `cleanEvent({ ...e, extra: 1, evidence: {} })` → `e` without `extra` and `evidence`
 * @category backends
 * @since 0.1.0
 */
const cleanEvent = (event: Ledger.Event): Ledger.Event => {
  if (typeof event !== "object" || event === null) return event
  const e = event as { -readonly [K in keyof Ledger.Event]: unknown }
  const ev = (typeof e.evidence === "object" && e.evidence !== null ? e.evidence : {}) as { -readonly [K in keyof Ledger.Evidence]: unknown }
  const path = ["events", typeof e.id === "string" ? e.id : "?"]
  const issues: Array<Errors.Issue> = []
  for (const [k, v] of [
    ["id", e.id],
    ["idempotencyKey", e.idempotencyKey],
    ["evidence.businessRegistration", ev.businessRegistration],
    ["evidence.decision", ev.decision],
    ["evidence.decidedBy", ev.decidedBy],
    ["evidence.legalBasis", ev.legalBasis],
    ["evidence.evaluationId", ev.evaluationId]
  ] as const)
    if (typeof v === "string") issues.push(...textIssues(v, k.split(".")))
  // an identifier Text refuses (an over-long key among them) is refused here, before the database
  for (const [k, v] of [["id", e.id], ["idempotencyKey", e.idempotencyKey], ["evidence.decision", ev.decision]] as const) {
    const t = typeof v === "string" && v.trim() !== "" ? Text.check(v, "id", k.split(".")) : undefined
    if (t !== undefined && !t.ok) issues.push(...t.error.issues)
  }
  if (ev.decision !== undefined && (typeof ev.decision !== "string" || ev.decision.trim() === ""))
    issues.push({ code: "ledger/invalid-decision", path: ["evidence", "decision"], message: "The decision number (số quyết định) must be non-blank text", actual: ev.decision })
  issues.push(
    ...amountIssues([
      [["amount"], typeof e.amount === "bigint" ? e.amount : undefined],
      [["evidence", "completedValue"], typeof ev.completedValue === "bigint" ? ev.completedValue : undefined]
    ])
  )
  if (issues.length > 0) {
    const first = issues[0] as Errors.Issue
    throw new Errors.ValidationError({
      code: first.code,
      path: [...path, ...first.path],
      message: `Invalid ledger event (nghiệp vụ) ${path[1]}: ${first.message}`,
      issues
    })
  }
  const nfc = (v: unknown): unknown => (typeof v === "string" ? v.normalize("NFC") : v)
  const out: Record<string, unknown> = { id: nfc(e.id), idempotencyKey: nfc(e.idempotencyKey), kind: e.kind, date: e.date, amount: e.amount }
  const evidence: Record<string, unknown> = {}
  const share = ev.progressShare as { numerator?: unknown; denominator?: unknown } | undefined
  if (share !== undefined) evidence["progressShare"] = typeof share === "object" && share !== null ? { numerator: share.numerator, denominator: share.denominator } : share
  for (const k of ["baseAcceptance", "businessRegistration", "completedValue", "decision", "decidedOn", "decidedBy", "legalBasis", "evaluationId"] as const)
    if (ev[k] !== undefined) evidence[k] = k === "decision" ? nfc(ev[k]) : ev[k]
  if (Object.keys(evidence).length > 0) out["evidence"] = evidence
  return out as unknown as Ledger.Event
}

// ---------------------------------------------------------------------------------------------
// make

/** Run an async body as an Effect failing with its typed error. */
const lift = <A, E>(body: () => Promise<A>): Effect.Effect<A, E> =>
  Effect.tryPromise({ try: body, catch: (u) => toTypedError(u) as E })

const single = <A, E>(body: () => Promise<A>): Effect.Effect<A, E> =>
  Effect.tryPromise({ try: body, catch: (u) => withoutIndex(toTypedError(u)) as E })

/**
 * What an evaluation write's idempotency key compares: the validated record as plain JSON (the
 * encoded document, with the input hash read once, and the trace), never the decoded objects.
 */
const evaluationPayload = (w: EvaluationWrite): unknown => ({ ...w, trace: undefined, evaluation: undefined })

/**
 * Build a {@link Store} from a {@link Backend}: every write is validated with core's decoders
 * (and `Contract.make`) before the backend sees it; errors are normalised (anything untyped
 * becomes a `StorageError`); the ledger's balances are derived with `Ledger.balances`.
 * @example `const store = Storage.make(backend)`
 * @category constructors
 * @since 0.1.0
 */
export const make = (backend: Backend): Store => {
  /** The write key of a request, with the canonical text of its validated payload (built only when there is a key). */
  const keyOf = (operation: string, key: string | undefined, payload: () => unknown): WriteKey | undefined => {
    if (key === undefined) return undefined
    const text = textIssues(key, ["idempotencyKey"])
    if (text.length > 0) throw Decode.validationError({ code: "options", label: "options (tùy chọn)" }, text)
    return { key, operation, content: canonical(payload()) }
  }
  let closed = false
  const open = (): void => {
    if (closed) throw new StorageError({ code: "storage/closed", path: [], message: "The store (kho lưu trữ) is closed" })
  }
  /**
   * A read by ids, which `body` gets in NFC (the form every record is saved with); an id no record
   * can have matches nothing (`none`). A record saved before ids were kept in NFC is still found
   * by its id exactly as it was typed.
   */
  const read = <A>(ids: ReadonlyArray<unknown>, none: A, body: (keys: ReadonlyArray<string>) => Promise<A>): Effect.Effect<A, StorageError> =>
    lift<A, StorageError>(async () => {
      open()
      if (!ids.every(validId)) return none
      const keys = ids.map((id) => id.normalize("NFC"))
      const found = await body(keys)
      const missing = found === undefined || (Array.isArray(found) && found.length === 0)
      return missing && keys.some((k, i) => k !== ids[i]) ? body(ids) : found
    })

  const store: Store = {
    saveEstablishment: (e, options) =>
      single(async () => {
        open()
        const o = must(decodeOptions("options", asOfSchema, options))
        const w = must(validateEstablishment(e, o.asOf))
        await backend.putEstablishments([w], keyOf("saveEstablishment", o.idempotencyKey, () => ({ items: [w.encoded], asOf: o.asOf })))
        return w.value
      }),
    saveEstablishments: (es, options) =>
      lift(async () => {
        open()
        const o = must(decodeOptions("options", asOfSchema, options))
        const ws = must(validateBatch(establishmentSubject, es, (e) => validateEstablishment(e, o.asOf)))
        if (ws.length > 0) await backend.putEstablishments(ws, keyOf("saveEstablishments", o.idempotencyKey, () => ({ items: ws.map((w) => w.encoded), asOf: o.asOf })))
        return ws.length
      }),
    getEstablishment: (eid) => read([eid], undefined, async ([id = ""]) => (await backend.getEstablishments([id])).get(id)),
    getEstablishments: (ids) =>
      lift(async () => {
        open()
        const list = must(decodeFilter(Schema.Array(Decode.id), ids, "ids"))
        return list.length === 0 ? new Map() : backend.getEstablishments([...new Set(list)])
      }),
    listEstablishments: (filter, page) =>
      lift(async () => {
        open()
        return backend.listEstablishments(must(decodeFilter(establishmentFilterSchema, filter)), must(decodePage(page)))
      }),

    saveProposal: (p, options) =>
      single(async () => {
        open()
        const { idempotencyKey, ...o } = must(decodeOptions("options", saveProposalOptionsSchema, options))
        const w = must(validateProposal(p))
        const [v] = await backend.putProposals([w], o, keyOf("saveProposal", idempotencyKey, () => ({ items: [w.encoded], ...o })))
        if (v === undefined) throw new StorageError({ code: "storage/unexpected", path: [], message: "the store returned no version" })
        return v
      }),
    saveProposals: (ps, options) =>
      lift(async () => {
        open()
        const { idempotencyKey, ...o } = must(decodeOptions("options", batchOptionsSchema, options))
        const ws = must(validateBatch(proposalSubject, ps, validateProposal))
        return ws.length === 0 ? [] : backend.putProposals(ws, o, keyOf("saveProposals", idempotencyKey, () => ({ items: ws.map((w) => w.encoded), ...o })))
      }),
    getProposal: (pid, options) =>
      read([pid], undefined, async ([id = ""]) => {
        const version = options?.version
        if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) return undefined
        return backend.getProposal(id, version)
      }),
    proposalHistory: (pid) => read([pid], [], ([id = ""]) => backend.proposalHistory(id)),
    listProposals: (filter, page) =>
      lift(async () => {
        open()
        return backend.listProposals(toQuery(must(decodeFilter(proposalFilterSchema, filter))), must(decodePage(page)))
      }),
    summarize: (filter, groupBy) =>
      lift(async () => {
        open()
        const f = toQuery(must(decodeFilter(proposalFilterSchema, filter)))
        const keys = must(decodeFilter(summaryKeysSchema, groupBy, "summary"))
        return backend.summarize(f, [...new Set(keys)])
      }),

    savePlan: (plan, options) =>
      lift(async () => {
        open()
        const o = must(decodeOptions("options", writeOptionsSchema, options))
        const w = must(validatePlan(plan))
        await backend.putPlan(w, keyOf("savePlan", o.idempotencyKey, () => w.encoded))
        return w.value
      }),
    getPlan: (pid) => read([pid], undefined, ([id = ""]) => backend.getPlan(id)),
    listPlans: (filter) =>
      lift(async () => {
        open()
        return backend.listPlans(must(decodeFilter(planFilterSchema, filter)))
      }),
    listEnvelopes: (filter) =>
      lift(async () => {
        open()
        return backend.listEnvelopes(must(decodeFilter(envelopeFilterSchema, filter)))
      }),

    saveEvaluation: (e, options) =>
      single(async () => {
        open()
        const o = must(decodeOptions("options", evaluationOptionsSchema, options))
        const w = must(validateEvaluation(e, o.proposalVersion))
        const [s] = await backend.putEvaluations([w], keyOf("saveEvaluation", o.idempotencyKey, () => [evaluationPayload(w)]))
        if (s === undefined) throw new StorageError({ code: "storage/unexpected", path: [], message: "the store returned no evaluation" })
        return s
      }),
    saveEvaluations: (es, options) =>
      lift(async () => {
        open()
        const o = must(decodeOptions("options", writeOptionsSchema, options))
        const ws = must(validateBatch(evaluationSubject, es, (e) => validateEvaluation(e, undefined)))
        return ws.length === 0 ? [] : backend.putEvaluations(ws, keyOf("saveEvaluations", o.idempotencyKey, () => ws.map(evaluationPayload)))
      }),
    latestEvaluation: (pid, options) =>
      read(options?.packId === undefined ? [pid] : [pid, options.packId], undefined, ([id = "", packId]) =>
        backend.latestEvaluation(id, packId)
      ),
    evaluationHistory: (pid) => read([pid], [], ([id = ""]) => backend.evaluationHistory(id)),
    listEvaluations: (filter, page) =>
      lift(async () => {
        open()
        return backend.listEvaluations(toQuery(must(decodeFilter(evaluationFilterSchema, filter))), must(decodePage(page)))
      }),

    saveAllocation: (input, options) =>
      lift(async () => {
        open()
        const o = must(decodeOptions("options", writeOptionsSchema, options))
        const w = must(validateAllocation(input))
        return backend.putAllocation(w, keyOf("saveAllocation", o.idempotencyKey, () => ({ id: w.id, planId: w.planId ?? null, allocation: w.allocation })))
      }),
    getAllocation: (aid) => read([aid], undefined, ([id = ""]) => backend.getAllocation(id)),
    allocationOutcomes: (pid) => read([pid], [], ([id = ""]) => backend.allocationOutcomes(id)),

    saveContract: (input, packs, options) =>
      lift(async () => {
        open()
        const o = must(decodeOptions("options", contractOptionsSchema, options))
        if (typeof input !== "object" || input === null)
          throw Decode.validationError({ code: "contract", label: "contract (hợp đồng)" }, [
            { code: "contract/not-an-object", path: [], message: "a contract (hợp đồng) must be an object", actual: input }
          ])
        let made: ReturnType<typeof Contract.make>
        try {
          made = Contract.make(contractInput(input), packs)
        } catch (cause) {
          throw Decode.validationError({ code: "contract", label: "contract (hợp đồng)" }, [
            { code: "contract/invalid", path: [], message: `the contract (hợp đồng) or its rule packs cannot be read: ${cause instanceof Error ? cause.message : String(cause)}` }
          ])
        }
        if (!made.ok) throw made.error
        const c = made.value
        const issues = [
          ...textIssues(toExactJson(contractInput(c))),
          ...amountIssues([[["approvedSupport"], c.approvedSupport]])
        ]
        if (c.evaluation === undefined)
          issues.push({
            code: "contract/missing-evaluation",
            path: ["evaluation"],
            message: "a stored contract (hợp đồng) must name the stored evaluation (kết quả thẩm định) it rests on: evaluation: { proposalId, evaluationId } (StoredEvaluation.id)"
          })
        else if (o.proposalId !== undefined && o.proposalId !== c.evaluation.proposalId)
          issues.push({
            code: "contract/evaluation-mismatch",
            path: ["proposalId"],
            message: `options.proposalId "${o.proposalId}" is not the proposal (đề án) "${c.evaluation.proposalId}" of the evaluation the contract names`,
            actual: o.proposalId
          })
        if (issues.length > 0) throw Decode.validationError({ code: "contract", label: "contract (hợp đồng)" }, issues)
        return backend.putContract(c, keyOf("saveContract", o.idempotencyKey, () => c))
      }),
    getContract: (cid) => read([cid], undefined, ([id = ""]) => backend.getContract(id)),
    listContracts: (filter) =>
      lift(async () => {
        open()
        return backend.listContracts(must(decodeFilter(contractFilterSchema, filter)))
      }),

    postEvent: (contractId, event, options) =>
      lift(async () => {
        open()
        const { author } = must(decodeOptions("options", postOptionsSchema, options))
        if (!validId(contractId)) throw unknownReference("contract", String(contractId), ["contractId"])
        const r = await backend.postEvent(contractId.normalize("NFC"), cleanEvent(event), author?.normalize("NFC"))
        return { ...r, balances: Ledger.balances(r.ledger) }
      }),
    getLedger: (cid) => read([cid], undefined, ([id = ""]) => backend.getLedger(id)),
    getAuthors: (cid) => read([cid], undefined, ([id = ""]) => backend.getAuthors(id)),
    balances: (cid) =>
      read([cid], undefined, async ([id = ""]) => {
        const l = await backend.getLedger(id)
        return l === undefined ? undefined : Ledger.balances(l)
      }),

    close: () =>
      Effect.promise(async () => {
        if (closed) return
        closed = true
        await backend.close()
      })
  }
  return store
}
