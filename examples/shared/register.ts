/**
 * Reading a province's register (sổ đăng ký kế hoạch khuyến công) as a provincial system would
 * export it: one JSON file with the plan and its budget envelopes, the establishments, the
 * proposals and their submission dates. Every record goes through the library's validators;
 * records that do not decode are kept aside with every problem and its path, the rest are typed
 * values ready for evaluation.
 *
 * Shared by the quick-start and what-if examples.
 */
import { readFileSync, existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Establishment, LocalDate, Plan, Proposal, type Errors } from "@khuyencong/core"

/** One problem found in the register, with where it is. */
export interface Problem {
  /** The record: `proposals[10]`, `establishments[3]`, `plan` … */
  readonly record: string
  /** The record's id, when it has one. */
  readonly id: string | undefined
  /** Path inside the record, `activities.0.costLines.0.unitCost`. */
  readonly path: string
  readonly code: string
  readonly message: string
  /** The offending value as found, when the validator reports one. */
  readonly actual?: unknown
}

/** A register after decoding. */
export interface Register {
  readonly title: string
  readonly file: string
  readonly plan: Plan.Plan
  readonly establishments: ReadonlyMap<string, Establishment.Establishment>
  /** The proposals that decoded, in register order. */
  readonly proposals: ReadonlyArray<Proposal.Proposal>
  readonly submittedOn: ReadonlyMap<string, LocalDate.LocalDate>
  /** How many proposal records the file holds (decoded or not). */
  readonly proposalRecords: number
  readonly problems: ReadonlyArray<Problem>
}

/** The examples directory (the one holding `@khuyencong/examples`' package.json), from source or from dist. */
export const examplesDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = join(dir, "package.json")
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "@khuyencong/examples") return dir
    const up = dirname(dir)
    if (up === dir) throw new Error("cannot find the examples directory (package @khuyencong/examples)")
    dir = up
  }
}

/** The register bundled with the examples: Đồng Tháp's 2024 plan (illustrative data). */
export const defaultRegisterFile = (): string => join(examplesDir(), "data", "register-2024-dong-thap.json")

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

const idOf = (u: unknown): string | undefined => (isRecord(u) && typeof u["id"] === "string" ? u["id"] : undefined)

const problemsOf = (record: string, id: string | undefined, e: Errors.ValidationError): Array<Problem> =>
  e.issues.map((i) => {
    const p: Problem = { record, id, path: i.path.join("."), code: i.code, message: i.message }
    return "actual" in i ? { ...p, actual: i.actual } : p
  })

/**
 * Read and decode a register file. Never throws on bad records: they are listed in `problems`.
 * Throws only when the file cannot be read, is not JSON, or its plan does not decode (nothing
 * can be evaluated without the plan's year, province and envelopes).
 */
export const loadRegister = (file: string = defaultRegisterFile()): Register => {
  const json: unknown = JSON.parse(readFileSync(file, "utf8"))
  if (!isRecord(json)) throw new Error(`${file}: a register is a JSON object`)
  const problems: Array<Problem> = []

  const plan = Plan.decode(json["plan"])
  if (!plan.ok) {
    const lines = problemsOf("plan", idOf(json["plan"]), plan.error).map((p) => `  plan.${p.path}: ${p.message}`)
    throw new Error(`${file}: the plan (kế hoạch khuyến công) does not decode:\n${lines.join("\n")}`)
  }
  // Establishment facts are assessed at the start of the plan year (dates in force, province codes).
  const asOf = LocalDate.startOfYear(plan.value.year)

  const establishments = new Map<string, Establishment.Establishment>()
  const rawEstablishments = Array.isArray(json["establishments"]) ? (json["establishments"] as ReadonlyArray<unknown>) : []
  rawEstablishments.forEach((raw, i) => {
    const r = Establishment.decode(raw, { asOf })
    if (r.ok) establishments.set(r.value.id, r.value)
    else problems.push(...problemsOf(`establishments[${i}]`, idOf(raw), r.error))
  })

  const proposals: Array<Proposal.Proposal> = []
  const rawProposals = Array.isArray(json["proposals"]) ? (json["proposals"] as ReadonlyArray<unknown>) : []
  rawProposals.forEach((raw, i) => {
    const r = Proposal.decode(raw)
    if (r.ok) proposals.push(r.value)
    else problems.push(...problemsOf(`proposals[${i}]`, idOf(raw), r.error))
  })

  const submittedOn = new Map<string, LocalDate.LocalDate>()
  const rawDates = isRecord(json["submittedOn"]) ? json["submittedOn"] : {}
  for (const [id, text] of Object.entries(rawDates)) {
    const d = typeof text === "string" ? LocalDate.parse(text) : undefined
    if (d?.ok === true) submittedOn.set(id, d.value)
    else
      problems.push({
        record: "submittedOn",
        id,
        path: id,
        code: d === undefined ? "register/not-a-date" : d.error.code,
        message: d === undefined ? `submission date (ngày nộp hồ sơ) of ${id} must be text` : d.error.message
      })
  }

  return {
    title: typeof json["title"] === "string" ? json["title"] : file,
    file,
    plan: plan.value,
    establishments,
    proposals,
    submittedOn,
    proposalRecords: rawProposals.length,
    problems
  }
}
