/**
 * The `khuyencong` command. Every subcommand is a function of its arguments and an {@link Io}, so
 * it can be run in-process (tests, other tools) as well as from the bin.
 *
 * Exit codes: {@link ExitCode}.
 * @since 0.2.0
 * @module
 */
// adapters-excel first: it installs its fix of exceljs's streaming reader before exceljs loads.
import type { ImportIssue, Register, Report } from "@khuyencong/adapters-excel"
import * as Installation from "./internal/packs.js"
import {
  AdminUnits,
  Appraisal,
  Corpus,
  Eligibility,
  Establishment,
  Evaluate,
  LocalDate,
  Messages,
  Money,
  Parameter,
  Plan,
  Rate,
  Citation,
  type Allocation,
  type Pack,
  type RulePack
} from "@khuyencong/core"
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"
import { parseArgs, type ParseArgsConfig } from "node:util"
import { phases } from "./internal/progress.js"

// The Excel adapter (exceljs) and the case runner (yaml) are loaded by the commands that use them,
// so that `parameters`, `--help` and usage errors start without them.
const excel = () => import("@khuyencong/adapters-excel")
const caseRunner = () => import("@khuyencong/cases")

/**
 * Exit codes of the command: `0` done, nothing to report; `1` findings (rows of the register
 * that could not be read, proposals not eligible, failed cases); `2` a usage error (unknown
 * option, missing argument, unreadable input file); `3` an internal error (a bug: please report).
 * @category models
 * @since 0.2.0
 */
export const ExitCode = { ok: 0, findings: 1, usage: 2, internal: 3 } as const

/**
 * Where the command writes and which directory it works from.
 * @category models
 * @since 0.2.0
 */
export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly cwd: string
  /**
   * Where `evaluate` draws its progress bars (stderr in the bin). They are drawn only when it is a
   * terminal (`isTTY`) and never with `--json`; default: none.
   */
  readonly progress?: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number }
}

/** A usage error: exit code 2 with the message. */
class UsageError extends Error {}

type Lang = "vi" | "en"

const VERSION = "0.2.0"

const USAGE: Record<Lang, string> = {
  vi: `Cách dùng: khuyencong <lệnh> [tùy chọn]

Lệnh:
  evaluate <biểu.xlsx|.csv> --date YYYY-MM-DD [--establishments f.json] [--plan f.json]
           [--pack <module>]… [--policy whole-only|partial-marginal] [--out <thư mục>]
      Thẩm định biểu tổng hợp đề án; ghi kế hoạch, kết quả phân bổ và giải trình (.xlsx).
  explain <biểu.xlsx|.csv> <mã đề án> [--date YYYY-MM-DD] [--establishments f.json]
      Giải trình kết quả đánh giá một đề án.
  cases [đường dẫn…] [--pack <module>]… [--verbose]
      Chạy các ca kiểm thử (YAML) với các gói quy định.
  parameters --date YYYY-MM-DD [--id <mã tham số>]…
      Các tham số của văn bản pháp luật có hiệu lực vào ngày đó, với trích dẫn.
  serve [--port N]
      Dịch vụ HTTP (cần cài @khuyencong/service).

Tùy chọn chung: --json (kết quả JSON trên stdout), --lang vi|en, --help, --version

Mã thoát: 0 hoàn tất; 1 có phát hiện (dòng lỗi, đề án không đủ điều kiện, ca thất bại);
2 lỗi cách dùng; 3 lỗi nội bộ.`,
  en: `Usage: khuyencong <command> [options]

Commands:
  evaluate <register.xlsx|.csv> --date YYYY-MM-DD [--establishments f.json] [--plan f.json]
           [--pack <module>]… [--policy whole-only|partial-marginal] [--out <dir>]
      Appraise a register of proposals; write the plan, allocation and explanation workbooks.
  explain <register.xlsx|.csv> <proposal-id> [--date YYYY-MM-DD] [--establishments f.json]
      Explain one proposal's evaluation.
  cases [paths…] [--pack <module>]… [--verbose]
      Run case files (YAML) against the rule packs.
  parameters --date YYYY-MM-DD [--id <parameter id>]…
      The law's parameters in force on that day, with their citations.
  serve [--port N]
      The HTTP service (needs @khuyencong/service installed).

Common options: --json (JSON on stdout), --lang vi|en, --help, --version

Exit codes: 0 done; 1 findings (rows in error, proposals not eligible, failed cases);
2 usage error; 3 internal error.`
}

