/**
 * Overlay (mức hỗ trợ của địa phương): a province's own support levels for local-fund proposals
 * (khuyến công địa phương), set by a People's Council resolution (Nghị quyết HĐND) or a People's
 * Committee decision (Quyết định UBND), layered over a national rule pack.
 *
 * An overlay is data: its own citation, the province code (mã tỉnh), the days it is in force, and
 * operations: lower or raise a parameter, add a spending item or a whole activity (with the new
 * parameters they read), remove an item. {@link apply} returns a layered pack: a `RulePack` whose
 * `layering` records which layer set each number on which days, so every resolved figure and
 * every trace step names its layer (`national` or the overlay id). The national pack stays in
 * `layering.national`: overlays apply to local-fund proposals only, national-fund proposals keep
 * the national levels (`Pack.viewFor`).
 *
 * No text seen says provincial levels must stay at or below national ones: raising a level above
 * the national one is allowed and recorded as a warning (`overlay/above-national`) in
 * `layering.warnings`, in the resolved pack and on the affected support lines (`aboveNational`).
 * A `lower` that is not lower, or a `raise` that is lower, is an error: the operation says what
 * the province meant.
 *
 * @example
 * ```ts
 * import { Overlay } from "@khuyencong/core"
 * const laiChau = Overlay.applyOrThrow(pack, {
 *   id: "lai-chau-18-2025", title: "Lai Châu NQ 18/2025/NQ-HĐND", province: "12", citation,
 *   effective: { start: "2025-05-05" },
 *   operations: [{ op: "lower", parameter: "support.demo-model.cap", value: 500_000_000n }]
 * })
 * Pack.resolveOrThrow(laiChau, "2025-06-01").items["demo-model.new-technology"]?.layer // "lai-chau-18-2025"
 * ```
 * @since 0.1.0
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Citation from "../values/Citation.js"
import type { DateRange } from "../values/DateRange.js"
import * as Decode from "../values/Decode.js"
import { ValidationError, type Issue } from "../values/Errors.js"
import { isProvinceCode } from "../records/AdminUnits.js"
import { Issues } from "./internal/issues.js"
import { compareNumeric, normalise } from "./internal/values.js"
import * as LocalDate from "../values/LocalDate.js"
import { loadPack } from "./internal/load.js"
import * as Parameter from "../values/Parameter.js"
import * as Rate from "../values/Rate.js"
import { err, orThrow, type Result, toEffect } from "../values/Result.js"
import {
  layerIdSchema,
  layerRangeSchema,
  parameterValueSchema,
  schemas as packSchemas,
  valueTypeLabel,
  valueTypeOf,
  type Activity,
  type LayerInfo,
  type LayerSegment,
  type Layering,
  type ParameterValue,
  type RulePack,
  type SpendingItem
} from "./RulePack.js"

/**
 * One operation of an overlay.
 * - `lower` / `raise`: the parameter takes `value` on the overlay's days (with the overlay's
 *   citation); `lower` must not exceed the national value, `raise` must not be below it;
 * - `add-item`: a spending item in an existing activity, with the parameters it reads;
 * - `add-activity`: a whole activity with its items and parameters;
 * - `remove-item`: the province does not fund this item.
 * @category models
 * @since 0.1.0
 */
export type Operation =
  | { readonly op: "lower"; readonly parameter: string; readonly value: ParameterValue }
  | { readonly op: "raise"; readonly parameter: string; readonly value: ParameterValue }
  | {
      readonly op: "add-item"
      readonly activity: string
      readonly item: SpendingItem
      readonly parameters?: ReadonlyArray<Parameter.Parameter<ParameterValue>>
    }
  | { readonly op: "add-activity"; readonly activity: Activity; readonly parameters?: ReadonlyArray<Parameter.Parameter<ParameterValue>> }
  | { readonly op: "remove-item"; readonly item: string }

/**
 * A provincial overlay.
 * @category models
 * @since 0.1.0
 */
export interface Overlay {
  /** Stable id, used as the layer name, e.g. `lai-chau-18-2025`. */
  readonly id: string
  readonly title: string
  /** Province code (mã tỉnh), two digits. */
  readonly province: string
  /** The resolution or decision setting the levels (grade as seen). */
  readonly citation: Citation.Citation
  /** Days the overlay is in force (ngày có hiệu lực … ngày hết hiệu lực). */
  readonly effective: DateRange
  readonly operations: ReadonlyArray<Operation>
}

