/**
 * Administrative units (đơn vị hành chính cấp tỉnh): the provinces and centrally-run cities with
 * the days each code names each of them, and the 2025 reorganisation (sắp xếp đơn vị hành chính):
 * the 63 provinces in force until the day before it, the 34 from it (Resolution 202/2025/QH15;
 * codes of Decision 19/2025/QĐ-TTg), which old province became part of which new one, and the
 * later change the notes report (Đồng Nai a centrally-run city from 2026-04-30, unconfirmed).
 *
 * The data is the `admin-units` section of the corpus of `@khuyencong/law`
 * (`corpus/admin-units/*.yaml`, generated from ../shared/data/admin-units by
 * `packages/law/scripts/admin-units.mjs`), read on first use. Every version and every succession
 * carries its citation and grade; the reorganisation day is the section's `on`, written once.
 * Commune-level units are not encoded (their public mapping is LLM-assisted, unconfirmed).
 *
 * Province codes were REUSED: a merged province takes the code of the province holding the seat
 * (Decision 124/2004/QĐ-TTg), so 15 is Yên Bái until 2025-06-30 and Lào Cai from 2025-07-01, and
 * seven codes name a different province after the reform (15, 24, 44, 52, 80, 82, 91). Every
 * lookup is therefore keyed by code AND date: {@link provinceOn} answers "which province does this
 * code name on this day", {@link successorOf} maps a code recorded before the reorganisation (an
 * establishment registered under an old province) to the province it became part of. A code that
 * names no province on the date fails with a {@link ProvinceCodeError}, never a guess.
 *
 * The old units carry no first day: the data covers the 63-province list as it stood before the
 * reform (GSO data as of 2025-03-01), not earlier changes, and applies it to every earlier date.
 * Code 46 is named "Thành phố Huế" in that list; the date it stopped being Tỉnh Thừa Thiên Huế was
 * not verified, so its name and kind may be wrong for earlier dates (see the version's note).
 *
 * @example
 * ```ts
 * import { AdminUnits, LocalDate } from "@khuyencong/core"
 * const d = LocalDate.parseOrThrow
 * AdminUnits.reorganisationDay() // "2025-07-01"
 * AdminUnits.provinceOnOrThrow("15", d("2025-06-30")).name // "Tỉnh Yên Bái"
 * AdminUnits.provinceOnOrThrow("15", d("2025-07-01")).name // "Lào Cai"
 * AdminUnits.successorOfOrThrow("06", d("2024-05-01")).successor.code // "19" (Bắc Kạn → Thái Nguyên)
 * AdminUnits.provinceOn("02", d("2025-07-01")).ok // false: ProvinceCodeError admin-units/code-not-in-force
 * ```
 * @since 0.2.0
 * @module
 */
import data from "@khuyencong/law/corpus.json" with { type: "json" }
import * as Schema from "effect/Schema"
import * as Citation from "../values/Citation.js"
import * as Decode from "../values/Decode.js"
import { LookupError, type Issue, type Path } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import { leaf, NOT_SURE } from "../values/internal/compiled.js"
import { err, ok, orThrow, type Result } from "../values/Result.js"

// ---------------------------------------------------------------------------------------------
// Model

/**
 * Kind of provincial-level unit: a province (tỉnh) or a centrally-run city (thành phố trực thuộc
 * trung ương). Decree 235/2025 makes the difference matter: wards (phường) of provinces are
 * eligible places, wards of centrally-run cities are not listed.
 * @category models
 * @since 0.2.0
 */
export type ProvinceKind = "province" | "centrally-run-city"

/**
 * One version of a province code: what the code names over an interval of days.
 * @category models
 * @since 0.2.0
 */
export interface Province {
  /** Two-digit code (mã tỉnh). */
  readonly code: string
  /** Name as listed: "Tỉnh Yên Bái", "Thành phố Hà Nội" (old list); "Lào Cai", "Thành phố Huế" (34-list). */
  readonly name: string
  /** Name without "Tỉnh" / "Thành phố": "Yên Bái", "Hà Nội". */
  readonly shortName: string
  readonly kind: ProvinceKind
  /** First day the version applies; absent for the old units (before the data's horizon, see the module header). */
  readonly validFrom?: LocalDate.LocalDate
  /** Last day (inclusive) the version applies; absent while it is in force. */
  readonly validUntil?: LocalDate.LocalDate
  /** Where the code, name and kind come from, with its grade. */
  readonly citation: Citation.Citation
}

