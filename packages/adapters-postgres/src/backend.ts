/**
 * The PostgreSQL backend: `Storage.Backend` over a {@link Driver}, in one schema. Every write is
 * one transaction; batches are set-based (`unnest`); a ledger posting locks the contract row
 * (`SELECT … FOR UPDATE`), rebuilds the ledger from the stored events, validates the event with
 * `Ledger.post` and inserts it. Constraint violations come back as typed errors (`errors.ts`).
 *
 * @since 0.1.0
 */
import { Establishment, Ledger, LocalDate, Money, Plan, Proposal } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import type { Allocation, Contract, Eligibility } from "@khuyencong/core"
import type { Driver, Queryable, Row } from "./driver.js"
import { isRetryable, keyValues, constraintOf, toTypedError } from "./errors.js"
import { checksum, quoteSchema } from "./migrations.js"

const ts = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const day = (col: string): string => `to_char(${col}, 'YYYY-MM-DD')`
const money = (text: unknown): Money.Money => Money.make(BigInt(text as string))
const json = (v: unknown): string => JSON.stringify(v)

/** Parameters of one statement: `p(value)` appends a value and returns its placeholder. */
const params = (): { readonly values: Array<unknown>; readonly p: (v: unknown) => string } => {
  const values: Array<unknown> = []
  return { values, p: (v) => (values.push(v), `$${values.length}`) }
}

