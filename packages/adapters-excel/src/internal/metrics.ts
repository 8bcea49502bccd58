/**
 * How wide text prints in the reports' font, Times New Roman, so that a sheet's rows and merged
 * blocks are given the height and width their wrapped lines need: an estimate too small prints
 * lines over the next row (a two-line title over the decision line), one too large wastes paper.
 *
 * Advance widths (1/1000 em) of Liberation Serif 2 (metric-compatible with Times New Roman, and
 * the font LibreOffice prints it with), read from its `hmtx` table for the printable ASCII letters
 * and the Vietnamese base letters; a letter with a tone mark is as wide as its base letter in
 * these fonts (ế as ê, ợ as ơ). Column widths count digits of the workbook's default font
 * (Calibri 11: 7 pixels at 96 dpi, plus 5 pixels of padding), as Excel and LibreOffice measure them.
 */

/** The letters whose widths follow, in order. */
const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~âăêôơưđÂĂÊÔƠƯĐ–—…“”‘’"
const WIDTHS = {
  regular:
    "250,333,408,500,500,833,778,180,333,333,500,564,250,333,250,278,500,500,500,500,500,500,500,500,500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,333,444,500,444,500,444,333,500,500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,500,500,444,480,200,480,541,444,444,444,500,529,542,500,722,722,611,722,722,776,722,500,1000,1000,444,444,333,333",
  bold: "250,333,555,500,500,1000,833,278,333,333,500,570,250,333,250,278,500,500,500,500,500,500,500,500,500,500,333,333,570,570,570,500,930,722,667,722,722,667,611,778,778,389,500,778,667,944,722,778,611,778,722,556,667,722,722,1000,722,722,667,333,278,333,581,500,333,500,556,444,556,444,333,500,556,278,333,556,278,833,556,500,556,556,444,389,333,556,500,722,500,500,444,394,220,394,520,500,500,444,500,554,600,556,722,722,667,778,778,796,722,500,1000,1000,500,500,333,333",
  italic:
    "250,333,420,500,500,833,778,214,333,333,500,675,250,333,250,278,500,500,500,500,500,500,500,500,500,500,333,333,675,675,675,500,920,611,611,667,722,611,611,722,722,333,444,667,556,833,667,722,611,722,611,500,556,722,611,833,611,556,556,389,278,389,422,500,333,500,500,444,500,444,278,500,500,278,278,444,278,722,500,500,500,500,389,389,278,500,444,667,444,444,389,400,275,400,541,500,500,444,500,534,545,500,611,611,611,722,722,754,722,500,889,889,556,556,333,333"
} as const

/** A face of the reports' font. */
export type Face = keyof typeof WIDTHS

const tables = new Map<Face, Map<string, number>>()
const tableOf = (face: Face): Map<string, number> => {
  let t = tables.get(face)
  if (t === undefined) {
    const w = WIDTHS[face].split(",").map(Number)
    t = new Map([...CHARS].map((c, i) => [c, w[i] ?? 556] as const))
    tables.set(face, t)
  }
  return t
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g
/** A letter not in the table: its base letter's width (ế → ê), else the width of a wide letter (conservative). */
const UNKNOWN = 722

/** Width in points of `text` (one line) in `face` at `size` points. */
export const textWidth = (text: string, face: Face, size: number): number => {
  const t = tableOf(face)
  let em = 0
  for (const c of text) {
    let w = t.get(c)
    if (w === undefined) {
      w = t.get(c.normalize("NFD").replace(TONES, "").normalize("NFC")) ?? UNKNOWN
      t.set(c, w)
    }
    em += w
  }
  return (em / 1000) * size
}

/** Width in points of a column `units` wide (digits of Calibri 11), less the cell's padding. */
export const roomOf = (units: number): number => (units * 7 + 5) * 0.75 - 4

/** Column width units (digits of Calibri 11) that hold `points` of text. */
export const unitsFor = (points: number): number => ((points + 4) / 0.75 - 5) / 7

/**
 * Lines `text` takes in a cell `units` wide, wrapped at spaces as a spreadsheet wraps it (a word
 * longer than the cell is broken where it overflows); line breaks in the text start new lines.
 * The room is taken 4% short, so that rounding in the printer never gives one line more than counted.
 */
export const linesIn = (text: string, units: number, face: Face = "regular", size = 11): number => {
  const room = Math.max(1, roomOf(units) * 0.96)
  const space = textWidth(" ", face, size)
  let lines = 0
  for (const para of text.split("\n")) {
    let n = 1
    let at = 0
    for (const word of para.split(/\s+/)) {
      if (word === "") continue
      let w = textWidth(word, face, size)
      if (at > 0 && at + space + w <= room) {
        at += space + w
        continue
      }
      if (at > 0) n++
      while (w > room) {
        n++
        w -= room
      }
      at = w
    }
    lines += n
  }
  return Math.max(1, lines)
}
