/**
 * Internal: industry codes (ngành nghề) are hierarchical, `a` covering `a/b`. Shared by the
 * eligibility rule kinds that read a list of industries and by the priority criteria.
 * @module
 */

/**
 * Whether an industry code is covered by a list entry: equal, or below it in the hierarchy
 * (`vat-lieu-xay-dung` covers `vat-lieu-xay-dung/gach-nung-lo-vong`). Returns the entry.
 */
export const industryCovered = (code: string, entries: ReadonlyArray<string>): string | undefined => {
  for (const e of entries) {
    if (code === e) return e
    if (code.length > e.length && code.charCodeAt(e.length) === 47 /* "/" */ && code.startsWith(e)) return e
  }
  return undefined
}

const NONE = "\u0000none"

/**
 * {@link industryCovered} for one list, memoised: industry codes are few, so after the first time
 * one Map lookup answers.
 */
export class IndustryMatch {
  readonly entrySet: ReadonlySet<string>
  /** Industry code → covering entry (or a "none" marker), filled as codes are met. */
  private readonly memo: Map<string, string> = new Map()
  constructor(readonly entries: ReadonlyArray<string>) {
    this.entrySet = new Set(entries)
  }
  /** The list entry covering `code`, if any. */
  covering(code: string): string | undefined {
    const memo = this.memo
    const hit = memo.get(code)
    if (hit !== undefined) return hit === NONE ? undefined : hit
    const found = this.entrySet.has(code) ? code : code.indexOf("/") < 0 ? undefined : industryCovered(code, this.entries)
    if (memo.size < 10_000) memo.set(code, found ?? NONE)
    return found
  }
}
