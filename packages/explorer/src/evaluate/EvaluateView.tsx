/**
 * A proposal, evaluated (Đánh giá đề án): a form or pasted JSON; the verdict, every condition,
 * support per cost line with its binding constraint, the library's explanation in Vietnamese, each
 * figure linked to the law view; and a what-if that changes one parameter.
 */
import { Citation, Corpus, Eligibility, Messages, type Evaluate, type Support } from "@khuyencong/core"
import type { ComponentChildren } from "preact"
import { useMemo, useState } from "preact/hooks"
import { lawLink } from "../route.js"
import { formatValue, signedVnd, vnd } from "../ui/format.js"
import { Bi, Unconfirmed } from "../ui/text.js"
import { example, industriesAt, inputOf, resolvedAt, type FormState } from "./form.js"
import { evaluateInput, parametersRead, parseJson, parseValue, valueIn, whatIf, type Evaluated, type Problem } from "./model.js"

const VERDICT: Record<string, readonly [string, string]> = {
  eligible: ["Đủ điều kiện hỗ trợ", "Eligible for support"],
  ineligible: ["Không đủ điều kiện hỗ trợ", "Not eligible for support"],
  "not-applicable": ["Không có điều kiện áp dụng", "No condition applies"]
}
const STATUS: Record<string, readonly [string, string]> = {
  passed: ["✓ Đạt", "passed"],
  failed: ["✗ Không đạt", "failed"],
  "not-applicable": ["– Không áp dụng", "not applicable"]
}
const BINDING: Record<Support.Binding, readonly [string, string]> = {
  rate: ["tỷ lệ hỗ trợ", "support rate"],
  "absolute-cap": ["mức tối đa", "absolute cap"],
  request: ["số đề nghị", "amount requested"],
  "not-in-catalogue": ["không thuộc danh mục", "not in the catalogue"]
}

function Field(props: { readonly id: string; readonly vi: string; readonly en: string; readonly children: ComponentChildren }) {
  return (
    <div>
      <label for={props.id}>
        <Bi vi={props.vi} en={props.en} />
      </label>
      {props.children}
    </div>
  )
}