/**
 * The interval over which a code named one province, for error messages and listings.
 * @category models
 * @since 0.2.0
 */
export interface Validity {
  readonly name: string
  readonly validFrom?: LocalDate.LocalDate
  readonly validUntil?: LocalDate.LocalDate
}

/**
 * What an old province (or a code recorded on or after the reorganisation day) became:
 * - `merged`: it was merged with others into `successor` (23 new provinces came from 52 old ones);
 * - `unchanged`: one of the 11 units left as they were (same code, same territory);
 * - `none`: the code was recorded on or after the reorganisation day and already names a current
 *   province.
 * @category models
 * @since 0.2.0
 */
export interface Succession {
  /** The province the code named on the day it was recorded. */
  readonly recorded: Province
  /** The province it is part of on `asOf` (default the reorganisation day, or the recorded day when later). */
  readonly successor: Province
  readonly change: "merged" | "unchanged" | "none"
  /** The successor's code differs from the recorded one (e.g. Bắc Kạn 06 → Thái Nguyên 19). */
  readonly codeChanged: boolean
  /**
   * The successor's code named a *different* province before the reorganisation (15, 24, 44, 52,
   * 80, 82, 91): a register that stores bare codes must not compare it with pre-reform records.
   */
  readonly reusedCode: boolean
  /** The act that made the change (Resolution 202/2025/QH15), with its grade. */
  readonly citation: Citation.Citation
}

/**
 * A province code that names no province on the date, or is not a province code at all. A
 * `LookupError` (tagged `LookupError`, so `Effect.catchTag("LookupError")` catches it) with the
 * code and date asked for and the intervals over which the code did name a province. Codes:
 * `admin-units/invalid-code` (not two digits), `admin-units/unknown-code` (never a province code in
 * this data), `admin-units/code-not-in-force` (a code of another period).
 * @example `provinceOn("02", "2025-07-01")` → `err(ProvinceCodeError { code: "admin-units/code-not-in-force", provinceCode: "02", validity: [{ name: "Tỉnh Hà Giang", validUntil: "2025-06-30" }] })`
 * @category errors
 * @since 0.2.0
 */
export class ProvinceCodeError extends LookupError {
  /** The code asked for. */
  readonly provinceCode: string
  /** The day asked for. */
  readonly date: LocalDate.LocalDate
  /** When the code did name a province (empty for an unknown code). */
  readonly validity: ReadonlyArray<Validity>
  constructor(args: {
    readonly code: "admin-units/invalid-code" | "admin-units/unknown-code" | "admin-units/code-not-in-force"
    readonly message: string
    readonly provinceCode: string
    readonly date: LocalDate.LocalDate
    readonly validity: ReadonlyArray<Validity>
  }) {
    super({ code: args.code, path: ["provinceCode"], message: args.message, at: args.date })
    this.provinceCode = args.provinceCode
    this.date = args.date
    this.validity = args.validity
  }
}

// ---------------------------------------------------------------------------------------------
// The corpus section

const codeSchema = Schema.String.check(Schema.isPattern(/^\d{2}$/))

/**
 * One version of a province code as the corpus writes it: `code`, `name`, `kind`, the days it is
 * valid (`from` and `until`, inclusive; either may be absent) and its citation (instrument by
 * number).
 * @example `Schema.is(AdminUnits.versionSchema)({ code: "15", name: "Lào Cai", kind: "province", from: "2025-07-01", citation: { instrument: "19/2025/QĐ-TTg", grade: "secondary" } })` → `true`
 * @category schemas
 * @since 0.2.0
 */
const versionSchema = Schema.Struct({
  code: codeSchema,
  name: Decode.text,
  kind: Schema.Literals(["province", "centrally-run-city"]),
  from: Schema.optionalKey(LocalDate.schema),
  until: Schema.optionalKey(LocalDate.schema),
  citation: Citation.refSchema
})

/**
 * A reorganisation as the corpus writes it: the day it takes effect (`on`) and, for every code in
 * force the day before, the code of the province it is part of from `on`, whether it was `merged`
 * or left `unchanged`, and the citation.
 * @example `Schema.is(AdminUnits.reorganisationSchema)({ on: "2025-07-01", successions: [{ old: "06", new: "19", change: "merged", citation: { instrument: "202/2025/QH15", article: "1", grade: "secondary" } }] })` → `true`
 * @category schemas
 * @since 0.2.0
 */
