/**
 * Generated registers shared by the agreement tests (Rows.test.ts: the row reader against exceljs's
 * rows; Browser.test.ts: the browser entry against the Node reader): a register full of problems,
 * a TCVN3 register, and the bytes of a workbook written by exceljs in memory or streaming.
 */
import { ExcelJS } from "./exceljs.js"
import { HEADER, ROW } from "./helpers.js"

export const bytesOf = async (wb: InstanceType<typeof ExcelJS.Workbook>): Promise<Uint8Array> => new Uint8Array(await wb.xlsx.writeBuffer())

/** A register with problems of every kind the mapper reports, and several ways of writing cells. */
export const brokenRegister = (): InstanceType<typeof ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("Biểu 01 năm 2024")
  ws.addRow(["KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024"])
  ws.addRow([...HEADER])
  for (let k = 0; k < 60; k++) {
    const row = [...ROW] as Array<unknown>
    row[0] = k + 1
    row[1] = `${ROW[1] as string} số ${k + 1}`
    const r = ws.addRow(row)
    switch (k % 12) {
      case 1: // an alias of an activity
        r.getCell(3).value = "Ứng dụng máy móc thiết bị tiên tiến"
        break
      case 2: // an unknown activity
        r.getCell(3).value = "Hoạt động không có"
        break
      case 3: // amounts as text with dots, one not a number
        r.getCell(8).value = "1.800.000.000"
        r.getCell(9).value = "chín trăm triệu"
        break
      case 4: // support above the total
        r.getCell(9).value = 2_000_000_000
        break
      case 5: // a formula with its result, a shared formula's dependent, an error
        r.getCell(8).value = { formula: `I${r.number}+J${r.number}`, result: 1_800_000_000 } as never
        r.getCell(10).value = { error: "#REF!" } as never
        break
      case 6: // a date cell as the period, a boolean as the fund
        r.getCell(7).value = new Date(Date.UTC(2024, 2, 1))
        r.getCell(11).value = true
        break
      case 7: // required cells empty
        r.getCell(2).value = null
        r.getCell(4).value = null
        break
      case 8: // rich text title
        r.getCell(2).value = { richText: [{ text: "Hỗ trợ ", font: { bold: true } }, { text: `máy sấy ${k}` }] }
        break
      case 9: // a duplicate of the row above
        r.values = ws.getRow(r.number - 1).values as never
        break
      case 10: // a formula whose result is 0 and one whose result is text
        r.getCell(10).value = { formula: "0*1", result: 0 } as never
        r.getCell(12).value = { formula: '"2024"', result: "2024" } as never
        break
      default:
        break
    }
  }
  // a proposal of several rows: a heading with its lines below (no STT on the lines)
  ws.addRow([61, "Đề án nhiều nội dung", null, "Trung tâm Khuyến công Hà Giang", "cs-61", "Hà Giang", "01/03/2024 - 30/11/2024", 300_000_000, 150_000_000, 150_000_000, "Địa phương", 2024])
  ws.addRow([null, "- Máy móc", "machinery", null, null, null, null, 200_000_000, 100_000_000, 100_000_000])
  ws.addRow([null, "- Trình diễn", "demo-model", null, null, null, null, 100_000_000, 60_000_000, 40_000_000])
  // TCVN3 text in one row (the sheet is Unicode: it stays as it is, a bad activity)
  ws.addRow([62, "Hç trî m¸y sÊy", "Th«ng tin tuyªn truyÒn", "Trung t©m", "cs-62", "Hà Giang", "2024", 100_000_000, 50_000_000, 50_000_000, "Địa phương", 2024])
  // the column dates are date cells with a format, a number with a date format on its row
  const d = ws.addRow([63, "Đề án ngày", "machinery", "Trung tâm", "cs-63", "Hà Giang", 45352, 100_000_000, 50_000_000, 50_000_000, "Địa phương", 2024])
  d.getCell(7).numFmt = "dd/mm/yyyy"
  ws.addRow(["Tổng cộng", null, null, null, null, null, null, { formula: "SUM(H3:H65)", result: 1 } as never])
  return wb
}

/** A TCVN3 sheet: the whole register in the legacy encoding (converted, with a warning). */
export const tcvn3Register = (): InstanceType<typeof ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("Sheet1")
  ws.addRows([
    ["KÕ ho¹ch khuyÕn c«ng ®Þa ph\u00ad\u00acng n¨m 2024"],
    ["STT", "Tªn ®Ò ¸n", "Néi dung ho¹t ®éng", "§¬n vÞ thùc hiÖn", "Thêi gian thùc hiÖn", "Tæng kinh phÝ", "Kinh phÝ khuyÕn c«ng hç trî"],
    [1, "Hç trî m¸y sÊy", "Th«ng tin tuyªn truyÒn", "Trung t©m KhuyÕn c«ng", "2024", 100_000_000, 50_000_000],
    [2, "Hç trî m¸y sÊy 2", "Th«ng tin tuyªn truyÒn", "Trung t©m KhuyÕn c«ng", "2024", "abc", 50_000_000]
  ])
  return wb
}

/** The same workbook written by exceljs's streaming writer (inline strings, no shared strings table). */
export const streamed = async (wb: InstanceType<typeof ExcelJS.Workbook>): Promise<Uint8Array> => {
  const { PassThrough } = await import("node:stream")
  const out = new PassThrough()
  const chunks: Array<Buffer> = []
  out.on("data", (c: Buffer) => chunks.push(c))
  const w = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true })
  for (const src of wb.worksheets) {
    const ws = w.addWorksheet(src.name)
    src.eachRow({ includeEmpty: true }, (r, n) => {
      const row = ws.getRow(n)
      r.eachCell({ includeEmpty: false }, (c, col) => {
        const cell = row.getCell(col)
        cell.value = c.value
        if (c.numFmt !== undefined) cell.numFmt = c.numFmt
      })
      row.commit()
    })
    ws.commit()
  }
  await w.commit()
  return new Uint8Array(Buffer.concat(chunks))
}
