import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import type { CellValue } from "../src/Cell.js"
import * as Csv from "../src/Csv.js"
import * as Register from "../src/Register.js"
import { activities, HEADER, ROW, rowWith } from "./helpers.js"

const parsed = (text: string, options?: Csv.ParseOptions) => {
  const r = Csv.parse(text, options)
  return r.ok ? r.value : r.error.issues.map((i) => [i.code, i.row, i.column])
}

describe("RFC 4180 parsing", () => {
  test("plain fields, CRLF, LF and CR line ends; no empty record for a final line break", () => {
    expect(parsed("a,b\r\nc,d\r\n")).toEqual([["a", "b"], ["c", "d"]])
    expect(parsed("a,b\nc,d")).toEqual([["a", "b"], ["c", "d"]])
    expect(parsed("a,b\rc,d\r")).toEqual([["a", "b"], ["c", "d"]])
  })
  test("quoted fields hold the delimiter, line breaks and doubled quotes", () => {
    expect(parsed('STT,Tên đề án\r\n1,"Hỗ trợ máy sấy, đóng gói"\r\n')).toEqual([["STT", "Tên đề án"], ["1", "Hỗ trợ máy sấy, đóng gói"]])
    expect(parsed('1,"dòng 1\r\ndòng 2",x\n')).toEqual([["1", "dòng 1\r\ndòng 2", "x"]])
    expect(parsed('"Máy sấy ""mini""",""\n')).toEqual([['Máy sấy "mini"', ""]])
  })
  test("empty fields and empty lines are kept as empty text", () => {
    expect(parsed(",,\n\nx")).toEqual([["", "", ""], [""], ["x"]])
  })
  test("a UTF-8 byte order mark is dropped", () => {
    expect(parsed("\uFEFFSTT,Tên")).toEqual([["STT", "Tên"]])
  })
  test("';' and tab delimiters", () => {
    expect(parsed('1;"a;b";1,5\n', { delimiter: ";" })).toEqual([["1", "a;b", "1,5"]])
    expect(parsed("1\ta,b\n", { delimiter: "\t" })).toEqual([["1", "a,b"]])
  })
  test("malformed quoting is import/csv-syntax naming the record and field", () => {
    expect(parsed('a,b\nc,"never closed\n')).toEqual([["import/csv-syntax", 2, "B"]])
    expect(parsed('a,"b"x,c\n')).toEqual([["import/csv-syntax", 1, "B"]])
    expect(parsed('a,b"c\n')).toEqual([["import/csv-syntax", 1, "B"]])
  })
  test.prop([fc.array(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.constantFrom<Csv.Delimiter>(",", ";", "\t")])(
    "format then parse gives the records back",
    (rows, delimiter) => {
      // a record of one empty field is written as an empty line, which parses back the same
      expect(parsed(Csv.format(rows, { delimiter }), { delimiter })).toEqual(rows)
    }
  )
})

describe("decoding bytes", () => {
  test("UTF-8 with or without byte order mark, UTF-16 with one", () => {
    const text = "STT,Tên đề án"
    expect(Csv.decode(new TextEncoder().encode(text))).toEqual({ ok: true, value: text })
    expect(Csv.decode(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ ok: true, value: text })
    const u16 = new Uint8Array(2 + text.length * 2)
    u16.set([0xff, 0xfe])
    for (let i = 0; i < text.length; i++) {
      u16[2 + 2 * i] = text.charCodeAt(i) & 0xff
      u16[3 + 2 * i] = text.charCodeAt(i) >> 8
    }
    expect(Csv.decode(u16)).toEqual({ ok: true, value: text })
  })
  test("bytes that are not UTF-8 (a Windows-1258 file) → import/bad-encoding, not mojibake", () => {
    const r = Csv.decode(new Uint8Array([0x54, 0xea, 0x6e, 0x20, 0xf0, 0xe8])) // "Tên đ…" in CP1258
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues[0]?.code).toBe("import/bad-encoding")
  })
  test("a byte limit", () => {
    const r = Csv.decode(new Uint8Array(100), { maxBytes: 10 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues[0]?.code).toBe("import/too-large")
  })
})

describe("formatting", () => {
  test("quotes only where needed; CRLF; BOM by default", () => {
    expect(Csv.format([["a,b", 1, 2n, null, undefined, " x", 'q"']])).toBe('\uFEFF"a,b",1,2,,," x","q"""\r\n')
    expect(Csv.format([["a", "b"]], { bom: false, newline: "\n", delimiter: ";" })).toBe("a;b\n")
    expect(Csv.format([["a;b", "c,d"]], { bom: false, delimiter: ";" })).toBe('"a;b";c,d\r\n')
  })
})

describe("register from CSV: same mapping, same problems as a grid", () => {
  const text = (rows: ReadonlyArray<ReadonlyArray<CellValue>>) =>
    Csv.format(rows.map((r) => r.map((v) => (v === null ? "" : typeof v === "object" ? "" : String(v)))))
  test("the same rows typed as text give the same proposals and the same problems", () => {
    const rows = [
      HEADER,
      ROW,
      rowWith({ STT: 2, "Tên đề án": "Hỗ trợ máy sấy chè", "Đơn vị thụ hưởng": "cs-09", "Tổng kinh phí": "1,5 tỷ", "Kinh phí khuyến công hỗ trợ": "900 triệu", "Kinh phí đối ứng": "600.000.000" }),
      rowWith({ STT: 3, "Tổng kinh phí": "1,5x", "Đơn vị thụ hưởng": "cs-10" }),
      rowWith({ STT: 4, "Nội dung hoạt động": "Khuyến nông", "Đơn vị thụ hưởng": "cs-11" }),
      rowWith({ STT: 5 }),
      [null, "Tổng cộng"]
    ]
    const asGrid = Register.read(rows, { activities })
    const asText = rows.map((r) => r.map((v) => (v === null ? "" : String(v))))
    const fromCsv = Csv.readRegister(text(rows), { activities })
    expect(asGrid.ok).toBe(false)
    expect(fromCsv.ok).toBe(false)
    const gridText = Register.read(asText, { activities })
    if (!asGrid.ok && !fromCsv.ok && !gridText.ok) {
      expect(fromCsv.error.partial?.proposals).toEqual(asGrid.error.partial?.proposals)
      const key = (i: { code: string; row: number | undefined; column: string | undefined; header: string | undefined }) => [i.code, i.row, i.column, i.header]
      expect(fromCsv.error.issues.map(key)).toEqual(asGrid.error.issues.map(key))
      expect(fromCsv.error.issues).toEqual(gridText.error.issues)
      expect(fromCsv.error.issues.map((i) => i.code)).toEqual(["import/bad-amount", "import/unknown-activity", "import/duplicate-row"])
    }
  })
  test("a ';'-delimited file from a Vietnamese-locale spreadsheet", () => {
    const csv = Csv.format([HEADER, rowWith({ "Đơn vị thụ hưởng": "cs-01" }).map((v) => (v === null ? "" : String(v)))], { delimiter: ";" })
    expect(Csv.readRegister(csv, { activities, delimiter: ";" }).ok).toBe(true)
    // the delimiter is found when not given; a wrong one given is still a missing header
    expect(Csv.sniffDelimiter(csv)).toBe(";")
    expect(Csv.readRegister(csv, { activities }).ok).toBe(true)
    const wrong = Csv.readRegister(csv, { activities, delimiter: "," })
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.error.issues[0]?.code).toBe("import/header-not-found")
  })

  test("Excel's \"Unicode text\": UTF-16 with or without its byte order mark, tab-separated", () => {
    const text = [HEADER, rowWith({ "Đơn vị thụ hưởng": "cs-01" }).map((v) => (v === null ? "" : String(v)))].map((r) => r.join("\t")).join("\r\n")
    const withBom = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))
    const without = new Uint8Array(Buffer.from(text, "utf16le"))
    for (const bytes of [withBom, without]) {
      const r = Csv.readRegister(bytes, { activities })
      if (!r.ok) throw r.error
      expect(r.value.proposals[0]?.title).toBe("Hỗ trợ ứng dụng máy sao chè Shan tuyết")
    }
  })
  test("an empty file, a syntax error and a bad encoding are typed errors", () => {
    for (const [input, code] of [
      ["", "import/empty-file"],
      ["\uFEFF  \r\n", "import/empty-file"],
      ['STT,"Tên', "import/csv-syntax"],
      [new Uint8Array([0xc3, 0x28]), "import/header-not-found"]
    ] as const) {
      const r = Csv.readRegister(input, { activities })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.issues.map((i) => i.code)).toEqual([code])
    }
  })
  test("sheet option names the source in issues", () => {
    const r = Csv.readRegister(Csv.format([HEADER, rowWith({ "Tổng kinh phí": "x" }).map(String)]), { activities, sheet: "bieu-01.csv" })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues[0]?.message).toMatch(/^Sheet "bieu-01.csv", row 2, column H/)
  })
})