const common = {
  json: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
  pack: { type: "string", multiple: true },
  date: { type: "string" },
  establishments: { type: "string" },
  plan: { type: "string" }
} as const satisfies ParseArgsConfig["options"]

const parse = <O extends NonNullable<ParseArgsConfig["options"]>>(args: ReadonlyArray<string>, options: O) => {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
}

/** The language: `--lang`, else `KHUYENCONG_LANG` (vi or en), else Vietnamese. */
const langOf = (v: string | undefined, env: string | undefined = process.env["KHUYENCONG_LANG"]): Lang => {
  const chosen = v ?? (env === "" ? undefined : env)
  if (chosen === undefined || chosen === "vi") return "vi"
  if (chosen === "en") return "en"
  throw new UsageError(v === undefined ? `KHUYENCONG_LANG must be vi or en, not "${chosen}"` : `--lang must be vi or en, not "${v}"`)
}

/** A fund as people read it: Trung ương / Địa phương (National / Local); `--json` keeps the code. */
const fundLabel = (fund: string, lang: Lang): string =>
  fund === "national" ? t(lang, "Trung ương", "National") : fund === "local" ? t(lang, "Địa phương", "Local") : fund

/**
 * The pack that evaluated a proposal, resolved at its decision date: the catalogue that names its
 * activities and items (undefined when the installation no longer has that pack).
 */
const viewsOf = (rules: ReadonlyArray<RulePack.RulePack>): ((e: Evaluate.Evaluation) => Pack.ResolvedPack | undefined) => {
  const cache = Evaluate.makeCache()
  return (e) => {
    const pack = rules.find((p) => p.id === e.packId)
    const resolved = pack === undefined ? undefined : cache.get(pack, e.date)
    return resolved?.ok === true ? resolved.value : undefined
  }
}

/**
 * Activity names from the catalogue of the pack that evaluated the proposal, at its decision
 * date (Vietnamese or English); a code the catalogue does not name is shown as it is.
 */
const activityNames = (viewOf: (e: Evaluate.Evaluation) => Pack.ResolvedPack | undefined, lang: Lang): ((e: Evaluate.Evaluation, codes: ReadonlyArray<string>) => string) => {
  return (e, codes) => {
    const resolved = viewOf(e)
    return codes
      .map((code) => {
        const a = resolved?.activities[code]
        const name = a === undefined ? code : lang === "vi" ? a.nameVi : a.name
        // a catalogue name can run to a hundred characters: the table keeps its first words
        return name.length > 40 ? `${name.slice(0, 39).trimEnd()}…` : name
      })
      .join("; ")
  }
}

const dateOf = (v: string | undefined, required: boolean): LocalDate.LocalDate | undefined => {
  if (v === undefined) {
    if (required) throw new UsageError("--date YYYY-MM-DD is required")
    return undefined
  }
  const d = LocalDate.parse(v)
  if (!d.ok) throw new UsageError(`--date: ${d.error.message}`)
  return d.value
}

const t = (lang: Lang, vi: string, en: string): string => (lang === "vi" ? vi : en)

/** Money as JSON: a decimal string of đồng. */
const replacer = (_: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v)
const json = (io: Io, value: unknown): void => io.out(JSON.stringify(value, replacer, 2))

/**
 * Run the command with its arguments (without `node` and the script); resolves to the exit code.
 * @category running
 * @since 0.2.0
 * @example `await run(["parameters", "--date", "2024-01-01", "--id", "support.machinery.cap"], io)` → `0`
 */
