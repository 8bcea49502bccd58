/**
 * Internal: the eligibility rule functions. `compileRule` turns a pack's rule and its parameter
 * readings at a date into a {@link CompiledRule} with every static outcome (condition) built once;
 * `checkEstablishment` / `checkProposal` pick an outcome per subject, allocating only for the
 * outcomes whose message carries the subject's own data (dates, a failing cost line).
 * @module
 */
import { reorganisationDay } from "../../records/AdminUnits.js"
import * as Citation from "../../values/Citation.js"
import type {
  CompiledRule,
  Condition,
  Context,
  EstablishmentVerdict,
  ProposalVerdict,
  RuleConfig,
  Status
} from "../Eligibility.js"
import { LookupError } from "../../values/Errors.js"
import type { Establishment, LegalForm } from "../../records/Establishment.js"
import * as LocalDate from "../../values/LocalDate.js"
import type { Reading, ResolvedPack } from "../Pack.js"
import type { Proposal } from "../../records/Proposal.js"
import type { EligibilityRule, ParameterValue } from "../RulePack.js"
import type * as Trace from "../../values/Trace.js"
import { industryCovered, kindSpecs } from "./values.js"

const NATIONAL = "national"

const legalFormLabel: { readonly [K in LegalForm["kind"]]: string } = {
  enterprise: "small or medium enterprise (doanh nghiệp nhỏ và vừa)",
  "large-enterprise": "large enterprise (doanh nghiệp lớn, not a doanh nghiệp nhỏ và vừa)",
  cooperative: "cooperative (hợp tác xã)",
  "union-of-cooperatives": "union of cooperatives (liên hiệp hợp tác xã)",
  "cooperative-group": "cooperative group (tổ hợp tác)",
  "business-household": "business household (hộ kinh doanh)"
}
const legalFormKinds = Object.keys(legalFormLabel) as ReadonlyArray<LegalForm["kind"]>

const unitLabel: Readonly<Record<string, string>> = {
  commune: "a commune (xã)",
  township: "a township (thị trấn)",
  ward: "a ward (phường)",
  "special-zone": "a special zone (đặc khu)"
}
const unitKinds = Object.keys(unitLabel)
const cityClasses = ["special", "1", "2", "3", "4", "5", "none"]
const classKey: { readonly [K in NonNullable<Establishment["location"]["cityClass"]>]: string } = {
  special: "special",
  1: "1",
  2: "2",
  3: "3",
  4: "4",
  5: "5"
}
const cityLabel = (c: string): string =>
  c === "none"
    ? "a ward (phường) with no city class, counted as a ward of a town (thị xã)"
    : c === "special"
      ? "a ward (phường) of a special-class city (đô thị loại đặc biệt)"
      : `a ward (phường) of a class-${c} city (thành phố loại ${c})`
const difficultyLabel: Readonly<Record<string, string>> = {
  none: "an area without socio-economic difficulty",
  difficult: "an area with difficult socio-economic conditions (địa bàn có điều kiện kinh tế - xã hội khó khăn)",
  "especially-difficult": "an area with especially difficult socio-economic conditions (địa bàn có điều kiện kinh tế - xã hội đặc biệt khó khăn)"
}

const list = (v: ParameterValue | undefined): ReadonlyArray<string> => (Array.isArray(v) ? (v as ReadonlyArray<string>) : [])
const bool = (v: ParameterValue | undefined): boolean => v === true
const num = (v: ParameterValue | undefined): number => (typeof v === "number" ? v : 0)

