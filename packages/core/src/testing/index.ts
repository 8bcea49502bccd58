/**
 * Testing (kiểm thử): fast-check arbitraries for every khuyencong domain type, exported as
 * `@khuyencong/core/testing`. Valid arbitraries produce decoded values that pass every check of
 * their module (`decode(encode(x))` gives `x` back); `invalid.*` produce near-valid JSON inputs
 * with one or a few seeded faults and the paths (and codes) of the issues decoding must report.
 *
 * fast-check is an optional peer dependency: install it to use this entry point.
 *
 * @example
 * ```ts
 * import * as fc from "fast-check"
 * import { Proposal } from "@khuyencong/core"
 * import { proposal, invalid } from "@khuyencong/core/testing"
 * fc.assert(fc.property(proposal, (p) => Proposal.decode(Proposal.encode(p)).ok))
 * fc.assert(fc.property(invalid.proposal, ({ input, expectedPaths }) => !Proposal.decode(input).ok))
 * ```
 * @since 0.1.0
 * @packageDocumentation
 */
export {
  boundedDateRange,
  citation,
  dateRange,
  localDate,
  localDateBetween,
  money,
  nonNegativeMoney,
  nonNegativeMoneyUpTo,
  planYear,
  quantity,
  rate,
  recentPlanYear,
  share,
  taxCode,
  taxCodeOf
} from "./values.js"
export { budgetEnvelope, establishment, id, keyProjectProposal, location, plan, proposal, text } from "./domain.js"
export {
  budgetEnvelopeFaults,
  establishmentFaults,
  invalid,
  planFaults,
  proposalFaults,
  seedFaults,
  type Fault,
  type InvalidCase,
  type Json,
  type Target
} from "./invalid.js"
export {
  allocationCandidates,
  allocationCeilings,
  allocationInput,
  allocationPolicy,
  allocationUnit,
  ledgerEvents,
  splitWeights
} from "./allocation.js"
export { establishmentJson } from "./samples.js"
export { portfolio, type Portfolio, type PortfolioOptions } from "./portfolio.js"