export const reorganisationSchema = Schema.Struct({
  on: LocalDate.schema,
  successions: Schema.Array(
    Schema.Struct({ old: codeSchema, new: codeSchema, change: Schema.Literals(["merged", "unchanged"]), citation: Citation.refSchema })
  )
})

/**
 * The `adminUnits` section of the compiled corpus: every province version (all the
 * `corpus/admin-units/provinces-*.yaml` files) and the reorganisation
 * (`corpus/admin-units/reorganisation-2025.yaml`).
 * @example `Schema.decodeUnknownSync(AdminUnits.schema)(corpusJson.adminUnits).provinces.length` → `98`
 * @category schemas
 * @since 0.2.0
 */
export const schema = Schema.Struct({
  provinces: Schema.Array(versionSchema),
  reorganisation: reorganisationSchema
})

/** The section as decoded by {@link schema}: citations still name their instruments by number. @category models @since 0.2.0 */
export type Section = typeof schema.Type

/**
 * The administrative units read from a corpus section: every version (sorted by code, then by
 * day), the reorganisation day and its successions with their citations.
 * @category models
 * @since 0.2.0
 */
export interface Registry {
  readonly versions: ReadonlyArray<Province>
  readonly reorganisationDay: LocalDate.LocalDate
  readonly successions: ReadonlyArray<{
    readonly old: string
    readonly new: string
    readonly change: "merged" | "unchanged"
    readonly citation: Citation.Citation
  }>
}

const CITY_PREFIX = "Thành phố "
const PROVINCE_PREFIX = "Tỉnh "
const shortNameOf = (name: string): string =>
  name.startsWith(CITY_PREFIX) ? name.slice(CITY_PREFIX.length) : name.startsWith(PROVINCE_PREFIX) ? name.slice(PROVINCE_PREFIX.length) : name

const byDay = (a: Province, b: Province): number =>
  a.code !== b.code ? (a.code < b.code ? -1 : 1) : (a.validFrom ?? "") < (b.validFrom ?? "") ? -1 : 1

/**
 * Read a decoded section into a {@link Registry}, checking what the schema cannot: a version's
 * `from` after its `until` (`admin-units/invalid-interval`); two versions of a code covering the
 * same day (`admin-units/overlap`); a succession whose old code is not a version ending the day
 * before `on`, whose new code is not a version starting on `on`, that is `unchanged` with a new
 * code, or an old code with no or two successions (`admin-units/succession`). `cite` resolves a
 * citation's instrument (the corpus reports an unknown one). Paths are relative to the section.
 * @example `fromSection(section, cite)` → `ok({ versions, reorganisationDay: "2025-07-01", successions })`
 * @category decoding
 * @since 0.2.0
 */
export const fromSection = (section: Section, cite: (ref: Citation.Ref, path: Path) => Citation.Citation): Result<Registry, ReadonlyArray<Issue>> => {
  const issues: Array<Issue> = []
  const on = section.reorganisation.on
  const lastOld = LocalDate.addDays(on, -1)
  const versions = section.provinces.map((v, n): Province => {
    if (v.from !== undefined && v.until !== undefined && v.from > v.until)
      issues.push({ code: "admin-units/invalid-interval", path: ["provinces", n, "until"], message: `province ${v.code} (${v.name}) ends on ${v.until}, before it starts on ${v.from}` })
    return Object.freeze({
      code: v.code,
      name: v.name,
      shortName: shortNameOf(v.name),
      kind: v.kind,
      ...(v.from === undefined ? {} : { validFrom: v.from }),
      ...(v.until === undefined ? {} : { validUntil: v.until }),
      citation: cite(v.citation, ["provinces", n, "citation"])
    })
  })
  const sorted = [...versions].sort(byDay)
  sorted.forEach((v, n) => {
    const next = sorted[n + 1]
    if (next !== undefined && next.code === v.code && (v.validUntil === undefined || next.validFrom === undefined || next.validFrom <= v.validUntil))
      issues.push({
        code: "admin-units/overlap",
        path: ["provinces", versions.indexOf(next)],
        message: `province code (mã tỉnh) ${v.code} names both ${v.name} and ${next.name} on some day; versions of a code must not overlap`
      })
  })
  const successions = section.reorganisation.successions.map((s, n) => {
    const path = ["reorganisation", "successions", n]
    const problem = (what: string) => issues.push({ code: "admin-units/succession", path, message: `succession of ${s.old} → ${s.new}: ${what}` })
    if (!versions.some((v) => v.code === s.old && v.validUntil === lastOld)) problem(`no version of ${s.old} ends on ${lastOld}, the day before the reorganisation`)
    if (!versions.some((v) => v.code === s.new && v.validFrom === on)) problem(`no version of ${s.new} starts on ${on}, the reorganisation day`)
    if (s.change === "unchanged" && s.old !== s.new) problem("an unchanged unit keeps its code")
    return Object.freeze({ old: s.old, new: s.new, change: s.change, citation: cite(s.citation, [...path, "citation"]) })
  })
  versions.forEach((v, n) => {
    const count = successions.filter((s) => s.old === v.code).length
    if (v.validUntil === lastOld && count !== 1)
      issues.push({ code: "admin-units/succession", path: ["provinces", n], message: `province ${v.code} (${v.name}) ends the day before the reorganisation and has ${count} successions; it needs one` })
  })
  if (issues.length > 0) return err(issues)
  return ok({ versions: Object.freeze(sorted), reorganisationDay: on, successions: Object.freeze(successions) })
}