export const run = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const [command, ...rest] = argv
  let lang: Lang = "vi"
  try {
    const peek = rest.indexOf("--lang")
    if (peek !== -1) lang = langOf(rest[peek + 1])
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        if (rest.includes("--json")) json(io, { version: VERSION, commands: ["evaluate", "explain", "cases", "parameters", "serve"], exitCodes: ExitCode, usage: USAGE[lang] })
        else io.out(USAGE[lang])
        return command === undefined ? ExitCode.usage : ExitCode.ok
      case "--version":
      case "-v":
        if (rest.includes("--json")) json(io, { version: VERSION })
        else io.out(VERSION)
        return ExitCode.ok
      case "evaluate":
        return await evaluate(rest, io)
      case "explain":
        return await explain(rest, io)
      case "cases":
        return await cases(rest, io)
      case "parameters":
        return parameters(rest, io)
      case "serve":
        return await serve(rest, io)
      default:
        throw new UsageError(t(lang, `lệnh không rõ: ${command}`, `unknown command: ${command}`))
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof Installation.PackError) {
      if (argv.includes("--json")) json(io, { command, ok: false, error: { code: "cli/usage", message: e.message } })
      io.err(`khuyencong: ${e.message}\n${t(lang, "Xem: khuyencong --help", "See: khuyencong --help")}`)
      return ExitCode.usage
    }
    io.err(`khuyencong: ${t(lang, "lỗi nội bộ", "internal error")}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    return ExitCode.internal
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs

const readJson = (file: string, io: Io, what: string): unknown => {
  const full = path.resolve(io.cwd, file)
  try {
    return JSON.parse(readFileSync(full, "utf8"))
  } catch (e) {
    throw new UsageError(`${what} ${file}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** A register from .xlsx or .csv, with its import problems. */
const importRegister = async (
  file: string,
  io: Io,
  onProposal?: () => void
): Promise<{ readonly register: Register.Register | undefined; readonly issues: ReadonlyArray<ImportIssue> }> => {
  const full = path.resolve(io.cwd, file)
  if (!existsSync(full) || !statSync(full).isFile()) throw new UsageError(`no such register file: ${file}`)
  const options = onProposal === undefined ? {} : { onProposal }
  const { Csv, Xlsx } = await excel()
  const r = /\.(csv|txt)$/i.test(full) ? Csv.readRegister(new Uint8Array(readFileSync(full)), options) : await Xlsx.readRegister(full, options)
  if (r.ok) return { register: r.value, issues: [] }
  return { register: r.error.partial, issues: r.error.issues }
}

/**
 * Establishments from a JSON file: a list of establishments, or an object with an
 * `establishments` list (and maybe a `plan`), decoded as of `asOf`.
 */
const readEstablishments = (file: string | undefined, io: Io, asOf: LocalDate.LocalDate) => {
  const establishments = new Map<string, Establishment.Establishment>()
  const issues: Array<{ readonly id: string; readonly code: string; readonly path: ReadonlyArray<string | number>; readonly message: string }> = []
  if (file === undefined) return { establishments, issues }
  const raw = readJson(file, io, "establishments")
  const list = Array.isArray(raw) ? raw : (raw as { establishments?: unknown })?.establishments
  if (!Array.isArray(list)) throw new UsageError(`establishments ${file}: expected a list, or an object with an "establishments" list`)
  list.forEach((json, k) => {
    const r = Establishment.decode(json, { asOf })
    const id = String((json as { id?: unknown })?.id ?? `#${k}`)
    if (r.ok) establishments.set(r.value.id, r.value)
    else for (const i of r.error.issues) issues.push({ id, code: i.code, path: i.path, message: i.message })
  })
  return { establishments, issues }
}

// ---------------------------------------------------------------------------------------------
// evaluate

const fmt = (m: bigint): string => Money.format(m as Money.Money).replace(" ₫", "")

const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, right: ReadonlySet<number>): string => {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)))
  const line = (r: ReadonlyArray<string>) =>
    r
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd()
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n")
}

