/**
 * The register tab driven in headless Chromium (Debian's /usr/bin/chromium through playwright-core;
 * no browser is downloaded): the page is built with Vite (a Node built-in in the bundle fails the
 * build), served as static files, and the example province's register
 * (examples/provincial-plan/data/register-2024.xlsx: 33 valid proposals and six rows with errors
 * on purpose) is uploaded. What the page shows is checked against the library run here in Node on
 * the same files: the errors by cell against `Xlsx.readRegister` (the Node reader), the ranking
 * and the allocated totals against `Appraisal.appraise` for the same envelopes and policy, and the
 * downloaded plan workbook, opened with exceljs, against `Report.plan` of the funded proposals.
 * Screenshots go to test/screenshots/register-*.png for a person to look at.
 */
import { Issues, Report, Xlsx, type Register } from "@khuyencong/adapters-excel"
import { Appraisal, Establishment, LocalDate, Messages, Money, Overlay, Pack, Plan, Rate, type Allocation, type RulePack } from "@khuyencong/core"
import * as r2014 from "@khuyencong/rules-2014-2018"
import * as r2021 from "@khuyencong/rules-2021-2025"
import * as r2026 from "@khuyencong/rules-2026-2030"
import ExcelJS from "exceljs"
import { readFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openSession, SHOTS, type Session } from "./serve.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const data = join(root, "..", "..", "examples", "provincial-plan", "data")
const REGISTER = join(data, "register-2024.xlsx")
/** The example's establishments and its plan (envelopes: 4,4 tỷ national, 1,35 tỷ local), the CLI's `--establishments` format. */
const SOURCE = join(data, "register-2024.source.json")


const open = async (viewport?: { width: number; height: number }): Promise<Page> => {
  const page = await session!.open("#/register", { ...(viewport === undefined ? {} : { viewport }), acceptDownloads: true })
  await page.waitForSelector("[data-testid='register-tab']")
  return page
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `register-${name}.png`), fullPage: true })

let session: Session | undefined

beforeAll(async () => {
  session = await openSession()
}, 180_000)

afterAll(async () => {
  await session?.close()
  // no script error on any page the tests opened
  expect(session?.errors).toEqual([])
})

// ---------------------------------------------------------------------------------------------
// The library here, on the same files

const must = <T,>(r: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }): T => {
  if (!r.ok) throw r.error
  return r.value
}

const readHere = async () => {
  const r = await Xlsx.readRegister(REGISTER, {})
  const register = r.ok ? r.value : r.error.partial
  if (register === undefined) throw new Error("the example register does not read")
  return { register, issues: r.ok ? [] : r.error.issues }
}

/** The installed packs with Đồng Tháp's (87) overlay where it has one, as `khuyencong evaluate` uses them. */
const rules = (province: string): ReadonlyArray<RulePack.RulePack> =>
  [r2014, r2021, r2026].map((m) => {
    const national = Pack.loadOrThrow(m.pack)
    const overlay = m.overlays.find((o) => o.province === province)
    return overlay === undefined ? national : must(Overlay.apply(national, overlay))
  })

/** `Appraisal.appraise` of the register with the example's establishments and the given envelopes and policy. */
const appraiseHere = (register: Register.Register, national: bigint, local: bigint, policy: Allocation.Policy): Appraisal.Appraisal => {
  const source = JSON.parse(readFileSync(SOURCE, "utf8")) as { establishments: Array<unknown> }
  const asOf = LocalDate.startOfYear(2024)
  const establishments = new Map(source.establishments.map((e) => must(Establishment.decode(e, { asOf }))).map((e) => [e.id, e] as const))
  const envelope = (amount: bigint, kind: string) => ({ year: 2024, level: "provincial", provinceCode: "87", amount: String(amount), source: { kind } })
  const plan = must(
    Plan.decode({
      id: "KH-2024",
      year: 2024,
      level: "provincial",
      provinceCode: "87",
      envelopes: [envelope(national, "central-budget"), envelope(local, "local-budget")],
      proposalIds: register.proposals.map((p) => p.id)
    })
  )
  return must(Appraisal.appraise({ proposals: register.proposals, establishments, plan, rules: rules("87"), policy }))
}

