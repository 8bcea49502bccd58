import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect } from "vitest"
import { ValidationError } from "../src/values/Errors.js"
import * as Decode from "../src/values/Decode.js"
import * as Establishment from "../src/records/Establishment.js"
import * as Proposal from "../src/records/Proposal.js"
import * as Text from "../src/values/Text.js"
import { isPlain, nfc } from "../src/values/internal/text.js"
import { establishment as anyEstablishment, proposal as anyProposal } from "../src/testing/domain.js"

const code = (u: unknown, kind: Text.Kind = "id") => {
  const r = Text.check(u, kind, ["id"])
  return r.ok ? "ok" : r.error.code
}

/** The issues of a failed decode, as [path, code], and their messages. */
const issues = (r: { readonly ok: true } | { readonly ok: false; readonly error: ValidationError }) =>
  r.ok ? { found: [], messages: [] } : { found: r.error.issues.map((i) => [i.path.join("."), i.code]), messages: r.error.issues.map((i) => i.message) }

const vietnamese = ["Đề án Hòa Bình", "Cơ sở Minh Phát", "Làng nghề Bát Tràng", "Hợp tác xã Vạn Phúc", "Nguyễn Thị Ánh Tuyết", "ĐA-Sơn-Trà-07"]

describe("Text.check", () => {
  // Seen: ids made only of zero-width or right-to-left control characters were accepted
  test.each([
    ["\u200B", "text/invisible-character"],
    ["\u200B\u200C\u200D", "text/invisible-character"],
    ["DA\u20601", "text/invisible-character"],
    ["\uFEFFDA-1", "text/invisible-character"],
    ["DA\u00AD1", "text/invisible-character"],
    ["\u202E", "text/bidi-control"],
    ["\u202A\u202B\u202C\u202D\u202E", "text/bidi-control"],
    ["DA-1\u2066\u2067\u2068\u2069", "text/bidi-control"],
    ["\u200E\u200F", "text/bidi-control"],
    ["\u061C", "text/bidi-control"],
    ["DA\u00001", "text/control-character"],
    ["DA\t1", "text/control-character"],
    ["DA\n1", "text/control-character"],
    ["DA\u007F", "text/control-character"],
    ["DA\u0085", "text/control-character"],
    ["DA\u2028", "text/control-character"],
    ["", "text/blank"],
    ["   ", "text/blank"],
    ["\u00A0\u3000", "text/blank"],
    [" DA-1", "text/surrounding-space"],
    ["DA-1 ", "text/surrounding-space"],
    ["D".repeat(129), "text/too-long"],
    [5, "text/not-text"],
    [undefined, "text/not-text"]
  ])("refuses %j as an id: %s", (input, expected) => {
    expect(code(input)).toBe(expected)
  })

  test("a name may hold line breaks (a title wrapped in a spreadsheet cell), not tabs or other controls; an id none", () => {
    expect(code("Máy sao chè\n(giai đoạn 2)\r\nkỹ thuật", "name")).toBe("ok")
    expect(code("Máy\tsao", "name")).toBe("text/control-character")
    expect(code("Máy\u0085sao", "name")).toBe("text/control-character")
    expect(code("Máy\u2028sao", "name")).toBe("text/control-character")
    expect(code("DA\n1")).toBe("text/control-character")
  })

  test("names may have surrounding spaces and be up to 500 characters; ids up to 128", () => {
    expect(code(" Cơ sở ", "name")).toBe("ok")
    expect(code("Đ".repeat(128))).toBe("ok")
    expect(code("Đ".repeat(500), "name")).toBe("ok")
    expect(code("Đ".repeat(501), "name")).toBe("text/too-long")
    expect(Text.MAX_ID_LENGTH).toBe(128)
    expect(Text.MAX_NAME_LENGTH).toBe(500)
  })

  test("length is counted in characters after NFC, not in UTF-16 units: 128 decomposed Đề are 256 characters before NFC, 128 after", () => {
    const nfd = "Ề".repeat(128).normalize("NFD")
    expect([...nfd].length).toBeGreaterThan(128)
    expect(Text.check(nfd, "id")).toEqual({ ok: true, value: "Ề".repeat(128) })
    expect(code("😀".repeat(128))).toBe("ok") // 256 UTF-16 units
  })

  test("the error names the field, the fault and the character by its code point, never printing it", () => {
    const r = Text.check("DA\u202E01", "id", ["activities", 0, "activity"], "activity (nội dung hoạt động)")
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toBeInstanceOf(ValidationError)
    expect(r.error.path).toEqual(["activities", 0, "activity"])
    expect(r.error.issues).toEqual([{ code: "text/bidi-control", path: ["activities", 0, "activity"], message: r.error.message, actual: "DA\u202E01" }])
    expect(r.error.message).toBe(
      'activity (nội dung hoạt động) must be visible text without surrounding spaces, at most 128 characters; found "DA\\u{202E}01", which holds a bidirectional control (ký tự điều khiển hướng chữ) U+202E at character 3: it reorders how the text is displayed'
    )
    expect(r.error.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/)
  })

  test.each(vietnamese)("accepts Vietnamese %s typed decomposed (NFD), and gives it back composed (NFC)", (s) => {
    const nfd = s.normalize("NFD")
    expect(nfd).not.toBe(s)
    expect(Text.check(nfd, "name")).toEqual({ ok: true, value: s })
    expect(Text.check(nfd, "id")).toEqual({ ok: true, value: s })
  })

  test.prop([fc.string({ unit: "grapheme", maxLength: 40 })])("what it accepts is in NFC, has nothing invisible, and is accepted again unchanged", (s) => {
    const r = Text.check(s, "name")
    if (!r.ok) return
    expect(r.value).toBe(r.value.normalize("NFC"))
    expect(r.value).toBe(s.normalize("NFC"))
    expect(r.value).not.toMatch(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\u2028\u2029]/u)
    expect(r.value.trim()).not.toBe("")
    expect(Text.check(r.value, "name")).toEqual(r)
  })

  test.prop([fc.string({ maxLength: 10 }), fc.constantFrom("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u202A", "\u202E", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C", "\u0000", "\u001B"), fc.string({ maxLength: 10 })])(
    "any text holding one of the refused characters is refused, wherever it is",
    (a, c, b) => {
      expect(Text.check(a + c + b, "id").ok).toBe(false)
      expect(Text.check(a + c + b, "name").ok).toBe(false)
    }
  )
})

describe("Decode.id and Decode.name, in the domain decoders", () => {
  test("an NFD id and title decode to NFC", () => {
    const p = Proposal.encode(fc.sample(anyProposal, { numRuns: 1, seed: 1 })[0] as Proposal.Proposal)
    const r = Proposal.decode({ ...p, id: "ĐA-Hòa-Bình".normalize("NFD"), title: "Đề án Hòa Bình".normalize("NFD") })
    expect(r.ok && [r.value.id, r.value.title]).toEqual(["ĐA-Hòa-Bình", "Đề án Hòa Bình"])
  })

  test("ids and names made only of invisible or right-to-left characters are refused at their paths, with the field's label", () => {
    const e = Establishment.encode(fc.sample(anyEstablishment, { numRuns: 1, seed: 2 })[0] as Establishment.Establishment)
    const { found, messages } = issues(Establishment.decode({ ...e, id: "\u200B\u200B", name: "\u202E\u2067" }))
    expect(found).toEqual([
      ["id", "text/invisible-character"],
      ["name", "text/bidi-control"]
    ])
    expect(messages[0]).toContain('establishment id (mã cơ sở) must be non-empty text without surrounding spaces; found "\\u{200B}\\u{200B}", which holds an invisible character (ký tự ẩn) U+200B at character 1')
  })

  test("an over-long id is refused by the schema (before any store sees it); blank text keeps the code it had", () => {
    expect(Schema.is(Decode.id)("D".repeat(128))).toBe(true)
    expect(Schema.is(Decode.id)("D".repeat(129))).toBe(false)
    const p = Proposal.encode(fc.sample(anyProposal, { numRuns: 1, seed: 3 })[0] as Proposal.Proposal)
    const { found, messages } = issues(Proposal.decode({ ...p, id: "x".repeat(10_000), title: "" }))
    expect(found).toEqual([
      ["id", "text/too-long"],
      ["title", "schema/invalid"]
    ])
    expect(messages[0]).toContain("found 10000 characters, more than the 128 allowed (quá dài: tối đa 128 ký tự)")
  })
})

// Plain Latin text (ASCII, Latin-1, Latin Extended-A/B and Additional: Vietnamese) is neither
// normalised nor scanned for suspect characters: every such character, and every pair of them,
// must be in NFC, and none may be a control, format or separator character.
describe("plain text", () => {
  const ranges: ReadonlyArray<readonly [number, number]> = [
    [0x20, 0x7e],
    [0xa0, 0xac],
    [0xae, 0x24f],
    [0x1e00, 0x1eff]
  ]
  const plain = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)))
  const SUSPECT = /[\p{Cc}\p{Cf}\u2028\u2029]/u

  test("every plain character is in NFC, visible and no separator, and is plain", () => {
    for (const c of plain) {
      expect(c.normalize("NFC")).toBe(c)
      expect(SUSPECT.test(c)).toBe(false)
      expect(isPlain(c)).toBe(true)
    }
  })

  test("every pair of plain characters is in NFC (none composes with its neighbour)", () => {
    let changed = 0
    for (const a of plain) for (const b of plain) if ((a + b).normalize("NFC") !== a + b) changed++
    expect(changed).toBe(0)
  })

  test("the characters around the ranges, combining marks and astral characters are not plain", () => {
    for (const c of ["\u001F", "\u007F", "\u009F", "\u00AD", "\u0250", "\u0300", "\u0301", "\u1DFF", "\u1F00", "\u200B", "\u202E", "\uFEFF", "\u{1D4B3}", "\uD800"]) expect(isPlain(`a${c}b`)).toBe(false)
    expect(isPlain("")).toBe(true)
  })

  test.prop([fc.string({ unit: fc.constantFrom("a", "ệ", "Đ", "e", "\u0301", "\u0302", "\u0323", "\u00AD", "\u200B", " ") })])("nfc is String.normalize", (s) => {
    expect(nfc(s)).toBe(s.normalize("NFC"))
  })
})