// ---------------------------------------------------------------------------------------------
// The units of @khuyencong/law, read on first use

interface Loaded extends Registry {
  readonly lastOldDay: LocalDate.LocalDate
  readonly byCode: ReadonlyMap<string, ReadonlyArray<Province>>
  readonly successionByOld: ReadonlyMap<string, Registry["successions"][number]>
  readonly reusedCodes: ReadonlySet<string>
  /** Days on which the provinces in force change, ascending: period `i` starts on `starts[i - 1]`. */
  readonly starts: ReadonlyArray<LocalDate.LocalDate>
}

const decodeSection = Decode.makeDecoder({
  subject: { code: "admin-units", label: "administrative units (đơn vị hành chính)" },
  schema,
  docs: {},
  rules: []
})

const instrumentsCited = (json: unknown, section: Section): ReadonlyMap<string, Citation.Instrument> => {
  const wanted = new Set([...section.provinces.map((v) => v.citation.instrument), ...section.reorganisation.successions.map((s) => s.citation.instrument)])
  const out = new Map<string, Citation.Instrument>()
  const listed = (json as { readonly instruments?: ReadonlyArray<{ readonly number?: unknown }> }).instruments ?? []
  for (const entry of listed) {
    if (typeof entry.number !== "string" || !wanted.has(entry.number)) continue
    const { note: _n, status: _s, ...instrument } = entry as Record<string, unknown>
    out.set(entry.number, Schema.decodeUnknownSync(Citation.instrumentSchema)(instrument) as Citation.Instrument)
  }
  return out
}

const load = (json: unknown): Loaded => {
  const decoded = decodeSection((json as { readonly adminUnits?: unknown }).adminUnits)
  if (!decoded.ok) throw decoded.error
  const instruments = instrumentsCited(json, decoded.value)
  const read = fromSection(decoded.value, (ref, path) => {
    const instrument = instruments.get(ref.instrument)
    if (instrument === undefined) throw new Error(`admin units: ${path.join(".")} cites instrument ${ref.instrument}, which is not in the corpus`)
    return Citation.fromRef(ref, instrument)
  })
  if (!read.ok) throw Decode.validationError({ code: "admin-units", label: "administrative units (đơn vị hành chính)" }, read.error)
  const r = read.value
  const lastOldDay = LocalDate.addDays(r.reorganisationDay, -1)
  const byCode = new Map<string, Array<Province>>()
  for (const v of r.versions) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v])
  const oldName = (c: string) => byCode.get(c)?.find((v) => v.validUntil === lastOldDay)?.shortName
  const reusedCodes = new Set(
    r.versions.filter((v) => v.validFrom === r.reorganisationDay && oldName(v.code) !== undefined && oldName(v.code) !== v.shortName).map((v) => v.code)
  )
  const starts = [
    ...new Set(r.versions.flatMap((v) => [...(v.validFrom === undefined ? [] : [v.validFrom]), ...(v.validUntil === undefined ? [] : [LocalDate.addDays(v.validUntil, 1)])]))
  ].sort()
  return { ...r, lastOldDay, byCode, successionByOld: new Map(r.successions.map((s) => [s.old, s])), reusedCodes, starts }
}