const decisionVi: Record<Appraisal.Decision, string> = {
  funded: "được bố trí đủ",
  "partly-funded": "được bố trí một phần",
  unfunded: "không được bố trí",
  ineligible: "không đủ điều kiện",
  "not-applicable": "không áp dụng",
  "nothing-payable": "không có khoản hỗ trợ"
}

const evaluate = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values, positionals } = parse(args, {
    ...common,
    out: { type: "string", short: "o" },
    policy: { type: "string" }
  })
  const lang = langOf(values.lang)
  if (values.help === true) {
    io.out(USAGE[lang])
    return ExitCode.ok
  }
  const [file, ...extra] = positionals
  if (file === undefined) throw new UsageError(t(lang, "thiếu tệp biểu tổng hợp (.xlsx hoặc .csv)", "give the register file (.xlsx or .csv)"))
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`)
  const date = dateOf(values.date, true) as LocalDate.LocalDate
  const policyKind = values.policy ?? "partial-marginal"
  if (policyKind !== "whole-only" && policyKind !== "partial-marginal") throw new UsageError(`--policy must be whole-only or partial-marginal, not "${policyKind}"`)
  const policy: Allocation.Policy =
    policyKind === "whole-only" ? { kind: "whole-only" } : { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
  const installation = await Installation.load(values.pack ?? [], io.cwd)
  // the bars go to the terminal, never into --json output or a log (see internal/progress)
  const progress = phases(values.json === true ? undefined : io.progress, lang)
  try {
    // 1. Import
    // the reader knows no row count before the end of the sheet: a count of the proposals read
    const reading = progress.start(t(lang, "Đọc biểu", "Reading"), t(lang, "đề án", "proposals"))
    let read = 0
    const imported = await importRegister(file, io, () => reading.update(++read))
    const register = imported.register
    const proposals = register?.proposals ?? []
    const year = register?.context.planYear?.value ?? LocalDate.year(date)
    const { establishments, issues: establishmentIssues } = readEstablishments(values.establishments, io, date)

    // 2. The plan: given, or one without envelopes (evaluation only)
    const planRaw = values.plan === undefined ? undefined : readJson(values.plan, io, "plan")
    const planJson = planRaw === undefined ? undefined : ((planRaw as { plan?: unknown }).plan ?? planRaw)
    const decodedPlan = Plan.decode({
      id: `KH-${year}`,
      year,
      level: "provincial",
      envelopes: [],
      ...(planJson as object | undefined),
      proposalIds: proposals.map((p) => p.id)
    })
    if (!decodedPlan.ok) throw new UsageError(`plan: ${decodedPlan.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`)
    const plan = decodedPlan.value
    const rules = installation.rulesFor(plan.provinceCode)
    // evaluation asks each proposal's date before evaluating it: the proposals asked are the count
    const evaluating = progress.start(t(lang, "Thẩm định", "Evaluating"), t(lang, "đề án", "proposals"), proposals.length)
    const asked = new Set<string>()
    const dateOfProposal = (p: { readonly id: string }): LocalDate.LocalDate => {
      asked.add(p.id)
      evaluating.update(asked.size)
      return date
    }
    const appraised = Appraisal.appraise({ proposals, establishments, plan, rules, policy }, { date: dateOfProposal, trace: true })
    if (!appraised.ok) {
      progress.stop(false)
      const e = appraised.error
      if (values.json === true) json(io, { command: "evaluate", ok: false, error: { code: e.code, path: e.path, message: Messages.messageOf(e, lang) } })
      else io.err(`khuyencong: ${Messages.messageOf(e, lang)} [${e.code}]`)
      return ExitCode.findings
    }
    const appraisal = appraised.value
    const viewOf = viewsOf(rules)

    // 3. Workbooks
    const writing = progress.start(t(lang, "Ghi bảng tính", "Writing"), t(lang, "tệp", "workbooks"), 3)
    const { Issues, Report, Xlsx } = await excel()
    const outDir = path.resolve(io.cwd, values.out ?? ".")
    mkdirSync(outDir, { recursive: true })
    const files = {
      plan: path.join(outDir, `ke-hoach-khuyen-cong-${year}.xlsx`),
      allocation: path.join(outDir, `phan-bo-kinh-phi-${year}.xlsx`),
      explanation: path.join(outDir, `giai-trinh-danh-gia-${year}.xlsx`)
    }
    const funded = [...Appraisal.funded(appraisal)].sort((a, b) => a.index - b.index)
    const planRows = Report.planRowsOf(
      funded.map((x) => x.proposal),
      new Map(funded.map((x) => [x.proposal.id, x.allocated] as const))
    )
    if (!planRows.ok) throw planRows.error
    // beneficiaries by name (the establishments file, else the register's establishments sheet), and
    // the province in the issuing body and the place line, as a printed plan carries them
    const beneficiaryNames = new Map<string, string>([...(register?.establishments ?? []).map((e) => [e.id, e.name] as const), ...[...establishments.values()].map((e) => [e.id, e.name] as const)])
    const province = plan.provinceCode === undefined ? undefined : AdminUnits.provinceOn(plan.provinceCode, date)
    const document: Report.Document = province?.ok === true ? { province: province.value.shortName } : {}
    const written = await Xlsx.exportPlan(planRows.value, { path: files.plan, title: `KẾ HOẠCH KHUYẾN CÔNG NĂM ${year}`, beneficiaryNames, document })
    if (!written.ok) throw written.error
    writing.update(1)
    const titles = new Map(proposals.map((p) => [p.id, p.title] as const))
    const allocationTables = appraisal.funds.map(({ fund, allocation }) => {
      const { rows, summary } = Report.allocationRowsOf(allocation, titles)
      const title = `KẾT QUẢ PHÂN BỔ KINH PHÍ ${fund === "national" ? "KHUYẾN CÔNG QUỐC GIA" : "KHUYẾN CÔNG ĐỊA PHƯƠNG"} NĂM ${year}`
      return Report.allocation(rows, { summary, title, sheet: fund === "national" ? "KCQG" : "KCĐP", document })
    })
    const wroteAllocation = await Xlsx.writeTables(allocationTables, { path: files.allocation })
    if (!wroteAllocation.ok) throw wroteAllocation.error
    writing.update(2)
    const explanation: Report.Table = {
      title: `GIẢI TRÌNH KẾT QUẢ ĐÁNH GIÁ ĐỀ ÁN KHUYẾN CÔNG NĂM ${year}`,
      sheet: "Giải trình",
      columns: [
        { key: "id", header: "Mã đề án", kind: "text" },
        { key: "title", header: "Tên đề án", kind: "text", width: 40 },
        { key: "verdict", header: "Kết luận", kind: "text" },
        { key: "payable", header: "Kinh phí hỗ trợ (đồng)", kind: "money" },
        { key: "allocated", header: "Kinh phí phân bổ (đồng)", kind: "money" },
        { key: "explanation", header: "Giải trình", kind: "text", width: 100 }
      ],
      rows: appraisal.proposals.map((x) => ({
        id: x.proposal.id,
        title: x.proposal.title,
        verdict: decisionVi[x.decision],
        payable: x.evaluation.payable,
        allocated: x.allocated,
        explanation: Evaluate.explain(x.evaluation, { lang: "vi", resolved: viewOf(x.evaluation) })
      }))
    }
    const wroteExplanation = await Xlsx.writeTables([explanation], { path: files.explanation })
    if (!wroteExplanation.ok) throw wroteExplanation.error
    writing.update(3)
    progress.stop()

    // 4. Summary
    const namesOf = activityNames(viewOf, lang)
    const rows = appraisal.proposals.map((x) => ({
      id: x.proposal.id,
      fund: x.proposal.fund,
      activities: x.proposal.activities.map((a) => a.activity),
      activityNames: namesOf(x.evaluation, [...new Set(x.proposal.activities.map((a) => a.activity))]),
      verdict: x.evaluation.verdict,
      decision: x.decision,
      requested: x.evaluation.support.requested,
      payable: x.evaluation.payable,
      allocated: x.allocated,
      reasons: x.evaluation.verdict === "eligible" ? [] : failureCodes(x.evaluation).map((code) => ({ code, message: Messages.message(code, {}, lang) ?? code }))
    }))
    const importIssues = imported.issues.map((i) => ({
      row: i.row,
      column: i.column,
      code: i.code,
      path: i.path,
      message: Issues.messageOf(i, lang)
    }))
    const findings = importIssues.length + establishmentIssues.length + rows.filter((r) => r.verdict !== "eligible").length
    if (values.json === true) {
      json(io, {
        command: "evaluate",
        ok: findings === 0,
        register: { file, sheet: register?.sheet, proposals: proposals.length, issues: importIssues },
        establishments: { count: establishments.size, issues: establishmentIssues },
        date,
        totals: appraisal.totals,
        proposals: rows.map(({ activityNames: _, ...r }) => r),
        files
      })
    } else {
      const cols =
        lang === "vi"
          ? ["Mã đề án", "Nguồn", "Nội dung", "Kết luận", "Đề nghị", "Hỗ trợ", "Phân bổ"]
          : ["Proposal", "Fund", "Activities", "Decision", "Requested", "Support", "Allocated"]
      io.out(
        table(
          cols,
          rows.map((r) => [r.id, fundLabel(r.fund, lang), r.activityNames, lang === "vi" ? decisionVi[r.decision] : r.decision, fmt(r.requested), fmt(r.payable), fmt(r.allocated)]),
          new Set([4, 5, 6])
        )
      )
      const tt = appraisal.totals
      io.out(
        t(
          lang,
          `\n${tt.proposals} đề án: ${tt.eligible} đủ điều kiện, ${tt.ineligible + tt.notApplicable} không; phân bổ ${fmt(tt.allocated)} / ${fmt(tt.envelope)} đồng.`,
          `\n${tt.proposals} proposals: ${tt.eligible} eligible, ${tt.ineligible + tt.notApplicable} not; allocated ${fmt(tt.allocated)} of ${fmt(tt.envelope)} đồng.`
        )
      )
      for (const r of rows)
        for (const reason of r.reasons) io.out(`${r.id}: ${reason.message} [${reason.code}]`)
      for (const i of importIssues) io.err(`${t(lang, "dòng", "row")} ${i.row ?? "?"}${i.column === undefined ? "" : `, ${t(lang, "cột", "column")} ${i.column}`}: ${i.message} [${i.code}]`)
      for (const i of establishmentIssues) io.err(`${i.id} ${i.path.join(".")}: ${Messages.message(i.code, { field: i.path.join(".") }, lang) ?? i.message} [${i.code}]`)
      io.out(`${t(lang, "Đã ghi", "Written")}: ${Object.values(files).map((f) => path.relative(io.cwd, f) || f).join(", ")}`)
    }
    return findings > 0 ? ExitCode.findings : ExitCode.ok
  } finally {
    progress.stop(false)
  }
}

const failureCodes = (e: Evaluate.Evaluation): ReadonlyArray<string> => Eligibility.failures(e.eligibility).map((c) => c.reason ?? c.rule)

// ---------------------------------------------------------------------------------------------
// explain

const explain = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values, positionals } = parse(args, common)
  const lang = langOf(values.lang)
  if (values.help === true) {
    io.out(USAGE[lang])
    return ExitCode.ok
  }
  const [file, id, ...extra] = positionals
  if (file === undefined || id === undefined) throw new UsageError(t(lang, "cần tệp biểu và mã đề án", "give the register file and the proposal id"))
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`)
  const given = dateOf(values.date, false)
  const installation = await Installation.load(values.pack ?? [], io.cwd)
  const { register, issues } = await importRegister(file, io)
  const proposal = register?.proposals.find((p) => p.id === id)
  if (proposal === undefined) {
    const onRow = issues.filter((i) => register?.entries.every((e) => e.row !== i.row) ?? true)
    const msg = t(lang, `không có đề án hợp lệ mã ${id} trong ${file}`, `no valid proposal ${id} in ${file}`)
    if (values.json === true) json(io, { command: "explain", ok: false, error: { code: "cli/no-such-proposal", message: msg }, issues: onRow })
    else io.err(`khuyencong: ${msg}`)
    return ExitCode.findings
  }
  const date = given ?? Evaluate.dateOf(proposal)
  const { establishments } = readEstablishments(values.establishments, io, date)
  const planRaw = values.plan === undefined ? undefined : readJson(values.plan, io, "plan")
  const province = (planRaw as { plan?: { provinceCode?: string }; provinceCode?: string } | undefined)
  const rules = installation.rulesFor(province?.plan?.provinceCode ?? province?.provinceCode ?? proposal.locations[0]?.provinceCode)
  const evaluated = Installation.evaluate(proposal, rules, date, establishments)
  if (!evaluated.ok) {
    const e = evaluated.error
    if (values.json === true) json(io, { command: "explain", ok: false, error: { code: e.code, path: e.path, message: Messages.messageOf(e, lang) } })
    else io.err(`khuyencong: ${Messages.messageOf(e, lang)} [${e.code}]`)
    return ExitCode.findings
  }
  const e = evaluated.value
  const text = Evaluate.explain(e, { lang, resolved: viewsOf(rules)(e) })
  if (values.json === true) json(io, { command: "explain", ok: e.verdict === "eligible", explanation: text, evaluation: Evaluate.encode(e) })
  else io.out(text)
  return e.verdict === "eligible" ? ExitCode.ok : ExitCode.findings
}

