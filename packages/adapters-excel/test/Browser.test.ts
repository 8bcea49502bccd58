/**
 * The browser entry (`@khuyencong/adapters-excel/browser`, src/browser.ts): it reads a register from
 * the bytes of an .xlsx file into the same register as the Node reader (`Xlsx.readRegister`: rows,
 * proposals, warnings, issues with sheet, cell, field, code and message), over generated registers
 * full of problems and the fixtures as LibreOffice saves them; it writes the plan workbook with the
 * same cells as `Xlsx.exportPlan`; and its import graph, bundled by Vite for the browser, reaches no
 * Node built-in.
 */
import { builtinModules } from "node:module"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import iconv from "iconv-lite"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import * as Xlsx from "../src/Xlsx.js"
import { ExcelJS } from "./exceljs.js"
import { fromTcvn3 } from "../src/internal/legacy.js"
import { Register, Report, Workbook } from "../src/browser.js"
import { brokenRegister, bytesOf, streamed, tcvn3Register } from "./generated.js"
import { activities, convert, fixture, libreOffice } from "./helpers.js"

/** Both readers on the same bytes and options. */
const both = async (bytes: Uint8Array, options: Xlsx.ReadOptions) => ({
  node: await Xlsx.readRegister(bytes, options),
  browser: await Workbook.readRegister(bytes, options)
})

const issuesOf = (r: Awaited<ReturnType<typeof Xlsx.readRegister>>) => (r.ok ? r.value.warnings : r.error.issues)

describe("reading: the browser entry gives the Node reader's register", () => {
  test("a generated register full of problems (written in memory and streaming), and a TCVN3 one", async () => {
    const workbooks = [await bytesOf(brokenRegister()), await streamed(brokenRegister()), await bytesOf(tcvn3Register())]
    for (const bytes of workbooks) {
      for (const options of [{ activities, planYear: 2024 }, { activities, sheet: 1 }, { activities, defaults: { fund: "local" as const } }]) {
        const { node, browser } = await both(bytes, options)
        expect(browser).toEqual(node)
      }
    }
    // the first is the register with bad rows: issues addressed by cell, and valid rows kept
    const { node, browser } = await both(workbooks[0] as Uint8Array, { activities, planYear: 2024 })
    expect(node.ok).toBe(false)
    if (node.ok || browser.ok) throw new Error("expected the broken register to fail")
    expect(browser.error.issues.length).toBeGreaterThan(10)
    expect(browser.error.issues.filter((i) => i.row !== undefined && i.column !== undefined).length).toBeGreaterThan(10)
    expect(browser.error.partial?.proposals.length).toBeGreaterThan(10)
    expect(browser.error.issues.map((i) => `${i.column}${i.row} ${i.code}`)).toEqual(node.error.issues.map((i) => `${i.column}${i.row} ${i.code}`))
  })

  test("a file that is not a workbook is named the same way", async () => {
    const cases: ReadonlyArray<Uint8Array> = [
      new Uint8Array(0),
      new TextEncoder().encode("STT,Tên đề án\n1,Máy sấy\n"),
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    ]
    for (const bytes of cases) {
      const { node, browser } = await both(bytes, { activities })
      expect(browser).toEqual(node)
      expect(issuesOf(browser)[0]?.code).toMatch(/^import\/(empty-file|not-xlsx|legacy-xls)$/)
    }
    const cut = (await bytesOf(brokenRegister())).subarray(0, 3000)
    const r = await Workbook.readRegister(cut, { activities })
    expect(r.ok ? undefined : r.error.issues[0]?.code).toBe("import/corrupt-file")
  })

  describe("the fixtures as LibreOffice saves them", () => {
    const out: Record<string, string> = {}
    const lo = libreOffice((profile, work) => {
      for (const f of convert(profile, [fixture("register-hung-yen.fods"), fixture("register-merged.fods")], "xlsx", join(work, "fods")))
        out[f.split("/").pop() ?? f] = f
    })
    let files: ReadonlyArray<[string, Uint8Array]> = []
    beforeAll(async () => {
      const { readFile } = await import("node:fs/promises")
      files = await Promise.all(Object.entries(out).map(async ([n, p]) => [n, new Uint8Array(await readFile(p))] as [string, Uint8Array]))
    }, 240_000)
    afterAll(() => {
      files = []
    })

    test("the same registers, whichever sheet and year", async () => {
      lo.ready()
      expect(files.map(([n]) => n).sort()).toEqual(["register-hung-yen.xlsx", "register-merged.xlsx"])
      for (const [, bytes] of files) {
        let read = 0
        for (const options of [{ activities }, { activities, planYear: 2023 }, { activities, sheet: 1 }]) {
          const { node, browser } = await both(bytes, options)
          expect(browser).toEqual(node)
          const reg = node.ok ? node.value : node.error.partial
          read += reg?.proposals.length ?? 0
        }
        expect(read).toBeGreaterThan(0)
      }
    })
  })
})

