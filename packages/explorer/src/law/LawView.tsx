/**
 * The law at a date (Luật theo ngày): search the corpus, pick a parameter or a rule, see its value
 * on the date with where it is written, its whole history as a step chart and a table, the
 * provinces' own levels beside the national one; then the instruments and the packs.
 */
import { Citation } from "@khuyencong/core"
import { useMemo, useState } from "preact/hooks"
import { go, lawLink } from "../route.js"
import { compareValues, formatValue } from "../ui/format.js"
import { Bi, L, T, Unconfirmed } from "../ui/text.js"
import { entry as entryOf, inForce, instruments, packs, provincialLevels, search, stepAt, today, type Entry, type Step } from "./model.js"
import { StepChart } from "./StepChart.js"

/** Today, within the years the view covers (2014–2030): the date when the link names none. */
const defaultDate = (): string => {
  const t = today()
  return t < "2014-01-01" ? "2014-01-01" : t > "2030-12-31" ? "2030-12-31" : t
}
const SHOWN = 60
/** A column's name in both languages, shown above each value when a table stacks on a phone. */
const lbl = (k: keyof typeof L): string => `${L[k][0]} / ${L[k][1]}`

function CitationCells(props: { readonly c: Citation.Citation | undefined }) {
  const c = props.c
  if (c === undefined) return <td colSpan={5}>—</td>
  return (
    <>
      <td data-label={lbl("instrument")}>
        <span title={c.instrument.title}>{Citation.formatInstrumentVi(c.instrument)}</span>
      </td>
      <td data-label={lbl("article")}>{c.article ?? "—"}</td>
      <td data-label={lbl("clause")}>{c.clause ?? "—"}</td>
      <td data-label={lbl("point")}>{c.point ?? "—"}</td>
      <td data-label={lbl("grade")}>
        <Bi vi={Citation.gradeLabel(c.grade, "vi")} en={Citation.gradeLabel(c.grade, "en")} /> <Unconfirmed grade={c.grade} />
      </td>
    </>
  )
}

