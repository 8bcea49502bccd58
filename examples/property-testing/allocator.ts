/**
 * A "user" allocator: the code a provincial team might write for its own reports, sharing a budget
 * envelope (kinh phí được giao) pro rata to the support each proposal requests. Two versions:
 *
 * - {@link proRata}: written with the library's exact tools (Money is `bigint` đồng, the pro-rata
 *   split is `Split.scale`, largest remainder): never more than the envelope, never more than a
 *   request, and the parts add up to the đồng;
 * - {@link proRataFloat}: the same idea in JavaScript numbers, as it is often first written.
 *   It looks right on small round figures and loses or invents đồng on others; the property test
 *   in `test/allocator.test.ts` lets fast-check find such a case.
 */
import { Money, Split } from "@khuyencong/core"

/** Amounts allocated, in the order of the requests. */
export type Allocator = (envelope: Money.Money, requests: ReadonlyArray<Money.Money>) => ReadonlyArray<Money.Money>

/**
 * Everyone gets what they asked when the envelope covers every request; otherwise the envelope is
 * shared in proportion to the requests, exactly (largest remainder at 1 đồng).
 */
export const proRata: Allocator = (envelope, requests) => {
  const total = Money.sum(requests)
  if (total <= envelope) return requests
  // total > envelope ≥ 0, so some request is positive and Split.scale cannot fail.
  const r = Split.scale(requests, envelope)
  if (!r.ok) throw r.error
  return r.value.parts
}

/** The same with floating point: each share rounded to the nearest đồng on its own. Wrong. */
export const proRataFloat: Allocator = (envelope, requests) => {
  const total = requests.reduce((s, r) => s + Number(r), 0)
  if (total <= Number(envelope)) return requests
  return requests.map((r) => Money.make(BigInt(Math.round((Number(envelope) * Number(r)) / total))))
}
