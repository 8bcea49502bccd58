/**
 * The text measure the report sheets size their rows and document blocks with (internal/metrics):
 * Times New Roman's widths (Liberation Serif 2's), a line wrapped at spaces as a spreadsheet wraps it.
 */
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { linesIn, roomOf, textWidth, unitsFor } from "../src/internal/metrics.js"

const word = fc.stringMatching(/^[A-Za-zÀ-ỹĐđ0-9,.()/-]{1,14}$/u)
const text = fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => ws.join(" "))

describe("text measured in Times New Roman", () => {
  test("widths from the font's table: a letter with a tone is as wide as its base letter; a size scales linearly", () => {
    // Liberation Serif 2 (Times New Roman's metrics): "M" 889, "i" 278, space 250 thousandths of an em
    expect(textWidth("Mi M", "regular", 10)).toBeCloseTo((889 + 278 + 250 + 889) / 100, 6)
    expect(textWidth("ế", "bold", 12)).toBe(textWidth("ê", "bold", 12))
    expect(textWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 12)).toBeCloseTo(250.332, 3)
    expect(unitsFor(roomOf(20))).toBeCloseTo(20, 9)
  })

  test("more room never takes more lines, more text never fewer; one line holds what fits its room", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 3, max: 60 }), fc.integer({ min: 0, max: 40 }), word, (t, w, more, extra) => {
        expect(linesIn(t, w + more)).toBeLessThanOrEqual(linesIn(t, w))
        expect(linesIn(`${t} ${extra}`, w)).toBeGreaterThanOrEqual(linesIn(t, w))
        if (textWidth(t, "regular", 11) <= roomOf(w) * 0.96) expect(linesIn(t, w)).toBe(1)
      })
    )
  })

  test("every word on its own line at worst; a line break starts a line", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (ws) => {
        const wide = Math.max(...ws.map((x) => unitsFor(textWidth(x, "bold", 14) / 0.96))) + 1
        expect(linesIn(ws.join(" "), wide, "bold", 14)).toBeLessThanOrEqual(ws.length)
        expect(linesIn(ws.join("\n"), wide, "bold", 14)).toBe(ws.length)
      })
    )
  })
})
