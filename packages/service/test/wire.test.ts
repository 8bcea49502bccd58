// stringify: bigints (đồng) as decimal strings, the same text as with a replacer, and
// BigInt.prototype left exactly as it was found.
import { fc, test } from "@fast-check/vitest"
import { afterEach, describe, expect, it } from "vitest"
import { installBigintJSON, stringify } from "../src/wire.js"

const withReplacer = (u: unknown): string => JSON.stringify(u, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))
const proto = BigInt.prototype as { toJSON?: unknown }

describe("stringify", () => {
  afterEach(() => {
    delete proto.toJSON
  })

  test.prop([fc.jsonValue().map((j) => ({ j, amount: 300_000_000n, list: [1n, -2n, 10n ** 30n] }))])("writes what a bigint replacer writes", (u) => {
    expect(stringify(u)).toBe(withReplacer(u))
    expect(Object.getOwnPropertyDescriptor(BigInt.prototype, "toJSON")).toBeUndefined()
  })

  it("writes money as decimal text and puts back an embedding program's own BigInt toJSON", () => {
    const own = function (this: bigint): string {
      return `n${this}`
    }
    Object.defineProperty(BigInt.prototype, "toJSON", { value: own, configurable: true, writable: true })
    expect(stringify({ support: 1_500_000_000n })).toBe('{"support":"1500000000"}')
    expect(proto.toJSON).toBe(own)
  })

  it("puts the prototype back when stringify throws", () => {
    const cycle: { self?: unknown; n: bigint } = { n: 1n }
    cycle.self = cycle
    expect(() => stringify(cycle)).toThrow(TypeError)
    expect(Object.getOwnPropertyDescriptor(BigInt.prototype, "toJSON")).toBeUndefined()
  })

  test.prop([fc.jsonValue().map((j) => ({ j, amount: 300_000_000n, list: [1n, -2n, 10n ** 30n] }))])(
    "in the service's own process (installBigintJSON) writes the same, leaving the installed toJSON in place",
    (u) => {
      installBigintJSON()
      const installed = proto.toJSON
      expect(typeof installed).toBe("function")
      expect(stringify(u)).toBe(withReplacer(u))
      expect(JSON.stringify(u)).toBe(withReplacer(u))
      expect(proto.toJSON).toBe(installed)
    }
  )

  it("installBigintJSON keeps a toJSON the program already has", () => {
    const own = function (this: bigint): string {
      return `n${this}`
    }
    Object.defineProperty(BigInt.prototype, "toJSON", { value: own, configurable: true, writable: true })
    installBigintJSON()
    expect(proto.toJSON).toBe(own)
    expect(stringify({ support: 1n })).toBe('{"support":"1"}')
  })
})