// ---------------------------------------------------------------------------------------------
// Schemas

const FIELDS = ["id", "title", "province", "citation", "effective", "operations"] as const

/**
 * The schemas of an overlay over a citation schema and a schema of the values it sets: the full
 * `Citation.schema` and `RulePack.parameterValueSchema` for {@link apply} ({@link schema}), the
 * citation by instrument number and money or rates as text for the corpus. `overlay` builds the
 * overlay over the operations the caller allows (the corpus files only `lower`, `raise` and
 * `remove-item`).
 * @example `Schema.is(Overlay.schemas(Citation.schema, RulePack.parameterValueSchema).lower)({ op: "lower", parameter: "support.machinery.cap", value: 150_000_000n })` → `true`
 * @category schemas
 * @since 0.2.0
 */
export const schemas = <C extends Schema.Top, V extends Schema.Top>(citation: C, value: V) => {
  const level = <O extends "lower" | "raise">(op: O) =>
    Schema.Struct({
      op: Schema.Literal(op),
      parameter: Decode.field(Decode.text, { code: "overlay/unknown-parameter", label: "parameter (tham số)", expects: "must be the id of a parameter of the pack" }),
      value: Decode.field(value, { code: "overlay/type-mismatch", label: "value (giá trị)", expects: "must be a value of the parameter's type" })
    })
  const lower = level("lower")
  const raise = level("raise")
  const removeItem = Schema.Struct({
    op: Schema.Literal("remove-item"),
    item: Decode.field(Decode.text, { code: "overlay/unknown-item", label: "spending item (nội dung chi)", expects: "must be the code of an item of the pack" })
  })
  const overlay = <O extends Schema.Top>(operation: O) =>
    Schema.Struct({
      id: layerIdSchema("overlay/missing-id", "overlay (mức hỗ trợ địa phương)"),
      title: Decode.field(Decode.text, { code: "overlay/missing-title", label: "title (tên)", expects: "must be non-blank text" }),
      province: Decode.field(Schema.String.check(Schema.isPattern(/^\d{2}$/)), {
        code: "overlay/invalid-province",
        label: "province code (mã tỉnh)",
        expects: "must be a 2-digit province code"
      }),
      citation: Decode.field(citation, { code: "citation/not-an-object", label: "citation (căn cứ pháp lý)", expects: "must be the resolution or decision with a grade" }),
      effective: layerRangeSchema("overlay/invalid-range", "overlay effective range (hiệu lực)"),
      operations: Decode.field(Schema.Array(operation), { code: "overlay/invalid-operations", label: "operations (thay đổi)", expects: "must be a list" })
    })
  return { lower, raise, removeItem, overlay }
}

const operation = (...members: ReadonlyArray<Schema.Struct<{ readonly op: Schema.Literal<string> }>>) =>
  Schema.Union(members).annotate({
    [Decode.discriminatorAnnotation]: "op",
    [Decode.discriminatorFieldAnnotation]: {
      code: "overlay/unknown-operation",
      label: "operation (thay đổi)",
      expects: `must be one of ${members.map((m) => m.fields.op.literal).join(", ")}`
    },
    [Decode.fieldAnnotation]: { code: "overlay/unknown-operation", label: "operation (thay đổi)", expects: "must be an object with an op" }
  })

/** @internal The operations of {@link schemas}, for the corpus: `lower`, `raise`, `remove-item`. */
export const operationOf = operation

const structures = packSchemas(Citation.schema)
const full = schemas(Citation.schema, parameterValueSchema)
const added = Schema.optional(
  Decode.field(
    Schema.Array(
      Decode.field(Parameter.schema(parameterValueSchema), {
        code: "overlay/invalid-parameter",
        label: "added parameter (tham số)",
        expects: "must be a parameter { id, description, values }"
      })
    ),
    { code: "overlay/invalid-parameters", label: "added parameters (tham số)", expects: "must be a list of parameters" }
  )
)

