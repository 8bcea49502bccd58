/**
 * The register tab (Sổ đăng ký, thẩm định / A register, appraised): upload an .xlsx register, see
 * the rows read and the errors by cell (sheet, cell, field, message in Vietnamese and English);
 * give the envelopes (đồng) and the allocation policy; see the ranking and the allocation of each
 * fund, charts of the allocation by activity and by district or commune (each with its table), and
 * download the plan workbook. Everything is computed by the library in the browser (./model.ts).
 * Loaded on demand by ./index.tsx.
 */
import { Messages, Money, Proposal, type Appraisal } from "@khuyencong/core"
import type { ComponentChildren } from "preact"
import { useEffect, useMemo, useState } from "preact/hooks"
import { vnd } from "../ui/format.js"
import { Bi, Head } from "../ui/text.js"
import { AllocationChart } from "./BarChart.js"
import {
  activityNames,
  appraise,
  asOfYear,
  byActivity,
  byPlace,
  planWorkbook,
  provinceOf,
  readEstablishments,
  readRegister,
  yearOf,
  type EstablishmentsRead,
  type PolicyKind,
  type Problem,
  type Read
} from "./model.js"
import "./register.css"

/** Column headers of the register's tables: the problems, the proposals read, the ranking. */
const PROBLEM_COLUMNS: ReadonlyArray<readonly [string, string]> = [["Trang tính", "Sheet"], ["Ô", "Cell"], ["Cột / trường", "Column / field"], ["Lỗi", "Problem"], ["Mã", "Code"]]
const ROW_COLUMNS: ReadonlyArray<readonly [string, string]> = [["Dòng", "Row"], ["Mã đề án", "Id"], ["Tên đề án", "Title"], ["Nguồn", "Fund"], ["Nội dung", "Activities"], ["Đề nghị hỗ trợ", "Support requested"]]
const RANK_COLUMNS: ReadonlyArray<readonly [string, string]> = [["Thứ tự", "Rank"], ["Mã đề án", "Id"], ["Tên đề án", "Title"], ["Đề nghị", "Requested"], ["Phân bổ", "Allocated"], ["Kết quả", "Outcome"]]

const DECISION: Record<Appraisal.Decision, readonly [string, string]> = {
  funded: ["Được bố trí đủ", "Funded"],
  "partly-funded": ["Được bố trí một phần", "Partly funded"],
  unfunded: ["Không được bố trí", "Not funded"],
  ineligible: ["Không đủ điều kiện", "Not eligible"],
  "not-applicable": ["Không áp dụng", "Not applicable"],
  "nothing-payable": ["Không có khoản hỗ trợ", "Nothing payable"]
}
const FUND: Record<Appraisal.Fund, readonly [string, string]> = {
  national: ["Khuyến công quốc gia", "National fund"],
  local: ["Khuyến công địa phương", "Local fund"]
}
const POLICY: Record<PolicyKind, readonly [string, string]> = {
  "partial-marginal": ["Một phần cho đề án cuối", "Part for the last proposal"],
  "whole-only": ["Chỉ bố trí đủ cả đề án", "Whole proposals only"]
}

/** An envelope as officials type it (`1.350.000.000`, `1,35 tỷ`, `4 tỷ 400 triệu`), read by `Money.parse`; a negative one refused. */
const readEnvelope = (text: string): { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly vi: string; readonly en: string } => {
  const r = Money.parse(text.trim() === "" ? "0" : text)
  if (!r.ok) return { ok: false, vi: Messages.messageOf(r.error, "vi"), en: Messages.messageOf(r.error, "en") }
  if (r.value < 0n) return { ok: false, vi: "Kinh phí được giao không thể âm", en: "An envelope cannot be negative" }
  return { ok: true, value: r.value }
}