/** Compile a pack rule with its readings (role → reading) at a date. */
export const compileRule = (
  rule: EligibilityRule,
  roles: Readonly<Record<string, Reading<ParameterValue>>>,
  describe: (parameterId: string) => string,
  traceRead: (r: Reading<ParameterValue>) => Trace.ParameterRead
): CompiledRule => {
  const readings = Object.values(roles)
  const grade = Citation.weakestGrade([rule.citation.grade, ...readings.map((r) => r.citation.grade)])
  let layer = NATIONAL
  for (const r of readings) if (r.layer !== NATIONAL) layer = r.layer
  const v = (role: string): ParameterValue | undefined => roles[role]?.value
  const config = configOf(rule, v)
  const prefix = `${rule.name} (${rule.nameVi}): `
  const suffix = ` [${Citation.format(rule.citation)}]`
  const mk = (status: Status, reason: string, text: string): Condition =>
    Object.freeze({ rule: rule.id, kind: rule.kind, status, reason, message: prefix + text + suffix, citation: rule.citation, grade, layer })
  const outcomes = new Map<string, Map<string, Condition>>()
  const put = (status: Status, reason: string, text: string): void => {
    const i = reason.indexOf(":")
    const group = i < 0 ? reason : reason.slice(0, i)
    const key = i < 0 ? "" : reason.slice(i + 1)
    let table = outcomes.get(group)
    if (table === undefined) {
      table = new Map()
      outcomes.set(group, table)
    }
    table.set(key, mk(status, reason, text))
  }
  switch (config.kind) {
    case "legal-form":
      for (const k of legalFormKinds) {
        const label = legalFormLabel[k]
        if (config.forms.includes(k)) put("passed", `legal-form/eligible:${k}`, `${label} is a legal form (loại hình) that may be supported`)
        else {
          put("failed", `legal-form/not-eligible:${k}`, `${label} is not among the legal forms (loại hình) that may be supported (${config.forms.join(", ")})`)
          put(
            "not-applicable",
            `legal-form/cleaner-production-exempt:${k}`,
            `${label} is outside the listed legal forms, but the establishment applies cleaner production (sản xuất sạch hơn), which is free of any size limit (không giới hạn quy mô)`
          )
        }
      }
      for (const title of config.artisanTitles)
        put("passed", `legal-form/artisan:${title}`, `the beneficiary holds the artisan title (danh hiệu nghệ nhân) "${title}", and artisans may be supported whatever their legal form (loại hình)`)
      if (config.sustainableProductionExempt)
        put(
          "passed",
          "legal-form/sustainable-production",
          "the establishment applies sustainable production and consumption (sản xuất và tiêu dùng bền vững), a beneficiary free of any size limit (không giới hạn quy mô)"
        )
      for (const f of config.clusterInvestorForms)
        put(
          "passed",
          `legal-form/cluster-investor:${f}`,
          `${legalFormLabel[f as LegalForm["kind"]] ?? f} investing in industrial-cluster infrastructure (chủ đầu tư xây dựng hạ tầng cụm công nghiệp), a beneficiary whatever its size`
        )
      break
    case "location-province": {
      const where = (u: string): string => (unitLabel[u] ?? u).replace(/^an? /, "")
      for (const u of unitKinds) {
        if (u === "township") continue
        if (config.provinceUnitKinds.includes(u))
          put("passed", `location/province-unit:${u}`, `production location (địa điểm sản xuất) is a ${where(u)} of a province (tỉnh), an eligible place (địa bàn)`)
        else put("failed", `location/province-unit-not-eligible:${u}`, `production location (địa điểm sản xuất) is a ${where(u)} of a province (tỉnh), which is not an eligible place (địa bàn)`)
        if (config.centralCityUnitKinds.includes(u))
          put("passed", `location/central-city-unit:${u}`, `production location (địa điểm sản xuất) is a ${where(u)} of a centrally-run city (thành phố trực thuộc trung ương), an eligible place (địa bàn)`)
        else
          put(
            "failed",
            `location/central-city-unit-not-eligible:${u}`,
            `production location (địa điểm sản xuất) is a ${where(u)} of a centrally-run city (thành phố trực thuộc trung ương), which is not an eligible place (địa bàn)${config.craftVillages ? " unless it lies in a recognised craft village (làng nghề)" : ""}`
          )
      }
      put("failed", "location/unit-not-eligible:township", `production location (địa điểm sản xuất) is a township (thị trấn), a unit that no longer exists from ${reorganisationDay()}: record the commune, ward or special zone it became`)
      if (config.craftVillages)
        put(
          "passed",
          "location/craft-village",
          "production location (địa điểm sản xuất) lies in a craft village (làng nghề) recognised by the provincial People's Committee, an eligible place (địa bàn) whatever its commune-level unit"
        )
      put(
        "not-applicable",
        "location/cleaner-production-exempt",
        "the establishment applies cleaner production (sản xuất sạch hơn), which is free of any location limit (không giới hạn địa bàn)"
      )
      put(
        "not-applicable",
        "location/sustainable-production-exempt",
        "the establishment applies sustainable production and consumption (sản xuất và tiêu dùng bền vững), which is free of any location limit (không giới hạn địa bàn)"
      )
      put(
        "not-applicable",
        "location/cluster-investor-exempt",
        "the establishment invests in industrial-cluster infrastructure (chủ đầu tư xây dựng hạ tầng cụm công nghiệp), which is free of any location limit (không giới hạn địa bàn)"
      )
      break
    }
    case "location":
      for (const u of unitKinds)
        if (u !== "ward") {
          if (config.unitKinds.includes(u)) put("passed", `location/unit:${u}`, `production location (địa điểm sản xuất) is ${unitLabel[u] ?? u}, an eligible place (địa bàn)`)
          else put("failed", `location/unit-not-eligible:${u}`, `production location (địa điểm sản xuất) is ${unitLabel[u] ?? u}, which is not an eligible place (địa bàn)`)
        }
      for (const c of cityClasses) {
        if (config.wardCityClasses.includes(c)) put("passed", `location/ward-class:${c}`, `production location (địa điểm sản xuất) is ${cityLabel(c)}, an eligible place (địa bàn)`)
        else if (config.convertedWardCityClasses.includes(c)) {
          put(
            "passed",
            `location/converted-within-window:${c}`,
            `production location (địa điểm sản xuất) is ${cityLabel(c)} converted from a commune (chuyển đổi từ xã) not more than ${config.conversionWindowYears} years before 31 December of the year before the plan year, an eligible place (địa bàn)`
          )
          put(
            "failed",
            `location/not-converted:${c}`,
            `production location (địa điểm sản xuất) is ${cityLabel(c)} that was not converted from a commune (chuyển đổi từ xã); only such wards converted within ${config.conversionWindowYears} years are eligible`
          )
        } else put("failed", `location/ward-not-eligible:${c}`, `production location (địa điểm sản xuất) is ${cityLabel(c)}, which is not an eligible place (địa bàn)`)
      }
      put(
        "not-applicable",
        "location/cleaner-production-exempt",
        "the establishment applies cleaner production (sản xuất sạch hơn), which is free of any location limit (không giới hạn địa bàn)"
      )
      break
    case "industry":
      for (const e of config.industries)
        put("passed", `industry/listed:${e}`, `industry (ngành nghề) falls under "${e}", a line of work that may be supported (ngành nghề được hưởng chính sách khuyến công)`)
      put("failed", "industry/not-listed", `industry (ngành nghề) is not in the list of lines of work that may be supported (${config.industries.join(", ")})`)
      put(
        "passed",
        "industry/cleaner-production",
        "the establishment applies cleaner production (áp dụng sản xuất sạch hơn), itself a line of work that may be supported"
      )
      break
    case "industry-exclusion":
      put("passed", "industry-exclusion/none", "industry (ngành nghề) is not excluded from support")
      for (const e of config.excluded)
        put("failed", `industry-exclusion/excluded:${e}`, `industry (ngành nghề) "${e}" is excluded from support (không hỗ trợ): ${config.description}`)
      break
    case "mining-area":
      put("not-applicable", "mining-area/not-mining", "not a mining or mineral-processing establishment (khai thác, chế biến khoáng sản)")
      for (const level of Object.keys(difficultyLabel)) {
        if (config.areas.includes(level))
          put("passed", `mining-area/area:${level}`, `mining or mineral processing (khai thác, chế biến khoáng sản) in ${difficultyLabel[level] ?? level}, where it may be supported`)
        else
          put("failed", `mining-area/area:${level}`, `mining or mineral processing (khai thác, chế biến khoáng sản) in ${difficultyLabel[level] ?? level}: supported only in difficult or especially difficult areas`)
      }
      break
    case "activity-in-catalogue":
      put("passed", "catalogue/all-listed", "every activity (nội dung hoạt động) and spending item (nội dung chi) is in the catalogue in force")
      break
    case "approved":
      put("passed", "approved/yes", "the proposal (đề án) has been approved (được phê duyệt) by the competent authority")
      put("failed", "approved/no", "the proposal (đề án) carries no approval (chưa được phê duyệt)")
      break
    case "counterpart-funding":
      put("passed", "counterpart/covered", "requested support plus counterpart funding (vốn đối ứng) covers the total of every cost line")
      break
    case "no-double-funding":
      put("passed", "double-funding/none", "no cost line is also funded by another state source (nguồn ngân sách nhà nước khác)")
      break
  }
  const tables = buildTables(config, outcomes)
  return Object.freeze({
    id: rule.id,
    kind: rule.kind,
    scope: kindSpecs[rule.kind].scope,
    tables,
    name: rule.name,
    nameVi: rule.nameVi,
    citation: rule.citation,
    grade,
    layer,
    reads: Object.freeze(readings.map(traceRead)),
    messagePrefix: prefix,
    messageSuffix: suffix,
    config,
    outcomes
  })

  function configOf(r: EligibilityRule, val: (role: string) => ParameterValue | undefined): RuleConfig {
    switch (r.kind) {
      case "legal-form":
        return {
          kind: "legal-form",
          forms: list(val("forms")),
          cleanerProductionExempt: bool(val("cleanerProductionExempt")),
          artisanTitles: list(val("artisanTitles")),
          sustainableProductionExempt: bool(val("sustainableProductionExempt")),
          clusterInvestorForms: list(val("clusterInvestorForms"))
        }
      case "location-province":
        return {
          kind: "location-province",
          provinceUnitKinds: list(val("provinceUnitKinds")),
          centralCityUnitKinds: list(val("centralCityUnitKinds")),
          centralCities: list(val("centralCities")),
          craftVillages: bool(val("craftVillages")),
          cleanerProductionExempt: bool(val("cleanerProductionExempt")),
          sustainableProductionExempt: bool(val("sustainableProductionExempt")),
          clusterInvestorForms: list(val("clusterInvestorForms"))
        }
      case "location":
        return {
          kind: "location",
          unitKinds: list(val("unitKinds")),
          wardCityClasses: list(val("wardCityClasses")),
          convertedWardCityClasses: list(val("convertedWardCityClasses")),
          conversionWindowYears: num(val("conversionWindowYears")),
          cleanerProductionExempt: bool(val("cleanerProductionExempt"))
        }
      case "industry":
        return { kind: "industry", industries: list(val("industries")), cleanerProductionCovered: bool(val("cleanerProductionCovered")) }
      case "industry-exclusion": {
        const id = r.parameters["excluded"]
        return { kind: "industry-exclusion", excluded: list(val("excluded")), description: id === undefined ? "" : describe(id) }
      }
      case "mining-area":
        return { kind: "mining-area", industries: list(val("industries")), areas: list(val("areas")) }
      case "activity-in-catalogue":
      case "approved":
      case "counterpart-funding":
      case "no-double-funding":
        return { kind: r.kind }
    }
  }
}