// ---------------------------------------------------------------------------------------------
// cases

const CASE_FILE = /\.(ya?ml|json)$/i
const collect = (paths: ReadonlyArray<string>, cwd: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  const walk = (p: string): void => {
    if (!existsSync(p)) throw new UsageError(`no such file or directory: ${p}`)
    if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(path.join(p, f))
    else if (CASE_FILE.test(p)) out.push(p)
  }
  for (const p of paths) walk(path.resolve(cwd, p))
  return out
}

const cases = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values, positionals } = parse(args, { ...common, verbose: { type: "boolean", short: "v" } })
  const lang = langOf(values.lang)
  if (values.help === true) {
    io.out(USAGE[lang])
    return ExitCode.ok
  }
  const installation = await Installation.load(values.pack ?? [], io.cwd)
  const paths = positionals.length > 0 ? positionals : installation.caseDirs
  if (paths.length === 0) throw new UsageError(t(lang, "cần đường dẫn tới các ca kiểm thử", "give the case files or directories to run"))
  const files = collect(paths, io.cwd)
  const sources = files.map((f) => ({ file: path.relative(io.cwd, f) || f, text: readFileSync(f, "utf8") }))
  const { Cases } = await caseRunner()
  const installed = Cases.install(installation.modules)
  if (!installed.ok) throw new UsageError(installed.error.message)
  const report = Cases.runSources(sources, installed.value)
  const failed = report.failed > 0 || report.fileErrors.length > 0 || report.results.length === 0
  if (values.json === true)
    json(io, {
      command: "cases",
      ok: !failed,
      passed: report.passed,
      failed: report.failed,
      results: report.results.map((r) => ({ file: r.file, name: r.name, passed: r.passed, differences: r.differences })),
      fileErrors: report.fileErrors.map((f) => ({ file: f.file, code: f.error.code, message: f.error.message }))
    })
  else io.out(Cases.report(report, { verbose: values.verbose === true }))
  return failed ? ExitCode.findings : ExitCode.ok
}

