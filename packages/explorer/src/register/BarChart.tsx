/**
 * Allocation as horizontal bars (Chart.js), one bar a slice, in triệu đồng on the axis and exact
 * đồng in the tooltip; the canvas has a text alternative and the table beside it holds the exact
 * figures, for screen readers and for copying.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js"
import { useEffect, useRef } from "preact/hooks"
import { vnd } from "../ui/format.js"
import { Bi } from "../ui/text.js"
import type { Slice } from "./model.js"

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

/** A label cut to `n` characters for the axis (the table beside has it whole). */
const short = (s: string, n = 38): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join("")}…` : s)

export function AllocationChart(props: {
  readonly id: string
  readonly title: readonly [string, string]
  readonly head: readonly [string, string]
  readonly slices: ReadonlyArray<Slice>
  readonly total: bigint
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { slices } = props
  useEffect(() => {
    if (canvas.current === null) return
    // a phone has room for short labels only (the table beside has them whole)
    const room = (canvas.current.parentElement?.clientWidth ?? 800) < 560 ? 16 : 38
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: slices.map((s) => short(s.vi, room)),
        datasets: [{ label: "Phân bổ / Allocated (triệu đồng)", data: slices.map((s) => Number(s.allocated) / 1e6), backgroundColor: "#0b5394" }]
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { beginAtZero: true, title: { display: true, text: "triệu đồng / million đồng" }, ticks: { callback: (v) => Number(v).toLocaleString("vi-VN") } },
          y: { ticks: { autoSkip: false } }
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => vnd(slices[item.dataIndex]?.allocated ?? 0n) } }
        }
      }
    })
    return () => chart.destroy()
  }, [slices])
  const summary = slices.map((s) => `${s.vi}: ${vnd(s.allocated)}`).join("; ")
  const height = Math.max(160, 34 * slices.length + 70)
  return (
    <figure class="reg-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>
        <Bi vi={props.title[0]} en={props.title[1]} />
      </figcaption>
      <div class="reg-chart-grid">
        <div class="chart" style={{ height: `${height}px` }}>
          <canvas ref={canvas} role="img" aria-label={`${props.title[0]} / ${props.title[1]}: ${summary}`} data-testid={`${props.id}-canvas`} />
        </div>
        {/* on a narrow screen the table scrolls sideways: focusable, so that the keyboard scrolls it too */}
        <div class="scroll" tabIndex={0} role="region" aria-label={`Bảng số liệu: ${props.title[0]} / Table: ${props.title[1]}`}>
          <table data-testid={`${props.id}-table`}>
            <caption class="sr-only">
              {props.title[0]} / {props.title[1]}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Bi vi={props.head[0]} en={props.head[1]} />
                </th>
                <th scope="col">
                  <Bi vi="Đề án" en="Proposals" />
                </th>
                <th scope="col">
                  <Bi vi="Phân bổ" en="Allocated" />
                </th>
              </tr>
            </thead>
            <tbody>
              {slices.map((s) => (
                <tr key={s.key} data-key={s.key} data-allocated={s.allocated.toString()}>
                  <th scope="row">
                    {s.vi === s.en ? s.vi : <Bi vi={s.vi} en={s.en} />}
                  </th>
                  <td class="num">{s.proposals}</td>
                  <td class="num">{vnd(s.allocated)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-allocated={props.total.toString()}>
                <th scope="row">
                  <Bi vi="Cộng" en="Total" inline />
                </th>
                <td />
                <td class="num">{vnd(props.total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </figure>
  )
}
