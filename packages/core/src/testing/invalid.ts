/**
 * Near-valid invalid inputs: a valid value, encoded to JSON, with one or a few seeded faults
 * (lỗi gieo), each with the path and code the decoder must report.
 *
 * A fault names the zones of the input it touches or relies on; faults combined in one input
 * never share a zone (one zone containing another counts as shared), so each fault's issue is
 * reported independently of the others and every case reports exactly its expected issues.
 * @since 0.1.0
 * @module
 */
import * as fc from "fast-check"
import type { Path } from "../values/Errors.js"
import * as AdminUnits from "../records/AdminUnits.js"
import * as Establishment from "../records/Establishment.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Period from "../values/Period.js"
import * as Plan from "../records/Plan.js"
import * as Proposal from "../records/Proposal.js"
import { budgetEnvelope, establishment, plan, proposal } from "./domain.js"
import { taxCodeOf } from "./values.js"

/** JSON as produced by the encoders. @category invalid @since 0.1.0 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }

/**
 * An invalid input with what decoding it must report.
 * @category invalid
 * @since 0.1.0
 */
export interface InvalidCase {
  readonly input: unknown
  /** Paths of the issues the seeded faults cause (one per fault). */
  readonly expectedPaths: ReadonlyArray<Path>
  /** Codes of those issues, in the same order. */
  readonly expectedCodes: ReadonlyArray<string>
  /** Names of the faults seeded. */
  readonly faults: ReadonlyArray<string>
}

/**
 * One way to hit a fault: the zones it touches and how to apply it.
 * @category invalid
 * @since 0.1.0
 */
export interface Target {
  readonly zones: ReadonlyArray<Path>
  readonly apply: (input: Json) => { readonly input: Json; readonly path: Path; readonly code: string }
}

/**
 * A kind of fault, with every place it can be seeded in an input.
 * @category invalid
 * @since 0.1.0
 */
export interface Fault {
  readonly name: string
  readonly targets: (input: Json) => ReadonlyArray<Target>
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

type Mutable = { [k: string]: unknown } | Array<unknown>

const clone = (j: Json): Json => structuredClone(j) as Json

const get = (root: Json, path: Path): unknown => {
  let v: unknown = root
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined
    v = (v as Record<string | number, unknown>)[k]
  }
  return v
}

const isObject = (u: unknown): u is { readonly [k: string]: Json } =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const arrayAt = (root: Json, path: Path): ReadonlyArray<Json> => {
  const v = get(root, path)
  return Array.isArray(v) ? (v as ReadonlyArray<Json>) : []
}

/** A copy of `root` with `f` applied to the container at `path` (mutably, on the copy). */
const edit = (root: Json, path: Path, f: (container: Mutable) => void): Json => {
  const copy = clone(root)
  const c = get(copy, path)
  if (c !== null && typeof c === "object") f(c as Mutable)
  return copy
}

const setAt = (root: Json, path: Path, value: Json): Json =>
  edit(root, path.slice(0, -1), (c) => {
    ;(c as Record<string | number, unknown>)[path[path.length - 1] as string | number] = value
  })

const deleteAt = (root: Json, path: Path): Json =>
  edit(root, path.slice(0, -1), (c) => {
    delete (c as Record<string | number, unknown>)[path[path.length - 1] as string | number]
  })

const pushAt = (root: Json, path: Path, value: Json): { readonly input: Json; readonly index: number } => {
  const index = arrayAt(root, path).length
  return { input: edit(root, path, (c) => (c as Array<unknown>).push(clone(value))), index }
}

const target = (
  zones: ReadonlyArray<Path>,
  apply: (input: Json) => { readonly input: Json; readonly path: Path; readonly code: string }
): Target => ({ zones, apply })

/** A fault that sets one field to a bad value. */
const setField = (name: string, path: Path, value: Json, code: string, when?: (input: Json) => boolean): Fault => ({
  name,
  targets: (input) =>
    when === undefined || when(input) ? [target([path], (i) => ({ input: setAt(i, path, value), path, code }))] : []
})

/** A fault that removes a required field. */
const dropField = (name: string, path: Path): Fault => ({
  name,
  targets: () => [target([path], (i) => ({ input: deleteAt(i, path), path, code: "schema/missing" }))]
})