const PARTIAL: Allocation.Policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }

/** The amounts the page shows for a fund's ranking: ids in order with their allocated đồng. */
const rankingShown = (page: Page, fund: string) =>
  page
    .locator(`[data-testid='ranking-${fund}'] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [r.querySelectorAll("td")[0]?.textContent ?? "", r.getAttribute("data-id"), r.getAttribute("data-allocated"), r.querySelectorAll("td")[4]?.textContent ?? ""]))

/** Check the totals, the ranking of each fund and the chart tables against an appraisal. */
const expectAppraisal = async (page: Page, a: Appraisal.Appraisal) => {
  await expect(page.getAttribute("[data-testid='total-allocated']", "data-value")).resolves.toBe(a.totals.allocated.toString())
  await expect(page.textContent("[data-testid='total-allocated'] .reg-amount-value")).resolves.toBe(Money.format(a.totals.allocated))
  await expect(page.textContent("[data-testid='total-envelope'] .reg-amount-value")).resolves.toBe(Money.format(a.totals.envelope))
  await expect(page.textContent("[data-testid='total-unallocated'] .reg-amount-value")).resolves.toBe(Money.format(a.totals.unallocated))
  await expect(page.textContent("[data-testid='total-payable'] .reg-amount-value")).resolves.toBe(Money.format(a.totals.payable))
  for (const f of a.funds) {
    const shown = await rankingShown(page, f.fund)
    const position = (id: string) => String(Appraisal.get(a, id)?.ranked?.position ?? "")
    expect(shown).toEqual(f.allocation.outcomes.map((o) => [position(o.id), o.id, o.allocated.toString(), Money.format(o.allocated)]))
    await expect(page.getAttribute(`[data-testid='ranking-${f.fund}']`, "data-allocated")).resolves.toBe(f.allocation.totals.allocated.toString())
  }
  // each chart's table adds up to the allocated total, in whole đồng
  for (const chart of ["chart-activity", "chart-place"]) {
    const amounts = await page.locator(`[data-testid='${chart}-table'] tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-allocated") ?? "0"))
    expect(amounts.reduce((s, x) => s + BigInt(x), 0n)).toBe(a.totals.allocated)
    await expect(page.locator(`canvas[data-testid='${chart}-canvas']`).count()).resolves.toBe(1)
  }
  // the places charted are the districts of the beneficiaries (the register places every proposal province-wide)
  const source = JSON.parse(readFileSync(SOURCE, "utf8")) as { establishments: Array<{ location: { district?: string } }> }
  const districts = new Set(source.establishments.map((e) => e.location.district ?? ""))
  const places = await page.locator("[data-testid='chart-place-table'] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key") ?? ""))
  expect(places.length).toBeGreaterThan(2)
  for (const p of places) expect(districts.has(p) || p === "Toàn tỉnh" || p === "Nhiều địa bàn").toBe(true)
  // the activities charted are those of the funded proposals
  const keys = await page.locator("[data-testid='chart-activity-table'] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key") ?? ""))
  expect(new Set(keys)).toEqual(new Set(Appraisal.funded(a).flatMap((x) => x.proposal.activities.map((act) => act.activity))))
}

// ---------------------------------------------------------------------------------------------