/** Kind indexes (a switch on small integers in the evaluation loop). */
const LEGAL_FORM = 0
const LOCATION = 1
const INDUSTRY = 2
const EXCLUSION = 3
const MINING = 4
const CATALOGUE = 5
const APPROVED = 6
const COUNTERPART = 7
const DOUBLE = 8
const LOCATION_PROVINCE = 9

const kindIndex: { readonly [K in EligibilityRule["kind"]]: number } = {
  "legal-form": LEGAL_FORM,
  location: LOCATION,
  "location-province": LOCATION_PROVINCE,
  industry: INDUSTRY,
  "industry-exclusion": EXCLUSION,
  "mining-area": MINING,
  "activity-in-catalogue": CATALOGUE,
  approved: APPROVED,
  "counterpart-funding": COUNTERPART,
  "no-double-funding": DOUBLE
}

/**
 * The lookup tables of a compiled rule: every static outcome reachable by one Map lookup keyed
 * by the establishment's own value (legal form kind, unit kind, city class, industry entry,
 * difficulty), so that evaluation builds no strings. One class, every field present, so that
 * every rule object has the same shape.
 */
export class Tables {
  constructor(
    readonly k: number,
    /** legal form kind → outcome (not cleaner production / cleaner production) */
    readonly byKey: ReadonlyMap<string, Condition>,
    readonly byKeyCp: ReadonlyMap<string, Condition>,
    /** location: city class → outcome for a ward (not converted); converted classes → within-window pass */
    readonly ward: ReadonlyMap<string, Condition>,
    readonly converted: ReadonlyMap<string, Condition>,
    /** list entries (industries, exclusions, mining industries) for the hierarchical match */
    readonly entries: ReadonlyArray<string>,
    readonly entrySet: ReadonlySet<string>,
    /** the one outcome that is not keyed: pass of a proposal rule, "not listed", "none excluded", "not mining" */
    readonly pass: Condition | undefined,
    readonly fail: Condition | undefined,
    /** cleaner-production exemption (location) / coverage (industry) */
    readonly cp: Condition | undefined,
    readonly cpApplies: boolean,
    readonly windowYears: number
  ) {}
  /** Industry code → covering entry (or a "none" marker), filled as codes are met. */
  readonly covered: Map<string, string> = new Map()
  /**
   * Further passes, tried when the main outcome fails: `artisan:<title>`, `sustainable`,
   * `investor:<form>` (legal form; location-province: `sustainable`, `investor:<form>`).
   */
  readonly alt: Map<string, Condition> = new Map()
}

