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
import * as Citation from "../values/Citation.js"
import type { DateRange } from "../values/DateRange.js"
import { ValidationError, type Issue } from "../values/Errors.js"
import { isProvinceCode } from "../records/AdminUnits.js"
import { Issues } from "./internal/issues.js"
import { compareNumeric, normalise, typeOf, valueTypeLabel } from "./internal/values.js"
import * as LocalDate from "../values/LocalDate.js"
import { loadPack } from "./internal/load.js"
import * as Parameter from "../values/Parameter.js"
import { err, orThrow, type Result, toEffect } from "../values/Result.js"
import type { Activity, LayerInfo, LayerSegment, Layering, ParameterValue, RulePack, SpendingItem } from "./RulePack.js"

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

/**
 * Layer an overlay over a pack (national, or already layered by an earlier overlay of the same
 * province or by a reform). Fails with a `ValidationError` listing every problem: unknown
 * parameter / activity / item (`overlay/unknown-…`), wrong value type (`overlay/type-mismatch`),
 * a `lower` above the national value (`overlay/not-lower`), a `raise` below it
 * (`overlay/not-higher`), duplicate codes or parameter ids, another province's overlay already
 * applied (`overlay/province-mismatch`), and any problem of the layered pack as `Pack.load` sees it.
 * @category layering
 * @since 0.1.0
 * @example `apply(pack, overlay)` → `ok(layeredPack)` whose `layering.layers.map((l) => l.id)` is `["national", overlay.id]`
 */
export const apply = (pack: RulePack, overlay: Overlay): Result<RulePack, ValidationError> => {
  const issues = new Issues()
  const old = pack.layering ?? emptyLayering(pack)
  const national = old.national ?? pack
  if (typeof overlay.id !== "string" || overlay.id.trim() === "" || overlay.id === "national")
    issues.add("overlay/missing-id", ["id"], `overlay (mức hỗ trợ địa phương) needs an id other than "national"`, overlay.id)
  else if (old.layers.some((l) => l.id === overlay.id))
    issues.add("overlay/duplicate-layer", ["id"], `layer "${overlay.id}" is already applied to pack "${pack.id}"`, overlay.id)
  if (typeof overlay.province !== "string" || !isProvinceCode(overlay.province))
    issues.add("overlay/invalid-province", ["province"], `province code (mã tỉnh) ${JSON.stringify(overlay.province) ?? "undefined"} is not a known 2-digit code`, overlay.province)
  else if (old.province !== undefined && old.province !== overlay.province)
    issues.add(
      "overlay/province-mismatch",
      ["province"],
      `pack "${pack.id}" already carries the overlay of province ${old.province}; an overlay of province ${overlay.province} must be layered over the national pack`,
      overlay.province
    )
  const c = Citation.validate(overlay.citation)
  if (!c.ok) issues.addAll(["citation"], c.error)
  const range = overlay.effective
  if (typeof range !== "object" || range === null || !LocalDate.is(range.start) || (range.end !== undefined && (!LocalDate.is(range.end) || range.end < range.start))) {
    issues.add("overlay/invalid-range", ["effective"], "overlay effective range (hiệu lực) must be { start, end? } days with end ≥ start", range)
    return err(issues.toError("overlay/invalid", `overlay "${String(overlay.id)}"`))
  }
  if (!Array.isArray(overlay.operations))
    issues.add("overlay/invalid-operations", ["operations"], "overlay operations must be a list", overlay.operations)
  if (!issues.empty) return err(issues.toError("overlay/invalid", `overlay "${String(overlay.id)}"`))

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
    if (!Array.isArray(ps)) return issues.add("overlay/invalid-parameters", [...path, "parameters"], "added parameters must be a list", ps)
    ps.forEach((p, k) => {
      const id = typeof p === "object" && p !== null ? p.id : undefined
      if (typeof id !== "string" || id === "") return issues.add("overlay/invalid-parameter", [...path, "parameters", k], "added parameter (tham số) has no id", p)
      if (Object.hasOwn(parameters, id))
        return issues.add("overlay/duplicate-parameter", [...path, "parameters", k, "id"], `parameter (tham số) "${id}" already exists; use lower or raise to change it`, id)
      parameters[id] = p
      introduced[id] = seg
    })
  }

  overlay.operations.forEach((op, i) => {
    const path = ["operations", i] as const
    switch (op.op) {
      case "lower":
      case "raise": {
        const base = national.parameters[op.parameter] ?? pack.parameters[op.parameter]
        const current = pack.parameters[op.parameter]
        if (current === undefined || base === undefined)
          return issues.add("overlay/unknown-parameter", [...path, "parameter"], `overlay ${op.op}s parameter (tham số) "${op.parameter}", which pack "${pack.id}" does not define`, op.parameter)
        const t = typeOf(op.value)
        const pt = typeOf(base.values[0]?.value)
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
        if (typeof op.item !== "object" || op.item === null) return issues.add("overlay/invalid-item", [...path, "item"], "added item must be an object", op.item)
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
        if (typeof act !== "object" || act === null) return issues.add("overlay/invalid-activity", [...path, "activity"], "added activity must be an object", act)
        if (activityCodes.has(act.code))
          return issues.add("overlay/duplicate-code", [...path, "activity", "code"], `activity (nội dung hoạt động) "${act.code}" already exists`, act.code)
        activityCodes.add(act.code)
        for (const [k, it] of (Array.isArray(act.items) ? act.items : []).entries()) {
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
      default:
        return issues.add(
          "overlay/unknown-operation",
          [...path, "op"],
          `overlay operation ${JSON.stringify((op as { op?: unknown }).op) ?? "undefined"} is not lower, raise, add-item, add-activity or remove-item`
        )
    }
  })
  if (!issues.empty) return err(issues.toError("overlay/invalid", `overlay "${overlay.id}"`))

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
  typeof v === "bigint"
    ? `${v} đồng`
    : typeof v === "object" && v !== null && !Array.isArray(v)
      ? `${(v as { numerator: bigint }).numerator}/${(v as { denominator: bigint }).denominator}`
      : String(v)

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