let loaded: Loaded | undefined
const units = (): Loaded => (loaded ??= load(data))

// ---------------------------------------------------------------------------------------------
// Days and lists

/**
 * First day of the 34 provinces and the two-tier local government (Resolution 202/2025/QH15:
 * new provincial governments operate from it; Decision 19/2025/QĐ-TTg codes apply from it): the
 * `on` of the corpus's reorganisation. Districts (huyện) and townships (thị trấn) end the day
 * before; special zones (đặc khu) start on it.
 * @example `reorganisationDay()` → `"2025-07-01"`
 * @category days
 * @since 0.2.0
 */
export const reorganisationDay = (): LocalDate.LocalDate => units().reorganisationDay

/**
 * Every version of every province code: the 63 old units (until the day before the
 * reorganisation), the 34 from it, Đồng Nai split on 2026-04-30 (unconfirmed). Sorted by code,
 * then by day.
 * @example `provinceVersions().filter((p) => p.code === "15").map((p) => p.name)` → `["Tỉnh Yên Bái", "Lào Cai"]`
 * @category data
 * @since 0.2.0
 */
export const provinceVersions = (): ReadonlyArray<Province> => units().versions

/**
 * The seven province codes of the 34-unit list that named a different province before the
 * reorganisation (the seat rule of Decision 124/2004/QĐ-TTg; rules-2025-plus-notes.md B2): the old
 * unit with the code has another name than the new unit.
 * @example `reusedCodes()` → `["15", "24", "44", "52", "80", "82", "91"]`
 * @category data
 * @since 0.2.0
 */
export const reusedCodes = (): ReadonlyArray<string> => [...units().reusedCodes].sort()

const covers = (v: Province, date: LocalDate.LocalDate): boolean =>
  (v.validFrom === undefined || date >= v.validFrom) && (v.validUntil === undefined || date <= v.validUntil)

const validityOf = (v: Province): Validity => {
  const out: { -readonly [K in keyof Validity]: Validity[K] } = { name: v.name }
  if (v.validFrom !== undefined) out.validFrom = v.validFrom
  if (v.validUntil !== undefined) out.validUntil = v.validUntil
  return out
}

const showValidity = (v: Validity): string => `${v.name} (${v.validFrom ?? "…"} to ${v.validUntil ?? "…"})`

// ---------------------------------------------------------------------------------------------
// Lookups

/**
 * Every version of a code (empty for a code that never named a province in this data).
 * @example `versionsOf("80").map((p) => [p.name, p.validUntil ?? p.validFrom])` → `[["Tỉnh Long An", "2025-06-30"], ["Tây Ninh", "2025-07-01"]]`
 * @category lookup
 * @since 0.2.0
 */
export const versionsOf = (code: string): ReadonlyArray<Province> => units().byCode.get(code) ?? []

/**
 * Whether a code names a province on some day (before or after the reorganisation).
 * @example `isProvinceCode("02")` → `true` (Hà Giang, until 2025-06-30); `isProvinceCode("03")` → `false`
 * @category lookup
 * @since 0.2.0
 */
export const isProvinceCode = (code: string): boolean => units().byCode.has(code)

/**
 * A province code (mã tỉnh): two digits that name a province on some day, before or after the
 * 2025 reorganisation (whether it names one on a given day is {@link provinceOn}'s question).
 * @example `Schema.is(provinceCodeSchema)("19")` → `true`; `("03")` → `false`
 * @category schemas
 * @since 0.2.0
 */
export const provinceCodeSchema = leaf(
  Schema.String.check(Schema.makeFilter<string>((s) => isProvinceCode(s), { expected: "a 2-digit province code" })),
  (u) => (typeof u === "string" && isProvinceCode(u) ? u : NOT_SURE)
)

/**
 * The province a code names on a day. Fails with a {@link ProvinceCodeError}:
 * `admin-units/invalid-code` when the code is not two digits, `admin-units/unknown-code` when it
 * never named a province here (e.g. "03"), `admin-units/code-not-in-force` when it named one only
 * on other days (e.g. "02" Hà Giang on or after 2025-07-01).
 * @example `provinceOn("80", "2025-06-30")` → `ok({ name: "Tỉnh Long An", … })`; `provinceOn("80", "2025-07-01")` → `ok({ name: "Tây Ninh", … })`
 * @category lookup
 * @since 0.2.0
 */