describe("the register tab", () => {
  it("reads an uploaded register: the rows, and the errors by cell the Node reader finds, in Vietnamese and English", async () => {
    const { register, issues } = await readHere()
    expect(issues.length).toBeGreaterThan(0)
    const page = await open()
    // the file input is labelled and reachable from the keyboard
    await expect(page.locator("label[for='reg-file']").textContent()).resolves.toContain("Biểu tổng hợp đề án (.xlsx)")
    let focused = ""
    for (let i = 0; i < 15 && focused !== "reg-file"; i++) {
      await page.keyboard.press("Tab")
      focused = String(await page.evaluate("document.activeElement && document.activeElement.id"))
    }
    expect(focused).toBe("reg-file")
    await page.setInputFiles("#reg-file", REGISTER)
    await page.waitForSelector("[data-testid='register-errors']")
    const shown = await page.locator("[data-testid='register-errors'] tbody tr").evaluateAll((rows) =>
      rows.map((r) => {
        const td = r.querySelectorAll("td")
        return { sheet: td[0]?.textContent ?? "", cell: r.getAttribute("data-cell"), code: r.getAttribute("data-code"), vi: td[3]?.querySelector("[lang='vi']")?.textContent ?? "", en: td[3]?.querySelector("[lang='en']")?.textContent ?? "" }
      })
    )
    expect(shown).toEqual(issues.map((i) => ({ sheet: i.sheet ?? "", cell: `${i.column ?? ""}${i.row ?? ""}`, code: i.code, vi: Issues.messageOf(i, "vi"), en: Issues.messageOf(i, "en") })))
    // the errors the example's data were made with (examples/provincial-plan/data/register-2024.source.json: "seven rows carry data errors on purpose"), cell by cell
    expect(shown.map((s) => s.cell)).toContain("K24")
    expect(shown.find((s) => s.cell === "K24")?.code).toBe("import/bad-amount")
    // the valid rows, in register order
    const ids = await page.locator("[data-testid='register-rows'] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")))
    expect(ids).toEqual(register.proposals.map((p) => p.id))
    // without the establishments the library cannot evaluate the group proposals: said, with the code
    await page.waitForSelector("[data-testid='register-appraisal-errors']")
    await expect(page.getAttribute("[data-testid='register-appraisal-errors'] tbody tr", "data-code")).resolves.toBe("eligibility/unknown-establishment")
    await page.close()
  })

  it("appraises with the establishments and envelopes: the totals, ranking and charts equal Appraisal.appraise; the policy and envelope change them", async () => {
    const { register } = await readHere()
    const page = await open()
    await page.setInputFiles("#reg-file", REGISTER)
    await page.waitForSelector("[data-testid='register-rows']")
    await page.setInputFiles("#reg-establishments", SOURCE)
    await page.waitForSelector("[data-testid='register-totals']")
    // the envelopes come from the plan beside the establishments, shown in đồng
    await expect(page.inputValue("#reg-national")).resolves.toBe("4.400.000.000 ₫")
    await expect(page.inputValue("#reg-local")).resolves.toBe("1.350.000.000 ₫")
    await expectAppraisal(page, appraiseHere(register, 4_400_000_000n, 1_350_000_000n, PARTIAL))
    await shot(page, "desktop")

    // a smaller national envelope typed with dots: fewer national proposals funded
    await page.fill("#reg-national", "2.500.000.000")
    await page.press("#reg-national", "Enter")
    await expect(page.inputValue("#reg-national")).resolves.toBe("2.500.000.000 ₫")
    const smaller = appraiseHere(register, 2_500_000_000n, 1_350_000_000n, PARTIAL)
    await page.waitForSelector(`[data-testid='total-allocated'][data-value='${smaller.totals.allocated}']`)
    await expectAppraisal(page, smaller)
    expect(smaller.totals.allocated).toBeLessThanOrEqual(2_500_000_000n + 1_350_000_000n)

    // whole proposals only
    await page.selectOption("#reg-policy", "whole-only")
    const whole = appraiseHere(register, 2_500_000_000n, 1_350_000_000n, { kind: "whole-only" })
    await page.waitForSelector(`[data-testid='total-allocated'][data-value='${whole.totals.allocated}']`)
    await expectAppraisal(page, whole)
    for (const f of whole.funds) for (const o of f.allocation.outcomes) expect(o.allocated === 0n || o.allocated === o.requested).toBe(true)

    // an amount as officials write it is read by Money.parse; one it refuses is said in words (its message), and the figures stay
    await page.fill("#reg-local", "1,35 tỷ")
    await page.press("#reg-local", "Enter")
    await expect(page.inputValue("#reg-local")).resolves.toBe(Money.format(must(Money.parse("1,35 tỷ"))))
    await page.fill("#reg-local", "mười tỷ")
    await page.press("#reg-local", "Enter")
    await expect(page.getAttribute("#reg-local", "aria-invalid")).resolves.toBe("true")
    const refused = Money.parse("mười tỷ")
    if (refused.ok) throw new Error("Money.parse should refuse 'mười tỷ'")
    await expect(page.textContent("#reg-local-hint")).resolves.toBe(`${Messages.messageOf(refused.error, "vi")} / ${Messages.messageOf(refused.error, "en")}`)
    await expectAppraisal(page, whole)
    await page.close()
  })

  it("downloads the plan workbook: exceljs opens it with the funded proposals and their approved amounts", async () => {
    const { register } = await readHere()
    const page = await open()
    await page.setInputFiles("#reg-file", REGISTER)
    await page.waitForSelector("[data-testid='register-rows']")
    await page.setInputFiles("#reg-establishments", SOURCE)
    await page.waitForSelector("[data-testid='register-download']")
    await expect(page.textContent("[data-testid='register-download']")).resolves.toContain("Tải kế hoạch")
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid='register-download']")])
    expect(download.suggestedFilename()).toBe("ke-hoach-khuyen-cong-2024.xlsx")
    const bytes = await readFile(await download.path())

    // what the plan must hold: Report.plan of the funded proposals in register order, with their allocated amounts
    const a = appraiseHere(register, 4_400_000_000n, 1_350_000_000n, PARTIAL)
    const funded = [...Appraisal.funded(a)].sort((x, y) => x.index - y.index)
    expect(funded.length).toBeGreaterThan(5)
    const table = Report.plan(must(Report.planRowsOf(funded.map((x) => x.proposal), new Map(funded.map((x) => [x.proposal.id, x.allocated] as const)))), { title: "KẾ HOẠCH KHUYẾN CÔNG NĂM 2024" })
    const col = (key: string) => table.columns.findIndex((c) => c.key === key) + 1
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as never)
    const ws = wb.worksheets[0]
    if (ws === undefined) throw new Error("the plan workbook has no sheet")
    const found: Array<[string, number, number]> = []
    ws.eachRow((row) => {
      const id = row.getCell(col("id")).value
      if (typeof id === "string" && funded.some((x) => x.proposal.id === id))
        found.push([id, Number(row.getCell(col("approved")).value), Number(row.getCell(col("requestedSupport")).value)])
    })
    // amounts in the table's unit (triệu đồng: 1.350.500.000 đ is 1350.5)
    const unit = Number(Report.unitDong(table.unit ?? "đồng"))
    expect(found).toEqual(table.rows.map((r) => [r["id"], Number(r["approved"]) / unit, Number(r["requestedSupport"]) / unit]))
    // the approved amounts are the allocated ones, and add up to the total allocated
    expect(table.rows.map((r) => r["approved"])).toEqual(funded.map((x) => x.allocated))
    expect(funded.reduce((s, x) => s + x.allocated, 0n)).toBe(a.totals.allocated)
    // and it reads back as a register to the same proposals
    const back = await Xlsx.readRegister(new Uint8Array(bytes), {})
    expect(back.ok ? back.value.proposals.map((p) => p.id) : back.error.issues).toEqual(funded.map((x) => x.proposal.id))
    // beneficiaries by the establishments' names, not their ids; the province in the issuing body
    const source = JSON.parse(readFileSync(SOURCE, "utf8")) as { establishments: Array<{ id: string; name: string }> }
    const nameOf = new Map(source.establishments.map((e) => [e.id, e.name] as const))
    expect(back.ok ? back.value.proposals.map((p) => p.beneficiaries) : []).toEqual(funded.map((x) => x.proposal.beneficiaries.map((b) => nameOf.get(b) ?? b)))
    expect(back.ok ? back.value.proposals.flatMap((p) => p.beneficiaries).filter((b) => nameOf.has(b)) : ["unread"]).toEqual([])
    expect(back.ok ? back.value.context.province?.text : undefined).toBe("UBND TỈNH ĐỒNG THÁP")
    await page.close()
  })

  it("fits a phone: one column, charts above their tables", async () => {
    const page = await open({ width: 390, height: 844 })
    await page.setInputFiles("#reg-file", REGISTER)
    await page.waitForSelector("[data-testid='register-rows']")
    await page.setInputFiles("#reg-establishments", SOURCE)
    await page.waitForSelector("[data-testid='register-totals']")
    // nothing wider than the screen but the tables' own scrolling boxes
    const overflow = await page.evaluate("document.documentElement.scrollWidth")
    expect(Number(overflow)).toBeLessThanOrEqual(390)
    await shot(page, "phone")
    await page.close()
  })
})
