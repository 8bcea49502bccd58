/**
 * Internal: SHA-256 (FIPS 180-4) of a text's UTF-8 bytes, synchronous. Core runs in browsers too
 * and does no I/O, so it cannot import `node:crypto`; Web Crypto's `crypto.subtle.digest` is
 * asynchronous only, while evaluation returns synchronously. So: Node's own digest when the
 * runtime hands it over without an import (`process.getBuiltinModule`, Node ≥ 20.16: about ten
 * times faster, which a service evaluating thousands of proposals a second feels), else the plain
 * JavaScript implementation below. The tests compare both with `node:crypto` on arbitrary texts.
 * @module
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
])

const encoder = new TextEncoder()
const W = new Uint32Array(64)

interface NodeCrypto {
  readonly createHash: (algorithm: "sha256") => { update(text: string, encoding: "utf8"): { digest(encoding: "hex"): string } }
  /** One-shot digest (Node ≥ 20.12): no Hash object per call, about half the cost on short texts. */
  readonly hash?: (algorithm: "sha256", text: string, encoding: "hex") => string
}

const nodeCrypto = ((): NodeCrypto | undefined => {
  try {
    const p = (globalThis as { readonly process?: { readonly getBuiltinModule?: (id: string) => unknown } }).process
    const m = p?.getBuiltinModule?.("node:crypto") as Partial<NodeCrypto> | undefined
    return typeof m?.createHash === "function" ? (m as NodeCrypto) : undefined
  } catch {
    return undefined
  }
})()

const oneShot = typeof nodeCrypto?.hash === "function" ? nodeCrypto.hash : undefined

/** SHA-256 of `text` (UTF-8), as 64 lowercase hex digits: Node's digest when available, else {@link sha256HexPortable}. */
export const sha256Hex = (text: string): string =>
  oneShot !== undefined
    ? oneShot("sha256", text, "hex")
    : nodeCrypto === undefined
      ? sha256HexPortable(text)
      : nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex")

/** SHA-256 of `text` (UTF-8), as 64 lowercase hex digits, in plain JavaScript (any runtime). */
export const sha256HexPortable = (text: string): string => {
  const data = encoder.encode(text)
  const bitLength = data.length * 8
  const padded = new Uint8Array((((data.length + 8) >> 6) + 1) << 6)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a, h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(off + i * 4)
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15] as number
      const b = W[i - 2] as number
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
      W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const ch = (e & f) ^ (~e & g)
      const t1 = (h + S1 + ch + (K[i] as number) + (W[i] as number)) | 0
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) | 0
      h = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
    h5 = (h5 + f) | 0
    h6 = (h6 + g) | 0
    h7 = (h7 + h) | 0
  }
  let out = ""
  for (const x of [h0, h1, h2, h3, h4, h5, h6, h7]) out += (x >>> 0).toString(16).padStart(8, "0")
  return out
}