const where = (conditions: ReadonlyArray<string>): string => (conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`)

const MAX_ATTEMPTS = 5

/**
 * Options of {@link makeBackend}.
 * @category backend
 * @since 0.1.0
 */
export interface BackendOptions {
  readonly schema: string
}

/**
 * A `Storage.Backend` over a driver whose schema is migrated. Pass it to `Storage.make`.
 * @example `Storage.make(makeBackend(pgliteDriver(db, true), { schema: "khuyencong" }))`
 * @category backend
 * @since 0.1.0
 */
export const makeBackend = (driver: Driver, options: BackendOptions): Storage.Backend => {
  const qs = quoteSchema(options.schema)
  const T = {
    establishments: `${qs}.establishments`,
    proposals: `${qs}.proposals`,
    versions: `${qs}.proposal_versions`,
    plans: `${qs}.plans`,
    envelopes: `${qs}.plan_envelopes`,
    planProposals: `${qs}.plan_proposals`,
    evaluations: `${qs}.evaluations`,
    allocations: `${qs}.allocations`,
    outcomes: `${qs}.allocation_outcomes`,
    contracts: `${qs}.contracts`,
    events: `${qs}.ledger_events`,
    writeKeys: `${qs}.write_keys`
  }

  /** Run a unit of work, retrying races (serialisation failures, deadlocks, raced inserts), mapping errors. */
  const attempt = async <A>(work: () => Promise<A>, map: (e: unknown) => unknown = (e) => e): Promise<A> => {
    for (let n = 1; ; n++) {
      try {
        return await work()
      } catch (e) {
        if (n < MAX_ATTEMPTS && isRetryable(e)) continue
        throw toTypedError(map(e))
      }
    }
  }
  const tx = <A>(body: (q: Queryable) => Promise<A>, map?: (e: unknown) => unknown): Promise<A> =>
    attempt(() => driver.transaction(body), map)
  const read = <A>(body: (q: Queryable) => Promise<A>): Promise<A> => attempt(() => body(driver))

  /**
   * A write under an idempotency key, inside its transaction: the key is inserted first (a
   * concurrent request with the same key waits for this one to commit or roll back); a key already
   * recorded replays the recorded result when operation and payload hash match, else it is a
   * conflict. The key row commits with the write or not at all.
   */
  const keyed = async <A>(
    q: Queryable,
    key: Storage.WriteKey | undefined,
    replay: (result: unknown) => Promise<A>,
    write: () => Promise<{ readonly value: A; readonly result: unknown }>
  ): Promise<A> => {
    if (key === undefined) return (await write()).value
    const hash = checksum(key.content)
    const inserted = await q.query(
      `INSERT INTO ${T.writeKeys} (key, operation, content_sha256) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key.key, key.operation, hash]
    )
    if (inserted.length === 0) {
      const [row] = await q.query(`SELECT operation, content_sha256, result FROM ${T.writeKeys} WHERE key = $1`, [key.key])
      if (row === undefined) throw new Error(`write key ${key.key} is neither new nor stored`)
      if (row["operation"] !== key.operation || row["content_sha256"] !== hash) throw Storage.writeKeyConflict(key.key, key.operation, String(row["operation"]))
      return replay(row["result"])
    }
    const { value, result } = await write()
    await q.query(`UPDATE ${T.writeKeys} SET result = $2::jsonb WHERE key = $1`, [key.key, json(result)])
    return value
  }

  // ---- establishments

  const readEstablishment = (r: Row): Establishment.Establishment => {
    const d = Establishment.decode(r["document"])
    if (!d.ok) throw Storage.corrupt("establishment", String(r["id"]), d.error)
    return d.value
  }

  // ---- proposals

  const VERSION_COLUMNS = `v.proposal_id, v.version, v.status, v.document, v.author, v.note, ${ts("v.saved_at")} AS saved_at`

  const readVersion = (r: Row): Storage.ProposalVersion => {
    const d = Proposal.decode(r["document"])
    if (!d.ok) throw Storage.corrupt("proposal", String(r["proposal_id"]), d.error)
    return {
      proposal: d.value,
      version: Number(r["version"]),
      status: r["status"] as Storage.ProposalStatus,
      savedAt: r["saved_at"] as string,
      author: (r["author"] as string | null) ?? undefined,
      note: (r["note"] as string | null) ?? undefined
    }
  }

  const proposalConditions = (f: Storage.ProposalQuery, p: (v: unknown) => string, alias = "p"): Array<string> => {
    const c: Array<string> = []
    if (f.planYear !== undefined) c.push(`${alias}.plan_year = ${p(f.planYear)}::int`)
    if (f.provinceCode !== undefined) c.push(`${alias}.province_codes @> ARRAY[${p(f.provinceCode)}::text]`)
    if (f.fund !== undefined) c.push(`${alias}.fund = ${p(f.fund)}::text`)
    if (f.status !== undefined) c.push(`${alias}.status = ANY(${p([...f.status])}::text[])`)
    if (f.planId !== undefined)
      c.push(`EXISTS (SELECT 1 FROM ${T.planProposals} pp WHERE pp.plan_id = ${p(f.planId)}::text AND pp.proposal_id = ${alias}.id)`)
    if (f.ids !== undefined) c.push(`${alias}.id = ANY(${p([...f.ids])}::text[])`)
    return c
  }

  /** Split a batch where an id repeats: one upsert statement may touch a row once. */
  const uniqueRuns = <T>(items: ReadonlyArray<T>, key: (t: T) => string): Array<Array<T>> => {
    const runs: Array<Array<T>> = []
    let run: Array<T> = []
    let seen = new Set<string>()
    for (const item of items) {
      const k = key(item)
      if (seen.has(k)) {
        runs.push(run)
        run = []
        seen = new Set()
      }
      run.push(item)
      seen.add(k)
    }
    if (run.length > 0) runs.push(run)
    return runs
  }

  const upsertProposals = async (
    q: Queryable,
    run: ReadonlyArray<Storage.ProposalWrite>,
    o: Storage.SaveBatchOptions
  ): Promise<ReadonlyMap<string, Row>> => {
    const rows = await q.query(
      `WITH input AS (
         SELECT * FROM ROWS FROM (unnest($1::text[]), unnest($2::int[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                                  unnest($6::numeric[]), unnest($7::numeric[]), jsonb_array_elements($8::jsonb))
           WITH ORDINALITY AS t(id, plan_year, fund, provinces, primary_province, requested_support, total_cost, document, ord)
       ), up AS (
         INSERT INTO ${T.proposals} AS p (id, current_version, status, plan_year, fund, province_codes, primary_province, requested_support, total_cost)
         SELECT id, 1, COALESCE($9::text, 'draft'), plan_year, fund, ARRAY(SELECT jsonb_array_elements_text(provinces::jsonb)),
                primary_province, requested_support, total_cost
           FROM input ORDER BY ord
         ON CONFLICT (id) DO UPDATE SET
           current_version = p.current_version + 1,
           status = COALESCE($9::text, p.status),
           plan_year = EXCLUDED.plan_year,
           fund = EXCLUDED.fund,
           province_codes = EXCLUDED.province_codes,
           primary_province = EXCLUDED.primary_province,
           requested_support = EXCLUDED.requested_support,
           total_cost = EXCLUDED.total_cost,
           updated_at = now()
         RETURNING p.id, p.current_version, p.status
       )
       INSERT INTO ${T.versions} (proposal_id, version, status, document, author, note)
       SELECT up.id, up.current_version, up.status, input.document, $10::text, $11::text FROM up JOIN input ON input.id = up.id
       RETURNING proposal_id, version, status, ${ts("saved_at")} AS saved_at`,
      [
        run.map((w) => w.value.id),
        run.map((w) => w.planYear),
        run.map((w) => w.fund),
        run.map((w) => json(w.provinceCodes)),
        run.map((w) => w.primaryProvince ?? null),
        run.map((w) => w.requestedSupport.toString()),
        run.map((w) => w.total.toString()),
        // the documents as one JSON array: their texts joined, no array-literal escaping
        `[${run.map((w) => w.encodedJson).join(",")}]`,
        o.status ?? null,
        o.author ?? null,
        o.note ?? null
      ]
    )
    return new Map(rows.map((r) => [r["proposal_id"] as string, r]))
  }

  // ---- plans

  const PLAN_SELECT = `SELECT p.id, p.year, p.level, p.province_code, p.approval_number, ${day("p.approval_date")} AS approval_date,
      COALESCE((SELECT jsonb_agg(jsonb_build_object(
          'year', e.year, 'level', e.level, 'provinceCode', e.province_code, 'amount', e.amount::text,
          'sourceKind', e.source_kind, 'sourceNote', e.source_note,
          'decisionNumber', e.decision_number, 'decisionDate', ${day("e.decision_date")}) ORDER BY e.position)
        FROM ${T.envelopes} e WHERE e.plan_id = p.id), '[]'::jsonb) AS envelopes,
      COALESCE((SELECT jsonb_agg(pp.proposal_id ORDER BY pp.position) FROM ${T.planProposals} pp WHERE pp.plan_id = p.id), '[]'::jsonb) AS proposal_ids
    FROM ${T.plans} p`

  type EnvelopeJson = {
    readonly year: number
    readonly level: string
    readonly provinceCode: string | null
    readonly amount: string
    readonly sourceKind: string
    readonly sourceNote: string | null
    readonly decisionNumber: string | null
    readonly decisionDate: string | null
  }

  const envelopeEncoded = (e: EnvelopeJson): Record<string, unknown> => ({
    year: e.year,
    level: e.level,
    ...(e.provinceCode === null ? {} : { provinceCode: e.provinceCode }),
    amount: e.amount,
    source: e.sourceNote === null ? { kind: e.sourceKind } : { kind: e.sourceKind, note: e.sourceNote },
    ...(e.decisionNumber === null ? {} : { decision: { number: e.decisionNumber, date: e.decisionDate } })
  })

  const readPlan = (r: Row): Plan.Plan => {
    const encoded = {
      id: r["id"],
      year: Number(r["year"]),
      level: r["level"],
      ...(r["province_code"] === null ? {} : { provinceCode: r["province_code"] }),
      envelopes: (r["envelopes"] as ReadonlyArray<EnvelopeJson>).map(envelopeEncoded),
      proposalIds: r["proposal_ids"],
      ...(r["approval_number"] === null ? {} : { approval: { number: r["approval_number"], date: r["approval_date"] } })
    }
    const d = Plan.decode(encoded)
    if (!d.ok) throw Storage.corrupt("plan", String(r["id"]), d.error)
    return d.value
  }

  // ---- evaluations

  const EVALUATION_COLUMNS = (e: string): string =>
    `${e}.id::text AS id, ${e}.proposal_id, ${e}.proposal_version, ${e}.pack_id, ${e}.pack_version, ${day(`${e}.evaluated_on`)} AS evaluated_on,
     ${e}.verdict, ${e}.payable, ${e}.support, ${e}.requested, ${e}.eligible_cost, ${e}.grade, ${e}.failures, ${e}.trace,
     ${e}.document, ${ts(`${e}.evaluated_at`)} AS evaluated_at`

  const readEvaluation = (r: Row): Storage.StoredEvaluation => {
    const id = r["id"] as string
    return {
      id,
      proposalId: r["proposal_id"] as string,
      proposalVersion: Number(r["proposal_version"]),
      packId: r["pack_id"] as string,
      packVersion: r["pack_version"] as string,
      date: LocalDate.parseOrThrow(r["evaluated_on"] as string),
      verdict: r["verdict"] as Eligibility.Verdict,
      payable: money(r["payable"]),
      support: money(r["support"]),
      requested: money(r["requested"]),
      eligibleCost: money(r["eligible_cost"]),
      grade: r["grade"] as Storage.StoredEvaluation["grade"],
      failures: r["failures"] as ReadonlyArray<Storage.StoredFailure>,
      trace: Storage.readTrace(r["trace"], id),
      evaluation: Storage.readEvaluation(r["document"], r["trace"], id),
      evaluatedAt: r["evaluated_at"] as string
    }
  }

  // ---- allocations

  type OutcomeJson = {
    readonly id: string
    readonly rank: number
    readonly tier: number | null
    readonly requested: string
    readonly allocated: string
    readonly status: Allocation.Status
    readonly reason: Allocation.Reason
    readonly constraint: Allocation.Constraint
    readonly available: string
    readonly limit: Allocation.Limit
  }
  const OUTCOME_JSON = (o: string): string =>
    `jsonb_build_object('id', ${o}.proposal_id, 'rank', ${o}.rank, 'tier', ${o}.tier, 'requested', ${o}.requested::text,
      'allocated', ${o}.allocated::text, 'status', ${o}.status, 'reason', ${o}.reason, 'constraint', ${o}.binding,
      'available', ${o}.available::text, 'limit', ${o}.limit_kind)`

  const readOutcome = (o: OutcomeJson): Allocation.Outcome => ({
    id: o.id,
    rank: o.rank,
    tier: o.tier ?? undefined,
    requested: money(o.requested),
    allocated: money(o.allocated),
    status: o.status,
    reason: o.reason,
    constraint: o.constraint,
    available: money(o.available),
    limit: o.limit
  })

  const readAllocation = async (q: Queryable, id: string): Promise<Storage.StoredAllocation | undefined> => {
    const [r] = await q.query(
      `SELECT a.id, a.plan_id, a.policy, a.reserve, a.ceilings, a.envelope, a.requested, a.reserve_amount, a.distributable,
              a.allocated, a.unallocated, ${ts("a.saved_at")} AS saved_at,
              COALESCE((SELECT jsonb_agg(${OUTCOME_JSON("o")} ORDER BY o.rank) FROM ${T.outcomes} o WHERE o.allocation_id = a.id), '[]'::jsonb) AS outcomes
         FROM ${T.allocations} a WHERE a.id = $1`,
      [id]
    )
    if (r === undefined) return undefined
    const allocation: Allocation.Allocation = {
      policy: Storage.fromExactJson(r["policy"]) as Allocation.Policy,
      outcomes: (r["outcomes"] as ReadonlyArray<OutcomeJson>).map(readOutcome),
      totals: {
        envelope: money(r["envelope"]),
        requested: money(r["requested"]),
        reserve: money(r["reserve_amount"]),
        distributable: money(r["distributable"]),
        allocated: money(r["allocated"]),
        unallocated: money(r["unallocated"])
      },
      reserve: r["reserve"] === null ? undefined : (Storage.fromExactJson(r["reserve"]) as Allocation.Allocation["reserve"]),
      ceilings: Storage.fromExactJson(r["ceilings"]) as Allocation.Allocation["ceilings"]
    }
    return { id, planId: (r["plan_id"] as string | null) ?? undefined, allocation, savedAt: r["saved_at"] as string }
  }

  // ---- contracts and the ledger

  const readContract = (r: Row): Storage.ContractRecord => ({
    contract: Storage.decodeContract(r["document"], String(r["id"])),
    proposalId: (r["proposal_id"] as string | null) ?? undefined,
    savedAt: r["saved_at"] as string
  })
  const CONTRACT_COLUMNS = `id, proposal_id, document, ${ts("saved_at")} AS saved_at`

  const readEvent = (r: Row): Ledger.Event => {
    const evidence: Record<string, unknown> = {}
    if (r["progress_numerator"] !== null)
      evidence["progressShare"] = { numerator: BigInt(r["progress_numerator"] as string), denominator: BigInt(r["progress_denominator"] as string) }
    if (r["base_acceptance"] !== null) evidence["baseAcceptance"] = r["base_acceptance"]
    if (r["business_registration"] !== null) evidence["businessRegistration"] = r["business_registration"]
    if (r["completed_value"] !== null) evidence["completedValue"] = money(r["completed_value"])
    if (r["decision"] !== null) evidence["decision"] = r["decision"]
    if (r["decided_on"] !== null && r["decided_on"] !== undefined) evidence["decidedOn"] = r["decided_on"]
    if (r["decided_by"] !== null && r["decided_by"] !== undefined) evidence["decidedBy"] = r["decided_by"]
    if (r["legal_basis"] !== null && r["legal_basis"] !== undefined) evidence["legalBasis"] = r["legal_basis"]
    if (r["evaluation_id"] !== null && r["evaluation_id"] !== undefined) evidence["evaluationId"] = r["evaluation_id"]
    const e = {
      id: r["id"] as string,
      idempotencyKey: r["idempotency_key"] as string,
      kind: r["kind"] as Ledger.Kind,
      date: r["event_date"] as LocalDate.LocalDate,
      amount: money(r["amount"])
    }
    return Object.keys(evidence).length === 0 ? e : { ...e, evidence: evidence as Ledger.Evidence }
  }

  const ledgerOf = async (q: Queryable, contractId: string, lock: boolean): Promise<Ledger.Ledger | undefined> => {
    const [c] = await q.query(`SELECT id, document FROM ${T.contracts} WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [contractId])
    if (c === undefined) return undefined
    const contract = Storage.decodeContract(c["document"], contractId)
    const events = (
      await q.query(
        `SELECT id, idempotency_key, kind, ${day("event_date")} AS event_date, amount, progress_numerator::text AS progress_numerator,
                progress_denominator::text AS progress_denominator, ${day("base_acceptance")} AS base_acceptance,
                business_registration, completed_value, decision, ${day("decided_on")} AS decided_on, decided_by, legal_basis, evaluation_id
           FROM ${T.events} WHERE contract_id = $1 ORDER BY seq`,
        [contractId]
      )
    ).map(readEvent)
    const r = Ledger.replay(contract, events)
    if (r.rejected.length > 0)
      throw Storage.corrupt("ledger", contractId, `stored event ${r.rejected[0]?.event.id} breaks a rule: ${r.rejected[0]?.error.message}`)
    return r.ledger
  }

  const insertAllocation = async (q: Queryable, w: Storage.AllocationWrite): Promise<Storage.StoredAllocation> => {
    const hash = checksum(Storage.canonical({ planId: w.planId ?? null, allocation: w.allocation }))
    const [existing] = await q.query(`SELECT content_sha256 FROM ${T.allocations} WHERE id = $1 FOR UPDATE`, [w.id])
    if (existing !== undefined) {
      if (existing["content_sha256"] !== hash) throw Storage.alreadyStored("allocation", w.id)
      return (await readAllocation(q, w.id)) as Storage.StoredAllocation
    }
    const a = w.allocation
    await q.query(
      `INSERT INTO ${T.allocations} (id, plan_id, policy, reserve, ceilings, envelope, requested, reserve_amount, distributable,
                                     allocated, unallocated, content_sha256)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::numeric, $7::numeric, $8::numeric, $9::numeric, $10::numeric, $11::numeric, $12)`,
      [
        w.id,
        w.planId ?? null,
        json(Storage.toExactJson(a.policy)),
        a.reserve === undefined ? null : json(Storage.toExactJson(a.reserve)),
        json(Storage.toExactJson(a.ceilings)),
        a.totals.envelope.toString(),
        a.totals.requested.toString(),
        a.totals.reserve.toString(),
        a.totals.distributable.toString(),
        a.totals.allocated.toString(),
        a.totals.unallocated.toString(),
        hash
      ]
    )
    const o = a.outcomes
    if (o.length > 0)
      await q.query(
        `INSERT INTO ${T.outcomes} (allocation_id, rank, proposal_id, tier, requested, allocated, status, reason, binding, available, limit_kind)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::numeric[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::text[])`,
        [
          w.id,
          o.map((x) => x.rank),
          o.map((x) => x.id),
          o.map((x) => x.tier ?? null),
          o.map((x) => x.requested.toString()),
          o.map((x) => x.allocated.toString()),
          o.map((x) => x.status),
          o.map((x) => x.reason),
          o.map((x) => x.constraint),
          o.map((x) => x.available.toString()),
          o.map((x) => x.limit)
        ]
      )
    return (await readAllocation(q, w.id)) as Storage.StoredAllocation
  }

  const insertContract = async (q: Queryable, c: Contract.Contract): Promise<Storage.ContractRecord> => {
    const ref = c.evaluation as Contract.EvaluationRef
    const hash = checksum(Storage.canonical({ contract: c }))
    const [existing] = await q.query(`SELECT ${CONTRACT_COLUMNS}, content_sha256 FROM ${T.contracts} WHERE id = $1 FOR UPDATE`, [c.id])
    if (existing !== undefined) {
      if (existing["content_sha256"] !== hash) throw Storage.alreadyStored("contract", c.id)
      return readContract(existing)
    }
    // the proposal's lock serialises every change to its commitments (contracts, adjustments)
    if (!(await lockProposal(q, ref.proposalId))) throw Storage.unknownReference("proposal", ref.proposalId, ["evaluation", "proposalId"])
    const named = await evaluationOf(q, ref.proposalId, ref.evaluationId, ["evaluation", "evaluationId"])
    Storage.checkBasis(c, c.approvedSupport, named, await latestEvaluationId(q, ref.proposalId), await commitments(q, ref.proposalId), ["evaluation", "evaluationId"])
    const [r] = await q.query(
      `INSERT INTO ${T.contracts} (id, proposal_id, approved_support, signed_on, approved_on, plan_year, last_plan_year, province,
                                   pack_id, pack_version, document, content_sha256, evaluation_id)
       VALUES ($1, $2, $3::numeric, $4::date, $5::date, $6::int, $7::int, $8, $9, $10, $11::jsonb, $12, $13::bigint)
       RETURNING ${CONTRACT_COLUMNS}`,
      [
        c.id,
        ref.proposalId,
        c.approvedSupport.toString(),
        c.signed,
        c.approved,
        c.planYear,
        c.lastPlanYear,
        c.province ?? null,
        c.terms.packId,
        c.terms.packVersion,
        json(Storage.encodeContract(c)),
        hash,
        named.id
      ]
    )
    return readContract(r as Row)
  }

  /** Lock a proposal's row (SELECT … FOR UPDATE); false when it is not stored. */
  const lockProposal = async (q: Queryable, proposalId: string): Promise<boolean> =>
    (await q.query(`SELECT id FROM ${T.proposals} WHERE id = $1 FOR UPDATE`, [proposalId])).length > 0

  /** A stored evaluation of the proposal by the id the store gave it, else `storage/unknown-evaluation`. */
  const evaluationOf = async (q: Queryable, proposalId: string, id: string, path: ReadonlyArray<string | number>): Promise<Storage.StoredEvaluation> => {
    const [r] = await q.query(`SELECT ${EVALUATION_COLUMNS("e")} FROM ${T.evaluations} e WHERE e.id::text = $1 AND e.proposal_id = $2`, [id, proposalId])
    if (r === undefined) throw Storage.unknownReference("evaluation", `${id} (đề án ${proposalId})`, path)
    return readEvaluation(r)
  }

  const latestEvaluationId = async (q: Queryable, proposalId: string): Promise<string | undefined> => {
    const [r] = await q.query(`SELECT id::text AS id FROM ${T.evaluations} WHERE proposal_id = $1 ORDER BY id DESC LIMIT 1`, [proposalId])
    return r === undefined ? undefined : (r["id"] as string)
  }

  /** The approved support, after adjustments, of every contract of a proposal. */
  const commitments = async (q: Queryable, proposalId: string): Promise<Array<Contract.Commitment>> => {
    const rows = await q.query(
      `SELECT c.id, c.approved_support::text AS approved,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'idempotencyKey', e.idempotency_key, 'date', ${day("e.event_date")},
                                                            'amount', e.amount::text))
                          FROM ${T.events} e WHERE e.contract_id = c.id AND e.kind = 'adjustment'), '[]'::jsonb) AS adjustments
         FROM ${T.contracts} c WHERE c.proposal_id = $1`,
      [proposalId]
    )
    return rows.map((r) => {
      const adjustments = (r["adjustments"] as ReadonlyArray<{ id: string; idempotencyKey: string; date: string; amount: string }>).map(
        (a): Ledger.Event => ({ id: a.id, idempotencyKey: a.idempotencyKey, kind: "adjustment", date: a.date as LocalDate.LocalDate, amount: money(a.amount) })
      )
      return { contractId: r["id"] as string, approved: Storage.approvedAfter({ approvedSupport: money(r["approved"]) }, adjustments) }
    })
  }

  return {
    putEstablishments: (items, key) =>
      tx((q) =>
        keyed(q, key, async () => undefined, async () => {
          // the last save of an id wins, as when saved one by one
          const last = new Map(items.map((w) => [w.value.id, w]))
          const ws = [...last.values()]
          await q.query(
            `INSERT INTO ${T.establishments} (id, province_code, document)
             SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
             ON CONFLICT (id) DO UPDATE SET province_code = EXCLUDED.province_code, document = EXCLUDED.document, updated_at = now()`,
            [ws.map((w) => w.value.id), ws.map((w) => w.value.location.provinceCode), ws.map((w) => w.encodedJson)]
          )
          return { value: undefined, result: null }
        })
      ),
    getEstablishments: (ids) =>
      read(async (q) => {
        const rows = await q.query(`SELECT id, document FROM ${T.establishments} WHERE id = ANY($1::text[])`, [[...ids]])
        return new Map(rows.map((r) => [r["id"] as string, readEstablishment(r)]))
      }),
    listEstablishments: (filter, page) =>
      read(async (q) => {
        const { values, p } = params()
        const c: Array<string> = []
        if (filter.provinceCode !== undefined) c.push(`province_code = ${p(filter.provinceCode)}::text`)
        if (page.after !== undefined) c.push(`id > ${p(page.after)}::text`)
        const rows = await q.query(`SELECT id, document FROM ${T.establishments} ${where(c)} ORDER BY id LIMIT ${p(page.limit)}::int`, values)
        return rows.map(readEstablishment)
      }),

    putProposals: (items, options, key) =>
      tx((q) =>
        keyed(
          q,
          key,
          async (result) =>
            Promise.all(
              (result as ReadonlyArray<readonly [string, number]>).map(async ([id, version]) => {
                const [r] = await q.query(`SELECT ${VERSION_COLUMNS} FROM ${T.versions} v WHERE v.proposal_id = $1 AND v.version = $2`, [id, version])
                if (r === undefined) throw Storage.corrupt("proposal_versions", id, `version ${version} recorded under an idempotency key is missing`)
                return readVersion(r)
              })
            ),
          async () => {
            const saved = new Map<Storage.ProposalWrite, Row>()
            for (const run of uniqueRuns(items, (w) => w.value.id)) {
              const rows = await upsertProposals(q, run, options)
              for (const w of run) {
                const r = rows.get(w.value.id)
                if (r === undefined) throw new Error(`proposal ${w.value.id} was not saved`)
                saved.set(w, r)
              }
            }
            const out = items.map((w): Storage.ProposalVersion => {
              const r = saved.get(w) as Row
              const version = Number(r["version"])
              if (options.expectedVersion !== undefined && options.expectedVersion !== version - 1)
                throw Storage.versionConflict(w.value.id, options.expectedVersion, version - 1)
              return {
                proposal: w.value,
                version,
                status: r["status"] as Storage.ProposalStatus,
                savedAt: r["saved_at"] as string,
                author: options.author,
                note: options.note
              }
            })
            return { value: out, result: out.map((v) => [v.proposal.id, v.version]) }
          }
        )
      ),
    getProposal: (id, version) =>
      read(async (q) => {
        const [r] = await q.query(
          `SELECT ${VERSION_COLUMNS} FROM ${T.versions} v
            WHERE v.proposal_id = $1 AND v.version = COALESCE($2::int, (SELECT current_version FROM ${T.proposals} WHERE id = $1))`,
          [id, version ?? null]
        )
        return r === undefined ? undefined : readVersion(r)
      }),
    proposalHistory: (id) =>
      read(async (q) => (await q.query(`SELECT ${VERSION_COLUMNS} FROM ${T.versions} v WHERE v.proposal_id = $1 ORDER BY v.version`, [id])).map(readVersion)),
    listProposals: (filter, page) =>
      read(async (q) => {
        const { values, p } = params()
        const c = proposalConditions(filter, p)
        if (page.after !== undefined) c.push(`p.id > ${p(page.after)}::text`)
        const rows = await q.query(
          `SELECT ${VERSION_COLUMNS} FROM ${T.proposals} p
             JOIN ${T.versions} v ON v.proposal_id = p.id AND v.version = p.current_version
           ${where(c)} ORDER BY p.id LIMIT ${p(page.limit)}::int`,
          values
        )
        return rows.map(readVersion)
      }),
    summarize: (filter, groupBy) =>
      read(async (q) => {
        const { values, p } = params()
        const column: Record<Storage.SummaryKey, string> = {
          planYear: "p.plan_year",
          province: "p.primary_province",
          fund: "p.fund",
          status: "p.status"
        }
        const keys = groupBy.map((k) => `${column[k]} AS "${k}"`)
        const rows = await q.query(
          `SELECT ${[...keys, ""].join(", ")}
                  count(*)::int AS proposals, sum(p.requested_support)::text AS requested,
                  count(e.verdict)::int AS evaluated, (count(*) FILTER (WHERE e.verdict = 'eligible'))::int AS eligible,
                  COALESCE(sum(e.payable), 0)::text AS payable
             FROM ${T.proposals} p
             LEFT JOIN LATERAL (SELECT verdict, payable FROM ${T.evaluations} x WHERE x.proposal_id = p.id ORDER BY x.id DESC LIMIT 1) e ON true
           ${where(proposalConditions(filter, p))}
           ${groupBy.length === 0 ? "HAVING count(*) > 0" : `GROUP BY ${groupBy.map((k) => column[k]).join(", ")}`}
           ${groupBy.length === 0 ? "" : `ORDER BY ${groupBy.map((k) => `${column[k]} ASC NULLS LAST`).join(", ")}`}`,
          values
        )
        return rows.map((r) => {
          const out: Record<string, unknown> = {}
          for (const k of groupBy) out[k] = k === "planYear" ? Number(r[k]) : r[k]
          return {
            ...out,
            proposals: Number(r["proposals"]),
            requestedSupport: money(r["requested"]),
            evaluated: Number(r["evaluated"]),
            eligible: Number(r["eligible"]),
            payable: money(r["payable"])
          } as Storage.SummaryRow
        })
      }),

    putPlan: (w, key) =>
      tx(
        (q) => keyed(q, key, async () => undefined, async () => {
          const p = w.value
          await q.query(
            `INSERT INTO ${T.plans} (id, year, level, province_code, approval_number, approval_date)
             VALUES ($1, $2::int, $3, $4, $5, $6::date)
             ON CONFLICT (id) DO UPDATE SET year = EXCLUDED.year, level = EXCLUDED.level, province_code = EXCLUDED.province_code,
               approval_number = EXCLUDED.approval_number, approval_date = EXCLUDED.approval_date, updated_at = now()`,
            [p.id, p.year, p.level, p.provinceCode ?? null, p.approval?.number ?? null, p.approval?.date ?? null]
          )
          await q.query(`DELETE FROM ${T.envelopes} WHERE plan_id = $1`, [p.id])
          await q.query(`DELETE FROM ${T.planProposals} WHERE plan_id = $1`, [p.id])
          if (p.envelopes.length > 0)
            await q.query(
              `INSERT INTO ${T.envelopes} (plan_id, position, year, level, province_code, amount, source_kind, source_note, decision_number, decision_date)
               SELECT $1, ord - 1, year, level, province_code, amount, source_kind, source_note, decision_number, decision_date
                 FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::text[], $9::date[])
                   WITH ORDINALITY AS t(year, level, province_code, amount, source_kind, source_note, decision_number, decision_date, ord)`,
              [
                p.id,
                p.envelopes.map((e) => e.year),
                p.envelopes.map((e) => e.level),
                p.envelopes.map((e) => e.provinceCode ?? null),
                p.envelopes.map((e) => e.amount.toString()),
                p.envelopes.map((e) => e.source.kind),
                p.envelopes.map((e) => e.source.note ?? null),
                p.envelopes.map((e) => e.decision?.number ?? null),
                p.envelopes.map((e) => e.decision?.date ?? null)
              ]
            )
          if (p.proposalIds.length > 0)
            await q.query(
              `INSERT INTO ${T.planProposals} (plan_id, position, proposal_id)
               SELECT $1, ord - 1, proposal_id FROM unnest($2::text[]) WITH ORDINALITY AS t(proposal_id, ord)`,
              [p.id, [...p.proposalIds]]
            )
          return { value: undefined, result: null }
        }),
        (e) => {
          if (constraintOf(e) !== "plan_proposals_proposal_fkey") return e
          const id = keyValues(e)?.[0] ?? "?"
          return Storage.unknownReference("proposal", id, ["proposalIds", w.value.proposalIds.indexOf(id)])
        }
      ),
    getPlan: (id) =>
      read(async (q) => {
        const [r] = await q.query(`${PLAN_SELECT} WHERE p.id = $1`, [id])
        return r === undefined ? undefined : readPlan(r)
      }),
    listPlans: (f) =>
      read(async (q) => {
        const { values, p } = params()
        const c: Array<string> = []
        if (f.year !== undefined) c.push(`p.year = ${p(f.year)}::int`)
        if (f.level !== undefined) c.push(`p.level = ${p(f.level)}::text`)
        if (f.provinceCode !== undefined) c.push(`p.province_code = ${p(f.provinceCode)}::text`)
        return (await q.query(`${PLAN_SELECT} ${where(c)} ORDER BY p.id`, values)).map(readPlan)
      }),
    listEnvelopes: (f) =>
      read(async (q) => {
        const { values, p } = params()
        const c: Array<string> = []
        if (f.year !== undefined) c.push(`e.year = ${p(f.year)}::int`)
        if (f.level !== undefined) c.push(`e.level = ${p(f.level)}::text`)
        if (f.provinceCode !== undefined) c.push(`e.province_code = ${p(f.provinceCode)}::text`)
        if (f.planId !== undefined) c.push(`e.plan_id = ${p(f.planId)}::text`)
        const rows = await q.query(
          `SELECT e.plan_id, e.position, jsonb_build_object(
              'year', e.year, 'level', e.level, 'provinceCode', e.province_code, 'amount', e.amount::text,
              'sourceKind', e.source_kind, 'sourceNote', e.source_note,
              'decisionNumber', e.decision_number, 'decisionDate', ${day("e.decision_date")}) AS envelope
             FROM ${T.envelopes} e ${where(c)} ORDER BY e.plan_id, e.position`,
          values
        )
        return rows.map((r) => {
          const d = Plan.decodeBudgetEnvelope(envelopeEncoded(r["envelope"] as EnvelopeJson))
          if (!d.ok) throw Storage.corrupt("plan envelope", String(r["plan_id"]), d.error)
          return { planId: r["plan_id"] as string, index: Number(r["position"]), envelope: d.value }
        })
      }),

    putEvaluations: (items, key) =>
      tx((q) =>
        keyed(
          q,
          key,
          async (result) => {
            const ids = result as ReadonlyArray<string>
            const rows = await q.query(`SELECT ${EVALUATION_COLUMNS("e")} FROM ${T.evaluations} e WHERE e.id::text = ANY($1::text[])`, [[...ids]])
            const byId = new Map(rows.map((r) => [String(r["id"]), readEvaluation(r)]))
            return ids.map((id) => {
              const e = byId.get(id)
              if (e === undefined) throw Storage.corrupt("evaluations", id, "an evaluation recorded under an idempotency key is missing")
              return e
            })
          },
          async () => {
            const ids = [...new Set(items.map((w) => w.proposalId))]
            const heads = new Map(
              (await q.query(`SELECT id, current_version FROM ${T.proposals} WHERE id = ANY($1::text[])`, [ids])).map((r) => [
                r["id"] as string,
                Number(r["current_version"])
              ])
            )
            const versions = items.map((w, i) => {
              const current = heads.get(w.proposalId)
              if (current === undefined) throw Storage.unknownReference("proposal", w.proposalId, [i, "proposalId"])
              const v = w.proposalVersion ?? current
              if (v > current) throw Storage.unknownReference("proposal-version", `${w.proposalId}@${v}`, [i, "proposalVersion"])
              return v
            })
            const seq = (
              await q.query(
                `SELECT n::text AS id FROM (SELECT nextval(pg_get_serial_sequence($1, 'id')) AS n FROM generate_series(1, $2::int)) s ORDER BY n`,
                [T.evaluations, items.length]
              )
            ).map((r) => r["id"] as string)
            const [now] = await q.query(`SELECT ${ts("now()")} AS at`)
            await q.query(
              `INSERT INTO ${T.evaluations} (id, proposal_id, proposal_version, pack_id, pack_version, evaluated_on, verdict,
                                             payable, support, requested, eligible_cost, grade, failures, trace, document)
               SELECT t.id, t.proposal_id, t.proposal_version, t.pack_id, t.pack_version, t.evaluated_on, t.verdict, t.payable, t.support,
                      t.requested, t.eligible_cost, t.grade, t.failures, NULLIF(t.trace, 'null'::jsonb), t.document
                 FROM ROWS FROM (unnest($1::bigint[]), unnest($2::text[]), unnest($3::int[]), unnest($4::text[]), unnest($5::text[]),
                                 unnest($6::date[]), unnest($7::text[]), unnest($8::numeric[]), unnest($9::numeric[]), unnest($10::numeric[]),
                                 unnest($11::numeric[]), unnest($12::text[]), jsonb_array_elements($13::jsonb), jsonb_array_elements($14::jsonb),
                                 jsonb_array_elements($15::jsonb))
                   AS t(id, proposal_id, proposal_version, pack_id, pack_version, evaluated_on, verdict, payable, support, requested,
                        eligible_cost, grade, failures, trace, document)`,
              [
                seq,
                items.map((w) => w.proposalId),
                versions,
                items.map((w) => w.packId),
                items.map((w) => w.packVersion),
                items.map((w) => w.date),
                items.map((w) => w.verdict),
                items.map((w) => w.payable.toString()),
                items.map((w) => w.support.toString()),
                items.map((w) => w.requested.toString()),
                items.map((w) => w.eligibleCost.toString()),
                items.map((w) => w.grade),
                // the JSON columns as one JSON array each (no array-literal escaping of 17 kB documents);
                // an evaluation without a trace is JSON null there, SQL NULL in the table
                json(items.map((w) => w.failures)),
                json(items.map((w) => w.traceJson ?? null)),
                json(items.map((w) => w.document))
              ]
            )
            const value = items.map((w, i) => ({
              id: seq[i] as string,
              ...Storage.evaluationSummary(w),
              proposalVersion: versions[i] as number,
              failures: w.failures,
              trace: w.trace,
              evaluation: w.evaluation,
              evaluatedAt: now?.["at"] as string
            }))
            return { value, result: seq }
          }
        )
      ),
    latestEvaluation: (proposalId, packId) =>
      read(async (q) => {
        const [r] = await q.query(
          `SELECT ${EVALUATION_COLUMNS("e")} FROM ${T.evaluations} e
            WHERE e.proposal_id = $1 AND ($2::text IS NULL OR e.pack_id = $2::text) ORDER BY e.id DESC LIMIT 1`,
          [proposalId, packId ?? null]
        )
        return r === undefined ? undefined : readEvaluation(r)
      }),
    evaluationHistory: (proposalId) =>
      read(async (q) =>
        (await q.query(`SELECT ${EVALUATION_COLUMNS("e")} FROM ${T.evaluations} e WHERE e.proposal_id = $1 ORDER BY e.id`, [proposalId])).map(
          readEvaluation
        )
      ),
    listEvaluations: (filter, page) =>
      read(async (q) => {
        const { values, p } = params()
        const pack = filter.packId === undefined ? "" : ` AND x.pack_id = ${p(filter.packId)}::text`
        const c = proposalConditions(filter, p)
        if (filter.verdict !== undefined) c.push(`e.verdict = ${p(filter.verdict)}::text`)
        if (page.after !== undefined) c.push(`p.id > ${p(page.after)}::text`)
        const rows = await q.query(
          `SELECT ${EVALUATION_COLUMNS("e")} FROM ${T.proposals} p
             CROSS JOIN LATERAL (SELECT * FROM ${T.evaluations} x WHERE x.proposal_id = p.id${pack} ORDER BY x.id DESC LIMIT 1) e
           ${where(c)} ORDER BY p.id LIMIT ${p(page.limit)}::int`,
          values
        )
        return rows.map(readEvaluation)
      }),

    putAllocation: (w, key) =>
      tx(
        (q) => keyed(q, key, async (result) => (await readAllocation(q, result as string)) as Storage.StoredAllocation, async () => ({ value: await insertAllocation(q, w), result: w.id })),
        (e) => {
          if (constraintOf(e) !== "allocation_outcomes_proposal_fkey") return e
          const id = keyValues(e)?.[0] ?? "?"
          return Storage.unknownReference("proposal", id, ["allocation", "outcomes", w.allocation.outcomes.findIndex((o) => o.id === id), "id"])
        }
      ),
    getAllocation: (id) => read((q) => readAllocation(q, id)),
    allocationOutcomes: (proposalId) =>
      read(async (q) => {
        const rows = await q.query(
          `SELECT o.allocation_id, a.plan_id, ${OUTCOME_JSON("o")} AS outcome
             FROM ${T.outcomes} o JOIN ${T.allocations} a ON a.id = o.allocation_id
            WHERE o.proposal_id = $1 ORDER BY o.allocation_id`,
          [proposalId]
        )
        return rows.map((r) => ({
          allocationId: r["allocation_id"] as string,
          planId: (r["plan_id"] as string | null) ?? undefined,
          outcome: readOutcome(r["outcome"] as OutcomeJson)
        }))
      }),

    putContract: (c, key) =>
      tx((q) =>
        keyed(
          q,
          key,
          async (result) => {
            const [r] = await q.query(`SELECT ${CONTRACT_COLUMNS} FROM ${T.contracts} WHERE id = $1`, [result as string])
            if (r === undefined) throw Storage.corrupt("contracts", String(result), "a contract recorded under an idempotency key is missing")
            return readContract(r)
          },
          async () => ({ value: await insertContract(q, c), result: c.id })
        )
      ),
    getContract: (id) =>
      read(async (q) => {
        const [r] = await q.query(`SELECT ${CONTRACT_COLUMNS} FROM ${T.contracts} WHERE id = $1`, [id])
        return r === undefined ? undefined : readContract(r)
      }),
    listContracts: (f) =>
      read(async (q) => {
        const { values, p } = params()
        const c: Array<string> = []
        if (f.planYear !== undefined) c.push(`plan_year = ${p(f.planYear)}::int`)
        if (f.province !== undefined) c.push(`province = ${p(f.province)}::text`)
        if (f.proposalId !== undefined) c.push(`proposal_id = ${p(f.proposalId)}::text`)
        return (await q.query(`SELECT ${CONTRACT_COLUMNS} FROM ${T.contracts} ${where(c)} ORDER BY id`, values)).map(readContract)
      }),

    postEvent: (contractId, event, author) =>
      tx(async (q) => {
        // an adjustment changes the proposal's commitments: lock the proposal first (then the contract, as a contract save does)
        const adjustment = typeof event === "object" && event !== null && event.kind === "adjustment"
        let proposalId: string | undefined
        if (adjustment) {
          const [row] = await q.query(`SELECT proposal_id FROM ${T.contracts} WHERE id = $1`, [contractId])
          proposalId = (row?.["proposal_id"] as string | null | undefined) ?? undefined
          if (proposalId !== undefined) await lockProposal(q, proposalId)
        }
        const ledger = await ledgerOf(q, contractId, true)
        if (ledger === undefined) throw Storage.unknownReference("contract", contractId, ["contractId"])
        const namedId = adjustment ? event.evidence?.evaluationId : undefined
        const named = proposalId !== undefined && typeof namedId === "string" ? await evaluationOf(q, proposalId, namedId, ["evidence", "evaluationId"]) : undefined
        const others = adjustment && proposalId !== undefined ? await commitments(q, proposalId) : []
        const latestId = proposalId === undefined ? undefined : await latestEvaluationId(q, proposalId)
        // a superseded evaluation is reported as such (checkBasis below), not as what it would allow
        const r = Ledger.post(ledger, event, named === undefined || named.id !== latestId ? undefined : { evaluation: named, committedElsewhere: others })
        if (!r.ok) throw r.error
        // Ledger.post accepted an event whose key is already in the ledger: a retry with the same content
        const original = ledger.events.find((e) => e.idempotencyKey === event.idempotencyKey)
        if (original !== undefined) {
          const [row] = await q.query(`SELECT author FROM ${T.events} WHERE contract_id = $1 AND id = $2`, [contractId, original.id])
          const by = (row?.["author"] as string | null | undefined) ?? undefined
          // the same key and content from another author is not a retry of the original
          if (by !== author) throw Storage.idempotencyConflict(event.idempotencyKey, original.id, contractId)
          return { event: original, author: by, replayed: true, ledger }
        }
        const approved = Ledger.balances(r.value).approved
        if (adjustment && approved > Ledger.balances(ledger).approved) {
          if (proposalId === undefined || named === undefined) throw Storage.noEvaluationBasis(ledger.contract, event)
          Storage.checkBasis(ledger.contract, approved, named, latestId, others, ["evidence", "evaluationId"])
        }
        const [other] = await q.query(`SELECT contract_id, id FROM ${T.events} WHERE idempotency_key = $1`, [event.idempotencyKey])
        if (other !== undefined) throw Storage.idempotencyConflict(event.idempotencyKey, other["id"] as string, other["contract_id"] as string)
        const ev = event.evidence
        await q.query(
          `INSERT INTO ${T.events} (contract_id, id, idempotency_key, kind, event_date, amount, progress_numerator, progress_denominator,
                                    base_acceptance, business_registration, completed_value, decision, decided_on, decided_by, legal_basis, evaluation_id, author)
           VALUES ($1, $2, $3, $4, $5::date, $6::numeric, $7::numeric, $8::numeric, $9::date, $10, $11::numeric, $12, $13::date, $14, $15, $16, $17)`,
          [
            contractId,
            event.id,
            event.idempotencyKey,
            event.kind,
            event.date,
            event.amount.toString(),
            ev?.progressShare?.numerator.toString() ?? null,
            ev?.progressShare?.denominator.toString() ?? null,
            ev?.baseAcceptance ?? null,
            ev?.businessRegistration ?? null,
            ev?.completedValue?.toString() ?? null,
            ev?.decision ?? null,
            ev?.decidedOn ?? null,
            ev?.decidedBy ?? null,
            ev?.legalBasis ?? null,
            ev?.evaluationId ?? null,
            author ?? null
          ]
        )
        return { event, author, replayed: false, ledger: r.value }
      }),
    getLedger: (contractId) => read((q) => ledgerOf(q, contractId, false)),
    getAuthors: (contractId) =>
      read(async (q) => {
        const [c] = await q.query(`SELECT id FROM ${T.contracts} WHERE id = $1`, [contractId])
        if (c === undefined) return undefined
        const rows = await q.query(`SELECT id, author FROM ${T.events} WHERE contract_id = $1 AND author IS NOT NULL ORDER BY seq`, [contractId])
        return new Map(rows.map((r) => [r["id"] as string, r["author"] as string]))
      }),
    close: () => driver.close()
  }
}
