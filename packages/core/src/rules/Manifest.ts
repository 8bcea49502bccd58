/**
 * Manifest (danh mục bộ quy tắc): a rule pack as a selection from the corpus of the law, not a
 * copy of it. The manifests are corpus files themselves (`corpus/packs/*.yaml` in
 * `@khuyencong/law`): the period a pack governs (decision dates, plan years), its title and data
 * version, the instruments it encodes besides those its entries cite, its support and advance
 * settings, its provincial overlays, and the notes that hold for the whole period.
 *
 * {@link build} takes every entry of the corpus in force on the first day of the period
 * (activities, eligibility rules, priority classes, the priority order, advance tiers and
 * remainder, calendar entries), in the corpus's order, and every parameter in force that day or
 * read by those entries, sliced to the period, and returns a `RulePack.RulePack` definition for
 * `Pack.load`:
 * - an entry with another version dated within the period, or one that begins or ends within it,
 *   is refused (`manifest/changes-within-period`): a rule pack holds one version of each entry;
 *   a figure that changes on a day belongs in a parameter, which may change on any day;
 * - a parameter keeps the value in force on the first day and every later value up to the last
 *   day; after a closed period the corpus's next value ends it the day before (`until`);
 * - the instruments are those cited by what the pack holds and those the manifest lists, in the
 *   order they took effect;
 * - the reported instruments (`status: reported` with a `report`, text unseen) that may replace
 *   one of them and are reported by the period's last day become `reported`: results warn from
 *   the reported day (`Pack.resolve` → `warnings`).
 *
 * @example
 * ```ts
 * import { Corpus, Manifest, Pack } from "@khuyencong/core"
 * const { pack } = Manifest.buildOrThrow(Corpus.law(), "vn-khuyen-cong-2021-2025")
 * Pack.resolveOrThrow(Pack.loadOrThrow(pack), "2023-06-30").items["machinery.equipment"]?.amount // 300000000n
 * ```
 * @since 0.2.0
 * @module
 */
import type * as Citation from "../values/Citation.js"
import { ValidationError } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import type * as Parameter from "../values/Parameter.js"
import { err, ok, orThrow, type Result } from "../values/Result.js"
import * as Corpus from "./Corpus.js"
import type * as Overlay from "./Overlay.js"
import type * as RulePack from "./RulePack.js"

/**
 * A rule pack as a selection from the corpus (a `corpus/packs/*.yaml` file).
 * @category models
 * @since 0.2.0
 */
export type Manifest = Corpus.ManifestEntry

/**
 * What {@link build} returns: the pack definition, its overlays, and what the corpus says of the
 * pack's instruments and activities.
 * @category models
 * @since 0.2.0
 */
export interface Built {
  readonly manifest: Manifest
  /** The rule pack definition (load it with `Pack.load`). */
  readonly pack: RulePack.RulePack
  /** The overlays the manifest lists, in order. */
  readonly overlays: ReadonlyArray<Overlay.Overlay>
  /** The resolution instrument of each overlay, by overlay id. */
  readonly overlayInstruments: Readonly<Record<string, Citation.Instrument>>
  /** The corpus note on each instrument of the pack that has one, by number. */
  readonly instrumentNotes: Readonly<Record<string, string>>
  /** Why each activity has its advance tier (tạm ứng), by activity code. */
  readonly advanceAssignments: Readonly<Record<string, { readonly tier: string } & Corpus.TierReading>>
  /** What holds for the whole period. */
  readonly notes: ReadonlyArray<string>
}

type Issue = { readonly code: string; readonly path: ReadonlyArray<string | number>; readonly message: string }
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const capRefs = (cap: RulePack.CapRule): ReadonlyArray<string> => {
  switch (cap.kind) {
    case "rate-and-amount":
      return [cap.rate, cap.amount]
    case "amount":
      return [cap.amount]
    case "rate":
      return [cap.rate]
    case "multiple-of":
      return cap.rate === undefined ? [cap.multiple] : [cap.multiple, cap.rate]
    case "share-of-support":
      return [cap.share]
  }
}
const criterionRefs = (c: RulePack.PriorityCriterion): ReadonlyArray<string> => {
  switch (c.kind) {
    case "difficult-area":
      return [c.levels]
    case "local-raw-material-above":
    case "workforce-at-least":
      return [c.threshold]
    case "industry-in":
      return [c.industries]
    case "owner-flag":
      return [c.flags]
    case "any":
      return c.of.flatMap(criterionRefs)
    default:
      return []
  }
}

