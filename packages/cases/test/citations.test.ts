/**
 * Every citation of every shipped pack names an instrument in force at every date the citation can
 * be read (issue 13): a parameter value from the day it takes effect (or the pack's first day) to
 * the day before the next value (or the pack's last day); every other entry (activity, item,
 * eligibility rule, advance tier, calendar entry, priority class) on every day the pack governs.
 * An instrument is in force from its effective day to the day before it expired. An instrument
 * that is only reported (the 2026 leads) is never cited. The packs are imported from their
 * sources: test-only.
 */
import { readFileSync } from "node:fs"
import { LocalDate, Pack, type RulePack } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import * as p2014 from "../../rules-2014-2018/src/index.js"
import * as p2021 from "../../rules-2021-2025/src/index.js"
import * as p2026 from "../../rules-2026-2030/src/index.js"

/** The corpus's instruments: in-force days and whether only reported. */
const corpus = JSON.parse(readFileSync(new URL("../../law/corpus.json", import.meta.url), "utf8")) as {
  readonly instruments: ReadonlyArray<{ readonly number: string; readonly effective: string; readonly expired?: string; readonly status?: string }>
}
const instruments = new Map(corpus.instruments.map((i) => [i.number, i]))

const packs: ReadonlyArray<RulePack.RulePack> = [p2014.pack, p2021.pack, p2026.pack]
const LAST = "9999-12-31"
const prevDay = (d: string): string => LocalDate.fromDayNumber(LocalDate.toDayNumber(d as LocalDate.LocalDate) - 1)

/** The days `[from, to]` a citation at `where` can be read in `pack`, or undefined when none. */
const readable = (pack: RulePack.RulePack, where: ReadonlyArray<string | number>): readonly [string, string] | undefined => {
  const start: string = pack.governs.decisions.start
  const end: string = pack.governs.decisions.end ?? LAST
  if (where[0] !== "parameters") return [start, end]
  const values = pack.parameters[where[1] as string]?.values ?? []
  const i = where[3] as number
  const v = values[i]
  if (v === undefined) return undefined
  const next = values[i + 1]
  const from = v.from > start ? v.from : start
  const to = next === undefined ? end : prevDay(next.from) < end ? prevDay(next.from) : end
  return from <= to ? [from, to] : undefined
}

describe.each(packs.map((pack) => ({ id: pack.id, pack })))("the citations of $id", ({ pack }) => {
  it("each cited instrument is in the corpus, not only reported, and in force whenever the citation can be read", () => {
    const problems: Array<string> = []
    for (const { where, citation } of Pack.citations(pack)) {
      const days = readable(pack, where)
      if (days === undefined) continue
      const [from, to] = days
      const n = citation.instrument.number
      const i = instruments.get(n)
      const at = `${where.join(".")} (${from} … ${to === LAST ? "open" : to}) cites ${n}`
      if (i === undefined) problems.push(`${at}: not in the corpus`)
      else if (i.status === "reported") problems.push(`${at}: only reported, never seen`)
      else {
        if (i.effective > from) problems.push(`${at}: in force only from ${i.effective}`)
        if (i.expired !== undefined && i.expired <= to) problems.push(`${at}: expired on ${i.expired}`)
      }
    }
    expect(problems).toEqual([])
  })
})
