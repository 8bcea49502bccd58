/**
 * Duplicate rows: the register reader's row key (src/internal/rowkey.ts, a hash fed the row's text
 * in pieces) finds exactly the duplicates the text itself gives. Before, the text was built and
 * its SHA-256 kept; here the text is built again as it was (every mapped field but STT and the id:
 * U+0001, then `s` and the squashed, NFC, lower-cased text, `d` and a date's time, `e` and an
 * error, or the value's type and the value) and compared whole, on generated registers full of
 * near-duplicates (case, spaces, NFD letters, a number against its text, a formula against its
 * value, dates, errors). Every row is a proposal of its own (numbered), so every row is checked.
 */
import { fc, test as prop } from "@fast-check/vitest"
import { describe, expect, test } from "vitest"
import { type CellValue, valueOf } from "../src/Cell.js"
import * as Register from "../src/Register.js"
import { KeyTable, keyAdd, keyEnd, keyOf, keyStart } from "../src/internal/rowkey.js"
import { columnCache, isSpace, squash, squashable } from "../src/internal/text.js"
import { activities, HEADER, ROW } from "./helpers.js"

/** The row's text as the reader built it before it was hashed (the old key's input). */
const SQUASHABLE = /\s\s|^\s|\s$|[\n\r\t\u00A0\u2007\u202F\u200B\uFEFF\u0300-\u036F]/
const textOf = (cells: ReadonlyArray<CellValue>): string => {
  let text = ""
  for (let i = 1; i < HEADER.length; i++) {
    // every column of HEADER but STT (column A) is a mapped field; HEADER has no id column
    const v = valueOf(cells[i])
    text +=
      "\u0001" +
      (v === null || v === undefined
        ? ""
        : v instanceof Date
          ? `d${v.getTime()}`
          : typeof v === "string"
            ? `s${(SQUASHABLE.test(v) ? squash(v).normalize("NFC") : v).toLowerCase()}`
            : typeof v === "object"
              ? `e${v.error}`
              : `${typeof v}${String(v)}`)
  }
  return text
}

// near-duplicate values of each column (index in HEADER → choices)
const title = "Hỗ trợ ứng dụng máy sao chè Shan tuyết"
const choices: ReadonlyArray<ReadonlyArray<CellValue>> = [
  [],
  // with U+0001 (the separator of the old text): "t\u0001smachinery" and no activity wrote the same text as "t" and "machinery\u0001"
  [title, title.toUpperCase(), `  ${title}`, title.replace(" ", "  "), title.normalize("NFD"), `${title}\u00A0`, "Hỗ trợ máy sấy chè", { formula: "B2", result: title }, "t\u0001smachinery", "t"],
  ["machinery", "Machinery", "demo-model", " machinery", null, "machinery\u0001"],
  [ROW[3] ?? null, "Trung tâm Khuyến công Hà Giang", String(ROW[3]).toLowerCase()],
  ["cs-01; cs-02; cs-03", "cs-01;cs-02;cs-03", "CS-01; CS-02; CS-03", null],
  ["Hà Giang", "hà giang", "02"],
  ["01/03/2024 - 30/11/2024", "01/03/2024 -  30/11/2024", new Date(Date.UTC(2024, 2, 1))],
  [1_800_000_000, "1800000000", "1.800.000.000", { formula: "H1", result: 1_800_000_000 }, { formula: "H1", result: { error: "#REF!" } }],
  [900_000_000, "900000000", 900_000_000.5, 0.1 + 0.2, 0.30000000000000004, 0.3, 0, -0],
  [900_000_000, null, "-", Number.NaN, 0, -0],
  ["Quốc gia", "quốc gia", "Địa phương"],
  [2024, "2024", true]
]

const rowArb = fc.tuple(...choices.slice(1).map((c) => fc.constantFrom(...c)))
/** A few rows, picked again and again, some with one cell changed to another of its choices. */
const rowsArb = fc
  .record({
    pool: fc.array(rowArb, { minLength: 1, maxLength: 4 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.option(fc.tuple(fc.nat(), fc.nat()))), { minLength: 2, maxLength: 40 })
  })
  .map(({ pool, picks }) =>
    picks.map(([p, change]) => {
      const cells: Array<CellValue> = [...(pool[p % pool.length] ?? [])]
      if (change !== null) {
        const col = change[0] % cells.length
        const options = choices[col + 1] ?? []
        cells[col] = options[change[1] % options.length] ?? null
      }
      return cells
    })
  )