/**
 * Build a rule pack from the corpus: from a manifest, or from the id of a manifest of the corpus.
 * Fails with a `ValidationError` listing every problem with its path: an unknown pack id
 * (`manifest/unknown-pack`), an instrument, parameter or overlay the corpus lacks
 * (`manifest/unknown-entry`), an entry that changes within the period
 * (`manifest/changes-within-period`), no or several entries where the pack takes one
 * (`manifest/one-entry`). The result is a definition: `Pack.load` checks the rest.
 * @example `Manifest.build(Corpus.law(), "vn-khuyen-cong-2014-2018")` → `ok({ manifest, pack, overlays, instrumentNotes, advanceAssignments, notes })`
 * @category building
 * @since 0.2.0
 */
export const build = (corpus: Corpus.Corpus, manifestOrId: Manifest | string): Result<Built, ValidationError> => {
  const manifest = typeof manifestOrId === "string" ? corpus.packs[manifestOrId] : manifestOrId
  if (manifest === undefined)
    return err(
      new ValidationError({
        code: "manifest/unknown-pack",
        path: [],
        message: `the corpus has no rule pack "${String(manifestOrId)}" (it has ${Object.keys(corpus.packs).join(", ")})`,
        issues: [{ code: "manifest/unknown-pack", path: [], message: `the corpus has no rule pack "${String(manifestOrId)}"` }]
      })
    )
  const issues: Array<Issue> = []
  const start = manifest.governs.decisions.start
  const end = manifest.governs.decisions.end
  const within = (d: LocalDate.LocalDate): boolean => d > start && d <= end

  /** The entries of a kind in force on the first day, in the corpus's order. */
  const inForce = <T>(group: string, table: Readonly<Record<string, Corpus.Entry<T>>>): Array<T> => {
    const out: Array<{ readonly order: number; readonly id: string; readonly value: T }> = []
    for (const [id, entry] of Object.entries(table)) {
      const value = Corpus.versionAt(entry, start)
      const change = entry.versions.find((v) => within(v.from))
      if (change !== undefined && (value !== undefined || change.value !== null))
        issues.push({
          code: "manifest/changes-within-period",
          path: [group, id],
          message: `${group} entry "${id}" ${value === undefined ? "begins" : change.value === null ? "ends" : "changes"} on ${change.from}, within the period of pack "${manifest.id}" (${start} … ${end}): a pack holds one version of each entry; end the pack the day before, or put the changing figure in a parameter`
        })
      if (value !== undefined) out.push({ order: entry.order, id, value })
    }
    return out.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1)).map((e) => e.value)
  }
  const one = <T>(group: string, table: Readonly<Record<string, Corpus.Entry<T>>>): T | undefined => {
    const all = inForce(group, table)
    if (all.length !== 1) issues.push({ code: "manifest/one-entry", path: [group], message: `pack "${manifest.id}" takes one ${group} entry in force on ${start}; the corpus has ${all.length}` })
    return all[0]
  }
  const withoutId = <T extends object>(v: T): Omit<T, "id"> => {
    const { id: _id, ...rest } = v as T & { readonly id?: string }
    return rest
  }

  const activityVersions = inForce("activity", corpus.activities)
  const activities: Array<RulePack.Activity> = activityVersions.map(({ advanceTierReading: _r, ...a }) => a)
  const eligibility = inForce("eligibility", corpus.eligibility)
  const areaPriorities = inForce("area priority", corpus.areaPriorities)
  const industryPriorities = inForce("industry priority", corpus.industryPriorities)
  const tiers = inForce("advance tier", corpus.advanceTiers)
  const remainder = one("advance remainder", corpus.advanceRemainders)
  const calendar = inForce("calendar", corpus.calendar)
  const orders = inForce("priority order", corpus.priorityOrders)
  if (orders.length > 1) issues.push({ code: "manifest/one-entry", path: ["priority order"], message: `pack "${manifest.id}" takes at most one priority order; the corpus has ${orders.length} in force on ${start}` })
  const priority = orders[0] === undefined ? undefined : withoutId(orders[0])

  // Parameters: those the entries read, in the order the pack reads them (catalogue, support
  // settings, advances, eligibility, priorities), then those the manifest lists and those in force
  // on the first day that nothing reads (overhead, carry-over …), by id.
  const wanted = new Set<string>()
  for (const a of activities) for (const it of a.items) for (const id of capRefs(it.cap)) wanted.add(id)
  if (manifest.support?.priorityMultiplier !== undefined) wanted.add(manifest.support.priorityMultiplier)
  for (const t of tiers) {
    wanted.add(t.firstAdvance)
    if (t.condition.kind === "progress-over") wanted.add(t.condition.threshold)
  }
  if (remainder?.condition.kind === "progress-over") wanted.add(remainder.condition.threshold)
  if (manifest.advances?.overallCeiling !== undefined) wanted.add(manifest.advances.overallCeiling)
  for (const r of eligibility) for (const id of Object.values(r.parameters)) wanted.add(id)
  for (const c of [...areaPriorities, ...industryPriorities]) for (const id of criterionRefs(c.criterion)) wanted.add(id)
  if (priority?.unrankedActivities !== undefined) wanted.add(priority.unrankedActivities)
  if (priority?.keyProjectsFirst !== undefined) wanted.add(priority.keyProjectsFirst)
  for (const id of manifest.parameters ?? []) wanted.add(id)
  for (const [id, p] of Object.entries(corpus.parameters).sort(([a], [b]) => (a < b ? -1 : 1)))
    if (p.values[0] !== undefined && p.values[0].from <= start && (p.until === undefined || p.until >= start)) wanted.add(id)
  const parameters: Record<string, Parameter.Parameter<RulePack.ParameterValue>> = {}
  for (const id of wanted) {
    const p = corpus.parameters[id]
    if (p === undefined) issues.push({ code: "manifest/unknown-entry", path: ["parameters", id], message: `the corpus has no parameter (tham số) "${id}", which pack "${manifest.id}" reads` })
    else parameters[id] = slice(p, start, end)
  }

  // Instruments: those cited, and those the manifest lists.
  const cited = new Set<string>(manifest.instruments ?? [])
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) collect(x)
    else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>
      if (typeof o["grade"] === "string" && typeof o["instrument"] === "object" && o["instrument"] !== null) cited.add((o["instrument"] as Citation.Instrument).number)
      else for (const x of Object.values(o)) collect(x)
    }
  }
  collect([activities, eligibility, areaPriorities, industryPriorities, tiers, remainder, calendar, priority])
  for (const p of Object.values(parameters)) for (const v of p.values) cited.add(v.citation.instrument.number)
  const instruments: Array<Citation.Instrument> = []
  for (const n of cited) {
    const e = corpus.instruments.get(n)
    if (e === undefined) issues.push({ code: "manifest/unknown-entry", path: ["instruments", n], message: `the corpus has no instrument (văn bản) ${n}` })
    else {
      const { note: _n, status: _s, report: _r, ...instrument } = e
      instruments.push(instrument)
    }
  }
  instruments.sort((a, b) => (a.effective !== b.effective ? (a.effective < b.effective ? -1 : 1) : a.number < b.number ? -1 : 1))

  // Reported instruments (text unseen) that may replace one the pack encodes, reported by its last day.
  const reported: Array<RulePack.ReportedInstrument> = []
  for (const e of corpus.instruments.values()) {
    const r = e.report
    if (e.status !== "reported" || r === undefined || (end !== undefined && r.on > end)) continue
    const mayReplace = r.mayReplace.filter((n) => cited.has(n))
    if (mayReplace.length === 0) continue
    const { note: _n, status: _s, report: _r, ...instrument } = e
    reported.push({ instrument, on: r.on, grade: r.grade, mayReplace, concerns: r.concerns, source: r.source })
  }
  reported.sort((a, b) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.instrument.number < b.instrument.number ? -1 : 1))

  const overlays: Array<Overlay.Overlay> = []
  const overlayInstruments: Record<string, Citation.Instrument> = {}
  for (const id of manifest.overlays ?? []) {
    const o = corpus.overlays[id]
    if (o === undefined) {
      issues.push({ code: "manifest/unknown-entry", path: ["overlays", id], message: `the corpus has no provincial overlay "${id}"` })
      continue
    }
    overlays.push(o.overlay)
    const { note: _n, status: _s, report: _r, ...instrument } = o.instrument
    overlayInstruments[id] = instrument
  }

  if (issues.length > 0 || remainder === undefined)
    return err(
      new ValidationError({
        code: "manifest/invalid",
        path: [],
        message: `rule pack "${manifest.id}" cannot be built from the corpus (${issues.length} ${issues.length === 1 ? "problem" : "problems"}): ${issues
          .slice(0, 3)
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`,
        issues
      })
    )

  const instrumentNotes: Record<string, string> = {}
  for (const i of instruments) {
    const note = corpus.instruments.get(i.number)?.note
    if (note !== undefined) instrumentNotes[i.number] = note
  }
  const advanceAssignments: Record<string, { readonly tier: string } & Corpus.TierReading> = {}
  for (const a of activityVersions) if (a.advanceTierReading !== undefined) advanceAssignments[a.code] = { tier: a.advanceTier, ...a.advanceTierReading }

  const advances: Mutable<RulePack.AdvanceSchedule> = { tiers, remainder: withoutId(remainder) }
  if (manifest.advances?.overallCeiling !== undefined) advances.overallCeiling = manifest.advances.overallCeiling
  const governs: Mutable<RulePack.Governs> = {
    decisions: { start, end },
    planYears: manifest.governs.planYears
  }
  const pack: Mutable<RulePack.RulePack> = {
    id: manifest.id,
    version: manifest.version,
    title: manifest.title,
    instruments,
    governs,
    parameters,
    activities,
    areaPriorities,
    industryPriorities,
    advances,
    calendar,
    eligibility
  }
  if (manifest.support !== undefined) pack.support = manifest.support
  if (priority !== undefined) pack.priority = priority
  if (reported.length > 0) pack.reported = reported
  return ok({ manifest, pack, overlays, overlayInstruments, instrumentNotes, advanceAssignments, notes: manifest.notes ?? [] })
}

