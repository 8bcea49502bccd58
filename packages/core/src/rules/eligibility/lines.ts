/**
 * Internal: finding a proposal's cost line (dòng dự toán) that a proposal condition is about, for
 * the kinds that judge lines (`counterpart-funding`, `no-double-funding`, and conditions on one
 * activity's lines). The walk allocates nothing unless it finds a line.
 * @module
 */
import type { Path } from "../../values/Errors.js"
import type { Proposal } from "../../records/Proposal.js"

/** A cost line of a proposal. */
export type CostLine = Proposal["activities"][number]["costLines"][number]

/** A cost line found, with where it is. */
export interface LineAt {
  readonly line: CostLine
  /** Index of its activity in `proposal.activities`. */
  readonly activity: number
  /** Index of the line in the activity's `costLines`. */
  readonly index: number
}

/** The first cost line, in proposal order, that passes `test`. */
export const findLine = (p: Proposal, test: (line: CostLine) => boolean): LineAt | undefined => {
  const acts = p.activities
  for (let i = 0; i < acts.length; i++) {
    const lines = (acts[i] as Proposal["activities"][number]).costLines
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j] as CostLine
      if (test(line)) return { line, activity: i, index: j }
    }
  }
  return undefined
}

/** The path to a field of a line found. */
export const pathTo = (at: LineAt, field: keyof CostLine): Path => ["activities", at.activity, "costLines", at.index, field]
