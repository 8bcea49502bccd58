import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect } from "vitest"
import * as Citation from "../src/values/Citation.js"
import * as DateRange from "../src/values/DateRange.js"
import type { ValidationError } from "../src/values/Errors.js"
import * as Establishment from "../src/records/Establishment.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Period from "../src/values/Period.js"
import * as Plan from "../src/records/Plan.js"
import * as Proposal from "../src/records/Proposal.js"
import * as Rate from "../src/values/Rate.js"
import type { Result } from "../src/values/Result.js"
import * as TaxCode from "../src/records/TaxCode.js"
import * as T from "../src/testing/index.js"

const roundTrip = <A, I>(schema: Schema.Codec<A, I>, a: A): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(a))))

describe("value arbitraries", () => {
  test.prop([T.money])("money round-trips through Money.schema", (m) => {
    expect(roundTrip(Money.schema, m)).toBe(m)
  })
  test.prop([T.nonNegativeMoney])("non-negative money is ≥ 0 and round-trips through nonNegativeSchema", (m) => {
    expect(m >= 0n).toBe(true)
    expect(roundTrip(Money.nonNegativeSchema, m)).toBe(m)
  })
  test.prop([T.rate])("rate round-trips through Rate.schema", (r) => {
    expect(Rate.equals(roundTrip(Rate.schema, r), r)).toBe(true)
    expect(roundTrip(Rate.schema, r)).toEqual(r)
  })
  test.prop([T.share])("share is within 0…1", (r) => {
    expect(r.numerator >= 0n && Rate.isAtMost(r, Rate.one)).toBe(true)
    expect(Schema.decodeUnknownSync(Establishment.shareSchema)(Schema.encodeSync(Establishment.shareSchema)(r))).toEqual(r)
  })
  test.prop([T.localDate])("local dates are real days and round-trip", (d) => {
    expect(LocalDate.is(d)).toBe(true)
    expect(roundTrip(LocalDate.schema, d)).toBe(d)
  })
  test.prop([T.dateRange])("date ranges are ordered and round-trip through DateRange.schema", (r) => {
    if (r.end !== undefined) expect(r.start <= r.end).toBe(true)
    expect(roundTrip(DateRange.schema, r)).toEqual(r)
  })
  test.prop([T.boundedDateRange])("bounded ranges have an end", (r) => {
    expect(DateRange.isBounded(r)).toBe(true)
  })
  test.prop([T.planYear])("plan years round-trip through Period.planYearSchema", (y) => {
    expect(roundTrip(Period.planYearSchema, y)).toBe(y)
  })
  test.prop([T.taxCode])("tax codes are canonical and round-trip", (c) => {
    expect(TaxCode.is(c)).toBe(true)
    expect(roundTrip(TaxCode.schema, c)).toBe(c)
  })
  test.prop([T.quantity])("quantities are canonical and round-trip", (q) => {
    expect(Proposal.isQuantity(q)).toBe(true)
    expect(roundTrip(Proposal.quantitySchema, q)).toEqual(q)
  })
  test.prop([T.citation])("citations validate and round-trip through Citation.schema", (c) => {
    expect(Citation.validate(JSON.parse(JSON.stringify(c))).ok).toBe(true)
    expect(roundTrip(Citation.schema, c)).toEqual(c)
  })
})

type Domain<A> = {
  readonly name: string
  readonly valid: fc.Arbitrary<A>
  readonly invalid: fc.Arbitrary<T.InvalidCase>
  readonly decode: (u: unknown) => Result<A, ValidationError>
  readonly encode: (a: A) => unknown
}
const domain = <A>(d: Domain<A>): Domain<unknown> => d as unknown as Domain<unknown>

const domains: ReadonlyArray<Domain<unknown>> = [
  domain({ name: "establishment", valid: T.establishment, invalid: T.invalid.establishment, decode: (u) => Establishment.decode(u), encode: Establishment.encode }),
  domain({ name: "proposal", valid: T.proposal, invalid: T.invalid.proposal, decode: Proposal.decode, encode: Proposal.encode }),
  domain({ name: "plan", valid: T.plan, invalid: T.invalid.plan, decode: Plan.decode, encode: Plan.encode }),
  domain({
    name: "budget envelope",
    valid: T.budgetEnvelope,
    invalid: T.invalid.budgetEnvelope,
    decode: Plan.decodeBudgetEnvelope,
    encode: Plan.encodeBudgetEnvelope
  }),
  domain({ name: "tax code", valid: T.taxCode, invalid: T.invalid.taxCode, decode: TaxCode.decode, encode: TaxCode.encode })
]

const key = (path: ReadonlyArray<string | number>, code: string | undefined) => JSON.stringify([path, code])

describe.each(domains)("$name arbitraries", (d) => {
  test.prop([d.valid])("decode(encode(x)) deep-equals x", (x) => {
    expect(d.decode(JSON.parse(JSON.stringify(d.encode(x))))).toEqual({ ok: true, value: x })
  })

  test.prop([d.invalid])("every invalid case is rejected and its expected paths are reported", (c) => {
    expect(c.expectedPaths.length).toBeGreaterThan(0)
    const r = d.decode(c.input)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const reported = r.error.issues.map((i) => JSON.stringify(i.path))
    for (const p of c.expectedPaths) expect(reported).toContain(JSON.stringify(p))
  })

  test.prop([d.invalid])("… with exactly the expected codes, one issue per seeded fault", (c) => {
    const r = d.decode(c.input)
    const got = r.ok ? [] : r.error.issues.map((i) => key(i.path, i.code))
    expect(got.sort()).toEqual(c.expectedPaths.map((p, k) => key(p, c.expectedCodes[k])).sort())
  })
})