const EMPTY_MAP: ReadonlyMap<string, Condition> = new Map()
const EMPTY_SET: ReadonlySet<string> = new Set()

const buildTables = (config: RuleConfig, outcomes: ReadonlyMap<string, ReadonlyMap<string, Condition>>): Tables => {
  const g = (group: string): ReadonlyMap<string, Condition> => outcomes.get(group) ?? EMPTY_MAP
  const one = (group: string, key = ""): Condition | undefined => outcomes.get(group)?.get(key)
  const k = kindIndex[config.kind]
  switch (config.kind) {
    case "legal-form": {
      const normal = new Map<string, Condition>()
      const cp = new Map<string, Condition>()
      for (const f of legalFormKinds) {
        const pass = g("legal-form/eligible").get(f)
        const fail = g("legal-form/not-eligible").get(f)
        const exempt = g("legal-form/cleaner-production-exempt").get(f)
        const n = pass ?? fail
        if (n !== undefined) normal.set(f, n)
        const c = pass ?? (config.cleanerProductionExempt ? exempt : fail)
        if (c !== undefined) cp.set(f, c)
      }
      const t = new Tables(k, normal, cp, EMPTY_MAP, EMPTY_MAP, [], EMPTY_SET, undefined, undefined, undefined, config.cleanerProductionExempt, 0)
      for (const title of config.artisanTitles) t.alt.set(`artisan:${title}`, must0(g("legal-form/artisan").get(title)))
      if (config.sustainableProductionExempt) t.alt.set("sustainable", must0(one("legal-form/sustainable-production")))
      for (const f of config.clusterInvestorForms) t.alt.set(`investor:${f}`, must0(g("legal-form/cluster-investor").get(f)))
      return t
    }
    case "location-province": {
      const t = new Tables(
        k,
        merged(g("location/province-unit"), g("location/province-unit-not-eligible")),
        merged(g("location/central-city-unit"), g("location/central-city-unit-not-eligible")),
        EMPTY_MAP,
        EMPTY_MAP,
        config.centralCities,
        new Set(config.centralCities),
        one("location/craft-village"),
        one("location/unit-not-eligible", "township"),
        one("location/cleaner-production-exempt"),
        config.cleanerProductionExempt,
        0
      )
      if (config.sustainableProductionExempt) t.alt.set("sustainable", must0(one("location/sustainable-production-exempt")))
      for (const f of config.clusterInvestorForms) t.alt.set(`investor:${f}`, must0(one("location/cluster-investor-exempt")))
      return t
    }
    case "location": {
      const units = new Map<string, Condition>()
      for (const u of unitKinds) {
        const c = g("location/unit").get(u) ?? g("location/unit-not-eligible").get(u)
        if (c !== undefined) units.set(u, c)
      }
      const ward = new Map<string, Condition>()
      const converted = new Map<string, Condition>()
      for (const c of cityClasses) {
        const w = g("location/ward-class").get(c) ?? g("location/not-converted").get(c) ?? g("location/ward-not-eligible").get(c)
        if (w !== undefined) ward.set(c, w)
        const v = g("location/converted-within-window").get(c)
        if (v !== undefined) converted.set(c, v)
      }
      return new Tables(k, units, EMPTY_MAP, ward, converted, [], EMPTY_SET, undefined, undefined, one("location/cleaner-production-exempt"), config.cleanerProductionExempt, config.conversionWindowYears)
    }
    case "industry":
      return new Tables(k, g("industry/listed"), EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, config.industries, new Set(config.industries), undefined, one("industry/not-listed"), one("industry/cleaner-production"), config.cleanerProductionCovered, 0)
    case "industry-exclusion":
      return new Tables(k, g("industry-exclusion/excluded"), EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, config.excluded, new Set(config.excluded), one("industry-exclusion/none"), undefined, undefined, false, 0)
    case "mining-area":
      return new Tables(k, g("mining-area/area"), EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, config.industries, new Set(config.industries), one("mining-area/not-mining"), undefined, undefined, false, 0)
    case "activity-in-catalogue":
      return new Tables(k, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, [], EMPTY_SET, one("catalogue/all-listed"), undefined, undefined, false, 0)
    case "approved":
      return new Tables(k, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, [], EMPTY_SET, one("approved/yes"), one("approved/no"), undefined, false, 0)
    case "counterpart-funding":
      return new Tables(k, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, [], EMPTY_SET, one("counterpart/covered"), undefined, undefined, false, 0)
    case "no-double-funding":
      return new Tables(k, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, EMPTY_MAP, [], EMPTY_SET, one("double-funding/none"), undefined, undefined, false, 0)
  }
}

