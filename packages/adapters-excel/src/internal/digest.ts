/**
 * The key of a register row for finding duplicate rows: 96 bits of the SHA-256 of its text, in
 * base64 (16 characters). In Node the digest is node:crypto's (reached through
 * `process.getBuiltinModule`, so that no module of the mapping imports a Node built-in and the
 * browser entry bundles without one); elsewhere (a browser) it is @noble/hashes' SHA-256, the same
 * bits, so both entries find the same duplicates.
 */
import { sha256 } from "@noble/hashes/sha2.js"

type NodeCrypto = typeof import("node:crypto")

const nodeCrypto: NodeCrypto | undefined = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  return typeof p?.getBuiltinModule === "function" ? (p.getBuiltinModule("node:crypto") as NodeCrypto | undefined) : undefined
})()

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

/** 12 bytes (a multiple of 3) in base64, without padding. */
const base64Of12 = (b: Uint8Array): string => {
  let s = ""
  for (let i = 0; i < 12; i += 3) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    s += (BASE64[(n >> 18) & 63] ?? "") + (BASE64[(n >> 12) & 63] ?? "") + (BASE64[(n >> 6) & 63] ?? "") + (BASE64[n & 63] ?? "")
  }
  return s
}

/** The pure digest (also what a browser uses): the first 12 bytes of SHA-256 of the UTF-8 text, in base64. */
export const pureRowDigest = (text: string): string => base64Of12(sha256(new TextEncoder().encode(text)))

/** The digest of a row's text: the first 12 bytes of its SHA-256 (UTF-8), in base64. */
export const rowDigest: (text: string) => string =
  nodeCrypto === undefined
    ? pureRowDigest
    : typeof nodeCrypto.hash === "function"
      ? (text) => (nodeCrypto.hash("sha256", text, "buffer") as Buffer).toString("base64", 0, 12)
      : (text) => nodeCrypto.createHash("sha256").update(text).digest().toString("base64", 0, 12)