const isPrefix = (a: Path, b: Path): boolean => a.length <= b.length && a.every((k, i) => b[i] === k)
const conflicts = (a: ReadonlyArray<Path>, b: ReadonlyArray<Path>): boolean =>
  a.some((x) => b.some((y) => isPrefix(x, y) || isPrefix(y, x)))

/**
 * Seeds faults into an encoded input: each number of `picks` chooses a fault kind (among those
 * with a free target) and then a target. At most `picks.length` faults; at least one when any
 * fault applies.
 * @example `seedFaults(json, proposalFaults, [[3, 0]]).expectedPaths` → e.g. `[["activities", 0, "costLines", 0, "total"]]`
 * @category invalid
 * @since 0.1.0
 */
export const seedFaults = (input: Json, catalogue: ReadonlyArray<Fault>, picks: ReadonlyArray<readonly [number, number]>): InvalidCase => {
  let current = input
  const taken: Array<Path> = []
  const paths: Array<Path> = []
  const codes: Array<string> = []
  const names: Array<string> = []
  for (const [kindPick, targetPick] of picks) {
    const options = catalogue
      .map((f) => ({ f, ts: f.targets(current).filter((t) => !conflicts(t.zones, taken)) }))
      .filter((o) => o.ts.length > 0)
    const chosen = options[kindPick % Math.max(options.length, 1)]
    if (chosen === undefined) break
    const t = chosen.ts[targetPick % chosen.ts.length]
    if (t === undefined) break
    const r = t.apply(current)
    current = r.input
    taken.push(...t.zones)
    paths.push(r.path)
    codes.push(r.code)
    names.push(chosen.f.name)
  }
  return { input: current, expectedPaths: paths, expectedCodes: codes, faults: names }
}

const picks = (max: number): fc.Arbitrary<ReadonlyArray<readonly [number, number]>> =>
  fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: max })

const asJson = (u: unknown): Json => u as Json

const bigOf = (u: unknown): bigint =>
  typeof u === "string" && /^-?\d+$/.test(u) ? BigInt(u) : typeof u === "number" && Number.isSafeInteger(u) ? BigInt(u) : 0n

// ---------------------------------------------------------------------------------------------
// Proposal faults

const LINES = (input: Json): Array<readonly [number, number]> =>
  arrayAt(input, ["activities"]).flatMap((a, i) =>
    (isObject(a) && Array.isArray(a["costLines"]) ? (a["costLines"] as ReadonlyArray<Json>) : []).map((_, j) => [i, j] as const)
  )

type LineChange = {
  /** Fields to set (`undefined` removes the field). */
  readonly set: Readonly<Record<string, Json | undefined>>
  /** The field the issue is reported at. */
  readonly field: string
  readonly code: string
}

const lineFault = (
  name: string,
  change: (line: { readonly [k: string]: Json }, i: number, j: number) => LineChange
): Fault => ({
  name,
  targets: (input) =>
    LINES(input).flatMap(([i, j]) => {
      const base: Path = ["activities", i, "costLines", j]
      const line = get(input, base)
      if (!isObject(line)) return []
      const c = change(line, i, j)
      return [
        target([base], (inp) => {
          let out = inp
          for (const [k, v] of Object.entries(c.set)) out = v === undefined ? deleteAt(out, [...base, k]) : setAt(out, [...base, k], v)
          return { input: out, path: [...base, c.field], code: c.code }
        })
      ]
    })
})

const one = (field: string, value: Json | undefined, code: string): LineChange => ({ set: { [field]: value }, field, code })

/**
 * Fault kinds of a proposal; each causes exactly one issue.
 * @example `proposalFaults.map((f) => f.name)` → `["missing-title", "blank-title", …]`
 * @category invalid
 * @since 0.1.0
 */
