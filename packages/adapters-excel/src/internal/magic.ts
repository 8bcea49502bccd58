/**
 * What a file is, by its first bytes, before any zip parsing: empty, a password-protected workbook
 * (an OLE compound file, magic `D0 CF 11 E0`, holding `EncryptionInfo` / `EncryptedPackage`
 * streams), a legacy .xls (an OLE file without them), text, or anything else but a zip. Used by
 * the Node reader's full check (./sniff.ts) and by the browser entry, so both name a wrong file the
 * same way. No Node built-in is imported here.
 */

/** Random access to the bytes of a file or buffer. */
export interface Bytes {
  readonly size: number
  read(offset: number, length: number): Promise<Uint8Array>
}

/** Why a file is not an .xlsx workbook that can be read. */
export interface NotWorkbook {
  readonly ok: false
  readonly code: "import/not-xlsx" | "import/legacy-xls" | "import/encrypted" | "import/corrupt-file" | "import/empty-file" | "import/too-large"
  readonly detail: string
}

/** The bytes of a buffer, for {@link sniffHead}. */
export const memoryBytes = (b: Uint8Array): Bytes => ({ size: b.byteLength, read: async (o, l) => b.subarray(o, o + l) })

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const startsWith = (b: Uint8Array, magic: ReadonlyArray<number>): boolean => magic.every((m, i) => b[i] === m)

const utf16 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length * 2)
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i)
  return out
}

const indexOf = (hay: Uint8Array, needle: Uint8Array): number => {
  const first = needle[0]
  outer: for (let i = hay.indexOf(first ?? 0); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first ?? 0, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8)
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) + u16(b, o + 2) * 65536)
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 4294967296

const looksLikeText = (b: Uint8Array): boolean => {
  if (b.length === 0) return false
  let printable = 0
  for (const x of b) if (x === 9 || x === 10 || x === 13 || (x >= 32 && x !== 127)) printable++
  return printable === b.length
}

/** The failure a file's first bytes show (empty, OLE, not a zip), or `undefined` for a zip archive. */
export const sniffHead = async (bytes: Bytes): Promise<NotWorkbook | undefined> => {
  if (bytes.size === 0) return { ok: false, code: "import/empty-file", detail: "the file is empty (0 bytes)" }
  const head = await bytes.read(0, Math.min(bytes.size, 512))
  if (startsWith(head, CFB)) {
    const all = await bytes.read(0, Math.min(bytes.size, 32 * 1024 * 1024))
    if (indexOf(all, utf16("EncryptedPackage")) !== -1 || indexOf(all, utf16("EncryptionInfo")) !== -1)
      return {
        ok: false,
        code: "import/encrypted",
        detail: "the workbook is protected by a password (encrypted Office file); open it in a spreadsheet program, remove the password (File → Info → Protect Workbook) and save it again"
      }
    return {
      ok: false,
      code: "import/legacy-xls",
      detail: "the file is an Office 97–2003 document (.xls), not .xlsx; open it in a spreadsheet program and save it as Excel Workbook (.xlsx)"
    }
  }
  if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { ok: false, code: "import/not-xlsx", detail: "the file is an empty zip archive, not an .xlsx workbook" }
    const text = looksLikeText(head.subarray(0, 256)) || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return {
      ok: false,
      code: "import/not-xlsx",
      detail: text
        ? "the file is text, not an .xlsx workbook; if it is CSV, read it with Csv.readRegister"
        : "the file is not an .xlsx workbook (it does not start with the zip signature PK)"
    }
  }
  return undefined
}