describe("the row key", () => {
  test("isSpace is \\s for every code unit", () => {
    const differ: Array<number> = []
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c)
    expect(differ).toEqual([])
  })

  prop.prop([fc.string({ unit: fc.constantFrom(" ", "a", "ệ", "\t", "\n", "\r", "\u00A0", "\u2003", "\u200B", "\uFEFF", "\u0301", "\u0300", "\u036F", "\u0370", "\u1680", "\u3000", "\u000B", "x"), maxLength: 8 })])(
    "squashable is the old pattern's test",
    (s) => {
      expect(squashable(s)).toBe(SQUASHABLE.test(s))
    }
  )

  prop.prop([fc.array(fc.string({ unit: "binary" }), { maxLength: 6 })])("fed in pieces, it is the key of the pieces joined", (pieces) => {
    const table = new KeyTable()
    keyStart()
    for (const p of pieces) keyAdd(p)
    keyEnd()
    expect(table.find()).toBeUndefined()
    table.add(7)
    keyOf(pieces.join(""))
    expect(table.find()).toBe(7)
  })

  test("the table of keys finds each key with its first row, past growing (5,000 keys)", () => {
    const table = new KeyTable()
    const texts = Array.from({ length: 5000 }, (_, k) => `row ${k % 4000}`)
    const found = texts.map((t, k) => {
      keyStart()
      keyAdd(t)
      keyEnd()
      const row = table.find()
      if (row === undefined) table.add(k + 0.5)
      return row
    })
    expect(found.slice(0, 4000).every((r) => r === undefined)).toBe(true)
    expect(found.slice(4000)).toEqual(Array.from({ length: 1000 }, (_, k) => k + 0.5))
  })

  prop.prop([fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { minLength: 2, maxLength: 200 })])(
    "equal texts have equal keys, different texts different keys",
    (texts) => {
      const keys = new Map<string, string>()
      for (const t of texts) {
        const k = keyOf(t)
        const before = keys.get(k)
        if (before !== undefined) expect(before).toBe(t)
        else keys.set(k, t)
      }
      expect(new Set(texts).size).toBe(keys.size)
    }
  )

  prop.prop([rowsArb])("a row is a duplicate exactly when its text is an earlier row's (and names that row)", (generated) => {
    const rows = generated.map((cells, k) => [k + 1, ...cells] as Array<CellValue>)
    const r = Register.read([HEADER, ...rows], { activities }, { sheet: "Biểu 01" })
    const issues = r.ok ? r.value.warnings : r.error.issues
    const found = issues.filter((i) => i.code === "import/duplicate-row").map((i) => [i.row, Number(/repeats row (\d+)/.exec(i.message)?.[1])])
    const first = new Map<string, number>()
    const expected: Array<[number, number]> = []
    rows.forEach((cells, k) => {
      const n = k + 2
      const t = textOf(cells)
      const earlier = first.get(t)
      if (earlier === undefined) first.set(t, n)
      else expected.push([n, earlier])
    })
    expect(found).toEqual(expected)
  })

  test("case, spaces and NFD letters make no difference; a number is not its text, nor a value its formula's error; U+0001 in a cell as before", () => {
    const row = (changes: Readonly<Record<number, CellValue>>) => ROW.map((v, i) => (i in changes ? (changes[i] as CellValue) : v))
    const rows = [
      row({ 0: 1 }),
      row({ 0: 2, 1: `  ${title.toUpperCase()}`, 6: "01/03/2024 -  30/11/2024" }),
      row({ 0: 3, 1: title.normalize("NFD"), 3: String(ROW[3]).toLowerCase() }),
      row({ 0: 4, 7: "1800000000" }),
      row({ 0: 5, 7: { formula: "H1", result: 1_800_000_000 } }),
      row({ 0: 6, 7: { formula: "H1", result: { error: "#REF!" } } }),
      row({ 0: 7, 7: "1800000000" }),
      // the old text could not tell these apart: still duplicates
      row({ 0: 8, 1: "t\u0001smachinery", 2: null }),
      row({ 0: 9, 1: "t", 2: "machinery\u0001" }),
      // numbers JavaScript writes alike
      row({ 0: 10, 7: 0.1 + 0.2, 9: 0 }),
      row({ 0: 11, 7: 0.30000000000000004, 9: -0 }),
      row({ 0: 12, 7: 0.3, 9: 0 })
    ]
    const r = Register.read([HEADER, ...rows], { activities }, { sheet: "Biểu 01" })
    const issues = r.ok ? [] : r.error.issues
    expect(issues.filter((i) => i.code === "import/duplicate-row").map((i) => [i.row, i.column, /repeats row (\d+)/.exec(i.message)?.[1]])).toEqual([
      [3, "B", "2"],
      [4, "B", "2"],
      [6, "B", "2"],
      [8, "B", "5"],
      [10, "B", "9"],
      [12, "B", "11"]
    ])
  })
})

// The per-column cache of short texts (the row reader's shared copies, the row key's lower-cased
// texts): the same answers as the function it caches, whether a column's texts repeat or not,
// while columns of unique texts rest.
describe("columnCache", () => {
  prop.prop([fc.array(fc.tuple(fc.nat(5), fc.boolean(), fc.nat(40_000)), { minLength: 1, maxLength: 6000 })], { numRuns: 10 })(
    "gives f of the text in every column, cached or not",
    (draws) => {
      let calls = 0
      const f = (s: string) => {
        calls++
        return s.toLowerCase()
      }
      const cached = columnCache(f, 64)
      for (const [column, repeats, k] of draws) {
        const text = repeats ? `Đơn Vị ${k % 3}` : `Cơ Sở ${k}`
        expect(cached(text, column)).toBe(text.toLowerCase())
      }
      expect(calls).toBeLessThanOrEqual(draws.length)
    }
  )

  test("caches a column whose texts repeat, rests one whose texts do not", () => {
    let calls = 0
    const cached = columnCache((s) => {
      calls++
      return s.toUpperCase()
    }, 8192)
    for (let i = 0; i < 10_000; i++) expect(cached(`unit ${i % 4}`, 3)).toBe(`UNIT ${i % 4}`)
    expect(calls).toBe(4)
    calls = 0
    for (let i = 0; i < 10_000; i++) expect(cached(`id ${i}`, 1)).toBe(`ID ${i}`)
    expect(calls).toBe(10_000)
    // the repeating column is still cached
    calls = 0
    for (let i = 0; i < 100; i++) cached(`unit ${i % 4}`, 3)
    expect(calls).toBe(0)
  })
})