export const proposalFaults: ReadonlyArray<Fault> = [
  dropField("missing-title", ["title"]),
  setField("blank-title", ["title"], "   ", "schema/invalid"),
  setField("unknown-fund", ["fund"], "regional", "schema/type"),
  {
    name: "plan-year-as-text",
    targets: () => [
      target([["planYear"]], (i) => ({ input: setAt(i, ["planYear"], String(get(i, ["planYear"]))), path: ["planYear"], code: "schema/type" }))
    ]
  },
  setField("unexpected-top-field", ["isPilot"], true, "schema/unexpected"),
  {
    name: "unknown-form-kind",
    targets: () => [target([["form"]], (i) => ({ input: setAt(i, ["form"], { kind: "cluster" }), path: ["form", "kind"], code: "schema/type" }))]
  },
  {
    name: "group-too-small",
    targets: (input) =>
      get(input, ["form", "kind"]) === "group"
        ? [
            target([["form"]], (i) => ({
              input: setAt(i, ["form", "beneficiaryIds"], arrayAt(i, ["form", "beneficiaryIds"]).slice(0, 1)),
              path: ["form", "beneficiaryIds"],
              code: "schema/invalid"
            }))
          ]
        : []
  },
  {
    name: "group-member-unknown",
    targets: (input) =>
      get(input, ["form", "kind"]) === "group"
        ? arrayAt(input, ["form", "beneficiaryIds"]).map((_, k) =>
            target([["form"]], (i) => ({
              input: setAt(i, ["form", "beneficiaryIds", k], `zz-unknown-g${k}`),
              path: ["form", "beneficiaryIds", k],
              code: "proposal/group-beneficiary-unknown"
            }))
          )
        : []
  },
  {
    name: "duplicate-beneficiary",
    targets: (input) => {
      const first = arrayAt(input, ["beneficiaries"])[0]
      return first === undefined
        ? []
        : [
            target([["beneficiaries"]], (i) => {
              const r = pushAt(i, ["beneficiaries"], first)
              return { input: r.input, path: ["beneficiaries", r.index], code: "proposal/duplicate-beneficiary" }
            })
          ]
    }
  },
  {
    name: "duration-ends-before-start",
    targets: (input) => {
      const start = get(input, ["duration", "start"])
      return typeof start === "string" && LocalDate.is(start)
        ? [
            target([["duration"]], (i) => ({
              input: setAt(i, ["duration", "end"], LocalDate.addDays(start, -1)),
              path: ["duration", "end"],
              code: "proposal/duration-order"
            }))
          ]
        : []
    }
  },
  setField("impossible-start-date", ["duration", "start"], "2024-02-30", "schema/invalid"),
  setField("bad-approval-date", ["approvalDate"], "2024-13-01", "schema/invalid"),
  setField("no-activities", ["activities"], [], "schema/invalid"),
  {
    name: "duplicate-activity",
    targets: (input) => {
      const first = arrayAt(input, ["activities"])[0]
      return first === undefined
        ? []
        : [
            target([["activities"]], (i) => {
              const r = pushAt(i, ["activities"], first)
              return { input: r.input, path: ["activities", r.index, "activity"], code: "proposal/duplicate-activity" }
            })
          ]
    }
  },
  {
    name: "duplicate-item",
    targets: (input) =>
      LINES(input).map(([i, j]) =>
        target([["activities", i]], (inp) => {
          const r = pushAt(inp, ["activities", i, "costLines"], asJson(get(inp, ["activities", i, "costLines", j])))
          return { input: r.input, path: ["activities", i, "costLines", r.index, "item"], code: "proposal/duplicate-item" }
        })
      )
  },
  {
    name: "missing-cost-lines",
    targets: (input) =>
      arrayAt(input, ["activities"]).map((_, i) =>
        target([["activities", i]], (inp) => ({
          input: deleteAt(inp, ["activities", i, "costLines"]),
          path: ["activities", i, "costLines"],
          code: "schema/missing"
        }))
      )
  },
  lineFault("negative-unit-cost", () => one("unitCost", "-1", "money/negative")),
  lineFault("unreadable-counterpart", () => one("counterpartFunding", "1.000.000", "money/unparseable")),
  lineFault("fractional-total", () => one("total", 1.5, "money/unparseable")),
  lineFault("zero-quantity", () => one("quantity", 0, "schema/invalid")),
  lineFault("missing-unit-cost", () => one("unitCost", undefined, "schema/missing")),
  lineFault("unexpected-line-field", () => one("note", "x", "schema/unexpected")),
  // quantity 1 and unit cost total + 1: only the product check fails, the funding still adds up
  lineFault("total-mismatch", (line) => ({
    set: { quantity: 1, unitCost: String(bigOf(line["total"]) + 1n) },
    field: "total",
    code: "proposal/total-mismatch"
  })),
  lineFault("support-exceeds-total", (line) =>
    one("requestedSupport", String(bigOf(line["total"]) + 1n), "proposal/support-exceeds-total")
  ),
  lineFault("funding-does-not-add-up", (line) => {
    const c = bigOf(line["counterpartFunding"])
    return c > 0n
      ? one("counterpartFunding", String(c - 1n), "proposal/funding-shortfall")
      : one("counterpartFunding", String(c + 1n), "proposal/funding-excess")
  }),
  lineFault("unknown-line-beneficiary", (_line, i, j) =>
    one("beneficiaryId", `zz-unknown-${i}-${j}`, "proposal/cost-line-beneficiary-unknown")
  ),
  {
    name: "unknown-province",
    targets: (input) =>
      arrayAt(input, ["locations"]).map((_, k) =>
        target([["locations", k]], (i) => ({
          input: setAt(i, ["locations", k, "provinceCode"], "03"),
          path: ["locations", k, "provinceCode"],
          code: "schema/invalid"
        }))
      )
  }
]