const merged = (a: ReadonlyMap<string, Condition>, b: ReadonlyMap<string, Condition>): ReadonlyMap<string, Condition> => new Map([...b, ...a])

const must0 = (c: Condition | undefined): Condition => {
  if (c === undefined) throw new Error("internal: a compiled rule lacks an outcome")
  return c
}

/** The outcome of a proposal rule when it passes. */
export const passOf = (rule: CompiledRule): Condition => must((rule.tables as Tables).pass, rule)

/**
 * The list entry covering an industry code (equal, or an ancestor in the `a/b` hierarchy),
 * memoised per rule: industry codes are few, so one Map lookup answers after the first time.
 */
const covering = (code: string, t: Tables): string | undefined => {
  const memo = t.covered
  const hit = memo.get(code)
  if (hit !== undefined) return hit === NONE ? undefined : hit
  const found = t.entrySet.has(code) ? code : code.indexOf("/") < 0 ? undefined : industryCovered(code, t.entries)
  if (memo.size < 10_000) memo.set(code, found ?? NONE)
  return found
}
const NONE = "\u0000none"

const must = (c: Condition | undefined, rule: CompiledRule): Condition => {
  if (c === undefined) throw new Error(`internal: rule ${rule.id} lacks an outcome`)
  return c
}

const dynamic = (rule: CompiledRule, status: Status, reason: string, text: string, extra?: Partial<Condition>): Condition =>
  Object.freeze({
  rule: rule.id,
  kind: rule.kind,
  status,
  reason,
  message: rule.messagePrefix + text + rule.messageSuffix,
  citation: rule.citation,
  grade: rule.grade,
  layer: rule.layer,
  ...extra
  })