/**
 * An overlay as {@link apply} reads it: its own fields and every operation, each problem with
 * its code (`overlay/missing-id`, `overlay/invalid-province`, `overlay/invalid-range`,
 * `overlay/unknown-operation`, `overlay/invalid-item` …; an added item or activity has the codes
 * of `RulePack.schemas`).
 * @example `Decode.problems(Overlay.schema, { ...overlay, effective: { start: "2025-05-05", end: "2025-01-01" } })[0]?.code` → `"overlay/invalid-range"`
 * @category schemas
 * @since 0.2.0
 */
export const schema = full.overlay(
  operation(
    full.lower,
    full.raise,
    Schema.Struct({
      op: Schema.Literal("add-item"),
      activity: Decode.field(Decode.text, { code: "overlay/unknown-activity", label: "activity (nội dung hoạt động)", expects: "must be the code of an activity of the pack" }),
      item: Decode.field(structures.spendingItem, { code: "overlay/invalid-item", label: "added item (nội dung chi)", expects: "must be a spending item" }),
      parameters: added
    }),
    Schema.Struct({
      op: Schema.Literal("add-activity"),
      activity: Decode.field(structures.activity, { code: "overlay/invalid-activity", label: "added activity (nội dung hoạt động)", expects: "must be an activity" }),
      parameters: added
    }),
    full.removeItem
  )
)

// ---------------------------------------------------------------------------------------------
// Layering

const emptyLayering = (pack: RulePack): Layering => ({
  layers: [{ id: "national", kind: "national", title: pack.title }],
  parameters: {},
  added: {},
  removed: {},
  introduced: {},
  warnings: []
})

const pushSeg = (
  into: Record<string, ReadonlyArray<LayerSegment>>,
  key: string,
  seg: LayerSegment
): void => {
  into[key] = [...(into[key] ?? []), seg]
}

/** Issues of the overlay's own fields first, in field order, then those of each operation in order. */
const fieldOrder = (path: ReadonlyArray<string | number>): number => {
  const k = FIELDS.indexOf(path[0] as (typeof FIELDS)[number])
  return k < 0 ? FIELDS.length : k
}

/**
 * Layer an overlay over a pack (national, or already layered by an earlier overlay of the same
 * province or by a reform). Fails with a `ValidationError` listing every problem: the overlay's
 * structure ({@link schema}), unknown parameter / activity / item (`overlay/unknown-…`), wrong
 * value type (`overlay/type-mismatch`), a `lower` above the national value (`overlay/not-lower`),
 * a `raise` below it (`overlay/not-higher`), duplicate codes or parameter ids, an unknown province
 * (`overlay/invalid-province`), another province's overlay already applied
 * (`overlay/province-mismatch`), and any problem of the layered pack as `Pack.load` sees it.
 * @category layering
 * @since 0.1.0
 * @example `apply(pack, overlay)` → `ok(layeredPack)` whose `layering.layers.map((l) => l.id)` is `["national", overlay.id]`
 */
