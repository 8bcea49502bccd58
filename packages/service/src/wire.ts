/**
 * The wire forms the core has no decoder for (a contract's input, a ledger event, an allocation
 * policy) and the JSON form of answers: amounts of đồng as decimal strings, rates as their text
 * (`"7/10"` reads back with `Rate.parse`), dates as `YYYY-MM-DD`.
 * @since 0.2.0
 */
import { type Allocation, type Contract, Evaluate, type Ledger, LocalDate, Money, Rate } from "@khuyencong/core"
import { type Issue, ServiceError } from "./errors.js"

type Path = ReadonlyArray<string | number>

/** Collects the problems of one body, then throws them all at once (422). */
export class Reader {
  readonly issues: Array<Issue> = []

  constructor(readonly subject: string) {}

  add(code: string, path: Path, vi: string, en: string): undefined {
    this.issues.push({ code, path, message: { vi, en } })
    return undefined
  }

  object(u: unknown, path: Path): Record<string, unknown> | undefined {
    if (typeof u === "object" && u !== null && !Array.isArray(u)) return u as Record<string, unknown>
    return this.add("request/not-an-object", path, "Phải là một đối tượng JSON.", "Must be a JSON object.")
  }

  /** Refuse keys the form does not have (an `author` in a ledger event, a typo). */
  only(o: Record<string, unknown>, keys: ReadonlyArray<string>, path: Path): void {
    for (const k of Object.keys(o))
      if (!keys.includes(k)) this.add("request/unknown-field", [...path, k], `Trường "${k}" không có trong mẫu này.`, `Field "${k}" is not part of this form.`)
  }

  text(o: Record<string, unknown>, k: string, path: Path, optional: true): string | undefined
  text(o: Record<string, unknown>, k: string, path: Path, optional?: false): string
  text(o: Record<string, unknown>, k: string, path: Path, optional = false): string | undefined {
    const v = o[k]
    if (v === undefined && optional) return undefined
    if (typeof v === "string" && v.trim() !== "" && v.trim() === v) return v
    return this.add("request/invalid-text", [...path, k], "Phải là chuỗi không rỗng, không có khoảng trắng ở đầu/cuối.", "Must be non-empty text without surrounding spaces.") as never
  }

  money(o: Record<string, unknown>, k: string, path: Path): Money.Money {
    const v = o[k]
    if (typeof v === "string" && /^\d+$/.test(v)) {
      const m = Money.parse(v)
      if (m.ok) return m.value
    }
    return this.add("request/invalid-amount", [...path, k], "Phải là số đồng viết bằng chuỗi chữ số, ví dụ \"300000000\".", 'Must be an amount of đồng written as a string of digits, such as "300000000".') as never
  }

  date(o: Record<string, unknown>, k: string, path: Path, optional: true): LocalDate.LocalDate | undefined
  date(o: Record<string, unknown>, k: string, path: Path, optional?: false): LocalDate.LocalDate
  date(o: Record<string, unknown>, k: string, path: Path, optional = false): LocalDate.LocalDate | undefined {
    const v = o[k]
    if (v === undefined && optional) return undefined
    if (typeof v === "string") {
      const d = LocalDate.parse(v)
      if (d.ok) return d.value
    }
    return this.add("request/invalid-date", [...path, k], "Phải là ngày dạng YYYY-MM-DD.", "Must be a date as YYYY-MM-DD.") as never
  }

  year(o: Record<string, unknown>, k: string, path: Path, optional = false): number | undefined {
    const v = o[k]
    if (v === undefined && optional) return undefined
    if (typeof v === "number" && Number.isInteger(v) && v >= 1990 && v <= 2100) return v
    return this.add("request/invalid-year", [...path, k], "Phải là năm (1990–2100).", "Must be a year (1990–2100).")
  }

  rate(o: Record<string, unknown>, k: string, path: Path): Rate.Rate | undefined {
    const v = o[k]
    if (typeof v === "string") {
      const r = Rate.parse(v)
      if (r.ok) return r.value
    }
    return this.add("request/invalid-rate", [...path, k], 'Phải là tỷ lệ dạng "75%" hoặc "3/4".', 'Must be a rate such as "75%" or "3/4".')
  }