// ---------------------------------------------------------------------------------------------
// Establishment faults

const notPersonalId = (input: Json): boolean => {
  const t = get(input, ["taxCode"])
  return typeof t === "string" && t.length !== 12
}

/**
 * Fault kinds of an establishment; each causes exactly one issue.
 * @example `establishmentFaults.map((f) => f.name)` → `["missing-name", "missing-flag", …]`
 * @category invalid
 * @since 0.1.0
 */
export const establishmentFaults: ReadonlyArray<Fault> = [
  dropField("missing-name", ["name"]),
  dropField("missing-flag", ["womenOwned"]),
  setField("negative-workforce", ["workforce"], -1, "schema/invalid"),
  setField("workforce-as-text", ["workforce"], "12", "schema/type"),
  {
    name: "unknown-legal-form",
    targets: () => [
      target([["legalForm"]], (i) => ({ input: setAt(i, ["legalForm"], { kind: "joint-stock" }), path: ["legalForm", "kind"], code: "schema/type" }))
    ]
  },
  {
    name: "enterprise-without-size",
    targets: (input) =>
      notPersonalId(input)
        ? [
            target([["legalForm"], ["taxCode"]], (i) => ({
              input: setAt(i, ["legalForm"], { kind: "enterprise" }),
              path: ["legalForm", "size"],
              code: "schema/missing"
            }))
          ]
        : []
  },
  {
    name: "wrong-check-digit",
    targets: (input) => {
      const t = get(input, ["taxCode"])
      if (typeof t !== "string" || t.length === 12) return []
      const d = Number(t[9])
      const bad = `${t.slice(0, 9)}${(d + 1) % 10}${t.slice(10)}`
      return [target([["taxCode"]], (i) => ({ input: setAt(i, ["taxCode"], bad), path: ["taxCode"], code: "tax-code/check-digit" }))]
    }
  },
  setField("short-tax-code", ["taxCode"], "010023348", "tax-code/format"),
  {
    name: "personal-id-on-cooperative",
    targets: () => [
      target([["legalForm"], ["taxCode"]], (i) => ({
        input: setAt(setAt(i, ["legalForm"], { kind: "cooperative" }), ["taxCode"], "001203004567"),
        path: ["taxCode"],
        code: "establishment/tax-code-form-mismatch"
      }))
    ]
  },
  setField("unknown-province", ["location", "provinceCode"], "03", "schema/invalid"),
  {
    name: "commune-converted",
    targets: () => [
      target([["location", "commune"], ["location", "convertedFromCommuneOn"]], (i) => ({
        input: setAt(setAt(i, ["location", "commune", "kind"], "commune"), ["location", "convertedFromCommuneOn"], "2020-01-01"),
        path: ["location", "convertedFromCommuneOn"],
        code: "establishment/converted-not-ward"
      }))
    ]
  },
  {
    name: "unknown-commune-kind",
    targets: () => [
      target([["location", "commune"], ["location", "convertedFromCommuneOn"]], (i) => ({
        input: setAt(i, ["location", "commune", "kind"], "village"),
        path: ["location", "commune", "kind"],
        code: "schema/type"
      }))
    ]
  },
  setField("unknown-difficulty", ["location", "difficultArea"], "remote", "schema/type"),
  {
    name: "blank-craft-village",
    targets: () => [
      target([["location", "craftVillage"]], (i) => ({
        input: setAt(i, ["location", "craftVillage"], { name: " " }),
        path: ["location", "craftVillage", "name"],
        code: "schema/invalid"
      }))
    ]
  },
  setField("unexpected-location-field", ["location", "postcode"], "100000", "schema/unexpected"),
  setField("share-above-one", ["localRawMaterialShare"], "1.5", "schema/invalid"),
  setField("negative-revenue", ["annualRevenue"], "-5", "money/negative"),
  setField("impossible-registration-date", ["registeredOn"], "2024-02-30", "schema/invalid")
]

