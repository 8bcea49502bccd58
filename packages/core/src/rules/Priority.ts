/**
 * Priority (nguyên tắc ưu tiên): the area (địa bàn ưu tiên) and industry (ngành nghề ưu tiên)
 * classes of a proposal under a resolved pack, and a deterministic ranking of proposals for the
 * allocation of funds (Decree 45/2012 art. 6; Circular 46/2012 art. 6).
 *
 * Classes come from the pack (`areaPriorities`, `industryPriorities`), each with a criterion read
 * from the beneficiaries' facts. A proposal takes the best (lowest-rank) class any of its
 * beneficiaries (cơ sở thụ hưởng) falls in; a proposal without beneficiaries has none.
 *
 * Ranking key, compared in this order (Circular 46/2012 art. 6.3.a: areas first, in the order of
 * points a → d of art. 6.1, then industries in the pack's order, then):
 * 0. key projects first: a proposal declared a key project (`keyProject`, đề án khuyến công quốc
 *    gia điểm) comes before every other when the pack's `keyProjectsFirst` lists its fund on the
 *    date (the pack cites the rule: Circular 36/2013 art. 7.1, for the national plan); otherwise
 *    this step does not apply;
 * 1. area class rank (none after every class);
 * 2. industry class rank (none after every class);
 * 3. pilot projects (đề án thí điểm) before others;
 * 4. earlier submission date (ngày nộp hồ sơ) first; unknown submission dates after known ones;
 * 5. proposal id, in code-point order.
 * Activities the pack lists as unranked (cleaner production, art. 6.3.b: "no area or industry
 * order") have no area or industry class for ranking; their classification says so.
 *
 * @example
 * ```ts
 * import { Priority } from "@khuyencong/core"
 * const ranked = Priority.rank(proposals, { resolved, establishments, submittedOn })
 * if (ranked.ok) ranked.value.map((r) => r.proposalId) // highest priority first
 * ```
 * @since 0.1.0
 * @module
 */
import type * as Citation from "../values/Citation.js"
import { LookupError } from "../values/Errors.js"
import { establishmentOf, type Establishments } from "./Eligibility.js"
import { matches } from "./internal/priorityCriteria.js"
import * as LocalDate from "../values/LocalDate.js"
import { viewFor, type ResolvedPack, type ResolvedPriorityClass } from "./Pack.js"
import type { Proposal } from "../records/Proposal.js"
import { err, ok, type Result } from "../values/Result.js"

export type { CompiledCriterion } from "./internal/priorityCriteria.js"

/**
 * Rank of "no class": after every class.
 * @example `classification.areaRank === Priority.NONE` → `true` for a proposal in no area class (`NONE` is `Number.MAX_SAFE_INTEGER`)
 * @category constants
 * @since 0.1.0
 */
export const NONE = Number.MAX_SAFE_INTEGER

/**
 * The class a proposal takes, and through which beneficiary.
 * @category models
 * @since 0.1.0
 */
export interface ClassMatch {
  readonly id: string
  readonly rank: number
  readonly name: string
  readonly nameVi: string
  readonly citation: Citation.Citation
  readonly grade: Citation.Grade
  readonly establishmentId: string
}

/**
 * Why a proposal ranks as a key project: the pack's reading of `keyProjectsFirst` on the date.
 * @category models
 * @since 0.2.0
 */
export interface KeyProjectMatch {
  /** The parameter read (`priority.key-projects-first` in the corpus). */
  readonly parameterId: string
  readonly citation: Citation.Citation
  readonly grade: Citation.Grade
}

/**
 * A proposal's priority classification and ranking key.
 * @category models
 * @since 0.1.0
 */
export interface Classification {
  readonly proposalId: string
  readonly area?: ClassMatch
  readonly industry?: ClassMatch
  /** Rank of the area class; {@link NONE} without one. */
  readonly areaRank: number
  /** Rank of the industry class; {@link NONE} without one. */
  readonly industryRank: number
  readonly pilot: boolean
  /**
   * Present when the proposal is declared a key project and the pack ranks key projects of its
   * fund first on the date: why it comes before the area classes.
   */
  readonly keyProject?: KeyProjectMatch
  /** Every activity is one the pack ranks without area / industry order (art. 6.3.b). */
  readonly unranked: boolean
  readonly submittedOn?: LocalDate.LocalDate
}

/**
 * Submission dates by proposal id: a `Map` or a plain record.
 * @category models
 * @since 0.1.0
 */
export type SubmissionDates = ReadonlyMap<string, LocalDate.Input> | Readonly<Record<string, LocalDate.Input>>

/**
 * What classification and ranking need.
 * @category models
 * @since 0.1.0
 */
export interface Context {
  readonly resolved: ResolvedPack
  readonly establishments: Establishments
  readonly submittedOn?: SubmissionDates
}

const submitted = (d: SubmissionDates | undefined, id: string): LocalDate.LocalDate | undefined => {
  const raw = submittedRaw(d, id)
  if (raw === undefined) return undefined
  const parsed = LocalDate.parse(raw) // a literal "2022-06-10" is read as the day it names
  return parsed.ok ? parsed.value : (raw as LocalDate.LocalDate)
}

const submittedRaw = (d: SubmissionDates | undefined, id: string): LocalDate.Input | undefined =>
  d === undefined
    ? undefined
    : d instanceof Map
      ? (d as ReadonlyMap<string, LocalDate.Input>).get(id)
      : Object.hasOwn(d, id)
        ? (d as Readonly<Record<string, LocalDate.Input>>)[id]
        : undefined