export const apply = (pack: RulePack, overlay: Overlay): Result<RulePack, ValidationError> => {
  const issues = new Issues()
  const old = pack.layering ?? emptyLayering(pack)
  const national = old.national ?? pack
  const what = `overlay "${String((overlay as Partial<Overlay> | null)?.id)}"`
  // The overlay's own fields: structure, then what the pack says of them
  const structure = Decode.problems(schema as unknown as Decode.AnySchema, overlay)
  const own = structure.filter((i) => i.path[0] !== "operations" || i.path.length === 1)
  const rec = typeof overlay === "object" && overlay !== null ? (overlay as unknown as Partial<Record<string, unknown>>) : {}
  if (!own.some((i) => i.path[0] === "id") && old.layers.some((l) => l.id === rec["id"]))
    own.push({ code: "overlay/duplicate-layer", path: ["id"], message: `layer "${String(rec["id"])}" is already applied to pack "${pack.id}"`, actual: rec["id"] })
  if (!own.some((i) => i.path[0] === "province") && typeof rec["province"] === "string") {
    const province = rec["province"]
    if (!isProvinceCode(province))
      own.push({ code: "overlay/invalid-province", path: ["province"], message: `province code (mã tỉnh) "${province}" is not a known 2-digit code`, actual: province })
    else if (old.province !== undefined && old.province !== province)
      own.push({
        code: "overlay/province-mismatch",
        path: ["province"],
        message: `pack "${pack.id}" already carries the overlay of province ${old.province}; an overlay of province ${province} must be layered over the national pack`,
        actual: province
      })
  }
  if (own.length > 0) {
    for (const i of [...own].sort((a, b) => fieldOrder(a.path) - fieldOrder(b.path))) issues.list.push(i)
    return err(issues.toError("overlay/invalid", what))
  }
  const range = overlay.effective

  const seg: LayerSegment = range.end === undefined ? { layer: overlay.id, start: range.start } : { layer: overlay.id, start: range.start, end: range.end }
  const parameters: Record<string, Parameter.Parameter<ParameterValue>> = { ...pack.parameters }
  const layerParams: Record<string, ReadonlyArray<LayerSegment>> = { ...old.parameters }
  const added: Record<string, ReadonlyArray<LayerSegment>> = { ...old.added }
  const removed: Record<string, ReadonlyArray<LayerSegment>> = { ...old.removed }
  const introduced: Record<string, LayerSegment> = { ...old.introduced }
  const warnings: Array<Issue> = [...old.warnings]
  let activities: Array<Activity> = pack.activities.map((a) => ({ ...a, items: [...a.items] }))
  const itemCodes = new Set(activities.flatMap((a) => a.items.map((i) => i.code)))
  const activityCodes = new Set(activities.map((a) => a.code))

  const addParameters = (path: ReadonlyArray<string | number>, ps: ReadonlyArray<Parameter.Parameter<ParameterValue>> | undefined): void => {
    if (ps === undefined) return
    ps.forEach((p, k) => {
      if (Object.hasOwn(parameters, p.id))
        return issues.add("overlay/duplicate-parameter", [...path, "parameters", k, "id"], `parameter (tham số) "${p.id}" already exists; use lower or raise to change it`, p.id)
      parameters[p.id] = p
      introduced[p.id] = seg
    })
  }

  overlay.operations.forEach((op, i) => {
    const path = ["operations", i] as const
    // An operation that is not well formed is reported as such, and not applied
    const malformed = structure.filter((x) => x.path[0] === "operations" && x.path[1] === i)
    if (malformed.length > 0) {
      for (const x of malformed) issues.list.push(x)
      return
    }
    switch (op.op) {
      case "lower":
      case "raise": {
        const base = national.parameters[op.parameter] ?? pack.parameters[op.parameter]
        const current = pack.parameters[op.parameter]
        if (current === undefined || base === undefined)
          return issues.add("overlay/unknown-parameter", [...path, "parameter"], `overlay ${op.op}s parameter (tham số) "${op.parameter}", which pack "${pack.id}" does not define`, op.parameter)
        const t = valueTypeOf(op.value)
        const pt = valueTypeOf(base.values[0]?.value)
        if (t === undefined || t !== pt)
          return issues.add(
            "overlay/type-mismatch",
            [...path, "value"],
            `parameter (tham số) "${op.parameter}" holds ${pt === undefined ? "an unknown type" : valueTypeLabel[pt]}; the overlay gives ${t === undefined ? "an unreadable value" : valueTypeLabel[t]}`,
            op.value
          )
        if (t !== "money" && t !== "rate" && t !== "number")
          return issues.add("overlay/not-numeric", [...path, "parameter"], `parameter (tham số) "${op.parameter}" holds ${valueTypeLabel[t]}, which cannot be lowered or raised`, op.parameter)
        const nationalValues = valuesOver(base, range)
        let above: ParameterValue | undefined
        for (const nv of nationalValues) {
          const cmp = compareNumeric(op.value, nv)
          if (op.op === "lower" && cmp === 1)
            issues.add(
              "overlay/not-lower",
              [...path, "value"],
              `overlay lowers "${op.parameter}" to ${show(op.value)}, above the national level ${show(nv)} (mức quốc gia); use raise if the province means to exceed it`,
              op.value
            )
          if (op.op === "raise" && cmp === -1)
            issues.add("overlay/not-higher", [...path, "value"], `overlay raises "${op.parameter}" to ${show(op.value)}, below the national level ${show(nv)}; use lower`, op.value)
          if (cmp === 1) above = nv
        }
        if (op.op === "raise" && above !== undefined)
          warnings.push({
            code: "overlay/above-national",
            path: ["layering", overlay.id, ...path],
            message: `overlay "${overlay.id}" (province ${overlay.province}) raises "${op.parameter}" to ${show(op.value)}, above the national level ${show(above)} (mức quốc gia): allowed, no text requires provincial levels to stay at or below national ones`,
            actual: { ...seg, parameter: op.parameter, value: op.value, national: above }
          })
        const o = Parameter.override(current, range, normalise(op.value), overlay.citation)
        if (!o.ok) return issues.addAll(path, o.error)
        parameters[op.parameter] = o.value
        pushSeg(layerParams, op.parameter, seg)
        return
      }
      case "add-item": {
        const a = activities.find((x) => x.code === op.activity)
        if (a === undefined)
          return issues.add("overlay/unknown-activity", [...path, "activity"], `overlay adds an item to activity (nội dung hoạt động) "${op.activity}", which pack "${pack.id}" does not define`, op.activity)
        if (itemCodes.has(op.item.code))
          return issues.add("overlay/duplicate-code", [...path, "item", "code"], `spending item (nội dung chi) "${op.item.code}" already exists`, op.item.code)
        itemCodes.add(op.item.code)
        addParameters(path, op.parameters)
        activities = activities.map((x) => (x.code === op.activity ? { ...x, items: [...x.items, op.item] } : x))
        pushSeg(added, op.item.code, seg)
        return
      }
      case "add-activity": {
        const act = op.activity
        if (activityCodes.has(act.code))
          return issues.add("overlay/duplicate-code", [...path, "activity", "code"], `activity (nội dung hoạt động) "${act.code}" already exists`, act.code)
        activityCodes.add(act.code)
        for (const [k, it] of act.items.entries()) {
          if (itemCodes.has(it.code))
            issues.add("overlay/duplicate-code", [...path, "activity", "items", k, "code"], `spending item (nội dung chi) "${it.code}" already exists`, it.code)
          itemCodes.add(it.code)
          pushSeg(added, it.code, seg)
        }
        addParameters(path, op.parameters)
        activities = [...activities, act]
        pushSeg(added, act.code, seg)
        return
      }
      case "remove-item": {
        if (!itemCodes.has(op.item))
          return issues.add("overlay/unknown-item", [...path, "item"], `overlay removes spending item (nội dung chi) "${op.item}", which pack "${pack.id}" does not define`, op.item)
        pushSeg(removed, op.item, seg)
        return
      }
    }
  })
  if (!issues.empty) return err(issues.toError("overlay/invalid", what))

  const layer: LayerInfo =
    range.end === undefined
      ? { id: overlay.id, kind: "overlay", title: overlay.title, citation: overlay.citation, province: overlay.province, start: range.start }
      : { id: overlay.id, kind: "overlay", title: overlay.title, citation: overlay.citation, province: overlay.province, start: range.start, end: range.end }
  const layering: Layering = {
    layers: [...old.layers, layer],
    parameters: layerParams,
    added,
    removed,
    introduced,
    province: overlay.province,
    national,
    warnings
  }
  return loadPack({ ...pack, parameters, activities, layering }, `rule pack "${pack.id}" with overlay "${overlay.id}"`)
}