// ---------------------------------------------------------------------------------------------
// Budget envelope and plan faults

const envelopeFaultsAt = (base: Path, level: unknown): Array<Fault> => {
  const at = (...p: Path): Path => [...base, ...p]
  const zone = [base]
  const faults: Array<Fault> = [
    setField("negative-amount", at("amount"), "-1", "money/negative"),
    {
      name: "other-source-without-note",
      targets: () => [target(zone, (i) => ({ input: setAt(i, at("source"), { kind: "other" }), path: at("source", "note"), code: "schema/missing" }))]
    }
  ]
  if (level === "national")
    faults.push({
      name: "national-from-local-budget",
      targets: () => [
        target(zone, (i) => ({ input: setAt(i, at("source"), { kind: "local-budget" }), path: at("source", "kind"), code: "budget/source-level-mismatch" }))
      ]
    })
  return faults
}

/**
 * Fault kinds of a standalone budget envelope; each causes exactly one issue.
 * @example `budgetEnvelopeFaults.length` → `3`
 * @category invalid
 * @since 0.1.0
 */
export const budgetEnvelopeFaults: ReadonlyArray<Fault> = [
  {
    name: "envelope-faults",
    targets: (input) => envelopeFaultsAt([], get(input, ["level"])).flatMap((f) => f.targets(input))
  },
  {
    name: "province-level-mismatch",
    targets: (input) => [
      get(input, ["level"]) === "provincial"
        ? target([[]], (i) => ({ input: deleteAt(i, ["provinceCode"]), path: ["provinceCode"], code: "budget/province-required" }))
        : target([[]], (i) => ({ input: setAt(i, ["provinceCode"], "01"), path: ["provinceCode"], code: "budget/province-not-allowed" }))
    ]
  },
  {
    name: "year-as-text",
    targets: () => [target([["year"]], (i) => ({ input: setAt(i, ["year"], String(get(i, ["year"]))), path: ["year"], code: "schema/type" }))]
  }
]

const otherProvince = (code: unknown): string =>
  AdminUnits.provinceCodesOn(AdminUnits.reorganisationDay()).find((c) => c !== code) ?? "01"

/**
 * Fault kinds of a plan; each causes exactly one issue.
 * @example `planFaults.map((f) => f.name)` → `["duplicate-proposal", "plan-province", …]`
 * @category invalid
 * @since 0.1.0
 */
export const planFaults: ReadonlyArray<Fault> = [
  {
    name: "duplicate-proposal",
    targets: (input) => {
      const first = arrayAt(input, ["proposalIds"])[0]
      return first === undefined
        ? []
        : [
            target([["proposalIds"]], (i) => {
              const r = pushAt(i, ["proposalIds"], first)
              return { input: r.input, path: ["proposalIds", r.index], code: "plan/duplicate-proposal" }
            })
          ]
    }
  },
  {
    name: "plan-province",
    targets: (input) => [
      get(input, ["level"]) === "provincial"
        ? target([["provinceCode"]], (i) => ({ input: deleteAt(i, ["provinceCode"]), path: ["provinceCode"], code: "plan/province-required" }))
        : target([["provinceCode"]], (i) => ({ input: setAt(i, ["provinceCode"], "01"), path: ["provinceCode"], code: "plan/province-not-allowed" }))
    ]
  },
  {
    name: "bad-approval-date",
    targets: () => [
      target([["approval"]], (i) => ({
        input: setAt(i, ["approval"], { number: "1/QĐ-BCT", date: "2025-02-30" }),
        path: ["approval", "date"],
        code: "schema/invalid"
      }))
    ]
  },
  {
    name: "envelope-faults",
    targets: (input) =>
      arrayAt(input, ["envelopes"]).flatMap((_, k) =>
        envelopeFaultsAt(["envelopes", k], get(input, ["level"])).flatMap((f) => f.targets(input))
      )
  },
  {
    name: "envelope-year-mismatch",
    targets: (input) => {
      const y = get(input, ["year"])
      if (typeof y !== "number") return []
      const other = y < Period.MAX_YEAR ? y + 1 : y - 1
      return arrayAt(input, ["envelopes"]).map((_, k) =>
        target([["envelopes", k], ["year"]], (i) => ({
          input: setAt(i, ["envelopes", k, "year"], other),
          path: ["envelopes", k, "year"],
          code: "plan/envelope-year-mismatch"
        }))
      )
    }
  },
  {
    name: "envelope-level-mismatch",
    targets: (input) =>
      arrayAt(input, ["envelopes"]).map((_, k) =>
        target([["envelopes", k], ["level"], ["provinceCode"]], (i) => {
          const base: Path = ["envelopes", k]
          const out =
            get(i, ["level"]) === "national"
              ? setAt(setAt(i, [...base, "level"], "provincial"), [...base, "provinceCode"], "01")
              : setAt(setAt(deleteAt(i, [...base, "provinceCode"]), [...base, "level"], "national"), [...base, "source"], {
                  kind: "central-budget"
                })
          return { input: out, path: [...base, "level"], code: "plan/envelope-level-mismatch" }
        })
      )
  },
  {
    name: "envelope-province-mismatch",
    targets: (input) =>
      get(input, ["level"]) === "provincial"
        ? arrayAt(input, ["envelopes"]).map((_, k) =>
            target([["envelopes", k], ["provinceCode"], ["level"]], (i) => ({
              input: setAt(i, ["envelopes", k, "provinceCode"], otherProvince(get(i, ["provinceCode"]))),
              path: ["envelopes", k, "provinceCode"],
              code: "plan/envelope-province-mismatch"
            }))
          )
        : []
  }
]

