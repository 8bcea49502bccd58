/**
 * Vietnamese text in the legacy 8-bit encodings of the 1990s fonts, still met in old registers: TCVN3
 * (ABC; the ".VnTime" fonts) and VNI (the "VNI-Times" fonts). A spreadsheet stores such text as
 * Latin-1 letters ("Hµ Néi" is "Hà Nội" in TCVN3, "Haø Noäi" in VNI). TCVN3 is converted with
 * iconv-lite's TCVN 5712 table (its letters a–ỹ are TCVN3's), read from its data module so that
 * no Buffer is needed (the same characters as `iconv.decode(bytes, "tcvn")`, and it runs in a
 * browser); VNI has no well-kept converter on
 * npm, so it is named with how to convert it (Unikey's converter).
 */
import sbcs from "iconv-lite/encodings/sbcs-data-generated.js"

/** The 256 characters of TCVN 5712 by byte, iconv-lite's table. */
const TCVN_CHARS: string = sbcs.tcvn.chars

/** Letters of TCVN3 that Vietnamese in Unicode never has (à is µ, á is ¸, ô is «, ơ is ¬, ư is a soft hyphen, đ is ®, Đ is §). */
const TCVN3 = /[µ¸¶·¹«¬®§¨©ª\u00AD¼½¾»ÆÇË]/
/** VNI: a vowel followed by a Latin-1 letter standing for its marks ("aø" à, "eä" ệ, "ö" ư, "ñ" đ). */
const VNI = /[aeiouyAEIOUY][øùûõïåäëüö]|[ñÑ][aeiouyAEIOUY]/
/** Letters of Vietnamese beyond Latin-1 (ă, đ, ơ, ư, ạ …): text holding them is Unicode. */
const UNICODE_VI = /[\u0100-\u01B0\u1EA0-\u1EF9]/

export type Legacy = "tcvn3" | "vni"

/** Which legacy encoding the texts are in, when most of their accented words say so. */
export const detectLegacy = (texts: ReadonlyArray<string>): Legacy | undefined => {
  let unicode = 0
  let tcvn3 = 0
  let vni = 0
  for (const t of texts) {
    if (UNICODE_VI.test(t)) unicode++
    else if (TCVN3.test(t)) tcvn3++
    else if (VNI.test(t)) vni++
  }
  if (tcvn3 >= 2 && tcvn3 > unicode) return "tcvn3"
  if (vni >= 2 && vni > unicode) return "vni"
  return undefined
}

/** A cell's text from TCVN3 to Unicode (unchanged when it holds letters beyond Latin-1, i.e. is Unicode already). */
export const fromTcvn3 = (s: string): string => {
  let high = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0xff) return s
    if (c >= 0x80) high = true
  }
  if (!high) return s
  let out = ""
  for (let i = 0; i < s.length; i++) out += TCVN_CHARS[s.charCodeAt(i)] ?? "\uFFFD"
  return out.normalize("NFC")
}

export const LEGACY_NAMES: Readonly<Record<Legacy, string>> = {
  tcvn3: "TCVN3 (ABC, the .VnTime fonts)",
  vni: "VNI (the VNI-Times fonts)"
}

/** How to convert a file, for messages. */
export const HOW_TO_CONVERT =
  "open it in Excel, select the sheet, copy it, and convert the clipboard with Unikey's converter (UniKey Toolkit, Ctrl+Shift+F6: source VNI Windows or TCVN3 (ABC), destination Unicode), paste it back, set the font to Times New Roman and save"