/** Every sheet of a workbook (read by exceljs in Node): cell values, formats, merges, frozen rows. */
const cellsOf = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as never)
  return wb.worksheets.map((ws) => {
    const cells: Array<[string, unknown, string | undefined]> = []
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        cells.push([c.address, c.value, c.numFmt])
      })
    )
    const model = ws.model as unknown as { merges?: ReadonlyArray<string> }
    return { name: ws.name, cells, merges: [...(model.merges ?? [])].sort(), views: ws.views, widths: ws.columns.map((c) => c.width) }
  })
}

describe("writing: the plan workbook", () => {
  test("has the cells, formats and merges of Xlsx.exportPlan, and reads back to the same proposals", async () => {
    const read = await Xlsx.readRegister(await bytesOf(brokenRegister()), { activities, planYear: 2024 })
    const proposals = (read.ok ? read.value : read.error.partial)?.proposals ?? []
    expect(proposals.length).toBeGreaterThan(10)
    const rows = proposals.flatMap((p) => Register.rowsOf(p)).map((r, k) => ({ ...r, approved: BigInt(k + 1) * 1_000_000n }) as Report.PlanRow)
    const options = { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", activities }
    const node = await Xlsx.exportPlan(rows, options)
    const browser = await Workbook.exportPlan(rows, options)
    if (!node.ok || node.value === undefined || !browser.ok) throw new Error("export failed")
    expect(await cellsOf(browser.value)).toEqual(await cellsOf(node.value))
    const back = await Workbook.readRegister(browser.value, { activities })
    expect(back.ok).toBe(true)
    if (back.ok) expect(back.value.proposals.map((p) => p.id)).toEqual(proposals.map((p) => p.id))
  })

  test("an amount a spreadsheet cannot hold is a typed export error", async () => {
    const table: Report.Table = {
      sheet: "Kế hoạch",
      title: "Kế hoạch",
      columns: [{ key: "a", header: "Số tiền", kind: "money" }],
      rows: [{ a: 10n ** 17n }]
    }
    const r = await Workbook.writeTables([table])
    expect(r.ok ? undefined : r.error.code).toBe("export/amount-too-large")
  })
})

describe("the parts that run without Node give Node's results", () => {
  test("TCVN3: every byte decodes as iconv-lite's decoder (with Buffer) decodes it", () => {
    // a text of every byte 0x80–0xFF, as a spreadsheet stores TCVN3 (Latin-1 letters), and each byte alone
    const all = Array.from({ length: 128 }, (_, k) => String.fromCharCode(0x80 + k)).join("")
    expect(fromTcvn3(all)).toBe(iconv.decode(Buffer.from(all, "latin1"), "tcvn").normalize("NFC"))
    for (let b = 0x80; b <= 0xff; b++) {
      const s = `a${String.fromCharCode(b)}`
      expect(fromTcvn3(s)).toBe(iconv.decode(Buffer.from(s, "latin1"), "tcvn").normalize("NFC"))
    }
    // "Hµ Néi" is "Hà Nội" in TCVN3
    expect(fromTcvn3("Hµ Néi")).toBe("Hà Nội")
  })
})

describe("the browser entry's import graph", () => {
  test("bundled by Vite for the browser, it reaches no Node built-in", async () => {
    const { build } = await import("vite")
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
    const reached: Array<string> = []
    const modules = new Set<string>()
    const entry = fileURLToPath(new URL("../dist/browser.js", import.meta.url))
    await build({
      configFile: false,
      logLevel: "silent",
      root: fileURLToPath(new URL("..", import.meta.url)),
      build: { write: false, minify: false, lib: { entry, formats: ["es"], fileName: "browser" } },
      plugins: [
        {
          name: "record-node-builtins",
          enforce: "pre",
          resolveId(source: string, importer: string | undefined) {
            if (builtins.has(source) || source.startsWith("node:")) reached.push(`${source} (from ${importer ?? "?"})`)
            return null
          },
          load(id: string) {
            modules.add(id)
            return null
          }
        }
      ]
    })
    expect(reached).toEqual([])
    // the bundle holds the mapping and exceljs's browser build (the recording saw them)
    const names = [...modules].map((m) => m.replace(/\\/g, "/"))
    expect(names.some((m) => m.endsWith("/dist/Register.js"))).toBe(true)
    expect(names.some((m) => m.endsWith("exceljs/dist/exceljs.bare.min.js"))).toBe(true)
  }, 120_000)
})