// ---------------------------------------------------------------------------------------------
// Arbitraries

const invalidOf = <A>(
  valid: fc.Arbitrary<A>,
  encode: (a: A) => unknown,
  catalogue: ReadonlyArray<Fault>,
  maxFaults: number
): fc.Arbitrary<InvalidCase> =>
  fc
    .tuple(valid, picks(maxFaults))
    .map(([a, p]) => seedFaults(asJson(encode(a)), catalogue, p))
    .filter((c) => c.expectedPaths.length > 0)

const badTaxCodes: fc.Arbitrary<InvalidCase> = fc.oneof(
  taxCodeOf("main").map((c) => {
    const d = Number(c[9])
    return { text: `${c.slice(0, 9)}${(d + 1) % 10}`, code: "tax-code/check-digit" }
  }),
  taxCodeOf("main").map((c) => ({ text: c.slice(0, 9), code: "tax-code/format" })),
  taxCodeOf("main").map((c) => ({ text: `${c}0`, code: "tax-code/format" })),
  taxCodeOf("main").map((c) => ({ text: `${c.slice(0, 5)}A${c.slice(6)}`, code: "tax-code/format" })),
  taxCodeOf("main").map((c) => ({ text: `${c}-000`, code: "tax-code/branch-suffix" })),
  fc.integer({ min: 0, max: 99 }).map((p) => ({ text: `${String(p).padStart(2, "0")}00000000`, code: "tax-code/sequence" })),
  taxCodeOf("personal-id").map((c) => ({ text: `${c.slice(0, 3)}7${c.slice(4)}`, code: "tax-code/personal-id-century" })),
  fc.constantFrom<unknown>(1_234_567_890, null, ["0100233488"]).map((v) => ({ text: v, code: "schema/type" }))
).map((b) => ({ input: b.text, expectedPaths: [[]], expectedCodes: [b.code], faults: [b.code] }))

/**
 * Invalid inputs with their expected issue paths, per domain type.
 * @example `fc.sample(invalid.proposal, 1)[0]` → `{ input: {…}, expectedPaths: [["activities", 0, "costLines", 1, "total"]], … }`
 * @category invalid
 * @since 0.1.0
 */
export const invalid: {
  readonly taxCode: fc.Arbitrary<InvalidCase>
  readonly establishment: fc.Arbitrary<InvalidCase>
  readonly proposal: fc.Arbitrary<InvalidCase>
  readonly budgetEnvelope: fc.Arbitrary<InvalidCase>
  readonly plan: fc.Arbitrary<InvalidCase>
} = {
  taxCode: badTaxCodes,
  establishment: invalidOf(establishment, Establishment.encode, establishmentFaults, 3),
  proposal: invalidOf(proposal, Proposal.encode, proposalFaults, 3),
  budgetEnvelope: invalidOf(budgetEnvelope, Plan.encodeBudgetEnvelope, budgetEnvelopeFaults, 2),
  plan: invalidOf(plan, Plan.encode, planFaults, 3)
}
