/**
 * Establishment (cơ sở công nghiệp nông thôn; cơ sở sản xuất công nghiệp): a business that may
 * receive khuyến công support, with the facts eligibility and priority rules read.
 *
 * Who may be supported (Decree 45/2012/NĐ-CP art. 1.2, Circular 46/2012/TT-BCT art. 3): small and
 * medium enterprises (doanh nghiệp nhỏ và vừa), cooperatives (hợp tác xã), cooperative groups (tổ
 * hợp tác) and business households (hộ kinh doanh) producing in rural places; from 2025-10-15
 * (Decree 235/2025/NĐ-CP) also unions of cooperatives (liên hiệp hợp tác xã); and any industrial
 * establishment applying cleaner production (sản xuất sạch hơn) regardless of size or place.
 * The model can also express what is *not* eligible (`large-enterprise`, a ward of a class-1 city),
 * so that a rule pack can say why; this module only checks that the facts are well formed and
 * consistent, not that the establishment is eligible.
 *
 * The production location carries the facts location rules need: before the 2025 reorganisation
 * (2025-07-01, `AdminUnits.reorganisationDay()`) a district (huyện) and communes, wards and
 * townships; from it (two-tier local government, 34 provinces) only communes, wards and special
 * zones (đặc khu). Province codes were reused across the reform (15 was Yên Bái, is Lào Cai), so
 * with `asOf` a code is checked against the provinces in force on that date (`AdminUnits`).
 *
 * @example
 * ```ts
 * import { Establishment } from "@khuyencong/core"
 * const r = Establishment.decode(json, { asOf: "2025-09-01" })
 * if (!r.ok) r.error.issues.forEach((i) => console.log(i.path.join("."), i.message))
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as Decode from "../values/Decode.js"
import { ValidationError } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Rate from "../values/Rate.js"
import { err, type Result } from "../values/Result.js"
import * as AdminUnits from "./AdminUnits.js"
import * as TaxCode from "./TaxCode.js"

// ---------------------------------------------------------------------------------------------
// Location

/**
 * Kind of commune-level unit (đơn vị hành chính cấp xã): `commune` (xã), `ward` (phường),
 * `township` (thị trấn, until 2025-06-30), `special-zone` (đặc khu, from 2025-07-01).
 * @category models
 * @since 0.1.0
 */
export type CommuneKind = "commune" | "ward" | "township" | "special-zone"

/**
 * A commune-level unit: name, kind and optional 5-digit code.
 * @example `Schema.decodeUnknownSync(communeSchema)({ name: "Tân Cương", kind: "commune" })` → the same object
 * @category schemas
 * @since 0.1.0
 */
export const communeSchema = Schema.Struct({
  name: Decode.name,
  kind: Schema.Literals(["commune", "ward", "township", "special-zone"]),
  code: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^\d{5}$/)))
})

/**
 * Urban class of the city a ward belongs to (loại đô thị): `special` (đặc biệt) or 1–5.
 * @category models
 * @since 0.1.0
 */
export type CityClass = "special" | 1 | 2 | 3 | 4 | 5

/**
 * Socio-economic difficulty of the area (địa bàn có điều kiện kinh tế - xã hội khó khăn /
 * đặc biệt khó khăn).
 * @category models
 * @since 0.1.0
 */
export type DifficultArea = "none" | "difficult" | "especially-difficult"

/**
 * Production location (địa điểm sản xuất) and the facts location rules read.
 * @example `Schema.decodeUnknownSync(locationSchema)(json.location).commune.kind` → `"commune"`
 * @category schemas
 * @since 0.1.0
 */