function Problems(props: { readonly problems: ReadonlyArray<Problem> }) {
  if (props.problems.length === 0) return null
  return (
    <div class="errors" data-testid="problems">
      <p>
        <strong>Dữ liệu chưa hợp lệ</strong> <span lang="en">/ The input is not valid</span>
      </p>
      <ul>
        {props.problems.map((p, i) => (
          <li key={i} data-code={p.code} data-path={`${p.where}${p.path === "" ? "" : `.${p.path}`}`}>
            <code>
              {p.where}
              {p.path === "" ? "" : ` › ${p.path}`}
            </code>{" "}
            <span lang="vi">{p.vi}</span>
            <span class="en">
              {p.en} [{p.code}]
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The explanation text with every parameter and rule id linked to the law view. */
function Explanation(props: { readonly text: string; readonly date: string }) {
  const ids = useMemo(() => [...Object.keys(Corpus.law().parameters), ...Object.keys(Corpus.law().eligibility)].sort((a, b) => b.length - a.length), [])
  const re = useMemo(() => new RegExp(`(${ids.map((i) => i.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\w.-])`, "g"), [ids])
  const parts = props.text.split(re)
  return (
    <pre class="explain" lang="vi" data-testid="explanation">
      {parts.map((p, i) => (i % 2 === 1 ? <a key={i} href={lawLink(p, props.date)}>{p}</a> : p))}
    </pre>
  )
}

function Conditions(props: { readonly e: Evaluate.Evaluation }) {
  // failed conditions first: they are the reasons of a refusal
  const rank = { failed: 0, passed: 1, "not-applicable": 2 } as const
  const all = [...Eligibility.allConditions(props.e.eligibility)].sort((a, b) => rank[a.status] - rank[b.status])
  return (
    <div class="scroll">
      <table data-testid="conditions" class="stack">
        <caption>
          Điều kiện <span class="en inline">Conditions (every reason)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Quy định <span class="en">Rule</span></th>
            <th scope="col">Kết quả <span class="en">Result</span></th>
            <th scope="col">Lý do <span class="en">Reason</span></th>
            <th scope="col">Căn cứ <span class="en">Legal basis</span></th>
          </tr>
        </thead>
        <tbody>
          {all.map((c, i) => (
            <tr key={i} data-rule={c.rule} data-status={c.status}>
              <td>
                <a href={lawLink(c.rule, props.e.date)}>{c.rule}</a>
                {c.subject === undefined ? null : <span class="en">[{c.subject}]</span>}
              </td>
              <td data-label="Kết quả / Result">
                <Bi vi={STATUS[c.status]?.[0] ?? c.status} en={STATUS[c.status]?.[1] ?? c.status} />
              </td>
              <td class="reason" data-label="Lý do / Reason">
                {Messages.has(c.reason) ? (
                  <Bi vi={Messages.message(c.reason, {}, "vi")} en={Messages.message(c.reason, {}, "en")} />
                ) : (
                  <span>{c.message}</span>
                )}
              </td>
              <td data-label="Căn cứ / Legal basis">
                {Citation.formatVi(c.citation)} <Unconfirmed grade={c.citation.grade} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Lines(props: { readonly e: Evaluate.Evaluation }) {
  const e = props.e
  // the catalogue's names at the decision date (an overlay changes levels, not names)
  const items = resolvedAt(e.date).items
  return (
    <div class="scroll">
      <table data-testid="lines" class="stack">
        <caption>
          Mức hỗ trợ theo từng dòng dự toán <span class="en inline">Support per cost line</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Nội dung chi <span class="en">Item</span></th>
            <th scope="col">Chi phí hợp lệ <span class="en">Eligible cost</span></th>
            <th scope="col">Đề nghị <span class="en">Requested</span></th>
            <th scope="col">Hỗ trợ <span class="en">Support</span></th>
            <th scope="col">Ràng buộc <span class="en">Binding constraint</span></th>
          </tr>
        </thead>
        <tbody>
          {e.support.lines.map((l, i) => (
            <tr key={i} data-item={l.item}>
              <td>
                {items[l.item]?.nameVi ?? l.item} <span class="en inline">[{l.item}]</span>
                {l.beneficiaryId === undefined ? null : <span class="en">[{l.beneficiaryId}]</span>}
              </td>
              <td class="num" data-label="Chi phí hợp lệ / Eligible cost">{vnd(l.eligibleCost)}</td>
              <td class="num" data-label="Đề nghị / Requested">{vnd(l.requested)}</td>
              <td class="num" data-testid="line-support" data-label="Hỗ trợ / Support">
                <strong>{vnd(l.support)}</strong>
              </td>
              <td data-binding={l.binding} data-label="Ràng buộc / Binding constraint">
                <Bi vi={BINDING[l.binding][0]} en={BINDING[l.binding][1]} />
                {l.bindingParameter === undefined ? null : (
                  <div>
                    <a href={lawLink(l.bindingParameter.id, e.date)} data-testid="binding-link">
                      {l.bindingParameter.id}
                    </a>{" "}
                    — {Citation.formatVi(l.bindingParameter.citation)} <Unconfirmed grade={l.bindingParameter.citation.grade} />
                  </div>
                )}
                {l.derivedCap === undefined ? null : (
                  <div class="en">
                    {l.derivedCap.text} (<a href={lawLink(l.derivedCap.multipleParameter.id, e.date)}>{l.derivedCap.multipleParameter.id}</a> ×{" "}
                    <a href={lawLink(l.derivedCap.baseParameter.id, e.date)}>{l.derivedCap.baseParameter.id}</a>)
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Tổng mức hỗ trợ <span class="en inline">Total support</span>
            </th>
            <td class="num" data-testid="total">
              {vnd(e.support.total)}
            </td>
            <td />
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              Số được chi trả <span class="en inline">Payable</span>
            </th>
            <td class="num" data-testid="payable">
              <strong>{vnd(e.payable)}</strong>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

function WhatIf(props: { readonly before: Evaluated }) {
  const { before } = props
  const ids = useMemo(() => parametersRead(before.evaluation), [before])
  const firstBinding = before.evaluation.support.lines.find((l) => l.bindingParameter !== undefined)?.bindingParameter?.id
  const [parameter, setParameter] = useState(firstBinding !== undefined && ids.includes(firstBinding) ? firstBinding : (ids[0] ?? ""))
  const unit = Corpus.law().parameters[parameter]?.unit
  const current = valueIn(before.rules, parameter, before.date)
  const [text, setText] = useState("")
  const [outcome, setOutcome] = useState<ReturnType<typeof whatIf> | { readonly ok: false; readonly problems: ReadonlyArray<Problem> } | undefined>(undefined)
  const [said, say] = useAnnounce()
  const run = (ev: Event) => {
    ev.preventDefault()
    const v = parseValue(unit, text)
    const o = v.ok ? whatIf(before, parameter, v.value) : ({ ok: false, problems: [v.problem] } as const)
    setOutcome(o)
    say(
      o.ok
        ? `Giả định: số được chi trả ${vnd(o.value.evaluation.payable)}, chênh lệch ${signedVnd(o.value.evaluation.payable - before.evaluation.payable)} / What-if: payable ${vnd(o.value.evaluation.payable)}, difference ${signedVnd(o.value.evaluation.payable - before.evaluation.payable)}`
        : sentenceOf(o)
    )
  }
  const a = before.evaluation
  const items = resolvedAt(a.date).items
  return (
    <section class="panel" aria-labelledby="whatif-h" data-testid="what-if">
      <h3 id="whatif-h">
        Giả định: đổi một tham số <span class="en">What if one parameter changed</span>
      </h3>
      <form onSubmit={run} class="fields">
        <Field id="wi-param" vi="Tham số" en="Parameter">
          <select id="wi-param" value={parameter} onChange={(ev) => (setParameter((ev.currentTarget as HTMLSelectElement).value), setOutcome(undefined))}>
            {ids.map((id) => (
              <option key={id} value={id}>
                {Corpus.law().parameters[id]?.description ?? id} — {id}
              </option>
            ))}
          </select>
        </Field>
        <Field id="wi-value" vi={`Giá trị mới (hiện: ${formatValue(current, unit)})`} en={`New value (now: ${formatValue(current, unit)})`}>
          <input id="wi-value" value={text} placeholder={unit === "VND" ? "500 triệu" : unit === undefined ? "" : "60%"} onInput={(ev) => setText((ev.currentTarget as HTMLInputElement).value)} />
        </Field>
        <div>
          <button type="submit">Đánh giá lại / Re-evaluate</button>
        </div>
      </form>
      <p class="sr-only" role="status" data-testid="what-if-announce">
        {said}
      </p>
      {outcome === undefined ? null : !outcome.ok ? (
        <Problems problems={outcome.problems} />
      ) : (
        <div class="scroll">
          <table data-testid="what-if-result" class="stack">
            <caption class="sr-only">Hiện hành và giả định / Now and what-if</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="sr-only">Mục / Item</span>
                </th>
                <th scope="col">Hiện hành <span class="en">Now</span></th>
                <th scope="col">Giả định <span class="en">What-if</span></th>
                <th scope="col">Chênh lệch <span class="en">Difference</span></th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Kết luận <span class="en">Verdict</span></th>
                <td data-label="Hiện hành / Now">{VERDICT[a.verdict]?.[0]}</td>
                <td data-label="Giả định / What-if">{VERDICT[outcome.value.evaluation.verdict]?.[0]}</td>
                <td />
              </tr>
              {a.support.lines.map((l, i) => {
                const b = outcome.value.evaluation.support.lines[i]
                const d = (b?.support ?? 0n) - l.support
                return (
                  <tr key={i}>
                    <th scope="row">
                      {items[l.item]?.nameVi ?? l.item} <span class="en inline">[{l.item}]</span>
                    </th>
                    <td class="num" data-label="Hiện hành / Now">{vnd(l.support)}</td>
                    <td class="num" data-label="Giả định / What-if">{b === undefined ? "—" : vnd(b.support)}</td>
                    <td class={`num ${d > 0n ? "diff-pos" : d < 0n ? "diff-neg" : ""}`} data-label="Chênh lệch / Difference">{signedVnd(d)}</td>
                  </tr>
                )
              })}
              <tr>
                <th scope="row">Số được chi trả <span class="en">Payable</span></th>
                <td class="num" data-testid="wi-before" data-label="Hiện hành / Now">{vnd(a.payable)}</td>
                <td class="num" data-testid="wi-after" data-label="Giả định / What-if">{vnd(outcome.value.evaluation.payable)}</td>
                <td class="num" data-testid="wi-difference" data-label="Chênh lệch / Difference">
                  <strong>{signedVnd(outcome.value.evaluation.payable - a.payable)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <p class="muted">
            Giá trị giả định có mức xác thực “chưa xác nhận”, không phải quy định pháp luật.{" "}
            <span class="en inline">The what-if value is graded unconfirmed: it is not law.</span>
          </p>
        </div>
      )}
    </section>
  )
}

function Result(props: { readonly value: Evaluated }) {
  const { evaluation: e, explanation } = props.value
  const [vi, en] = VERDICT[e.verdict] ?? [e.verdict, e.verdict]
  return (
    <div class="result" data-testid="result">
      <p class={`verdict ${e.verdict}`} data-testid="verdict" data-verdict={e.verdict}>
        {vi} <span class="en inline">/ {en}</span>
      </p>
      <p class="muted">
        Bộ quy tắc <span lang="en">/ pack</span> <code>{e.packId}</code> {e.packVersion} · lớp địa phương <span lang="en">/ overlay</span> {e.overlay ?? "—"} · ngày{" "}
        <span lang="en">/ date</span> {e.date}
      </p>
      <Lines e={e} />
      {e.warnings.length === 0 ? null : (
        <div class="panel" data-testid="warnings">
          <strong>Cảnh báo</strong> <span class="en inline">Warnings</span>
          <ul>
            {e.warnings.map((w, i) => (
              <li key={i}>
                <span lang="vi">{Messages.messageOf(w, "vi")}</span>
                <span class="en">{Messages.messageOf(w, "en")}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <WhatIf before={props.value} />
      <Conditions e={e} />
      <details open>
        <summary>
          Giải trình của thư viện <span class="en inline">The library's explanation (Evaluate.explain)</span>
        </summary>
        <Explanation text={explanation} date={e.date} />
      </details>
    </div>
  )
}

const pretty = (u: unknown): string => JSON.stringify(u, null, 2)

/**
 * What a screen reader says after an evaluation asked for: one short sentence in a live region that
 * is always on the page (a region inserted with its text is often not read). It is emptied first,
 * so that the same sentence twice is said twice.
 */
function useAnnounce(): readonly [string, (text: string) => void] {
  const [text, setText] = useState("")
  const say = (t: string) => {
    setText("")
    requestAnimationFrame(() => setText(t))
  }
  return [text, say]
}

/** The sentence said of an outcome: the verdict and the payable, or how many problems the input has. */
const sentenceOf = (o: { readonly ok: true; readonly value: Evaluated } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }): string => {
  if (!o.ok) return `Dữ liệu chưa hợp lệ: ${o.problems.length} lỗi / The input is not valid: ${o.problems.length} problem(s)`
  const e = o.value.evaluation
  const [vi, en] = VERDICT[e.verdict] ?? [e.verdict, e.verdict]
  return `Kết quả: ${vi}; số được chi trả ${vnd(e.payable)} / Result: ${en}; payable ${vnd(e.payable)}`
}

/** After an evaluation asked for, bring the result into view (below the forms on a phone) and move focus to it. */
const showResult = (): void => {
  requestAnimationFrame(() => {
    const h = document.getElementById("result-h")
    h?.scrollIntoView({ block: "start" })
    h?.focus()
  })
}

export function EvaluateView() {
  const [form, setForm] = useState<FormState>(example)
  const [json, setJson] = useState(() => pretty(inputOf(example).input))
  const [outcome, setOutcome] = useState(() => evaluateInput(inputOf(example).input))
  const [said, say] = useAnnounce()
  // each evaluation asked for is a new result: the what-if starts again from what this one read
  const [run, setRun] = useState(0)
  const resolved = useMemo(() => resolvedAt(form.approvalDate), [form.approvalDate])
  const industries = useMemo(() => industriesAt(form.approvalDate), [form.approvalDate])
  const set = (k: keyof FormState) => (ev: Event) => setForm({ ...form, [k]: (ev.currentTarget as HTMLInputElement).value })
  const input = (k: keyof FormState, vi: string, en: string, type: "text" | "number" | "date" = "text") => (
    <Field id={`f-${k}`} vi={vi} en={en}>
      <input id={`f-${k}`} name={k} {...({ type } as { type: "text" })} value={form[k]} onInput={set(k)} />
    </Field>
  )
  const submitForm = (ev: Event) => {
    ev.preventDefault()
    const { input: i, problems } = inputOf(form)
    setJson(pretty(i))
    const o = problems.length > 0 ? ({ ok: false, problems } as const) : evaluateInput(i)
    setOutcome(o)
    setRun(run + 1)
    say(sentenceOf(o))
    showResult()
  }
  const submitJson = (ev: Event) => {
    ev.preventDefault()
    const parsed = parseJson(json)
    const o = parsed.ok ? evaluateInput(parsed.value) : parsed
    setOutcome(o)
    setRun(run + 1)
    say(sentenceOf(o))
    showResult()
  }
  return (
    <div class="evaluate">
      <div>
        <form class="panel" onSubmit={submitForm} aria-labelledby="form-h" data-testid="form">
          <h2 id="form-h">
            Đề án <span class="en">A proposal</span>
          </h2>
          <fieldset>
            <legend>
              Cơ sở thụ hưởng <span class="en inline">Establishment</span>
            </legend>
            <div class="fields">
              {input("establishmentName", "Tên cơ sở", "Name")}
              <Field id="f-legalForm" vi="Loại hình" en="Legal form">
                <select id="f-legalForm" value={form.legalForm} onChange={set("legalForm")}>
                  <option value="enterprise:micro">Doanh nghiệp siêu nhỏ / micro enterprise</option>
                  <option value="enterprise:small">Doanh nghiệp nhỏ / small enterprise</option>
                  <option value="enterprise:medium">Doanh nghiệp vừa / medium enterprise</option>
                  <option value="large-enterprise">Doanh nghiệp lớn / large enterprise</option>
                  <option value="cooperative">Hợp tác xã / cooperative</option>
                  <option value="cooperative-group">Tổ hợp tác / cooperative group</option>
                  <option value="business-household">Hộ kinh doanh / business household</option>
                </select>
              </Field>
              {input("taxCode", "Mã số thuế", "Tax code")}
              {input("provinceCode", "Mã tỉnh", "Province code")}
              {input("provinceName", "Tên tỉnh", "Province")}
              {input("commune", "Xã, phường", "Commune")}
              <Field id="f-communeKind" vi="Loại đơn vị" en="Kind of unit">
                <select id="f-communeKind" value={form.communeKind} onChange={set("communeKind")}>
                  <option value="commune">Xã / commune</option>
                  <option value="ward">Phường / ward</option>
                  <option value="township">Thị trấn / township</option>
                  <option value="special-zone">Đặc khu / special zone</option>
                </select>
              </Field>
              <Field id="f-industry" vi="Ngành nghề" en="Industry">
                <select id="f-industry" value={form.industry} onChange={set("industry")}>
                  {[...new Set([...industries, form.industry])].map((c) => (
                    <option key={c} value={c}>
                      {Messages.term(c, "vi") === c ? c : `${Messages.term(c, "vi")} / ${Messages.term(c, "en")}`}
                    </option>
                  ))}
                </select>
              </Field>
              {input("workforce", "Số lao động", "Workforce", "number")}
            </div>
          </fieldset>
          <fieldset>
            <legend>
              Đề án và dòng dự toán <span class="en inline">Proposal and cost line</span>
            </legend>
            <div class="fields">
              {input("proposalId", "Mã đề án", "Proposal id")}
              {input("title", "Tên đề án", "Title")}
              <Field id="f-fund" vi="Nguồn kinh phí" en="Fund">
                <select id="f-fund" value={form.fund} onChange={set("fund")}>
                  <option value="national">Quốc gia / national</option>
                  <option value="local">Địa phương / local</option>
                </select>
              </Field>
              <Field id="f-item" vi="Nội dung chi" en="Spending item">
                <select id="f-item" value={form.item} onChange={set("item")}>
                  {Object.values(resolved.items).map((it) => (
                    <option key={it.code} value={it.code}>
                      {it.code} — {it.nameVi}
                    </option>
                  ))}
                </select>
              </Field>
              {input("lineDescription", "Mô tả", "Description")}
              {input("total", "Tổng chi phí (đồng)", "Total cost (đồng)")}
              {input("requested", "Kinh phí đề nghị hỗ trợ", "Support requested")}
              {input("approvalDate", "Ngày phê duyệt", "Approval date", "date")}
              {input("planYear", "Năm kế hoạch", "Plan year", "number")}
              {input("start", "Bắt đầu", "Start", "date")}
              {input("end", "Kết thúc", "End", "date")}
            </div>
          </fieldset>
          <button type="submit">Đánh giá / Evaluate</button>{" "}
          <button type="button" class="secondary" onClick={() => setForm(example)}>
            Ví dụ / Example
          </button>
        </form>
        <form class="panel" onSubmit={submitJson}>
          <label for="json-input">
            <Bi vi="Hoặc dán JSON: { date?, establishments, proposal }" en="Or paste JSON: { date?, establishments, proposal }" />
          </label>
          <textarea id="json-input" spellcheck={false} value={json} onInput={(ev) => setJson((ev.currentTarget as HTMLTextAreaElement).value)} />
          <button type="submit">Đánh giá JSON / Evaluate the JSON</button>
        </form>
      </div>
      <section class="panel" aria-labelledby="result-h">
        <h2 id="result-h" tabIndex={-1}>
          Kết quả <span class="en">Result</span>
        </h2>
        <p class="sr-only" role="status" data-testid="announce">
          {said}
        </p>
        {outcome.ok ? <Result key={run} value={outcome.value} /> : <Problems problems={outcome.problems} />}
      </section>
    </div>
  )
}