function History(props: { readonly e: Entry; readonly date: string }) {
  const { e, date } = props
  const current = stepAt(e, date)
  return (
    <div class="scroll">
      <table class="history stack">
        <caption>
          <T k="history" inline />
        </caption>
        <thead>
          <tr>
            <th scope="col"><T k="from" /></th>
            <th scope="col"><T k="value" /></th>
            <th scope="col"><T k="instrument" /></th>
            <th scope="col"><T k="article" /></th>
            <th scope="col"><T k="clause" /></th>
            <th scope="col"><T k="point" /></th>
            <th scope="col"><T k="grade" /></th>
          </tr>
        </thead>
        <tbody>
          {e.steps.map((s) => (
            <tr key={s.from} class={s === current ? "current" : undefined} aria-current={s === current ? "true" : undefined} data-from={s.from}>
              <td data-label={lbl("from")}>{s.from}</td>
              <td class={e.kind === "parameter" ? "num" : undefined} data-label={lbl("value")}>{e.kind === "parameter" ? (s.value === null ? <T k="ended" /> : formatValue(s.value, e.unit)) : s.name === undefined ? "—" : <Bi vi={s.name[0]} en={s.name[1]} />}</td>
              <CitationCells c={s.citation} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ValueAt(props: { readonly e: Entry; readonly step: Step | undefined; readonly date: string }) {
  const { e, step } = props
  if (step === undefined || (e.kind === "parameter" && step.value === null))
    return (
      <p class="value-at" data-testid="value-at">
        <T k="noValue" inline />
      </p>
    )
  const c = step.citation
  return (
    <div class="value-at" data-testid="value-at-block">
      <p>
        <span class="label">
          {e.kind === "parameter" ? <T k="valueAt" inline /> : <Bi vi="Quy định tại ngày" en="The rule on the date" inline />} {props.date}:
        </span>{" "}
        <strong data-testid="value-at" class="big">
          {e.kind === "parameter" ? formatValue(step.value, e.unit) : (step.name?.[0] ?? e.nameVi)}
        </strong>{" "}
        {c === undefined ? null : <Unconfirmed grade={c.grade} />}
      </p>
      {c === undefined ? null : (
        <p class="cite" data-testid="value-citation">
          <span lang="vi">{Citation.formatVi(c)}</span> · <span lang="en" class="en inline">{Citation.format(c)}</span>
          {c.note === undefined ? null : <span class="note">{c.note}</span>}
        </p>
      )}
    </div>
  )
}

function Overlays(props: { readonly e: Entry; readonly date: string }) {
  const levels = provincialLevels(props.e.id)
  /** What a provincial level does to the national one: the overlay's operation, or "same" when the two are equal. */
  const opLabel = (op: string, order: -1 | 0 | 1 | undefined): string =>
    order === 0 ? "= bằng mức quốc gia / same as national" : op === "lower" ? "▼ hạ / lowers" : "▲ nâng / raises"
  // the national level the overlay's level stands beside: at the date when the overlay is in force then, else on its first day
  const nationalOn = (o: Parameters<typeof inForce>[0]) => stepAt(props.e, inForce(o, props.date) ? props.date : o.effective.start)
  return (
    <section aria-labelledby="overlays-h">
      <h3 id="overlays-h">
        <T k="overlays" inline />
      </h3>
      {levels.length === 0 ? (
        <p class="muted">
          <T k="noOverlays" inline />
        </p>
      ) : (
        <div class="scroll">
          <table data-testid="overlays" class="stack">
            <thead>
              <tr>
                <th scope="col">Tỉnh <span class="en">Province</span></th>
                <th scope="col"><T k="value" /></th>
                <th scope="col"><T k="national" /></th>
                <th scope="col"><T k="instrument" /></th>
                <th scope="col"><T k="effective" /></th>
              </tr>
            </thead>
            <tbody>
              {levels.map((l) => (
                <tr key={l.overlay.id} class={inForce(l.overlay, props.date) ? "current" : undefined}>
                  <td>
                    {l.overlay.province} · {l.overlay.title.split(":")[0]}
                  </td>
                  <td class="num" data-label={lbl("value")}>
                    {formatValue(l.value, props.e.unit)} <span class="op">{opLabel(l.op, compareValues(l.value, nationalOn(l.overlay)?.value))}</span>
                  </td>
                  <td class="num" data-label={lbl("national")}>{formatValue(nationalOn(l.overlay)?.value, props.e.unit)}</td>
                  <td data-label={lbl("instrument")}>
                    {Citation.formatInstrumentVi(l.instrument)} <Unconfirmed grade={l.overlay.citation.grade} />
                  </td>
                  <td data-label={lbl("effective")}>
                    {l.overlay.effective.start}
                    {l.overlay.effective.end === undefined ? " →" : ` → ${l.overlay.effective.end}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function Detail(props: { readonly e: Entry; readonly date: string }) {
  const { e, date } = props
  const step = stepAt(e, date)
  const levels = useMemo(() => provincialLevels(e.id), [e])
  const numeric = e.kind === "parameter" && (e.unit !== undefined)
  return (
    <article class="panel detail" aria-labelledby="detail-title" data-testid="detail">
      <h2 id="detail-title" tabIndex={-1}>
        <span lang="vi">{e.nameVi}</span>
        <span class="en">{e.nameEn}</span>
      </h2>
      <p class="id">
        <code>{e.id}</code> {e.unit === undefined ? null : <span class="unit">({e.unit})</span>}
      </p>
      <ValueAt e={e} step={step} date={date} />
      {step?.reads === undefined || Object.keys(step.reads).length === 0 ? null : (
        <div data-testid="reads">
          <strong>Tham số quy định này đọc</strong> <span class="en inline">Parameters this rule reads</span>
          <ul>
            {Object.entries(step.reads).map(([role, id]) => (
              <li key={role}>
                <a href={lawLink(id, date)}>{id}</a> <span class="muted">({role})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {numeric ? (
        <StepChart entry={e} date={date} levels={levels} />
      ) : (
        <p class="muted">
          <T k="noChart" inline />
        </p>
      )}
      <History e={e} date={date} />
      {e.kind === "parameter" ? <Overlays e={e} date={date} /> : null}
    </article>
  )
}

function Instruments() {
  return (
    <details class="panel">
      <summary>
        <T k="instruments" inline />
      </summary>
      <div class="scroll">
        <table data-testid="instruments" class="stack">
          <thead>
            <tr>
              <th scope="col"><T k="instrument" /></th>
              <th scope="col"><T k="signed" /></th>
              <th scope="col"><T k="effective" /></th>
              <th scope="col"><T k="amends" /> / <T k="replaces" /></th>
            </tr>
          </thead>
          <tbody>
            {instruments().map((i) => (
              <tr key={i.number}>
                <td>
                  <strong>{Citation.formatInstrumentVi(i)}</strong>
                  <span class="en">{i.title}</span>
                  {i.status === "reported" ? (
                    <span class="badge unconfirmed">
                      ⚠ <T k="reported" inline />
                    </span>
                  ) : null}
                </td>
                <td data-label={lbl("signed")}>{i.signed ?? "—"}</td>
                <td data-label={lbl("effective")}>
                  {i.effective}
                  {i.expired === undefined ? null : ` → ${i.expired}`}
                </td>
                <td data-label={`${lbl("amends")}, ${lbl("replaces")}`}>
                  {(i.amends ?? []).length > 0 ? <div>sửa đổi / amends: {(i.amends ?? []).join(", ")}</div> : null}
                  {(i.replaces ?? []).length > 0 ? <div>thay thế / replaces: {(i.replaces ?? []).join(", ")}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

function Packs() {
  return (
    <details class="panel">
      <summary>
        <T k="packs" inline />
      </summary>
      <ul class="packs" data-testid="packs">
        {packs().map((p) => (
          <li key={p.id}>
            <strong>{p.id}</strong> {p.version}: <T k="decisions" inline /> {p.governs.decisions.start} → {p.governs.decisions.end}; <T k="planYears" inline />{" "}
            {p.governs.planYears.from}–{p.governs.planYears.to}
            <span class="en">{p.title}</span>
          </li>
        ))}
      </ul>
    </details>
  )
}

export function LawView(props: { readonly id: string | undefined; readonly date: string | undefined; readonly q: string | undefined }) {
  const date = props.date ?? defaultDate()
  const [query, setQuery] = useState(props.q ?? "")
  const found = useMemo(() => search(query), [query])
  const selected = props.id === undefined ? undefined : entryOf(props.id)
  const open = (id: string) => {
    go({ tab: "law", id, date, ...(query === "" ? {} : { q: query }) })
    requestAnimationFrame(() => document.getElementById("detail-title")?.focus())
  }
  return (
    <div class="law">
      <form
        class="panel controls"
        role="search"
        onSubmit={(ev) => {
          ev.preventDefault()
          const first = found[0]
          if (first !== undefined) open(first.id)
        }}
      >
        <label for="law-search">
          <T k="search" />
        </label>
        <input
          id="law-search"
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby="law-search-hint"
          aria-controls="law-results"
          onInput={(ev) => setQuery((ev.currentTarget as HTMLInputElement).value)}
        />
        <small id="law-search-hint">
          <Bi vi={L.searchHint[0]} en={L.searchHint[1]} />
        </small>
        <label for="law-date">
          <T k="date" />
        </label>
        <input
          id="law-date"
          type="date"
          min="2014-01-01"
          max="2030-12-31"
          value={date}
          onChange={(ev) => {
            const v = (ev.currentTarget as HTMLInputElement).value
            if (v !== "") go({ tab: "law", ...(props.id === undefined ? {} : { id: props.id }), date: v, ...(query === "" ? {} : { q: query }) }, true)
          }}
        />
      </form>
      <nav class="panel results" aria-label="Kết quả / Results">
        <p aria-live="polite" data-testid="result-count">
          {found.length} <T k="results" inline />
        </p>
        <ul id="law-results">
          {found.slice(0, SHOWN).map((e) => (
            <li key={e.id}>
              <a href={lawLink(e.id, date)} aria-current={e.id === props.id ? "page" : undefined} data-id={e.id}>
                <span lang="vi">{e.nameVi}</span>
                <code>{e.id}</code>
              </a>
            </li>
          ))}
        </ul>
        {found.length > SHOWN ? <p class="muted">… +{found.length - SHOWN}</p> : null}
      </nav>
      {selected === undefined ? (
        <p class="panel muted detail">
          {props.id === undefined ? <T k="select" inline /> : `Không có mục / No entry “${props.id}”`}
        </p>
      ) : (
        <Detail e={selected} date={date} />
      )}
      <div class="reference">
        <Instruments />
        <Packs />
      </div>
    </div>
  )
}