export const locationSchema = Schema.Struct({
  provinceCode: AdminUnits.provinceCodeSchema,
  provinceName: Decode.name,
  /** District (huyện, quận, thị xã, thành phố thuộc tỉnh): only until 2025-06-30. */
  district: Schema.optionalKey(Decode.name),
  commune: communeSchema,
  /** Urban class of the ward's city, when the unit is a ward of a city. */
  cityClass: Schema.optionalKey(Schema.Literals(["special", 1, 2, 3, 4, 5])),
  /** Date the decision converting this ward from a commune took effect. */
  convertedFromCommuneOn: Schema.optionalKey(LocalDate.schema),
  difficultArea: Schema.Literals(["none", "difficult", "especially-difficult"]),
  poorDistrict: Schema.Boolean,
  newRuralCommune: Schema.Boolean,
  highland: Schema.Boolean,
  island: Schema.Boolean,
  border: Schema.Boolean,
  ethnicMinorityArea: Schema.Boolean,
  /** Craft village (làng nghề) recognised by the provincial People's Committee. */
  craftVillage: Schema.optionalKey(
    Schema.Struct({ name: Decode.name, recognisedOn: Schema.optionalKey(LocalDate.schema) })
  )
})

/** Production location, decoded. @category models @since 0.1.0 */
export type Location = typeof locationSchema.Type

/**
 * Field docs of a location, relative to the location.
 * @example `locationDocs["commune.kind"]?.label` → `"commune kind (loại đơn vị cấp xã)"`
 * @category docs
 * @since 0.1.0
 */
export const locationDocs: Decode.FieldDocs = {
  "": { label: "production location (địa điểm sản xuất)", expects: "must be an object with province, commune and area facts" },
  provinceCode: {
    label: "province code (mã tỉnh)",
    expects: "must be the 2-digit code of a province (mã đơn vị hành chính cấp tỉnh), such as \"01\""
  },
  provinceName: { label: "province name (tên tỉnh)", expects: "must be non-blank text" },
  district: { label: "district (huyện)", expects: "must be non-blank text" },
  commune: {
    label: "commune-level unit (đơn vị hành chính cấp xã)",
    expects: "must be an object with a name and a kind"
  },
  "commune.name": { label: "commune name (tên xã, phường, đặc khu)", expects: "must be non-blank text" },
  "commune.kind": {
    label: "commune kind (loại đơn vị cấp xã)",
    expects: 'must be "commune" (xã), "ward" (phường), "township" (thị trấn) or "special-zone" (đặc khu)'
  },
  "commune.code": { label: "commune code (mã xã)", expects: "must be a 5-digit code" },
  cityClass: { label: "city class (loại đô thị)", expects: 'must be "special" or a number 1–5' },
  convertedFromCommuneOn: {
    label: "date the ward was converted from a commune (ngày chuyển từ xã lên phường)",
    expects: "must be a date (ngày) as YYYY-MM-DD"
  },
  difficultArea: {
    label: "area difficulty (địa bàn khó khăn)",
    expects: 'must be "none", "difficult" (khó khăn) or "especially-difficult" (đặc biệt khó khăn)'
  },
  poorDistrict: { label: "poor district (huyện nghèo)", expects: "must be true or false" },
  newRuralCommune: { label: "new-rural commune (xã nông thôn mới)", expects: "must be true or false" },
  highland: { label: "mountainous area (miền núi, vùng cao)", expects: "must be true or false" },
  island: { label: "island (hải đảo)", expects: "must be true or false" },
  border: { label: "border area (biên giới)", expects: "must be true or false" },
  ethnicMinorityArea: {
    label: "ethnic-minority area (vùng đồng bào dân tộc thiểu số)",
    expects: "must be true or false"
  },
  craftVillage: { label: "craft village (làng nghề)", expects: "must be an object with a name" },
  "craftVillage.name": { label: "craft village name (tên làng nghề)", expects: "must be non-blank text" },
  "craftVillage.recognisedOn": {
    label: "craft village recognition date (ngày công nhận làng nghề)",
    expects: "must be a date (ngày) as YYYY-MM-DD"
  }
}

// ---------------------------------------------------------------------------------------------
// Legal form

/**
 * Legal form (loại hình): `enterprise` with its size class (doanh nghiệp siêu nhỏ / nhỏ / vừa),
 * `large-enterprise` (not an SME), `cooperative` (hợp tác xã), `union-of-cooperatives` (liên
 * hiệp hợp tác xã), `cooperative-group` (tổ hợp tác), `business-household` (hộ kinh doanh).
 * @category models
 * @since 0.1.0
 */
