import * as fc from "fast-check"
import { describe, expect, test } from "vitest"
import * as Proposal from "../src/records/Proposal.js"
import { proposal, proposalFaults, seedFaults, type Json } from "../src/testing/index.js"

/**
 * A register (sổ đề án) of 1,000 valid proposals with exactly 50 seeded errors of mixed kinds at
 * known paths: decoding the register must report those 50 and nothing else.
 */
const SIZE = 1000
const ERRORS = 50

const register: ReadonlyArray<Json> = fc
  .sample(proposal, { numRuns: SIZE, seed: 20_250_701 })
  .map((p) => JSON.parse(JSON.stringify(Proposal.encode(p))) as Json)

// 50 distinct rows, chosen by a seeded sample too
const rows: ReadonlyArray<number> = fc.sample(
  fc.uniqueArray(fc.nat(SIZE - 1), { minLength: ERRORS, maxLength: ERRORS }),
  { numRuns: 1, seed: 42 }
)[0] ?? []

interface Seeded {
  readonly row: number
  readonly fault: string
  readonly path: ReadonlyArray<string | number>
  readonly code: string
}

const seeded: Array<Seeded> = []
const faulty = [...register]
rows.forEach((row, k) => {
  const input = register[row]
  if (input === undefined) return
  // cycle through the fault kinds; skip kinds that do not apply to this row
  for (let step = 0; step < proposalFaults.length; step++) {
    const fault = proposalFaults[(k + step) % proposalFaults.length]
    if (fault === undefined || fault.targets(input).length === 0) continue
    const c = seedFaults(input, [fault], [[0, k * 7 + row]])
    faulty[row] = c.input as Json
    seeded.push({ row, fault: fault.name, path: c.expectedPaths[0] ?? [], code: c.expectedCodes[0] ?? "" })
    return
  }
})

const key = (row: number, path: ReadonlyArray<string | number>, code: string) => `${row} ${JSON.stringify(path)} ${code}`

describe("a register of 1,000 proposals with 50 seeded errors", () => {
  test("the register is as built: 1,000 distinct rows, 50 faults of mixed kinds", () => {
    expect(register).toHaveLength(SIZE)
    expect(new Set(rows).size).toBe(ERRORS)
    expect(seeded).toHaveLength(ERRORS)
    expect(new Set(seeded.map((s) => s.fault)).size).toBeGreaterThanOrEqual(20)
    expect(new Set(seeded.map((s) => s.code)).size).toBeGreaterThanOrEqual(12)
  })

  test("the clean register decodes without a single issue", () => {
    const failures = register.map((p, row) => [row, Proposal.decode(p)] as const).filter(([, r]) => !r.ok)
    expect(failures.map(([row]) => row)).toEqual([])
  })

  test("decoding reports exactly the 50 seeded errors, each at its path with its code", () => {
    const reported: Array<string> = []
    let rejected = 0
    faulty.forEach((input, row) => {
      const r = Proposal.decode(input)
      if (r.ok) return
      rejected++
      for (const i of r.error.issues) reported.push(key(row, i.path, i.code))
    })
    const expected = seeded.map((s) => key(s.row, s.path, s.code))
    expect(reported).toHaveLength(ERRORS)
    expect(rejected).toBe(ERRORS)
    expect([...reported].sort()).toEqual([...expected].sort())
  })

  test("every reported error names its field and the Vietnamese term", () => {
    for (const s of seeded) {
      const r = Proposal.decode(faulty[s.row])
      expect(r.ok).toBe(false)
      if (r.ok) continue
      const [issue] = r.error.issues
      expect(issue?.path).toEqual(s.path)
      expect(issue?.message).toMatch(/\([^)]*[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ][^)]*\)/i)
      expect(r.error.code).toBe("proposal/invalid")
    }
  })
})