const best = (
  classes: ReadonlyArray<ResolvedPriorityClass>,
  p: Proposal,
  es: Establishments
): Result<ClassMatch | undefined, LookupError> => {
  let found: ClassMatch | undefined
  for (let k = 0; k < p.beneficiaries.length; k++) {
    const id = p.beneficiaries[k] as string
    const e = establishmentOf(es, id)
    if (e === undefined)
      return err(
        new LookupError({
          code: "priority/unknown-establishment",
          path: ["beneficiaries", k],
          at: id,
          message: `beneficiary (cơ sở thụ hưởng) "${id}" of proposal "${p.id}" is not among the establishments supplied`
        })
      )
    for (const c of classes) {
      if (found !== undefined && c.rank >= found.rank) break
      if (matches(c.criterion, e)) {
        found = { id: c.id, rank: c.rank, name: c.name, nameVi: c.nameVi, citation: c.citation, grade: c.grade, establishmentId: id }
        break
      }
    }
  }
  return ok(found)
}

/**
 * Classify a proposal: its best area and industry classes, pilot flag, key-project standing,
 * art. 6.3.b exemption and submission date. Uses the view of the proposal's fund. Fails with a `LookupError` when a
 * beneficiary is not among the establishments.
 * @category classification
 * @since 0.1.0
 * @example `classify(p, { resolved, establishments })` → `ok({ area: { id: "area.highland-island-border-ethnic", rank: 1, … }, areaRank: 1, industryRank: 9007199254740991, pilot: false, … })`
 */
export const classify = (p: Proposal, ctx: Context): Result<Classification, LookupError> => {
  const view = viewFor(ctx.resolved, p.fund)
  const unranked = view.unrankedActivities.length > 0 && p.activities.every((a) => view.unrankedActivities.includes(a.activity))
  let area: ClassMatch | undefined
  let industry: ClassMatch | undefined
  if (!unranked) {
    const a = best(view.areaPriorities, p, ctx.establishments)
    if (!a.ok) return a
    const i = best(view.industryPriorities, p, ctx.establishments)
    if (!i.ok) return i
    area = a.value
    industry = i.value
  } else {
    for (let k = 0; k < p.beneficiaries.length; k++) {
      const id = p.beneficiaries[k] as string
      if (establishmentOf(ctx.establishments, id) === undefined)
        return err(
          new LookupError({
            code: "priority/unknown-establishment",
            path: ["beneficiaries", k],
            at: id,
            message: `beneficiary (cơ sở thụ hưởng) "${id}" of proposal "${p.id}" is not among the establishments supplied`
          })
        )
    }
  }
  const out: { -readonly [K in keyof Classification]: Classification[K] } = {
    proposalId: p.id,
    areaRank: area?.rank ?? NONE,
    industryRank: industry?.rank ?? NONE,
    pilot: p.form.kind === "pilot",
    unranked
  }
  const kf = view.keyProjectsFirst
  if (p.keyProject === true && kf !== undefined && kf.value.includes(p.fund))
    out.keyProject = { parameterId: kf.parameterId, citation: kf.citation, grade: kf.citation.grade }
  if (area !== undefined) out.area = area
  if (industry !== undefined) out.industry = industry
  const s = submitted(ctx.submittedOn, p.id)
  if (s !== undefined) out.submittedOn = s
  return ok(out)
}

/**
 * Whether the proposal falls in any area or industry priority class (for the priority
 * multiplier).
 * @category classification
 * @since 0.1.0
 * @example `isPriority(classification)` → `true`
 */
export const isPriority = (c: Classification): boolean => c.area !== undefined || c.industry !== undefined

/**
 * Total order on classifications: negative when `a` comes first (see the module header).
 * @category ranking
 * @since 0.1.0
 * @example `[b, a].sort(compare)` → `[a, b]` when `a` is in a higher-priority area
 */
export const compare = (a: Classification, b: Classification): number => {
  const ka = a.keyProject !== undefined
  if (ka !== (b.keyProject !== undefined)) return ka ? -1 : 1
  if (a.areaRank !== b.areaRank) return a.areaRank < b.areaRank ? -1 : 1
  if (a.industryRank !== b.industryRank) return a.industryRank < b.industryRank ? -1 : 1
  if (a.pilot !== b.pilot) return a.pilot ? -1 : 1
  const sa = a.submittedOn
  const sb = b.submittedOn
  if (sa !== sb) {
    if (sa === undefined) return 1
    if (sb === undefined) return -1
    return sa < sb ? -1 : 1
  }
  return a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0
}

/**
 * A proposal's place in the ranking (1 = first).
 * @category models
 * @since 0.1.0
 */
export interface Ranked extends Classification {
  readonly position: number
}

/**
 * Rank proposals, highest priority first, deterministically (independent of input order).
 * @category ranking
 * @since 0.1.0
 * @example `rank([p1, p2], { resolved, establishments })` → `ok([{ proposalId: "p2", position: 1, … }, { proposalId: "p1", position: 2, … }])`
 */
export const rank = (proposals: ReadonlyArray<Proposal>, ctx: Context): Result<ReadonlyArray<Ranked>, LookupError> => {
  const cs: Array<Classification> = []
  for (const p of proposals) {
    const c = classify(p, ctx)
    if (!c.ok) return c
    cs.push(c.value)
  }
  cs.sort(compare)
  return ok(cs.map((c, i) => ({ ...c, position: i + 1 })))
}