export type LegalForm =
  | { readonly kind: "enterprise"; readonly size: "micro" | "small" | "medium" }
  | { readonly kind: "large-enterprise" }
  | { readonly kind: "cooperative" }
  | { readonly kind: "union-of-cooperatives" }
  | { readonly kind: "cooperative-group" }
  | { readonly kind: "business-household" }

/**
 * Schema of {@link LegalForm}.
 * @example `Schema.decodeUnknownSync(legalFormSchema)({ kind: "enterprise", size: "small" })` → `{ kind: "enterprise", size: "small" }`
 * @category schemas
 * @since 0.1.0
 */
const legalFormSchema = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("enterprise"), size: Schema.Literals(["micro", "small", "medium"]) }),
  Schema.Struct({ kind: Schema.Literal("large-enterprise") }),
  Schema.Struct({ kind: Schema.Literal("cooperative") }),
  Schema.Struct({ kind: Schema.Literal("union-of-cooperatives") }),
  Schema.Struct({ kind: Schema.Literal("cooperative-group") }),
  Schema.Struct({ kind: Schema.Literal("business-household") })
]).annotate({ [Decode.discriminatorAnnotation]: "kind" })

/**
 * Every legal-form kind.
 * @example `legalFormKinds.length` → `6`
 * @category constants
 * @since 0.1.0
 */
export const legalFormKinds: ReadonlyArray<LegalForm["kind"]> = [
  "enterprise",
  "large-enterprise",
  "cooperative",
  "union-of-cooperatives",
  "cooperative-group",
  "business-household"
]

// ---------------------------------------------------------------------------------------------
// Establishment

/**
 * A share between 0 and 1 inclusive, as a {@link Rate.Rate} (encoded `"0.6"`).
 * @example `Schema.decodeUnknownSync(shareSchema)("0.6")` → `{ numerator: 3n, denominator: 5n }`; `"1.5"` fails
 * @category schemas
 * @since 0.1.0
 */
export const shareSchema = Rate.schema.check(
  Schema.makeFilter<Rate.Rate>((r) => Rate.isShare(r), {
    expected: "a share between 0 and 1"
  })
)

const structural = Schema.Struct({
  id: Decode.id,
  name: Decode.name,
  legalForm: legalFormSchema,
  taxCode: TaxCode.schema,
  location: locationSchema,
  /** Industry (ngành nghề): a code of the rule pack's catalogue, e.g. `che-bien-nong-lam-thuy-san`. */
  industry: Schema.Struct({ code: Decode.id, name: Schema.optionalKey(Decode.name) }),
  /** Workforce (số lao động): people employed on average over the year. */
  workforce: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  /** Annual revenue (doanh thu năm), when known. */
  annualRevenue: Schema.optionalKey(Money.nonNegativeSchema),
  hasExportContract: Schema.Boolean,
  /** Share of raw materials sourced locally (tỷ lệ nguyên liệu tại chỗ), 0–1. */
  localRawMaterialShare: Schema.optionalKey(shareSchema),
  cleanerProduction: Schema.Boolean,
  womenOwned: Schema.Boolean,
  ethnicMinorityOwned: Schema.Boolean,
  /**
   * Artisan title (danh hiệu nghệ nhân) held by the beneficiary or its owner, as a code of the
   * rule pack's list, e.g. `nghe-nhan-nhan-dan` (People's Artisan), `nghe-nhan-uu-tu`
   * (Meritorious Artisan). Decree 235/2025 makes artisans beneficiaries; an artisan is entered
   * as an establishment record (usually a business household) carrying the title.
   */
  artisanTitle: Schema.optionalKey(Decode.id),
  /** Applies sustainable production and consumption (sản xuất và tiêu dùng bền vững), Decree 235/2025 art. 1.2.b. */
  sustainableProduction: Schema.optionalKey(Schema.Boolean),
  /** Investor (chủ đầu tư) in building industrial-cluster infrastructure (hạ tầng cụm công nghiệp), Decree 235/2025 art. 1.2.b. */
  clusterInfrastructureInvestor: Schema.optionalKey(Schema.Boolean),
  /** Date of business registration (ngày đăng ký kinh doanh / thành lập). */
  registeredOn: Schema.optionalKey(LocalDate.schema),
  /**
   * Found to pollute the environment (cơ sở gây ô nhiễm môi trường) by the provincial People's
   * Committee chairman under the criteria of Circular 04/2012/TT-BTNMT: relocation support goes
   * only to such establishments (Circular 46/2012 art. 4.6). Absent: not stated (the condition is
   * then not checked, and says so).
   * @since 0.3.0
   */
  polluting: Schema.optionalKey(Schema.Boolean),
  /**
   * Events abroad (forums, seminars, fairs and exhibitions abroad) the establishment was already
   * supported for with khuyến công funds, per year: at most 2 a year (Circular 46/2012 art.
   * 4.1.b). A year not listed counts 0; absent: not stated.
   * @since 0.3.0
   */
  eventsAbroad: Schema.optionalKey(
    Schema.Array(Schema.Struct({ year: Schema.Int.check(Schema.isBetween({ minimum: 1900, maximum: 2200 })), count: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)) }))
  )
})