/** Year of an ISO date, without allocation. */
const yearOf = (date: string): number =>
  (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48)

/**
 * Evaluate an establishment rule for a plan year. The ward-conversion window is counted to
 * 31 December of the year before the plan year (R-12-31): `R-12-31 ≤ convertedOn + N years`
 * holds exactly when `year(convertedOn) + N > R`, or `= R` with a conversion on 31 December.
 */
export const checkEstablishment = (rule: CompiledRule, e: Establishment, planYear: number): Condition => {
  const t = rule.tables as Tables
  switch (t.k) {
    case LEGAL_FORM: {
      const r = must((e.cleanerProduction ? t.byKeyCp : t.byKey).get(e.legalForm.kind), rule)
      if (r.status === "passed" || t.alt.size === 0) return r
      if (e.artisanTitle !== undefined) {
        const a = t.alt.get(`artisan:${e.artisanTitle}`)
        if (a !== undefined) return a
      }
      if (e.sustainableProduction === true) {
        const s = t.alt.get("sustainable")
        if (s !== undefined) return s
      }
      if (e.clusterInfrastructureInvestor === true) {
        const i = t.alt.get(`investor:${e.legalForm.kind}`)
        if (i !== undefined) return i
      }
      return r
    }
    case LOCATION_PROVINCE: {
      const l = e.location
      const kind = l.commune.kind
      let r =
        kind === "township" ? must(t.fail, rule) : must((t.entrySet.has(l.provinceCode) ? t.byKeyCp : t.byKey).get(kind), rule)
      if (r.status === "failed") {
        if (t.pass !== undefined && l.craftVillage !== undefined) r = t.pass
        else if (t.cpApplies && e.cleanerProduction) r = must(t.cp, rule)
        else if (e.sustainableProduction === true && t.alt.has("sustainable")) r = must(t.alt.get("sustainable"), rule)
        else if (e.clusterInfrastructureInvestor === true) r = t.alt.get(`investor:${e.legalForm.kind}`) ?? r
      }
      return r
    }
    case LOCATION: {
      const l = e.location
      const kind = l.commune.kind
      let result: Condition | undefined
      if (kind !== "ward") result = t.byKey.get(kind)
      else {
        const cls = l.cityClass === undefined ? "none" : classKey[l.cityClass]
        const within = t.converted.get(cls)
        if (within === undefined) result = t.ward.get(cls)
        else {
          const on = l.convertedFromCommuneOn
          if (on === undefined) result = t.ward.get(cls)
          else {
            const refYear = planYear - 1
            const y = yearOf(on) + t.windowYears
            if (y > refYear || (y === refYear && on.endsWith("-12-31"))) result = within
            else {
              const reference = LocalDate.endOfYear(refYear)
              const limit = LocalDate.addYears(on, t.windowYears)
              result = dynamic(
                rule,
                "failed",
                "location/converted-too-long-ago",
                `production location (địa điểm sản xuất) is ${cityLabel(cls)} converted from a commune (chuyển đổi từ xã) on ${on}; counted to ${reference} (31 December of the year before the plan year) that is more than ${t.windowYears} years (the window ended on ${limit})`,
                { actual: { convertedFromCommuneOn: on, countedTo: reference, windowEnds: limit } }
              )
            }
          }
        }
      }
      const r = must(result, rule)
      if (r.status === "failed" && t.cpApplies && e.cleanerProduction) return must(t.cp, rule)
      return r
    }
    case INDUSTRY: {
      const hit = covering(e.industry.code, t)
      if (hit !== undefined) return must(t.byKey.get(hit), rule)
      if (t.cpApplies && e.cleanerProduction) return must(t.cp, rule)
      return must(t.fail, rule)
    }
    case EXCLUSION: {
      const hit = covering(e.industry.code, t)
      return must(hit === undefined ? t.pass : t.byKey.get(hit), rule)
    }
    case MINING: {
      if (covering(e.industry.code, t) === undefined) return must(t.pass, rule)
      return must(t.byKey.get(e.location.difficultArea), rule)
    }
    default:
      throw new Error(`internal: ${rule.id} is not an establishment rule`)
  }
}