/**
 * A parameter sliced to a period: the value in force on its first day and every later value up to
 * its last day; after a closed period followed by a later value, it ends the day before that value.
 */
const slice = <T>(p: Parameter.Parameter<T>, start: LocalDate.LocalDate, end: LocalDate.LocalDate | undefined): Parameter.Parameter<T> => {
  const vs = p.values
  let first = 0
  for (let i = 0; i < vs.length; i++) if ((vs[i] as Parameter.Value<T>).from <= start) first = i
  let last = vs.length - 1
  if (end !== undefined) while (last > first && (vs[last] as Parameter.Value<T>).from > end) last--
  const next = vs[last + 1]
  const until = next !== undefined ? LocalDate.addDays(next.from, -1) : p.until
  const out: Mutable<Parameter.Parameter<T>> = { id: p.id, description: p.description, values: vs.slice(first, last + 1) }
  if (p.unit !== undefined) out.unit = p.unit
  if (until !== undefined) out.until = until
  return out
}

/**
 * {@link build}, throwing the `ValidationError`.
 * @function
 * @example `Manifest.buildOrThrow(Corpus.law(), "vn-khuyen-cong-2021-2025").pack.governs.planYears` → `{ from: 2019, to: 2025 }`
 * @category building
 * @since 0.2.0
 */
export const buildOrThrow: (corpus: Corpus.Corpus, manifestOrId: Manifest | string) => Built = orThrow(build)