  list(o: Record<string, unknown>, k: string, path: Path, optional = false): ReadonlyArray<unknown> | undefined {
    const v = o[k]
    if (v === undefined && optional) return undefined
    if (Array.isArray(v)) return v
    return this.add("request/not-a-list", [...path, k], "Phải là một danh sách.", "Must be a list.")
  }

  /** Throw every problem found (422), or do nothing. */
  done(): void {
    if (this.issues.length === 0) return
    const first = this.issues[0] as Issue
    throw new ServiceError(
      422,
      `${this.subject}/invalid`,
      `Yêu cầu có ${this.issues.length} lỗi dữ liệu.`,
      `The request has ${this.issues.length} data problem(s).`,
      first.path,
      {},
      this.issues
    )
  }
}

const CONTRACT_KEYS = ["id", "approvedSupport", "activities", "advanceTier", "signed", "approved", "planYear", "lastPlanYear", "implementingUnit", "province", "evaluation", "idempotencyKey"]

/** A contract's input (and its optional idempotency key) from JSON. */
export const decodeContract = (u: unknown): { readonly input: Contract.Input; readonly idempotencyKey: string | undefined } => {
  const r = new Reader("contract")
  const o = r.object(u, [])
  if (o === undefined) {
    r.done()
    throw new Error("unreachable")
  }
  r.only(o, CONTRACT_KEYS, [])
  const id = r.text(o, "id", [])
  const approvedSupport = r.money(o, "approvedSupport", [])
  const activities = r.list(o, "activities", []) ?? []
  activities.forEach((a, i) => {
    if (typeof a !== "string" || a.trim() === "") r.add("request/invalid-text", ["activities", i], "Phải là mã nội dung hoạt động.", "Must be an activity id.")
  })
  const advanceTier = r.text(o, "advanceTier", [], true)
  const signed = r.date(o, "signed", [])
  const approved = r.date(o, "approved", [])
  const planYear = r.year(o, "planYear", [])
  const lastPlanYear = r.year(o, "lastPlanYear", [], true)
  const implementingUnit = r.text(o, "implementingUnit", [], true)
  const province = r.text(o, "province", [], true)
  const idempotencyKey = r.text(o, "idempotencyKey", [], true)
  const ev = r.object(o["evaluation"], ["evaluation"])
  let evaluation: Contract.EvaluationRef | undefined
  if (ev !== undefined) {
    r.only(ev, ["proposalId", "evaluationId"], ["evaluation"])
    evaluation = { proposalId: r.text(ev, "proposalId", ["evaluation"]), evaluationId: r.text(ev, "evaluationId", ["evaluation"]) }
  }
  r.done()
  return {
    input: {
      id,
      approvedSupport,
      activities: activities as ReadonlyArray<string>,
      signed,
      approved,
      planYear: planYear as number,
      ...(advanceTier === undefined ? {} : { advanceTier }),
      ...(lastPlanYear === undefined ? {} : { lastPlanYear }),
      ...(implementingUnit === undefined ? {} : { implementingUnit }),
      ...(province === undefined ? {} : { province }),
      ...(evaluation === undefined ? {} : { evaluation })
    },
    idempotencyKey
  }
}

const KINDS: ReadonlyArray<Ledger.Kind> = ["advance", "payment", "refund", "settlement", "adjustment"]
const EVENT_KEYS = ["id", "idempotencyKey", "kind", "date", "amount", "evidence"]
const EVIDENCE_KEYS = ["progressShare", "baseAcceptance", "businessRegistration", "completedValue", "decision", "decidedOn", "decidedBy", "legalBasis", "evaluationId"]

/**
 * A ledger event from JSON. There is no author field (one sent is refused as an unknown field):
 * the author is the authenticated principal, which the service gives the store beside the event
 * (`PostOptions.author`).
 */