function ProblemTable(props: { readonly id: string; readonly caption: readonly [string, string]; readonly problems: ReadonlyArray<Problem>; readonly kind: "error" | "warning" }) {
  if (props.problems.length === 0) return null
  return (
    <div class={`scroll reg-${props.kind}s`}>
      <table data-testid={props.id} class="reg-stack">
        <caption>
          <Bi vi={`${props.caption[0]} (${props.problems.length})`} en={`${props.caption[1]} (${props.problems.length})`} />
        </caption>
        <Head cols={PROBLEM_COLUMNS} />
        <tbody>
          {props.problems.map((p, k) => (
            <tr key={k} data-cell={p.where} data-code={p.code}>
              <td data-label="Trang tính / Sheet">{p.sheet ?? ""}</td>
              <td data-label="Ô / Cell">
                <strong>{p.where === "" ? "—" : p.where}</strong>
              </td>
              <td data-label="Cột / Column">{p.field ?? ""}</td>
              <td class="reason" data-label="Lỗi / Problem">
                <span lang="vi">{p.vi}</span>
                <span lang="en" class="en">
                  {p.en}
                </span>
              </td>
              <td data-label="Mã / Code">
                <code>{p.code}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function MoneyInput(props: { readonly id: string; readonly label: readonly [string, string]; readonly value: bigint; readonly onChange: (v: bigint) => void }) {
  const [text, setText] = useState(vnd(props.value))
  const [bad, setBad] = useState<{ readonly vi: string; readonly en: string } | undefined>(undefined)
  useEffect(() => setText(vnd(props.value)), [props.value])
  const commit = (t: string) => {
    const r = readEnvelope(t)
    setBad(r.ok ? undefined : r)
    if (r.ok) {
      props.onChange(r.value)
      setText(vnd(r.value))
    }
  }
  return (
    <div>
      <label for={props.id}>
        <Bi vi={props.label[0]} en={props.label[1]} />
      </label>
      <input
        id={props.id}
        inputMode="numeric"
        autoComplete="off"
        value={text}
        aria-invalid={bad !== undefined}
        aria-describedby={`${props.id}-hint`}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(e.currentTarget.value)
        }}
      />
      <small id={`${props.id}-hint`} class={bad === undefined ? "muted" : "reg-bad"}>
        {bad === undefined ? "đồng, ví dụ / e.g. 1.234.567 ₫, 1,35 tỷ" : `${bad.vi} / ${bad.en}`}
      </small>
    </div>
  )
}

function Amount(props: { readonly label: readonly [string, string]; readonly value: bigint; readonly testid: string }) {
  return (
    <div class="reg-amount" data-testid={props.testid} data-value={props.value.toString()}>
      <span class="reg-amount-label">
        <Bi vi={props.label[0]} en={props.label[1]} />
      </span>
      <span class="reg-amount-value">{vnd(props.value)}</span>
    </div>
  )
}

function Section(props: { readonly id: string; readonly title: readonly [string, string]; readonly children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id} class="panel">
      <h3 id={props.id}>
        <Bi vi={props.title[0]} en={props.title[1]} />
      </h3>
      {props.children}
    </section>
  )
}

export function RegisterView() {
  const [fileName, setFileName] = useState<string | undefined>(undefined)
  const [read, setRead] = useState<Read | undefined>(undefined)
  const [reading, setReading] = useState(false)
  const [est, setEst] = useState<EstablishmentsRead | undefined>(undefined)
  const [estText, setEstText] = useState<string | undefined>(undefined)
  const [national, setNational] = useState(0n)
  const [local, setLocal] = useState(0n)
  const [policy, setPolicy] = useState<PolicyKind>("partial-marginal")
  const [province, setProvince] = useState("")
  const [download, setDownload] = useState<{ readonly url: string; readonly name: string } | undefined>(undefined)
  const [downloadProblems, setDownloadProblems] = useState<ReadonlyArray<Problem>>([])

  const register = read?.register
  const year = register === undefined ? undefined : yearOf(register)

  const onRegister = async (input: HTMLInputElement) => {
    const file = input.files?.[0]
    if (file === undefined) return
    setReading(true)
    setFileName(file.name)
    try {
      const r = await readRegister(new Uint8Array(await file.arrayBuffer()))
      setRead(r)
      if (r.register !== undefined) setProvince(provinceOf(r.register) ?? "")
    } finally {
      setReading(false)
    }
  }
  const onEstablishments = async (input: HTMLInputElement) => {
    const file = input.files?.[0]
    if (file === undefined) return
    setEstText(await file.text())
  }
  // establishments are decoded as of the register's plan year; a plan beside them gives the envelopes
  useEffect(() => {
    if (estText === undefined) return
    const e = readEstablishments(estText, asOfYear(year ?? 2024))
    setEst(e)
    if (e.envelopes.national !== undefined) setNational(e.envelopes.national)
    if (e.envelopes.local !== undefined) setLocal(e.envelopes.local)
  }, [estText, year])

  const appraised = useMemo(
    () =>
      register === undefined || province === ""
        ? undefined
        : appraise({ register, establishments: est?.establishments ?? new Map(), national, local, policy, province }),
    [register, est, national, local, policy, province]
  )
  const appraisal = appraised?.ok === true ? appraised.value : undefined
  const activity = useMemo(() => (appraisal === undefined ? [] : byActivity(appraisal)), [appraisal])
  const place = useMemo(() => (appraisal === undefined ? [] : byPlace(appraisal, est?.establishments ?? new Map())), [appraisal, est])

  // beneficiaries by name in the plan: the establishments file's, else the register's establishments sheet
  const beneficiaryNames = useMemo(
    () => new Map([...(register?.establishments ?? []).map((e) => [e.id, e.name] as const), ...[...(est?.establishments ?? new Map()).values()].map((e) => [e.id, e.name] as const)]),
    [register, est]
  )
  // the plan workbook, written again whenever the appraisal changes
  useEffect(() => {
    setDownload(undefined)
    setDownloadProblems([])
    if (appraisal === undefined) return
    let url: string | undefined
    let live = true
    void planWorkbook(appraisal, beneficiaryNames).then((w) => {
      if (!live) return
      if (!w.ok) {
        setDownloadProblems(w.problems)
        return
      }
      url = URL.createObjectURL(new Blob([w.bytes as Uint8Array<ArrayBuffer>], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }))
      setDownload({ url, name: w.name })
    })
    return () => {
      live = false
      if (url !== undefined) URL.revokeObjectURL(url)
    }
  }, [appraisal, beneficiaryNames])

  const names = useMemo(() => activityNames(), [])
  const titles = useMemo(() => new Map((register?.proposals ?? []).map((p) => [p.id, p.title] as const)), [register])

  return (
    <div class="register" data-testid="register-tab">
      <section aria-labelledby="register-title" class="panel">
        <h2 id="register-title">
          <Bi vi="Sổ đăng ký đề án, thẩm định" en="A register, appraised" />
        </h2>
        <p class="muted">
          <Bi
            vi="Tải lên biểu tổng hợp đề án (.xlsx): thư viện đọc các dòng, báo lỗi theo ô, đánh giá, xếp thứ tự và phân bổ kinh phí ngay trong trình duyệt; không gửi tệp đi đâu."
            en="Upload a register of proposals (.xlsx): the library reads the rows, reports errors by cell, evaluates, ranks and allocates in the browser; the file is sent nowhere."
          />
        </p>
        <div class="reg-inputs">
          <div>
            <label for="reg-file">
              <Bi vi="Biểu tổng hợp đề án (.xlsx)" en="Register of proposals (.xlsx)" />
            </label>
            <input
              id="reg-file"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void onRegister(e.currentTarget)}
            />
          </div>
          <div>
            <label for="reg-establishments">
              <Bi vi="Danh sách cơ sở thụ hưởng (JSON)" en="Beneficiary establishments (JSON)" />
            </label>
            <input id="reg-establishments" type="file" accept=".json,application/json" aria-describedby="reg-establishments-hint" onChange={(e) => void onEstablishments(e.currentTarget)} />
            <small id="reg-establishments-hint" class="muted">
              <Bi
                vi="Như tệp --establishments của lệnh khuyencong evaluate; nếu có kế hoạch (plan) kèm theo, kinh phí được giao lấy từ đó."
                en="As the --establishments file of khuyencong evaluate; a plan beside them gives the envelopes."
              />
            </small>
          </div>
          <MoneyInput id="reg-national" label={["Kinh phí khuyến công quốc gia được giao", "National envelope (central budget)"]} value={national} onChange={setNational} />
          <MoneyInput id="reg-local" label={["Kinh phí khuyến công địa phương được giao", "Local envelope (local budget)"]} value={local} onChange={setLocal} />
          <div>
            <label for="reg-policy">
              <Bi vi="Cách phân bổ" en="Allocation policy" />
            </label>
            <select id="reg-policy" value={policy} aria-describedby="reg-policy-hint" onChange={(e) => setPolicy(e.currentTarget.value as PolicyKind)}>
              {(Object.keys(POLICY) as Array<PolicyKind>).map((k) => (
                <option key={k} value={k}>
                  {POLICY[k][0]} / {POLICY[k][1]}
                </option>
              ))}
            </select>
            <small id="reg-policy-hint" class="muted">
              {policy === "partial-marginal"
                ? "Bố trí một phần chỉ khi đạt ít nhất 50% số đề nghị, làm tròn đến triệu đồng / funded partly only with at least 50% of the request, cut to whole millions"
                : "Đề án không đủ kinh phí thì không được bố trí / a proposal the money does not cover gets nothing"}
            </small>
          </div>
          <div>
            <label for="reg-province">
              <Bi vi="Mã tỉnh" en="Province code" />
            </label>
            <input id="reg-province" value={province} size={4} inputMode="numeric" onInput={(e) => setProvince(e.currentTarget.value.trim())} />
          </div>
        </div>
        <p role="status" aria-live="polite" data-testid="register-status" class="reg-status">
          {reading
            ? "Đang đọc… / Reading…"
            : read === undefined
              ? ""
              : register === undefined
                ? `${fileName ?? ""}: không đọc được biểu / the register could not be read`
                : `${fileName ?? ""}, “${register.sheet ?? ""}”: ${register.proposals.length} đề án đọc được, ${read.errors.length} lỗi / ${register.proposals.length} proposals read, ${read.errors.length} errors`}
        </p>
      </section>

      {read !== undefined && (
        <Section id="reg-errors-title" title={["Lỗi theo ô", "Errors by cell"]}>
          {read.errors.length === 0 ? (
            <p>
              <Bi vi="Không có lỗi." en="No errors." />
            </p>
          ) : (
            <ProblemTable id="register-errors" caption={["Lỗi", "Errors"]} problems={read.errors} kind="error" />
          )}
          <ProblemTable id="register-warnings" caption={["Cảnh báo", "Warnings"]} problems={read.warnings} kind="warning" />
        </Section>
      )}

      {register !== undefined && (
        <Section id="reg-rows-title" title={["Các đề án đọc được", "Proposals read"]}>
          {/* a region of its own height that scrolls: focusable, so that the keyboard scrolls it too */}
          <div class="scroll reg-rows" tabIndex={0} role="region" aria-label="Bảng các đề án đọc được, cuộn được / Table of the proposals read, scrollable">
            <table data-testid="register-rows" class="reg-stack">
              <Head cols={ROW_COLUMNS} />
              <tbody>
                {register.entries.map((e) => (
                  <tr key={e.proposal.id} data-id={e.proposal.id}>
                    <td class="num" data-label="Dòng / Row">{e.rows === undefined ? e.row : `${e.row}–${e.rows[e.rows.length - 1] ?? e.row}`}</td>
                    <td data-label="Mã đề án / Id">{e.proposal.id}</td>
                    <td data-label="Tên đề án / Title">{e.proposal.title}</td>
                    <td data-label="Nguồn / Fund">{FUND[e.proposal.fund][0]}</td>
                    <td data-label="Nội dung / Activities">
                      {e.proposal.activities.map((a) => (
                        <span key={a.activity} class="reg-activity" title={a.activity}>
                          {names.get(a.activity)?.vi ?? a.activity}
                        </span>
                      ))}
                    </td>
                    <td class="num" data-label="Đề nghị hỗ trợ / Support requested">{vnd(Proposal.totals(e.proposal).requestedSupport)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}

      {est !== undefined && est.problems.length > 0 && (
        <Section id="reg-est-title" title={["Lỗi danh sách cơ sở", "Errors in the establishments"]}>
          <ProblemTable id="register-establishment-errors" caption={["Lỗi", "Errors"]} problems={est.problems} kind="error" />
        </Section>
      )}

      {appraised !== undefined && !appraised.ok && (
        <Section id="reg-appraisal-errors-title" title={["Chưa thẩm định được", "The register cannot be appraised yet"]}>
          <ProblemTable id="register-appraisal-errors" caption={["Lỗi", "Problems"]} problems={appraised.problems} kind="error" />
        </Section>
      )}

      {appraisal !== undefined && (
        <>
          <Section id="reg-allocation-title" title={["Xếp thứ tự và phân bổ", "Ranking and allocation"]}>
            <div class="reg-totals" data-testid="register-totals">
              <Amount label={["Kinh phí được giao", "Envelopes"]} value={appraisal.totals.envelope} testid="total-envelope" />
              <Amount label={["Đề nghị hỗ trợ", "Requested"]} value={appraisal.totals.requested} testid="total-requested" />
              <Amount label={["Hỗ trợ theo quy định", "Payable under the rules"]} value={appraisal.totals.payable} testid="total-payable" />
              <Amount label={["Đã phân bổ", "Allocated"]} value={appraisal.totals.allocated} testid="total-allocated" />
              <Amount label={["Chưa phân bổ", "Unallocated"]} value={appraisal.totals.unallocated} testid="total-unallocated" />
            </div>
            <p class="muted">
              {appraisal.totals.proposals} đề án: {appraisal.totals.eligible} đủ điều kiện, {appraisal.totals.ineligible + appraisal.totals.notApplicable} không /{" "}
              {appraisal.totals.proposals} proposals: {appraisal.totals.eligible} eligible, {appraisal.totals.ineligible + appraisal.totals.notApplicable} not.
            </p>
            {appraisal.funds.map((f) => (
              <div class="scroll" key={f.fund}>
                <table class="reg-stack" data-testid={`ranking-${f.fund}`} data-allocated={f.allocation.totals.allocated.toString()} data-envelope={f.envelope.toString()}>
                  <caption>
                    <Bi
                      vi={`${FUND[f.fund][0]}: được giao ${vnd(f.envelope)}, phân bổ ${vnd(f.allocation.totals.allocated)}`}
                      en={`${FUND[f.fund][1]}: envelope ${vnd(f.envelope)}, allocated ${vnd(f.allocation.totals.allocated)}`}
                    />
                  </caption>
                  <Head cols={RANK_COLUMNS} />
                  <tbody>
                    {f.allocation.outcomes.map((o) => {
                      const x = appraisal.proposals.find((p) => p.proposal.id === o.id)
                      const d = DECISION[x?.decision ?? o.status]
                      return (
                        <tr key={o.id} data-id={o.id} data-allocated={o.allocated.toString()}>
                          <td class="num" data-label="Thứ tự / Rank">{x?.ranked?.position ?? o.rank + 1}</td>
                          <td data-label="Mã đề án / Id">{o.id}</td>
                          <td data-label="Tên đề án / Title">{titles.get(o.id) ?? ""}</td>
                          <td class="num" data-label="Đề nghị / Requested">{vnd(o.requested)}</td>
                          <td class="num" data-label="Phân bổ / Allocated">{vnd(o.allocated)}</td>
                          <td data-label="Kết quả / Outcome">
                            <Bi vi={d[0]} en={d[1]} />
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
            ))}
            {appraisal.proposals.some((x) => x.ranked === undefined) && (
              <details>
                <summary>
                  <Bi
                    vi={`Đề án không được xếp thứ tự (${appraisal.proposals.filter((x) => x.ranked === undefined).length})`}
                    en="Proposals not ranked"
                    inline
                  />
                </summary>
                <ul data-testid="register-not-ranked">
                  {appraisal.proposals
                    .filter((x) => x.ranked === undefined)
                    .map((x) => (
                      <li key={x.proposal.id}>
                        {x.proposal.id}: {DECISION[x.decision][0]} / {DECISION[x.decision][1]}
                      </li>
                    ))}
                </ul>
              </details>
            )}
          </Section>

          <Section id="reg-charts-title" title={["Phân bổ theo nội dung và địa bàn", "Allocation by activity and by place"]}>
            <AllocationChart id="chart-activity" title={["Phân bổ theo nội dung hoạt động", "Allocation by activity"]} head={["Nội dung hoạt động", "Activity"]} slices={activity} total={appraisal.totals.allocated} />
            <AllocationChart id="chart-place" title={["Phân bổ theo huyện, xã", "Allocation by district or commune"]} head={["Địa bàn", "Place"]} slices={place} total={appraisal.totals.allocated} />
          </Section>

          <Section id="reg-download-title" title={["Kế hoạch", "The plan"]}>
            {download === undefined ? (
              <p class="muted">Đang ghi… / Writing…</p>
            ) : (
              <a class="button" href={download.url} download={download.name} data-testid="register-download">
                <Bi vi="Tải kế hoạch (.xlsx)" en="Download the plan workbook" inline />
              </a>
            )}
            <ProblemTable id="register-download-errors" caption={["Lỗi", "Problems"]} problems={downloadProblems} kind="error" />
          </Section>
        </>
      )}
    </div>
  )
}