// ---------------------------------------------------------------------------------------------
// parameters

const valueText = (v: unknown, unit: string | undefined): string => {
  if (typeof v === "bigint") return unit === "VND" || unit === undefined ? Money.format(v as Money.Money) : v.toString()
  if (typeof v === "object" && v !== null && "numerator" in v) return Rate.format(v as Rate.Rate)
  return `${String(v)}${unit === undefined ? "" : ` ${unit}`}`
}

const parameters = (args: ReadonlyArray<string>, io: Io): number => {
  const { values } = parse(args, { ...common, id: { type: "string", multiple: true } })
  const lang = langOf(values.lang)
  if (values.help === true) {
    io.out(USAGE[lang])
    return ExitCode.ok
  }
  const date = dateOf(values.date, true) as LocalDate.LocalDate
  const law = Corpus.law()
  const ids = values.id ?? Object.keys(law.parameters).sort()
  const unknown = ids.filter((id) => law.parameters[id] === undefined)
  if (unknown.length > 0) throw new UsageError(t(lang, `không có tham số: ${unknown.join(", ")}`, `no such parameter: ${unknown.join(", ")}`))
  const rows: Array<{ id: string; value: unknown; text: string; unit?: string; from: string; until?: string; citation: string; grade: string }> = []
  const missing: Array<string> = []
  for (const id of ids) {
    const p = law.parameters[id] as Parameter.Parameter<unknown>
    const r = Parameter.at(p, date)
    if (!r.ok) {
      missing.push(id)
      continue
    }
    const c = r.value.citation
    rows.push({
      id,
      value: r.value.value,
      text: valueText(r.value.value, p.unit),
      ...(p.unit === undefined ? {} : { unit: p.unit }),
      from: r.value.from,
      ...(r.value.until === undefined ? {} : { until: r.value.until }),
      citation: lang === "vi" ? Citation.formatVi(c) : Citation.format(c),
      grade: c.grade
    })
  }
  if (values.json === true) json(io, { command: "parameters", date, parameters: rows, notInForce: missing })
  else {
    io.out(table(lang === "vi" ? ["Tham số", "Giá trị", "Từ ngày", "Căn cứ"] : ["Parameter", "Value", "From", "Citation"], rows.map((r) => [r.id, r.text, r.from, r.citation]), new Set([1])))
    if (values.id !== undefined && missing.length > 0)
      io.err(t(lang, `không có giá trị vào ngày ${date}: ${missing.join(", ")}`, `no value on ${date}: ${missing.join(", ")}`))
  }
  return values.id !== undefined && missing.length > 0 ? ExitCode.findings : ExitCode.ok
}

// ---------------------------------------------------------------------------------------------
// serve

const serve = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values } = parse(args, { ...common, port: { type: "string" } })
  const lang = langOf(values.lang)
  const name = "@khuyencong/service"
  let mod: { serve?: (o: { port?: number }) => unknown; main?: (argv: ReadonlyArray<string>) => unknown }
  try {
    mod = (await import(/* @vite-ignore */ name)) as typeof mod
  } catch {
    if (values.json === true) json(io, { command: "serve", ok: false, error: { code: "cli/service-not-installed", message: `${name} is not installed` } })
    io.err(
      t(
        lang,
        `khuyencong serve cần gói ${name}, chưa được cài đặt. Cài đặt: npm install ${name}`,
        `khuyencong serve needs the package ${name}, which is not installed. Install it: npm install ${name}`
      )
    )
    return ExitCode.usage
  }
  if (typeof mod.main === "function") {
    await mod.main(args)
    return ExitCode.ok
  }
  if (typeof mod.serve === "function") {
    await mod.serve(values.port === undefined ? {} : { port: Number(values.port) })
    return ExitCode.ok
  }
  io.err(`${name} exports neither main nor serve`)
  return ExitCode.internal
}