export const decodeEvent = (u: unknown): Ledger.Event => {
  const r = new Reader("ledger-event")
  const o = r.object(u, [])
  if (o === undefined) {
    r.done()
    throw new Error("unreachable")
  }
  r.only(o, EVENT_KEYS, [])
  const id = r.text(o, "id", [])
  const key = r.text(o, "idempotencyKey", [])
  const kind = o["kind"]
  if (typeof kind !== "string" || !KINDS.includes(kind as Ledger.Kind))
    r.add("request/invalid-kind", ["kind"], `Phải là một trong: ${KINDS.join(", ")}.`, `Must be one of: ${KINDS.join(", ")}.`)
  const date = r.date(o, "date", [])
  const amount = r.money(o, "amount", [])
  let evidence: Ledger.Evidence | undefined
  if (o["evidence"] !== undefined) {
    const e = r.object(o["evidence"], ["evidence"])
    if (e !== undefined) {
      const p = ["evidence"]
      r.only(e, EVIDENCE_KEYS, p)
      const out: Record<string, unknown> = {}
      if (e["progressShare"] !== undefined) out["progressShare"] = r.rate(e, "progressShare", p)
      if (e["completedValue"] !== undefined) out["completedValue"] = r.money(e, "completedValue", p)
      for (const k of ["baseAcceptance", "decidedOn"]) if (e[k] !== undefined) out[k] = r.date(e, k, p)
      for (const k of ["businessRegistration", "decision", "decidedBy", "legalBasis", "evaluationId"]) if (e[k] !== undefined) out[k] = r.text(e, k, p)
      evidence = out as Ledger.Evidence
    }
  }
  r.done()
  return {
    id,
    idempotencyKey: key,
    kind: kind as Ledger.Kind,
    date,
    amount,
    ...(evidence === undefined ? {} : { evidence })
  }
}

/**
 * An event's author and the key its client gave. The author is the one the store recorded; an
 * event posted through the service before the store had an author column (`0004_ledger_author`)
 * has none, and its stored key reads `<principal> <key>`, as the service wrote it then.
 */
export const authorOf = (event: Ledger.Event, recorded: string | undefined): { readonly author: string | undefined; readonly idempotencyKey: string } => {
  if (recorded !== undefined) return { author: recorded, idempotencyKey: event.idempotencyKey }
  const i = event.idempotencyKey.indexOf(" ")
  return i < 0 ? { author: undefined, idempotencyKey: event.idempotencyKey } : { author: event.idempotencyKey.slice(0, i), idempotencyKey: event.idempotencyKey.slice(i + 1) }
}

/** An allocation policy from JSON: `{ kind: "whole-only" }`, `{ kind: "partial-marginal", minimumShare: "50%", unit?: "1000" }`, `{ kind: "proportional-tier", unit? }`. */
export const decodePolicy = (r: Reader, u: unknown, path: Path): Allocation.Policy | undefined => {
  if (u === undefined) return { kind: "whole-only" }
  const o = r.object(u, path)
  if (o === undefined) return undefined
  r.only(o, ["kind", "minimumShare", "unit"], path)
  const unit = o["unit"] === undefined ? undefined : r.money(o, "unit", path)
  const withUnit = unit === undefined ? {} : { unit: unit as bigint }
  switch (o["kind"]) {
    case "whole-only":
      return { kind: "whole-only" }
    case "partial-marginal": {
      const minimumShare = r.rate(o, "minimumShare", path)
      return minimumShare === undefined ? undefined : { kind: "partial-marginal", minimumShare, ...withUnit }
    }
    case "proportional-tier":
      return { kind: "proportional-tier", ...withUnit }
    default:
      return r.add("request/invalid-policy", [...path, "kind"], 'Phải là "whole-only", "partial-marginal" hoặc "proportional-tier".', 'Must be "whole-only", "partial-marginal" or "proportional-tier".')
  }
}

const isRate = (u: object): u is Rate.Rate => {
  const keys = Object.keys(u)
  return keys.length === 2 && typeof (u as Rate.Rate).numerator === "bigint" && typeof (u as Rate.Rate).denominator === "bigint"
}

