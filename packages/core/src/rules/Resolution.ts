/**
 * Resolution (xác định bộ quy tắc áp dụng): with several rule packs installed, pick the one that
 * governs a decision date (ngày quyết định phê duyệt) or a plan year (năm kế hoạch).
 *
 * A pack governs the decision dates `governs.decisions.start … end` and the plan years
 * `governs.planYears.from … to` (all included): every period is closed, so a date after the last
 * pack's end resolves to no pack. The installed packs agree when each plan year is governed by
 * the pack that governs the first decision day of that year (plan years 2019–2020: the 2021–2025
 * pack, whose decisions start on 2018-05-11 under Circular 28/2018/TT-BTC).
 *
 * No pack → `LookupError` naming the date (never a default). Two packs → `LookupError` with code
 * `resolution/ambiguous` naming the date and both pack ids: the installation is inconsistent and
 * the library will not guess.
 *
 * @example
 * ```ts
 * import { Resolution } from "@khuyencong/core"
 * Resolution.forDate([pack2014, pack2021], "2022-03-01" as LocalDate) // { ok: true, value: pack2021 }
 * Resolution.forPlanYear([pack2014, pack2021], 2030)                  // { ok: false, error: LookupError }
 * ```
 * @since 0.1.0
 * @module
 */
import { LookupError } from "../values/Errors.js"
import type * as LocalDate from "../values/LocalDate.js"
import { err, ok, type Result, toEffect } from "../values/Result.js"
import type { RulePack } from "./RulePack.js"

/**
 * The last decision date a pack governs: its `governs.decisions.end`. Every period is closed
 * since 0.3.0 (before, an open end stopped the day before the next installed pack's start);
 * `packs` is kept for compatibility and not read.
 * @category resolution
 * @since 0.1.0
 * @example `effectiveEnd(pack2021, [pack2021, pack2026])` → `"2025-10-14"`
 */
export const effectiveEnd = (pack: RulePack, _packs?: ReadonlyArray<RulePack>): LocalDate.LocalDate => pack.governs.decisions.end

const ambiguous = (at: string, what: string, a: RulePack, b: RulePack): LookupError =>
  new LookupError({
    code: "resolution/ambiguous",
    path: [],
    at,
    message: `Two rule packs (bộ quy tắc) govern ${what} ${at}: "${a.id}" and "${b.id}"; their periods overlap`
  })

/**
 * The pack governing decisions dated `date`.
 * @category resolution
 * @since 0.1.0
 * @example `forDate([pack2021], "2021-01-01")` → `{ ok: true, value: pack2021 }`; `forDate([pack2021], "2010-01-01")` → `{ ok: false, error: LookupError("resolution/no-pack") }`
 */
export const forDate = (packs: ReadonlyArray<RulePack>, date: LocalDate.LocalDate): Result<RulePack, LookupError> => {
  let found: RulePack | undefined
  for (const pack of packs) {
    if (date < pack.governs.decisions.start || date > pack.governs.decisions.end) continue
    if (found !== undefined) return err(ambiguous(date, "the decision date", found, pack))
    found = pack
  }
  if (found === undefined) {
    return err(
      new LookupError({
        code: "resolution/no-pack",
        path: [],
        at: date,
        message: `No rule pack (bộ quy tắc) governs the decision date ${date}; installed: ${describe(packs)}`
      })
    )
  }
  return ok(found)
}

/**
 * The pack governing plan year `year` (năm kế hoạch).
 * @category resolution
 * @since 0.1.0
 * @example `forPlanYear([pack2021], 2019)` → `{ ok: true, value: pack2021 }`; `forPlanYear([pack2021], 2026).ok` → `false`
 */
export const forPlanYear = (packs: ReadonlyArray<RulePack>, year: number): Result<RulePack, LookupError> => {
  let found: RulePack | undefined
  const at = String(year)
  for (const pack of packs) {
    const { from, to } = pack.governs.planYears
    if (year < from || year > to) continue
    if (found !== undefined) return err(ambiguous(at, "the plan year", found, pack))
    found = pack
  }
  if (found === undefined) {
    return err(
      new LookupError({
        code: "resolution/no-pack",
        path: [],
        at,
        message: `No rule pack (bộ quy tắc) governs the plan year (năm kế hoạch) ${year}; installed: ${describe(packs)}`
      })
    )
  }
  return ok(found)
}

/**
 * {@link forDate} as an Effect.
 * @function
 * @category resolution
 * @since 0.1.0
 * @example `Effect.runSync(forDateEffect([pack2021], "2022-01-01")).id` → `"vn-khuyen-cong-2021-2025"`
 */
export const forDateEffect = toEffect(forDate)

/**
 * {@link forPlanYear} as an Effect.
 * @function
 * @category resolution
 * @since 0.1.0
 * @example `Effect.runSync(forPlanYearEffect([pack2021], 2023)).id` → `"vn-khuyen-cong-2021-2025"`
 */
export const forPlanYearEffect = toEffect(forPlanYear)

const describe = (packs: ReadonlyArray<RulePack>): string =>
  packs.length === 0
    ? "none"
    : packs
        .map(
          (p) =>
            `${p.id} (decisions ${p.governs.decisions.start}…${p.governs.decisions.end}, plan years ${p.governs.planYears.from}–${p.governs.planYears.to})`
        )
        .join("; ")