/**
 * One pass over a proposal's cost lines for the three line-level support conditions: the first
 * line outside the catalogue (and why), the first line whose requested + counterpart funding
 * falls short of its total, the first line with other state funding. A single mutable record,
 * refilled for every proposal (evaluation is synchronous), so the pass allocates nothing.
 */
const scan = {
  /** 0 all listed; 1 unknown activity; 2 unknown item; 3 item of another activity */
  catalogue: 0,
  catI: -1,
  catJ: -1,
  counterpartI: -1,
  counterpartJ: -1,
  doubleI: -1,
  doubleJ: -1
}

const scanLines = (p: Proposal, view: ResolvedPack): void => {
  scan.catalogue = 0
  scan.counterpartI = -1
  scan.doubleI = -1
  const acts = p.activities
  for (let i = 0; i < acts.length; i++) {
    const a = acts[i] as Proposal["activities"][number]
    if (scan.catalogue === 0 && !view.activityIndex.has(a.activity)) {
      scan.catalogue = 1
      scan.catI = i
      scan.catJ = -1
    }
    const lines = a.costLines
    for (let j = 0; j < lines.length; j++) {
      const l = lines[j] as Proposal["activities"][number]["costLines"][number]
      if (scan.catalogue === 0) {
        const item = view.itemIndex.get(l.item)
        if (item === undefined || item.activity !== a.activity) {
          scan.catalogue = item === undefined ? 2 : 3
          scan.catI = i
          scan.catJ = j
        }
      }
      if (scan.counterpartI < 0) {
        const req = l.requestedSupport
        const total = l.total
        if (req < total && l.counterpartFunding < total && req + l.counterpartFunding < total) {
          scan.counterpartI = i
          scan.counterpartJ = j
        }
      }
      if (scan.doubleI < 0 && l.otherStateFunding !== undefined && l.otherStateFunding > 0n) {
        scan.doubleI = i
        scan.doubleJ = j
      }
    }
  }
}

const lineAt = (p: Proposal, i: number, j: number): Proposal["activities"][number]["costLines"][number] =>
  (p.activities[i] as Proposal["activities"][number]).costLines[j] as Proposal["activities"][number]["costLines"][number]