/** Values of `p` in force on some day of `range`. */
const valuesOver = (p: Parameter.Parameter<ParameterValue>, range: DateRange): ReadonlyArray<ParameterValue> =>
  Parameter.series(p)
    .filter((r) => (range.end === undefined || r.from <= range.end) && (r.until === undefined || r.until >= range.start))
    .map((r) => r.value)

const show = (v: ParameterValue): string =>
  typeof v === "bigint" ? `${v} đồng` : Rate.isFraction(v) ? Rate.format(Rate.make(v.numerator, v.denominator)) : String(v)

/**
 * {@link apply}, throwing the `ValidationError`.
 * @function
 * @category layering
 * @since 0.1.0
 * @example `applyOrThrow(pack, overlay).layering?.province` → `"12"`
 */
export const applyOrThrow = orThrow(apply)

/**
 * {@link apply} as an Effect.
 * @function
 * @category layering
 * @since 0.1.0
 * @example `Effect.runSync(applyEffect(pack, overlay)).layering?.layers.length` → `2`
 */
export const applyEffect = toEffect(apply)

/**
 * The warnings a layered pack carries (e.g. levels raised above the national ones).
 * @category layering
 * @since 0.1.0
 * @example `warnings(layered).map((w) => w.code)` → `["overlay/above-national"]`
 */
export const warnings = (pack: RulePack): ReadonlyArray<Issue> => pack.layering?.warnings ?? []