/** JSON of an answer: bigints (đồng) as decimal strings, rates as text, Maps and Sets as objects and lists, `undefined` dropped. */
export const toWire = (u: unknown): unknown => {
  switch (typeof u) {
    case "bigint":
      return u.toString()
    case "object": {
      if (u === null) return null
      if (Array.isArray(u)) return u.map(toWire)
      if (u instanceof Map) return Object.fromEntries([...u].map(([k, v]) => [String(k), toWire(v)]))
      if (u instanceof Set) return [...u].map(toWire)
      if (isRate(u)) return Rate.format(u)
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(u)) if (v !== undefined) out[k] = toWire(v)
      return out
    }
    case "function":
    case "symbol":
      return undefined
    default:
      return u
  }
}

/**
 * An evaluation as it goes into an answer: the record itself with `evaluationVersion`, which
 * {@link stringify} writes exactly as `JSON.stringify(Evaluate.encode(e))` (bigints as decimal
 * strings, absent fields left out; a test holds the two equal) without building `encode`'s copy of
 * a record of some 15 kB first: a third of the time of answering `POST /evaluate`.
 */
export const evaluationJson = (e: Evaluate.Evaluation): unknown => ({ evaluationVersion: Evaluate.VERSION, ...e })

const bigintAsText = (_key: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v)

function bigintToJSON(this: bigint): string {
  return this.toString()
}

/**
 * Have `JSON.stringify` write bigints as decimal text for good, in this thread: for the service's
 * own process (`khuyencong-service`) and its evaluation threads, which run no one else's code.
 * Then {@link stringify} leaves the prototype alone: changing `BigInt.prototype` on every answer
 * (below) made V8 drop what it had learnt about the objects of the whole request, and cost the
 * command about a quarter of its evaluations per second (3,494 and 3,254 against 2,430 and 2,729
 * at 10 clients, alternated). An own `toJSON` already there is kept.
 */
export const installBigintJSON = (): void => {
  if (Object.getOwnPropertyDescriptor(BigInt.prototype, "toJSON") === undefined)
    Object.defineProperty(BigInt.prototype, "toJSON", { value: bigintToJSON, configurable: true, writable: true, enumerable: false })
}

/**
 * JSON text of an answer body: `JSON.stringify`, with bigints (đồng) as decimal strings.
 *
 * A replacer function makes `JSON.stringify` call back for every key and value, which made it
 * 1.5–2 times slower on an evaluation (about 40 µs of the 17 kB answer of `POST /evaluate`). So
 * for the length of this one synchronous call `BigInt.prototype.toJSON` writes the decimal text,
 * and the property is then put back as it was (absent, or the embedding program's own); nothing
 * else runs in between. When the embedding program made that property unchangeable, the replacer
 * is used. A test holds both ways equal and the prototype unchanged. Where
 * {@link installBigintJSON} ran, none of this is needed.
 */
export const stringify = (body: unknown): string => {
  if ((BigInt.prototype as { readonly toJSON?: unknown }).toJSON === bigintToJSON) return JSON.stringify(body)
  const before = Object.getOwnPropertyDescriptor(BigInt.prototype, "toJSON")
  if (before !== undefined && before.configurable !== true) return JSON.stringify(body, bigintAsText)
  Object.defineProperty(BigInt.prototype, "toJSON", { value: bigintToJSON, configurable: true, writable: true, enumerable: false })
  try {
    return JSON.stringify(body)
  } finally {
    if (before === undefined) delete (BigInt.prototype as { toJSON?: unknown }).toJSON
    else Object.defineProperty(BigInt.prototype, "toJSON", before)
  }
}

/**
 * What an evaluation thread posts once its module and everything it imports are loaded. A thread
 * ended while Node 20 is still instantiating its modules aborts the whole process (V8: "IsGraphAsync
 * must be used on an instantiated module", SIGABRT; seen when a service was stopped right after it
 * started), so the server ends its threads only after each has said this.
 */
export const THREAD_READY = "khuyencong-thread-ready"