/** Evaluate a proposal rule against the view (national or provincial) the proposal uses, after {@link scanLines}. */
const checkProposal = (rule: CompiledRule, p: Proposal, view: ResolvedPack): Condition => {
  const t = rule.tables as Tables
  switch (t.k) {
    case CATALOGUE: {
      if (scan.catalogue === 0) return must(t.pass, rule)
      const i = scan.catI
      const a = p.activities[i] as Proposal["activities"][number]
      if (scan.catalogue === 1)
        return dynamic(rule, "failed", "catalogue/unknown-activity", `activity (nội dung hoạt động) "${a.activity}" is not in the catalogue in force on ${view.date}`, {
          path: ["activities", i, "activity"],
          actual: a.activity
        })
      const j = scan.catJ
      const l = lineAt(p, i, j)
      if (scan.catalogue === 2)
        return dynamic(rule, "failed", "catalogue/unknown-item", `spending item (nội dung chi) "${l.item}" is not in the catalogue in force on ${view.date}`, {
          path: ["activities", i, "costLines", j, "item"],
          actual: l.item
        })
      return dynamic(
        rule,
        "failed",
        "catalogue/item-of-other-activity",
        `spending item (nội dung chi) "${l.item}" belongs to activity "${view.itemIndex.get(l.item)?.activity ?? ""}", not "${a.activity}"`,
        { path: ["activities", i, "costLines", j, "item"], actual: l.item }
      )
    }
    case APPROVED:
      return must(p.approvalDate === undefined ? t.fail : t.pass, rule)
    case COUNTERPART: {
      if (scan.counterpartI < 0) return must(t.pass, rule)
      const i = scan.counterpartI
      const j = scan.counterpartJ
      const l = lineAt(p, i, j)
      return dynamic(
        rule,
        "failed",
        "counterpart/shortfall",
        `cost line "${l.item}": requested support ${l.requestedSupport} + counterpart funding (vốn đối ứng) ${l.counterpartFunding} đồng do not cover the total (thành tiền) ${l.total} đồng`,
        { path: ["activities", i, "costLines", j, "counterpartFunding"], actual: l.counterpartFunding }
      )
    }
    case DOUBLE: {
      if (scan.doubleI < 0) return must(t.pass, rule)
      const i = scan.doubleI
      const j = scan.doubleJ
      const l = lineAt(p, i, j)
      return dynamic(
        rule,
        "failed",
        "double-funding/other-state-funding",
        `cost line "${l.item}" is also funded by another state source (nguồn ngân sách nhà nước khác, ${l.otherStateFunding ?? 0n} đồng) for the same spending item (nội dung chi)`,
        { path: ["activities", i, "costLines", j, "otherStateFunding"], actual: l.otherStateFunding }
      )
    }
    default:
      throw new Error(`internal: ${rule.id} is not a proposal rule`)
  }
}

/** The verdict on one establishment under the establishment-scope rules. */
export const establishmentVerdict = (
  e: Establishment,
  id: string,
  rules: ReadonlyArray<CompiledRule>,
  planYear: number
): EstablishmentVerdict => {
  const n = rules.length
  const conditions: Array<Condition> = new Array<Condition>(n)
  let failed = false
  let passed = false
  for (let i = 0; i < n; i++) {
    const c = checkEstablishment(rules[i] as CompiledRule, e, planYear)
    if (c.status === "failed") failed = true
    else if (c.status === "passed") passed = true
    conditions[i] = c
  }
  return { establishmentId: id, verdict: failed ? "ineligible" : passed ? "eligible" : "not-applicable", conditions }
}

const scratch: Array<Condition> = []

/** The proposal verdict, or the error (no Result wrapper): shared by `Eligibility` and `Evaluate`. */
export const evaluateRaw = (p: Proposal, resolved: ResolvedPack, ctx: Context): ProposalVerdict | LookupError => {
  const view = p.fund === "national" && resolved.national !== undefined ? resolved.national : resolved
  const prules = view.proposalRules
  if (prules.length > 0) scanLines(p, view)
  let failed = false
  let passed = false
  let allPass = true
  for (let i = 0; i < prules.length; i++) {
    const rule = prules[i] as CompiledRule
    const c = checkProposal(rule, p, view)
    if (c.status === "failed") failed = true
    else if (c.status === "passed") passed = true
    if (c !== (rule.tables as Tables).pass) allPass = false
    scratch[i] = c
  }
  let conditions: ReadonlyArray<Condition>
  if (allPass) conditions = view.proposalPassed
  else {
    const copy = new Array<Condition>(prules.length)
    for (let i = 0; i < prules.length; i++) copy[i] = scratch[i] as Condition
    conditions = copy
  }
  const ids = p.beneficiaries
  const erules = view.establishmentRules
  const es = ctx.establishments
  const isMap = es instanceof Map
  const n = ids.length
  const establishments: Array<EstablishmentVerdict> = new Array<EstablishmentVerdict>(n)
  for (let k = 0; k < n; k++) {
    const id = ids[k] as string
    const e = isMap
      ? (es as ReadonlyMap<string, Establishment>).get(id)
      : Object.hasOwn(es, id)
        ? (es as Readonly<Record<string, Establishment>>)[id]
        : undefined
    if (e === undefined)
      return new LookupError({
        code: "eligibility/unknown-establishment",
        path: ["beneficiaries", k],
        at: id,
        message: `beneficiary (cơ sở thụ hưởng) "${id}" of proposal "${p.id}" is not among the establishments supplied`
      })
    const ev = establishmentVerdict(e, id, erules, p.planYear)
    if (ev.verdict === "ineligible") failed = true
    else if (ev.verdict === "eligible") passed = true
    establishments[k] = ev
  }
  return {
    proposalId: p.id,
    packId: view.packId,
    date: view.date,
    verdict: failed ? "ineligible" : passed ? "eligible" : "not-applicable",
    establishments,
    conditions
  }
}