/**
 * An establishment, decoded.
 * @category models
 * @since 0.1.0
 */
export type Establishment = typeof structural.Type

/**
 * JSON form of an establishment: money as digit strings, the rate as decimal text, dates ISO.
 * @category models
 * @since 0.1.0
 */
export type Encoded = typeof structural.Encoded

/**
 * Context of the date-dependent checks: `asOf` is the date the facts are assessed at (the
 * proposal's date, usually). Without it only date-free checks run.
 * @category models
 * @since 0.1.0
 */
export interface Context {
  readonly asOf?: LocalDate.LocalDate | undefined
}

/**
 * Options of {@link decode}: `asOf` as a date or a literal `YYYY-MM-DD` (checked: an impossible
 * day is a `ValidationError` at path `asOf`).
 * @category models
 * @since 0.2.0
 */
export interface DecodeOptions {
  readonly asOf?: LocalDate.Input | undefined
}

const kindOfLegalForm = Schema.Struct({ legalForm: Schema.Struct({ kind: Schema.Literals(legalFormKinds) }) })

/**
 * Cross-field rules (see {@link decode} for the codes).
 * @example `Decode.runRulesRaw(rules, json, { asOf: "2025-07-01" })` → the cross-field issues of `json`
 * @category rules
 * @since 0.1.0
 */