describe("decoders are total", () => {
  const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true })
  test.prop([fc.oneof(anything, fc.jsonValue())], { numRuns: 300 })("any value gives a Result, never a throw", (u) => {
    for (const d of domains) {
      const r = d.decode(u)
      expect(typeof r.ok).toBe("boolean")
      if (!r.ok) expect(r.error.issues.length).toBeGreaterThan(0)
    }
  })

  test.prop([T.proposal, fc.array(fc.tuple(fc.nat(), fc.oneof(anything, fc.jsonValue())), { minLength: 1, maxLength: 4 })])(
    "a valid proposal with random values dropped into it gives a Result whose paths are keys and indexes",
    (p, edits) => {
      const json = JSON.parse(JSON.stringify(Proposal.encode(p)))
      const slots: Array<[Record<string, unknown>, string]> = []
      const walk = (v: unknown): void => {
        if (v !== null && typeof v === "object")
          for (const [k, x] of Object.entries(v)) {
            slots.push([v as Record<string, unknown>, k])
            walk(x)
          }
      }
      walk(json)
      for (const [n, value] of edits) {
        const slot = slots[n % slots.length]
        if (slot !== undefined) slot[0][slot[1]] = value
      }
      const r = Proposal.decode(json)
      if (!r.ok) for (const i of r.error.issues) expect(i.path.every((k) => typeof k === "string" || typeof k === "number")).toBe(true)
    }
  )
})

describe("fault catalogues", () => {
  const catalogues = [
    { name: "establishment", faults: T.establishmentFaults, valid: T.establishment, encode: Establishment.encode, decode: (u: unknown) => Establishment.decode(u) },
    { name: "proposal", faults: T.proposalFaults, valid: T.proposal, encode: Proposal.encode, decode: Proposal.decode },
    { name: "plan", faults: T.planFaults, valid: T.plan, encode: Plan.encode, decode: Plan.decode },
    { name: "budget envelope", faults: T.budgetEnvelopeFaults, valid: T.budgetEnvelope, encode: Plan.encodeBudgetEnvelope, decode: Plan.decodeBudgetEnvelope }
  ] as const

  test.each(catalogues)("every $name fault kind applies somewhere and causes exactly its issue", (cat) => {
    const sample = fc.sample(cat.valid as fc.Arbitrary<never>, { numRuns: 200, seed: 7 }).map((v) => cat.encode(v) as T.Json)
    for (const fault of cat.faults) {
      const hits = sample.filter((input) => fault.targets(input).length > 0)
      expect(hits.length, fault.name).toBeGreaterThan(0)
      for (const input of hits.slice(0, 20)) {
        const c = T.seedFaults(input, [fault], [[0, 0]])
        expect(c.faults).toEqual([fault.name])
        const r = cat.decode(c.input)
        const got = r.ok ? [] : r.error.issues.map((i) => key(i.path, i.code))
        expect(got, fault.name).toEqual([key(c.expectedPaths[0] ?? [], c.expectedCodes[0])])
      }
    }
  })

  test("seeded faults never share a zone, so a case with several faults reports each", () => {
    const multi = fc.sample(T.invalid.proposal, { numRuns: 300, seed: 11 }).filter((c) => c.expectedPaths.length >= 2)
    expect(multi.length).toBeGreaterThan(50)
    for (const c of multi) {
      const r = Proposal.decode(c.input)
      expect(r.ok ? 0 : r.error.issues.length).toBe(c.expectedPaths.length)
    }
  })
})

describe("generators cover the domain", () => {
  test("establishments: every legal form and tax-code shape", () => {
    const s = fc.sample(T.establishment, { numRuns: 500, seed: 3 })
    expect(new Set(s.map((e) => e.legalForm.kind))).toEqual(new Set(Establishment.legalFormKinds))
    expect(new Set(s.map((e) => TaxCode.kind(e.taxCode)))).toEqual(new Set(["main", "branch", "personal-id"]))
    expect(s.some((e) => e.location.convertedFromCommuneOn !== undefined)).toBe(true)
    expect(s.some((e) => e.localRawMaterialShare !== undefined)).toBe(true)
  })

  test("proposals: every form, decimal quantities, other state funding, per-beneficiary lines", () => {
    const s = fc.sample(T.proposal, { numRuns: 500, seed: 4 })
    expect(new Set(s.map((p) => p.form.kind))).toEqual(new Set(["single", "group", "pilot", "task"]))
    const lines = s.flatMap((p) => p.activities.flatMap((a) => a.costLines))
    expect(lines.some((l) => typeof l.quantity === "string")).toBe(true)
    expect(lines.some((l) => l.otherStateFunding !== undefined)).toBe(true)
    expect(lines.some((l) => l.beneficiaryId !== undefined)).toBe(true)
    expect(lines.some((l) => l.requestedSupport > 0n && l.counterpartFunding > 0n)).toBe(true)
  })

  test("plans: both levels, with and without envelopes", () => {
    const s = fc.sample(T.plan, { numRuns: 200, seed: 5 })
    expect(new Set(s.map((p) => p.level))).toEqual(new Set(["national", "provincial"]))
    expect(s.some((p) => p.envelopes.length === 0) && s.some((p) => p.envelopes.length > 1)).toBe(true)
  })

  test("invalid cases mix fault kinds", () => {
    const names = new Set(fc.sample(T.invalid.proposal, { numRuns: 500, seed: 6 }).flatMap((c) => c.faults))
    expect(names.size).toBeGreaterThanOrEqual(T.proposalFaults.length - 2)
  })
})