export const provinceOn = (code: string, date: LocalDate.LocalDate): Result<Province, ProvinceCodeError> => {
  if (!/^\d{2}$/.test(code))
    return err(
      new ProvinceCodeError({
        code: "admin-units/invalid-code",
        message: `province code (mã tỉnh) ${JSON.stringify(code)} is not two digits`,
        provinceCode: code,
        date,
        validity: []
      })
    )
  const u = units()
  const versions = versionsOf(code)
  if (versions.length === 0)
    return err(
      new ProvinceCodeError({
        code: "admin-units/unknown-code",
        message: `province code (mã tỉnh) ${code} names no province in the ${provincesOn(u.lastOldDay).length}-unit list (until ${u.lastOldDay}) or the ${provincesOn(u.reorganisationDay).length}-unit list (from ${u.reorganisationDay})`,
        provinceCode: code,
        date,
        validity: []
      })
    )
  for (const v of versions) if (covers(v, date)) return ok(v)
  const validity = versions.map(validityOf)
  return err(
    new ProvinceCodeError({
      code: "admin-units/code-not-in-force",
      message: `province code (mã tỉnh) ${code} names no province on ${date}; it named ${validity.map(showValidity).join("; ")}${date >= u.reorganisationDay ? `: closed by the 2025 reorganisation (Resolution 202/2025/QH15), see successorOf` : ""}`,
      provinceCode: code,
      date,
      validity
    })
  )
}

/**
 * {@link provinceOn}, throwing the {@link ProvinceCodeError}.
 * @function
 * @example `provinceOnOrThrow("15", "2025-07-01").shortName` → `"Lào Cai"`
 * @category lookup
 * @since 0.2.0
 */
export const provinceOnOrThrow = orThrow(provinceOn)

/**
 * Every province in force on a day, in code order.
 * @example `provincesOn("2025-06-30").length` → `63`; `provincesOn("2025-07-01").length` → `34`
 * @category lookup
 * @since 0.2.0
 */
export const provincesOn = (date: LocalDate.LocalDate): ReadonlyArray<Province> => units().versions.filter((v) => covers(v, date))

/**
 * Codes of the provinces in force on a day, in code order.
 * @example `provinceCodesOn("2025-06-30").includes("02")` → `true`; `provinceCodesOn("2025-07-01").includes("02")` → `false`
 * @category lookup
 * @since 0.2.0
 */
export const provinceCodesOn = (date: LocalDate.LocalDate): ReadonlyArray<string> => provincesOn(date).map((p) => p.code)

/**
 * Codes of the centrally-run cities (thành phố trực thuộc trung ương) on a day: 01, 31, 46, 48, 79,
 * 92 from 2025-07-01, and 75 from 2026-04-30 (Đồng Nai, unconfirmed).
 * @example `centralCitiesOn("2025-10-15")` → `["01", "31", "46", "48", "79", "92"]`
 * @category lookup
 * @since 0.2.0
 */
export const centralCitiesOn = (date: LocalDate.LocalDate): ReadonlyArray<string> =>
  provincesOn(date)
    .filter((p) => p.kind === "centrally-run-city")
    .map((p) => p.code)

/**
 * The old provinces (in force the day before the reorganisation) that make up a province of the
 * 34-unit list, in code order. Empty for a code that is not one of the 34.
 * @example `predecessorsOf("19").map((p) => p.name)` → `["Tỉnh Bắc Kạn", "Tỉnh Thái Nguyên"]`
 * @category lookup
 * @since 0.2.0
 */
export const predecessorsOf = (newCode: string): ReadonlyArray<Province> => {
  const u = units()
  return u.successions.filter((s) => s.new === newCode).map((s) => versionsOf(s.old).find((v) => v.validUntil === u.lastOldDay) as Province)
}

/**
 * What a province code recorded on a day became after the 2025 reorganisation. `date` is the day
 * the code was recorded (an establishment's registration, a plan, a contract): before the
 * reorganisation the code is read in the 63-unit list and mapped to the province it became part
 * of; on or after, it is read in the 34-unit list (`change: "none"`). `options.asOf` picks the
 * successor's version at a later day (default: the reorganisation day, or the recorded day when
 * later), e.g. Đồng Nai as a city from 2026-04-30. Fails with a {@link ProvinceCodeError} when the
 * code names no province on `date` (or the successor none on `asOf`).
 * @example `successorOf("15", "2024-03-01")` → `ok({ recorded: { name: "Tỉnh Yên Bái" }, successor: { code: "15", name: "Lào Cai" }, change: "merged", codeChanged: false, reusedCode: true })`
 * @category lookup
 * @since 0.2.0
 */