export const rules: ReadonlyArray<Decode.Rule<Context>> = [
  Decode.rule({
    at: [],
    needs: Schema.Struct({ ...kindOfLegalForm.fields, taxCode: TaxCode.schema }),
    check: (e) =>
      TaxCode.kind(e.taxCode) === "personal-id" && e.legalForm.kind !== "business-household"
        ? [
            {
              code: "establishment/tax-code-form-mismatch",
              path: ["taxCode"],
              message: `tax code (mã số thuế) ${e.taxCode} is a 12-digit personal identification number, which only a business household (hộ kinh doanh) uses; a ${e.legalForm.kind} has a 10- or 13-digit tax code`,
              actual: e.taxCode
            }
          ]
        : []
  }),
  Decode.rule({
    at: [],
    needs: Schema.Struct({ taxCode: TaxCode.schema }),
    check: (e, c: Context) => {
      if (c.asOf === undefined) return []
      const fault = TaxCode.faultAt(e.taxCode, c.asOf)
      return fault === undefined ? [] : [{ ...fault, path: ["taxCode"], actual: e.taxCode }]
    }
  }),
  Decode.rule({
    at: ["location"],
    needs: Schema.Struct({ provinceCode: AdminUnits.provinceCodeSchema }),
    check: (l, c: Context) => {
      if (c.asOf === undefined || AdminUnits.provinceOn(l.provinceCode, c.asOf).ok) return []
      const day = AdminUnits.reorganisationDay()
      return [
        {
          code: "establishment/province-code-not-in-force",
          path: ["provinceCode"],
          message: `province code (mã tỉnh) ${l.provinceCode} names no province on ${c.asOf}${c.asOf >= day ? `: it was closed by the 2025 reorganisation (${AdminUnits.provincesOn(day).length} provinces from ${day})` : ""}`,
          actual: l.provinceCode
        }
      ]
    }
  }),
  Decode.rule({
    at: ["location"],
    needs: Schema.Struct({ district: Schema.optionalKey(Decode.name) }),
    check: (l, c: Context) =>
      c.asOf !== undefined && c.asOf >= AdminUnits.reorganisationDay() && l.district !== undefined
        ? [
            {
              code: "establishment/district-abolished",
              path: ["district"],
              message: `district (huyện) "${l.district}" is given, but districts were abolished on ${AdminUnits.reorganisationDay()}; a location on ${c.asOf} has a province and a commune-level unit only`,
              actual: l.district
            }
          ]
        : []
  }),
  Decode.rule({
    at: ["location", "commune"],
    needs: Schema.Struct({ kind: communeSchema.fields.kind }),
    check: (u, c: Context) => {
      if (c.asOf === undefined) return []
      const reformDate = AdminUnits.reorganisationDay()
      if (u.kind === "special-zone" && c.asOf < reformDate)
        return [
          {
            code: "establishment/unit-kind-not-in-force",
            path: ["kind"],
            message: `commune kind (loại đơn vị cấp xã) "special-zone" (đặc khu) exists only from ${reformDate}, not on ${c.asOf}`,
            actual: u.kind
          }
        ]
      if (u.kind === "township" && c.asOf >= reformDate)
        return [
          {
            code: "establishment/unit-kind-not-in-force",
            path: ["kind"],
            message: `commune kind (loại đơn vị cấp xã) "township" (thị trấn) was abolished on ${reformDate}; on ${c.asOf} a unit is a commune, ward or special zone`,
            actual: u.kind
          }
        ]
      return []
    }
  }),
  Decode.rule({
    at: ["location"],
    needs: Schema.Struct({
      commune: Schema.Struct({ kind: communeSchema.fields.kind }),
      convertedFromCommuneOn: Schema.optionalKey(LocalDate.schema)
    }),
    check: (l) =>
      l.convertedFromCommuneOn !== undefined && l.commune.kind !== "ward"
        ? [
            {
              code: "establishment/converted-not-ward",
              path: ["convertedFromCommuneOn"],
              message: `date the ward was converted from a commune (ngày chuyển từ xã lên phường) is given for a ${l.commune.kind}; only a ward (phường) is converted from a commune`,
              actual: l.convertedFromCommuneOn
            }
          ]
        : []
  })
]

/**
 * Field docs of an establishment.
 * @example `docs["location.provinceCode"]?.label` → `"province code (mã tỉnh)"`
 * @category docs
 * @since 0.1.0
 */
