/**
 * A parameter's history as a step chart over 2014–2030 (Chart.js, `stepped`), the national level
 * and each province's own level; unconfirmed values drawn dashed with triangle points (the table
 * beside says so in words). The canvas has a text alternative; the history table is the data.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset } from "chart.js"
import { useEffect, useRef } from "preact/hooks"
import { numberOf } from "../ui/format.js"
import type { Entry, ProvincialLevel } from "./model.js"

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend)

const START = 2014
const END = 2031

/** A day as a fractional year (`2018-05-11` → 2018.36), the chart's x. */
export const yearOf = (day: string): number => {
  const [y = "0", m = "1", d = "1"] = day.split("-")
  const t = Date.UTC(Number(y), Number(m) - 1, Number(d))
  const s = Date.UTC(Number(y), 0, 1)
  const e = Date.UTC(Number(y) + 1, 0, 1)
  return Number(y) + (t - s) / (e - s)
}

interface Point {
  readonly x: number
  readonly y: number | null
  readonly unconfirmed: boolean
}

const series = (e: Entry): Array<Point> => {
  const pts: Array<Point> = []
  for (const s of e.steps) {
    const x = Math.max(START, yearOf(s.from))
    if (x >= END) continue
    const y = s.value === null ? null : (numberOf(s.value, e.unit) ?? null)
    const unconfirmed = s.citation !== undefined && (s.citation.grade === "unconfirmed" || s.citation.grade === "provincial-copy")
    // a later value from a day before 2014 replaces an earlier one at the left edge
    if (pts.length > 0 && pts[pts.length - 1]?.x === x) pts.pop()
    pts.push({ x, y, unconfirmed })
  }
  const last = pts[pts.length - 1]
  if (last !== undefined) pts.push({ ...last, x: END })
  return pts
}

const formatTick = (unit: string | undefined, v: number): string =>
  unit === "VND" ? `${(v / 1e6).toLocaleString("vi-VN")} tr` : unit === "rate" || unit === "share" ? `${v}%` : String(v)

export function StepChart(props: { readonly entry: Entry; readonly date: string; readonly levels: ReadonlyArray<ProvincialLevel> }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { entry, date, levels } = props
  useEffect(() => {
    if (canvas.current === null) return
    const national = series(entry)
    const datasets: Array<ChartDataset<"line", Array<Point>>> = [
      {
        label: "Mức quốc gia / National",
        data: national,
        stepped: "before",
        borderColor: "#0b5394",
        backgroundColor: "#0b5394",
        borderWidth: 2,
        pointStyle: national.map((p) => (p.unconfirmed ? "triangle" : "circle")),
        pointRadius: national.map((p, i) => (i === national.length - 1 ? 0 : p.unconfirmed ? 6 : 4)),
        segment: { borderDash: (ctx) => (national[ctx.p1DataIndex]?.unconfirmed === true ? [6, 4] : undefined) }
      }
    ]
    const colours = ["#b45f06", "#38761d", "#741b47"]
    levels.forEach((l, i) => {
      const y = numberOf(l.value, entry.unit)
      if (y === undefined) return
      const from = Math.max(START, yearOf(l.overlay.effective.start))
      const to = l.overlay.effective.end === undefined ? END : Math.min(END, yearOf(l.overlay.effective.end))
      const c = colours[i % colours.length] ?? "#b45f06"
      datasets.push({
        label: `${l.overlay.province} ${l.overlay.title.split(":")[0] ?? ""}`,
        data: [
          { x: from, y, unconfirmed: false },
          { x: to, y, unconfirmed: false }
        ],
        stepped: "before",
        borderColor: c,
        backgroundColor: c,
        borderDash: [2, 3],
        pointRadius: [4, 0]
      })
    })
    const chart = new Chart(canvas.current, {
      type: "line",
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        spanGaps: false,
        scales: {
          x: { type: "linear", min: START, max: END, ticks: { stepSize: 1, callback: (v) => String(Math.floor(Number(v))) }, title: { display: true, text: "Năm / Year" } },
          y: { type: "linear", beginAtZero: true, ticks: { callback: (v) => formatTick(entry.unit, Number(v)) } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { title: (items) => String(Math.floor(items[0]?.parsed.x ?? 0)) } }
        }
      },
      plugins: [
        {
          // the selected date as a vertical line
          id: "date-line",
          afterDatasetsDraw(c) {
            const x = c.scales["x"]?.getPixelForValue(yearOf(date))
            if (x === undefined || x < c.chartArea.left || x > c.chartArea.right) return
            const g = c.ctx
            g.save()
            g.strokeStyle = "#cc0000"
            g.setLineDash([4, 4])
            g.beginPath()
            g.moveTo(x, c.chartArea.top)
            g.lineTo(x, c.chartArea.bottom)
            g.stroke()
            g.restore()
          }
        }
      ]
    })
    return () => chart.destroy()
  }, [entry, date, levels])
  const summary = entry.steps.map((s) => `${s.from}: ${s.value === null ? "—" : String(numberOf(s.value, entry.unit) ?? "")}`).join("; ")
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={`Biểu đồ bậc thang / Step chart ${entry.id}: ${summary}`} data-testid="step-chart" />
    </div>
  )
}