export const successorOf = (
  oldCode: string,
  date: LocalDate.LocalDate,
  options: { readonly asOf?: LocalDate.LocalDate } = {}
): Result<Succession, ProvinceCodeError> => {
  const recorded = provinceOn(oldCode, date)
  if (!recorded.ok) return recorded
  const u = units()
  const asOf = options.asOf ?? LocalDate.max(date, u.reorganisationDay)
  if (recorded.value.validUntil === u.lastOldDay) {
    const row = u.successionByOld.get(oldCode)
    if (row === undefined) throw new Error(`internal: no successor row for old province ${oldCode}`)
    const successor = provinceOn(row.new, LocalDate.max(asOf, u.reorganisationDay))
    if (!successor.ok) return successor
    return ok(
      Object.freeze({
        recorded: recorded.value,
        successor: successor.value,
        change: row.change,
        codeChanged: row.new !== oldCode,
        reusedCode: u.reusedCodes.has(row.new),
        citation: row.citation
      })
    )
  }
  const successor = provinceOn(oldCode, asOf)
  if (!successor.ok) return successor
  return ok(
    Object.freeze({
      recorded: recorded.value,
      successor: successor.value,
      change: "none" as const,
      codeChanged: false,
      reusedCode: false,
      citation: recorded.value.citation
    })
  )
}

/**
 * {@link successorOf}, throwing the {@link ProvinceCodeError}.
 * @function
 * @example `successorOfOrThrow("06", "2024-05-01").successor.name` → `"Thái Nguyên"`
 * @category lookup
 * @since 0.2.0
 */
export const successorOfOrThrow = orThrow(successorOf)

// ---------------------------------------------------------------------------------------------
// Names

/**
 * The default key of a province name: Unicode NFC, lower case, single spaces, without a leading
 * "Tỉnh", "Thành phố" or "TP." (so "Thành phố Hà Nội", "TP. Hà Nội" and "hà nội" agree). Accents
 * are kept: "Hoà Bình" and "Hòa Bình" differ; pass a looser `key` to {@link provinceNamed} to fold them.
 * @example `nameKey("Tỉnh  Lào Cai")` → `"lào cai"`
 * @category names
 * @since 0.2.0
 */
export const nameKey = (name: string): string =>
  name
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^(?:tỉnh|thành phố|tp\.?)\s+/u, "")

const indexes = new WeakMap<(name: string) => string, Map<number, ReadonlyMap<string, Province>>>()

/** Index of the provinces in force during the period of `date` by `key` of their short names. */
const indexOn = (date: LocalDate.LocalDate, key: (name: string) => string): ReadonlyMap<string, Province> => {
  const u = units()
  const period = u.starts.filter((s) => s <= date).length
  let byPeriod = indexes.get(key)
  if (byPeriod === undefined) indexes.set(key, (byPeriod = new Map()))
  let index = byPeriod.get(period)
  if (index === undefined) {
    const first = u.starts[0]
    const day = period > 0 ? (u.starts[period - 1] as LocalDate.LocalDate) : first === undefined ? date : LocalDate.addDays(first, -1)
    byPeriod.set(period, (index = new Map(provincesOn(day).map((p) => [key(p.shortName), p]))))
  }
  return index
}

/**
 * The province in force on a day whose short name has the key of `name`: `options.key` (default
 * {@link nameKey}) is applied to both, so an importer can match names its own way (the Excel
 * adapter folds accents and knows spreadsheet abbreviations). `undefined` when no province in force
 * that day has the name.
 * @example `provinceNamed("Tỉnh Yên Bái", "2025-06-30")?.code` → `"15"`; `provinceNamed("Yên Bái", "2025-07-01")` → `undefined`
 * @category names
 * @since 0.2.0
 */
export const provinceNamed = (
  name: string,
  date: LocalDate.LocalDate,
  options: { readonly key?: (name: string) => string } = {}
): Province | undefined => {
  const key = options.key ?? nameKey
  return indexOn(date, key).get(key(name))
}