export const docs: Decode.FieldDocs = {
  "": { label: "establishment (cơ sở công nghiệp nông thôn)", expects: "must be an object" },
  id: { label: "establishment id (mã cơ sở)", expects: "must be non-empty text without surrounding spaces" },
  name: { label: "name (tên cơ sở)", expects: "must be non-blank text" },
  legalForm: { label: "legal form (loại hình)", expects: "must be an object with a kind" },
  "legalForm.kind": {
    label: "legal form kind (loại hình)",
    expects: `must be one of ${legalFormKinds.map((k) => `"${k}"`).join(", ")}`
  },
  "legalForm.size": {
    label: "enterprise size (quy mô doanh nghiệp)",
    expects: 'must be "micro" (siêu nhỏ), "small" (nhỏ) or "medium" (vừa)'
  },
  taxCode: {
    label: "tax code (mã số thuế)",
    expects: "must be text: 10 digits, 10 digits and a 3-digit branch suffix, or a 12-digit personal identification number"
  },
  ...Decode.nestDocs("location", locationDocs),
  industry: { label: "industry (ngành nghề)", expects: "must be an object with a code" },
  "industry.code": {
    label: "industry code (mã ngành nghề)",
    expects: "must be non-empty text without surrounding spaces, such as \"che-bien-nong-lam-thuy-san\""
  },
  "industry.name": { label: "industry name (tên ngành nghề)", expects: "must be non-blank text" },
  workforce: { label: "workforce (số lao động)", expects: "must be a whole number ≥ 0" },
  annualRevenue: { label: "annual revenue (doanh thu năm)", expects: "must be a non-negative whole number of đồng written in digits" },
  hasExportContract: { label: "export contract (hợp đồng xuất khẩu)", expects: "must be true or false" },
  localRawMaterialShare: {
    label: "share of local raw materials (tỷ lệ nguyên liệu tại chỗ)",
    expects: 'must be a rate between 0 and 1, such as "0.6"'
  },
  cleanerProduction: { label: "cleaner production (sản xuất sạch hơn)", expects: "must be true or false" },
  womenOwned: { label: "women-owned (do phụ nữ làm chủ)", expects: "must be true or false" },
  ethnicMinorityOwned: {
    label: "ethnic-minority-owned (do người dân tộc thiểu số làm chủ)",
    expects: "must be true or false"
  },
  registeredOn: { label: "registration date (ngày đăng ký kinh doanh)", expects: "must be a date (ngày) as YYYY-MM-DD" },
  artisanTitle: {
    label: "artisan title (danh hiệu nghệ nhân)",
    expects: 'must be a code without surrounding spaces, such as "nghe-nhan-nhan-dan" or "nghe-nhan-uu-tu"'
  },
  sustainableProduction: { label: "sustainable production and consumption (sản xuất và tiêu dùng bền vững)", expects: "must be true or false" },
  clusterInfrastructureInvestor: {
    label: "industrial-cluster infrastructure investor (chủ đầu tư hạ tầng cụm công nghiệp)",
    expects: "must be true or false"
  },
  polluting: { label: "polluting establishment (cơ sở gây ô nhiễm môi trường)", expects: "must be true or false" },
  eventsAbroad: {
    label: "events abroad already supported (số lần được hỗ trợ tham dự sự kiện tại nước ngoài)",
    expects: "must be a list of { year, count }: a year and a whole number ≥ 0"
  }
}

/**
 * Effect Schema of an establishment, with the date-free cross-field rules as a check.
 * @example `Schema.decodeUnknownSync(Establishment.schema)(json)`
 * @category schemas
 * @since 0.1.0
 */
export const schema = structural.check(Decode.rulesCheck<Establishment, Context>(rules, {}))

const subject: Decode.Subject = { code: "establishment", label: "establishment (cơ sở công nghiệp nông thôn)" }

/**
 * Decodes an establishment, reporting every problem with its path. Cross-field codes:
 * `establishment/tax-code-form-mismatch` (a 12-digit personal ID on anything but a business
 * household); with `asOf`: `tax-code/personal-id-too-early`,
 * `establishment/province-code-not-in-force`, `establishment/district-abolished`,
 * `establishment/unit-kind-not-in-force`; always: `establishment/converted-not-ward`.
 * @example `decode(json, { asOf: "2025-09-01" as LocalDate })` → `ok(establishment)` or a `ValidationError` listing every issue
 * @category decoding
 * @since 0.1.0
 */
export const decode = (input: unknown, context: DecodeOptions = {}): Result<Establishment, ValidationError> => {
  const asOf = context?.asOf
  if (asOf === undefined) return Decode.decodeWith({ subject, schema: structural, docs, rules }, input, {})
  const date = LocalDate.parse(asOf)
  if (!date.ok) {
    const issue = { code: date.error.code, path: ["asOf"], message: `asOf (ngày đánh giá): ${date.error.message}`, actual: asOf }
    return err(new ValidationError({ code: "establishment/invalid", path: [], message: issue.message, issues: [issue] }))
  }
  return Decode.decodeWith({ subject, schema: structural, docs, rules }, input, { asOf: date.value })
}

/**
 * JSON form of an establishment.
 * @example `encode(e).annualRevenue` → `"1500000000"`
 * @category encoding
 * @since 0.1.0
 */
export const encode: (value: Establishment) => Encoded = Decode.makeEncoder(structural)
