/**
 * `evaluate`'s progress bars (cli-progress), run in-process on a fake terminal: drawn per phase
 * and ending at 100 % of their totals on a terminal; nothing at all on a stream that is not a
 * terminal, or with --json.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Writable } from "node:stream"
import { fileURLToPath } from "node:url"
import { Xlsx } from "@khuyencong/adapters-excel"
import { afterAll, describe, expect, it } from "vitest"
import { run } from "../src/index.js"
import { phases } from "../src/internal/progress.js"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const data = join(root, "examples/provincial-plan/data")
const register = join(data, "register-2024.xlsx")
const source = join(data, "register-2024.source.json")
const out = mkdtempSync(join(tmpdir(), "khuyencong-cli-progress-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** A stream that records what is written to it; a terminal 100 columns wide when `tty`. */
const fakeStream = (tty: boolean) => {
  let text = ""
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        text += chunk.toString()
        done()
      }
    }),
    { isTTY: tty, columns: 100 }
  )
  return { stream, text: () => text }
}

/** The frames a bar drew: cli-progress moves to column 1 (`ESC [1G`) before each redraw. */
const frames = (text: string): Array<string> =>
  text
    .split("\x1b[1G")
    .slice(1)
    .map((f) => f.replace(/\x1b\[0K[\s\S]*$/, ""))

const evaluateArgs = ["evaluate", register, "--date", "2024-03-15", "--establishments", source, "--plan", source, "--out", out]

const evaluate = async (args: ReadonlyArray<string>, tty: boolean) => {
  const progress = fakeStream(tty)
  const stdout: Array<string> = []
  const code = await run(args, { out: (t) => stdout.push(t), err: () => {}, cwd: root, progress: progress.stream })
  return { code, stdout: stdout.join("\n"), progress: progress.text() }
}

describe("evaluate's progress bars", { timeout: 120_000 }, () => {
  it("on a terminal: one bar per phase, each ending at 100 % of its total (the register's proposals, the three workbooks)", async () => {
    const read = await Xlsx.readRegister(register, {})
    const proposals = (read.ok ? read.value : read.error.partial)?.proposals.length ?? -1
    expect(proposals).toBeGreaterThan(0)
    const r = await evaluate(evaluateArgs, true)
    expect(r.code).toBe(1) // the register's findings, as without bars
    const drawn = frames(r.progress)
    const last = (label: string) => drawn.filter((f) => f.startsWith(label)).at(-1)
    // reading: the reader gives no row count before the end, so a count of the proposals read
    expect(last("Đọc biểu")).toMatch(new RegExp(`^Đọc biểu +${proposals} đề án \\| \\d+s$`))
    expect(last("Thẩm định")).toMatch(new RegExp(`^Thẩm định +█{30} 100% \\| ${proposals}/${proposals} đề án \\| còn `))
    expect(last("Ghi bảng tính")).toMatch(/^Ghi bảng tính █{30} 100% \| 3\/3 tệp \| còn /)
    // the writing bar starts at 0 and never goes backwards (the library redraws at most every
    // few milliseconds, so a workbook written quickly may share a frame with the next one)
    const writing = drawn.filter((f) => f.startsWith("Ghi bảng tính")).map((f) => Number(/(\d+)\/3/.exec(f)?.[1]))
    expect(writing[0]).toBe(0)
    expect(writing.at(-1)).toBe(3)
    expect(writing).toEqual([...writing].sort((a, b) => a - b))
    // the phases come in order, and the summary is unchanged on stdout
    expect(r.progress.indexOf("Đọc biểu")).toBeLessThan(r.progress.indexOf("Thẩm định"))
    expect(r.progress.indexOf("Thẩm định")).toBeLessThan(r.progress.indexOf("Ghi bảng tính"))
    expect(r.stdout).toMatch(new RegExp(`${proposals} đề án: 29 đủ điều kiện, 4 không`))
    expect(r.stdout).not.toContain("\x1b")
  })

  it("in English with --lang en", async () => {
    const r = await evaluate([...evaluateArgs, "--lang", "en"], true)
    const drawn = frames(r.progress)
    expect(drawn.some((f) => /^Reading +\d+ proposals/.test(f))).toBe(true)
    expect(drawn.filter((f) => f.startsWith("Evaluating")).at(-1)).toMatch(/100% \| 33\/33 proposals \| ETA /)
    expect(drawn.filter((f) => f.startsWith("Writing")).at(-1)).toMatch(/100% \| 3\/3 workbooks \| ETA /)
    expect(r.progress).not.toMatch(/Đọc|Thẩm|Ghi/)
  })

  it("nothing is written when the stream is not a terminal", async () => {
    const r = await evaluate(evaluateArgs, false)
    expect(r.code).toBe(1)
    expect(r.progress).toBe("")
    expect(r.stdout).toContain("33 đề án: 29 đủ điều kiện, 4 không")
  })

  it("nothing is drawn with --json, even on a terminal, and stdout is the JSON document alone", async () => {
    const r = await evaluate([...evaluateArgs, "--json"], true)
    expect(r.code).toBe(1)
    expect(r.progress).toBe("")
    expect(r.stdout).not.toContain("\x1b")
    expect(JSON.parse(r.stdout).totals.proposals).toBe(33)
  })
})

describe("phases", () => {
  it("a phase that ends is drawn at its total; one stopped by an error stays where it was", () => {
    const done = fakeStream(true)
    const p = phases(done.stream, "en")
    p.start("Writing", "workbooks", 5).update(2)
    p.stop()
    expect(frames(done.text()).at(-1)).toMatch(/ 100% \| 5\/5 workbooks/)
    expect(done.text().endsWith("\n")).toBe(true) // the line is kept

    const failed = fakeStream(true)
    const q = phases(failed.stream, "en")
    q.start("Writing", "workbooks", 5).update(2)
    q.stop(false)
    expect(frames(failed.text()).at(-1)).toMatch(/ 40% \| 2\/5 workbooks/)
    expect(failed.text()).not.toContain("100%")
  })

  it("starting a phase completes the one before; a stopped phase ignores later updates", () => {
    const s = fakeStream(true)
    const p = phases(s.stream, "vi")
    const first = p.start("Thẩm định", "đề án", 4)
    first.update(1)
    p.start("Ghi bảng tính", "tệp", 3)
    first.update(2) // too late: the first phase has ended
    p.stop()
    const drawn = frames(s.text())
    expect(drawn.filter((f) => f.startsWith("Thẩm định")).at(-1)).toMatch(/100% \| 4\/4 đề án/)
    expect(drawn.filter((f) => f.startsWith("Thẩm định")).some((f) => f.includes("2/4"))).toBe(false)
    expect(drawn.at(-1)).toMatch(/^Ghi bảng tính .* 100% \| 3\/3 tệp/)
  })

  it("draws nothing without a stream or on one that is not a terminal", () => {
    const s = fakeStream(false)
    for (const p of [phases(s.stream, "vi"), phases(undefined, "vi")]) {
      p.start("Thẩm định", "đề án", 4).update(4)
      p.stop()
    }
    expect(s.text()).toBe("")
  })
})
