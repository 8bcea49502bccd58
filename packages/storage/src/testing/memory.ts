/**
 * In-memory store (kho lưu trữ trong bộ nhớ): a complete {@link Storage.Store} kept in maps, for
 * tests, examples and prototypes. It passes the same contract suite as the PostgreSQL adapter
 * (`storageContract`): the same validation (it is built with `Storage.make`), the same typed errors,
 * the same ordering (ids in code-point order), all-or-nothing writes (every write is checked in
 * full before anything is changed, and no write awaits halfway, so concurrent calls cannot
 * interleave) and the same ledger rules (`Ledger.post`). Nothing survives the process.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { memoryStore } from "@khuyencong/storage/testing"
 * const store = memoryStore()
 * const v = await Effect.runPromise(store.saveProposal(proposal)) // v.version === 1
 * ```
 * @since 0.1.0
 * @module
 */
import { type Contract, type Eligibility, Establishment, Ledger, Money, Plan, Proposal } from "@khuyencong/core"
import * as Storage from "../Storage.js"
import type * as Layer from "effect/Layer"

/** Compare ids by code point (what a binary collation does), not by UTF-16 unit. */
const compareIds = (a: string, b: string): number => {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number
    const y = b.codePointAt(i) as number
    if (x !== y) return x < y ? -1 : 1
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

const byId = <T>(key: (t: T) => string) => (a: T, b: T): number => compareIds(key(a), key(b))

const pageOf = <T>(items: ReadonlyArray<T>, key: (t: T) => string, page: Storage.ResolvedPage): Array<T> =>
  items
    .filter((t) => page.after === undefined || compareIds(key(t), page.after) > 0)
    .sort(byId(key))
    .slice(0, page.limit)

const now = (): string => new Date().toISOString()

interface VersionRow {
  readonly encoded: Proposal.Encoded
  readonly version: number
  readonly status: Storage.ProposalStatus
  readonly savedAt: string
  readonly author: string | undefined
  readonly note: string | undefined
}

interface ProposalRow {
  readonly id: string
  readonly write: Storage.ProposalWrite
  readonly status: Storage.ProposalStatus
  readonly versions: ReadonlyArray<VersionRow>
}

interface EvaluationRow {
  readonly id: number
  readonly write: Storage.EvaluationWrite
  readonly proposalVersion: number
  readonly evaluatedAt: string
}

interface AllocationRow {
  readonly id: string
  readonly planId: string | undefined
  readonly json: unknown
  readonly canonical: string
  readonly savedAt: string
}

interface ContractRow {
  readonly json: unknown
  readonly canonical: string
  readonly proposalId: string | undefined
  readonly savedAt: string
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/**
 * The in-memory backend (the persistence half, without validation): use {@link memoryStore}
 * unless you are testing `Storage.make` itself.
 * @example `Storage.make(memoryBackend())`
 * @category stores
 * @since 0.1.0
 */
export const memoryBackend = (): Storage.Backend => {
  const establishments = new Map<string, Establishment.Encoded>()
  const proposals = new Map<string, ProposalRow>()
  const plans = new Map<string, Plan.Encoded>()
  const evaluations: Array<EvaluationRow> = []
  const allocations = new Map<string, AllocationRow>()
  const contracts = new Map<string, ContractRow>()
  const ledgers = new Map<string, Ledger.Ledger>()
  /** Who posted each event (contract id → event id → author). */
  const authors = new Map<string, Map<string, string>>()
  const keys = new Map<string, { readonly contractId: string; readonly eventId: string }>()
  const writeKeys = new Map<string, { readonly operation: string; readonly content: string; readonly result: unknown }>()
  let evaluationSeq = 0

  /**
   * A write under an idempotency key: a key already recorded replays its result (or is a
   * conflict); otherwise the write runs and the key is recorded with it. Nothing awaits in
   * between, so concurrent calls cannot interleave.
   */
  const keyed = <A>(key: Storage.WriteKey | undefined, replay: (result: unknown) => A, write: () => { readonly value: A; readonly result: unknown }): A => {
    if (key === undefined) return write().value
    const seen = writeKeys.get(key.key)
    if (seen !== undefined) {
      if (seen.operation !== key.operation || seen.content !== key.content) throw Storage.writeKeyConflict(key.key, key.operation, seen.operation)
      return replay(seen.result)
    }
    const { value, result } = write()
    writeKeys.set(key.key, { operation: key.operation, content: key.content, result })
    return value
  }

  const clone = <T>(v: T): T => structuredClone(v)

  const readEstablishment = (id: string, encoded: Establishment.Encoded): Establishment.Establishment => {
    const r = Establishment.decode(clone(encoded))
    if (!r.ok) throw Storage.corrupt("establishment", id, r.error)
    return r.value
  }
  const readVersion = (id: string, v: VersionRow): Storage.ProposalVersion => {
    const r = Proposal.decode(clone(v.encoded))
    if (!r.ok) throw Storage.corrupt("proposal", id, r.error)
    return { proposal: r.value, version: v.version, status: v.status, savedAt: v.savedAt, author: v.author, note: v.note }
  }
  const current = (row: ProposalRow): VersionRow => row.versions[row.versions.length - 1] as VersionRow
  const readPlan = (id: string, encoded: Plan.Encoded): Plan.Plan => {
    const r = Plan.decode(clone(encoded))
    if (!r.ok) throw Storage.corrupt("plan", id, r.error)
    return r.value
  }
  const readEvaluation = (row: EvaluationRow): Storage.StoredEvaluation => {
    const w = row.write
    return {
      id: String(row.id),
      ...Storage.evaluationSummary(w),
      proposalVersion: row.proposalVersion,
      failures: clone(w.failures),
      trace: Storage.readTrace(w.traceJson === undefined ? undefined : clone(w.traceJson), String(row.id)),
      evaluation: Storage.readEvaluation(clone(w.document), w.traceJson === undefined ? undefined : clone(w.traceJson), String(row.id)),
      evaluatedAt: row.evaluatedAt
    }
  }
  const readContract = (id: string, row: ContractRow): Storage.ContractRecord => ({
    contract: Storage.decodeContract(clone(row.json), id),
    proposalId: row.proposalId,
    savedAt: row.savedAt
  })
  const readAllocation = (row: AllocationRow): Storage.StoredAllocation => ({
    id: row.id,
    planId: row.planId,
    allocation: Storage.fromExactJson(clone(row.json)) as Storage.StoredAllocation["allocation"],
    savedAt: row.savedAt
  })

  /** The proposals matching a query, by id. */
  const matching = (f: Storage.ProposalQuery): Array<ProposalRow> => {
    const inPlan =
      f.planId === undefined ? undefined : new Set((plans.get(f.planId)?.proposalIds ?? []) as ReadonlyArray<string>)
    const ids = f.ids === undefined ? undefined : new Set(f.ids)
    return [...proposals.values()].filter(
      (r) =>
        (f.planYear === undefined || r.write.planYear === f.planYear) &&
        (f.fund === undefined || r.write.fund === f.fund) &&
        (f.provinceCode === undefined || r.write.provinceCodes.includes(f.provinceCode)) &&
        (f.status === undefined || f.status.includes(r.status)) &&
        (inPlan === undefined || inPlan.has(r.id)) &&
        (ids === undefined || ids.has(r.id))
    )
  }

  const latestOf = (proposalId: string, packId: string | undefined): EvaluationRow | undefined => {
    for (let i = evaluations.length - 1; i >= 0; i--) {
      const e = evaluations[i] as EvaluationRow
      if (e.write.proposalId === proposalId && (packId === undefined || e.write.packId === packId)) return e
    }
    return undefined
  }

  const putProposals = (
    items: ReadonlyArray<Storage.ProposalWrite>,
    options: Storage.SaveBatchOptions & { readonly expectedVersion?: number }
  ): Array<Storage.ProposalVersion> => {
    // check everything first, then write: all or nothing
    const next = new Map<string, ProposalRow>()
    const at = now()
    const out: Array<Storage.ProposalVersion> = []
    items.forEach((w) => {
      const id = w.value.id
      const before = next.get(id) ?? proposals.get(id)
      const version = (before?.versions.length ?? 0) + 1
      if (options.expectedVersion !== undefined && options.expectedVersion !== version - 1)
        throw Storage.versionConflict(id, options.expectedVersion, version - 1)
      const status = options.status ?? before?.status ?? "draft"
      const row: VersionRow = { encoded: clone(w.encoded), version, status, savedAt: at, author: options.author, note: options.note }
      next.set(id, { id, write: w, status, versions: [...(before?.versions ?? []), row] })
      out.push(readVersion(id, row))
    })
    for (const [id, row] of next) proposals.set(id, row)
    return out
  }

  const putAllocation = (w: Storage.AllocationWrite): Storage.StoredAllocation => {
    const json = Storage.toExactJson(w.allocation)
    const canonical = Storage.canonical({ planId: w.planId ?? null, allocation: w.allocation })
    const existing = allocations.get(w.id)
    if (existing !== undefined) {
      if (existing.canonical === canonical) return readAllocation(existing)
      throw Storage.alreadyStored("allocation", w.id)
    }
    if (w.planId !== undefined && !plans.has(w.planId)) throw Storage.unknownReference("plan", w.planId, ["planId"])
    w.allocation.outcomes.forEach((o, i) => {
      if (!proposals.has(o.id)) throw Storage.unknownReference("proposal", o.id, ["allocation", "outcomes", i, "id"])
    })
    const row: AllocationRow = { id: w.id, planId: w.planId, json, canonical, savedAt: now() }
    allocations.set(w.id, row)
    return readAllocation(row)
  }

  /** The approved support (after adjustments) of a proposal's contracts. */
  const commitments = (proposalId: string): Array<Contract.Commitment> =>
    [...contracts.entries()]
      .filter(([, row]) => row.proposalId === proposalId)
      .map(([id]) => ({ contractId: id, approved: Ledger.balances(ledgers.get(id) as Ledger.Ledger).approved }))

  /** A stored evaluation of the proposal by id, else `storage/unknown-evaluation`. */
  const evaluationOf = (proposalId: string, id: string, path: ReadonlyArray<string | number>): Storage.StoredEvaluation => {
    const row = evaluations.find((e) => String(e.id) === id && e.write.proposalId === proposalId)
    if (row === undefined) throw Storage.unknownReference("evaluation", `${id} (đề án ${proposalId})`, path)
    return readEvaluation(row)
  }

  const putContract = (c: Contract.Contract): Storage.ContractRecord => {
    const ref = c.evaluation as Contract.EvaluationRef
    const canonical = Storage.canonical({ contract: c })
    const existing = contracts.get(c.id)
    if (existing !== undefined) {
      if (existing.canonical === canonical) return readContract(c.id, existing)
      throw Storage.alreadyStored("contract", c.id)
    }
    if (!proposals.has(ref.proposalId)) throw Storage.unknownReference("proposal", ref.proposalId, ["evaluation", "proposalId"])
    const named = evaluationOf(ref.proposalId, ref.evaluationId, ["evaluation", "evaluationId"])
    const latest = latestOf(ref.proposalId, undefined)
    Storage.checkBasis(c, c.approvedSupport, named, latest === undefined ? undefined : String(latest.id), commitments(ref.proposalId), ["evaluation", "evaluationId"])
    const row: ContractRow = { json: Storage.encodeContract(c), canonical, proposalId: ref.proposalId, savedAt: now() }
    contracts.set(c.id, row)
    const stored = readContract(c.id, row)
    ledgers.set(c.id, Ledger.open(stored.contract))
    return stored
  }

  return {
    putEstablishments: async (items, key) =>
      keyed(
        key,
        () => undefined,
        () => {
          for (const w of items) establishments.set(w.value.id, clone(w.encoded))
          return { value: undefined, result: null }
        }
      ),
    getEstablishments: async (ids) => {
      const out = new Map<string, Establishment.Establishment>()
      for (const id of ids) {
        const e = establishments.get(id)
        if (e !== undefined) out.set(id, readEstablishment(id, e))
      }
      return out
    },
    listEstablishments: async (filter, page) =>
      pageOf(
        [...establishments.entries()].filter(([, e]) => filter.provinceCode === undefined || e.location.provinceCode === filter.provinceCode),
        ([id]) => id,
        page
      ).map(([id, e]) => readEstablishment(id, e)),

    putProposals: async (items, options, key) =>
      keyed(
        key,
        (result) =>
          (result as ReadonlyArray<readonly [string, number]>).map(([id, version]) =>
            readVersion(id, (proposals.get(id) as ProposalRow).versions[version - 1] as VersionRow)
          ),
        () => {
          const value = putProposals(items, options)
          return { value, result: value.map((v) => [v.proposal.id, v.version]) }
        }
      ),
    getProposal: async (id, version) => {
      const row = proposals.get(id)
      if (row === undefined) return undefined
      const v = version === undefined ? current(row) : row.versions[version - 1]
      return v === undefined ? undefined : readVersion(id, v)
    },
    proposalHistory: async (id) => (proposals.get(id)?.versions ?? []).map((v) => readVersion(id, v)),
    listProposals: async (filter, page) => pageOf(matching(filter), (r) => r.id, page).map((r) => readVersion(r.id, current(r))),
    summarize: async (filter, groupBy) => {
      const groups = new Map<string, { keys: Record<string, unknown>; rows: Array<ProposalRow> }>()
      for (const r of matching(filter)) {
        const keys: Record<string, unknown> = {}
        for (const k of groupBy)
          keys[k] = k === "planYear" ? r.write.planYear : k === "province" ? (r.write.primaryProvince ?? null) : k === "fund" ? r.write.fund : r.status
        const key = JSON.stringify(groupBy.map((k) => keys[k]))
        const g = groups.get(key) ?? { keys, rows: [] }
        g.rows.push(r)
        groups.set(key, g)
      }
      const rows = [...groups.values()].map(({ keys, rows }) => {
        let requested = 0n
        let evaluated = 0
        let eligible = 0
        let payable = 0n
        for (const r of rows) {
          requested += r.write.requestedSupport
          const e = latestOf(r.id, undefined)
          if (e !== undefined) {
            evaluated++
            if (e.write.verdict === "eligible") eligible++
            payable += e.write.payable
          }
        }
        return {
          ...keys,
          proposals: rows.length,
          requestedSupport: Money.make(requested),
          evaluated,
          eligible,
          payable: Money.make(payable)
        } as Storage.SummaryRow
      })
      const cmp = (a: unknown, b: unknown): number =>
        a === b ? 0 : a === null ? 1 : b === null ? -1 : typeof a === "number" && typeof b === "number" ? a - b : compareIds(String(a), String(b))
      return rows.sort((a, b) => {
        for (const k of groupBy) {
          const c = cmp(a[k], b[k])
          if (c !== 0) return c
        }
        return 0
      })
    },

    putPlan: async (w, key) =>
      keyed(
        key,
        () => undefined,
        () => {
          w.value.proposalIds.forEach((id, k) => {
            if (!proposals.has(id)) throw Storage.unknownReference("proposal", id, ["proposalIds", k])
          })
          plans.set(w.value.id, clone(w.encoded))
          return { value: undefined, result: null }
        }
      ),
    getPlan: async (id) => {
      const p = plans.get(id)
      return p === undefined ? undefined : readPlan(id, p)
    },
    listPlans: async (f) =>
      [...plans.entries()]
        .filter(
          ([, p]) =>
            (f.year === undefined || p.year === f.year) &&
            (f.level === undefined || p.level === f.level) &&
            (f.provinceCode === undefined || p.provinceCode === f.provinceCode)
        )
        .sort(byId(([id]) => id))
        .map(([id, p]) => readPlan(id, p)),
    listEnvelopes: async (f) =>
      [...plans.entries()]
        .filter(([id]) => f.planId === undefined || id === f.planId)
        .sort(byId(([id]) => id))
        .flatMap(([id, p]) =>
          readPlan(id, p).envelopes.flatMap((envelope, index) =>
            (f.year === undefined || envelope.year === f.year) &&
            (f.level === undefined || envelope.level === f.level) &&
            (f.provinceCode === undefined || envelope.provinceCode === f.provinceCode)
              ? [{ planId: id, index, envelope }]
              : []
          )
        ),

    putEvaluations: async (items, key) =>
      keyed(
        key,
        (result) => (result as ReadonlyArray<number>).map((id) => readEvaluation(evaluations.find((e) => e.id === id) as EvaluationRow)),
        () => {
          const versions = items.map((w, i) => {
            const row = proposals.get(w.proposalId)
            if (row === undefined) throw Storage.unknownReference("proposal", w.proposalId, [i, "proposalId"])
            const v = w.proposalVersion ?? row.versions.length
            if (v > row.versions.length)
              throw Storage.unknownReference("proposal-version", `${w.proposalId}@${v}`, [i, "proposalVersion"])
            return v
          })
          const at = now()
          const rows = items.map((w, i): EvaluationRow => ({ id: ++evaluationSeq, write: clone(w), proposalVersion: versions[i] as number, evaluatedAt: at }))
          evaluations.push(...rows)
          return { value: rows.map(readEvaluation), result: rows.map((r) => r.id) }
        }
      ),
    latestEvaluation: async (proposalId, packId) => {
      const e = latestOf(proposalId, packId)
      return e === undefined ? undefined : readEvaluation(e)
    },
    evaluationHistory: async (proposalId) => evaluations.filter((e) => e.write.proposalId === proposalId).map(readEvaluation),
    listEvaluations: async (filter, page) => {
      const latest = matching(filter).flatMap((r) => {
        const e = latestOf(r.id, filter.packId)
        return e === undefined || (filter.verdict !== undefined && e.write.verdict !== (filter.verdict as Eligibility.Verdict)) ? [] : [e]
      })
      return pageOf(latest, (e) => e.write.proposalId, page).map(readEvaluation)
    },

    putAllocation: async (w, key) =>
      keyed(
        key,
        (result) => readAllocation(allocations.get(result as string) as AllocationRow),
        () => {
          const value = putAllocation(w)
          return { value, result: w.id }
        }
      ),
    getAllocation: async (id) => {
      const a = allocations.get(id)
      return a === undefined ? undefined : readAllocation(a)
    },
    allocationOutcomes: async (proposalId) =>
      [...allocations.values()]
        .sort(byId((a) => a.id))
        .flatMap((a) => {
          const stored = readAllocation(a)
          return stored.allocation.outcomes.filter((o) => o.id === proposalId).map((outcome) => ({ allocationId: a.id, planId: a.planId, outcome }))
        }),

    putContract: async (c, key) =>
      keyed(
        key,
        (result) => readContract(result as string, contracts.get(result as string) as ContractRow),
        () => ({ value: putContract(c), result: c.id })
      ),
    getContract: async (id) => {
      const c = contracts.get(id)
      return c === undefined ? undefined : readContract(id, c)
    },
    listContracts: async (f) =>
      [...contracts.entries()]
        .map(([id, row]) => readContract(id, row))
        .filter(
          (r) =>
            (f.planYear === undefined || r.contract.planYear === f.planYear) &&
            (f.province === undefined || r.contract.province === f.province) &&
            (f.proposalId === undefined || r.proposalId === f.proposalId)
        )
        .sort(byId((r) => r.contract.id)),

    postEvent: async (contractId, event, author) => {
      const ledger = ledgers.get(contractId)
      if (ledger === undefined) throw Storage.unknownReference("contract", contractId, ["contractId"])
      const proposalId = contracts.get(contractId)?.proposalId
      const adjustment = typeof event === "object" && event !== null && event.kind === "adjustment"
      const namedId = adjustment ? event.evidence?.evaluationId : undefined
      const named = proposalId !== undefined && typeof namedId === "string" ? evaluationOf(proposalId, namedId, ["evidence", "evaluationId"]) : undefined
      const others = adjustment && proposalId !== undefined ? commitments(proposalId) : []
      const latest = proposalId === undefined ? undefined : latestOf(proposalId, undefined)
      const latestId = latest === undefined ? undefined : String(latest.id)
      // a superseded evaluation is reported as such (checkBasis below), not as what it would allow
      const r = Ledger.post(ledger, event, named === undefined || named.id !== latestId ? undefined : { evaluation: named, committedElsewhere: others })
      if (!r.ok) throw r.error
      // Ledger.post accepted an event whose key is already in the ledger: a retry with the same content
      const original = ledger.events.find((e) => e.idempotencyKey === event.idempotencyKey)
      if (original !== undefined) {
        const by = authors.get(contractId)?.get(original.id)
        // the same key and content from another author is not a retry of the original
        if (by !== author) throw Storage.idempotencyConflict(event.idempotencyKey, original.id, contractId)
        return { event: original, author: by, replayed: true, ledger }
      }
      const approved = Ledger.balances(r.value).approved
      if (adjustment && approved > Ledger.balances(ledger).approved) {
        if (proposalId === undefined || named === undefined) throw Storage.noEvaluationBasis(ledger.contract, event)
        Storage.checkBasis(ledger.contract, approved, named, latestId, others, ["evidence", "evaluationId"])
      }
      const other = keys.get(event.idempotencyKey)
      if (other !== undefined) throw Storage.idempotencyConflict(event.idempotencyKey, other.eventId, other.contractId)
      deepFreeze(event)
      keys.set(event.idempotencyKey, { contractId, eventId: event.id })
      ledgers.set(contractId, r.value)
      if (author !== undefined) {
        let m = authors.get(contractId)
        if (m === undefined) authors.set(contractId, (m = new Map()))
        m.set(event.id, author)
      }
      return { event, author, replayed: false, ledger: r.value }
    },
    getLedger: async (contractId) => ledgers.get(contractId),
    getAuthors: async (contractId) => (ledgers.has(contractId) ? new Map(authors.get(contractId)) : undefined),
    close: async () => {}
  }
}

/**
 * A fresh in-memory store.
 * @example `const store = memoryStore(); await Effect.runPromise(store.listProposals())` → `[]`
 * @category stores
 * @since 0.1.0
 */
export const memoryStore = (): Storage.Store => Storage.make(memoryBackend())

/**
 * A layer providing a fresh in-memory store as the `Storage` service.
 * @example `Effect.provide(program, memoryLayer())`
 * @category stores
 * @since 0.1.0
 */
export const memoryLayer = (): Layer.Layer<Storage.Storage> => Storage.layer(memoryStore())
