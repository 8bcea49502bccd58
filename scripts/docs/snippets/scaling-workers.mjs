// docs/scaling.md: a what-if run over many proposals, split across worker threads. Outside the
// region there are only the data generator (deterministic) and assertions.
import assert from "node:assert/strict"

// Keep what the example prints, to check it against a single-threaded run below.
const printed = []
const print = console.log
console.log = (...args) => {
  printed.push(args.join(" "))
  print(...args)
}

// #region workers
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads"
import { availableParallelism } from "node:os"
import { Establishment, Money, Pack, Proposal, Reform, Result } from "@khuyencong/core"
import { pack } from "@khuyencong/rules-2021-2025"

// The what-if: raise the machinery cap from 300 to 400 million đồng per establishment from 2023.
// A reform is plain data (bigints included), so it crosses to the workers as it is.
const reform = {
  id: "machinery-400m",
  title: "What-if: machinery cap 400 million đồng per establishment from 2023",
  overrides: [{ parameter: "support.machinery.cap", range: { start: "2023-01-01" }, value: 400_000_000n }]
}

if (isMainThread) {
  // Proposals and establishments as they come out of the database: JSON, money as digit strings
  const { proposals, establishments } = loadRegister()

  // One slice per worker; each worker gets plain data and sends back exact bigint totals
  const workers = Math.min(4, availableParallelism())
  const size = Math.ceil(proposals.length / workers)
  const results = await Promise.all(
    Array.from({ length: workers }, (_, k) =>
      new Promise((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), {
          workerData: { proposals: proposals.slice(k * size, (k + 1) * size), establishments, reform }
        })
        w.once("message", resolve)
        w.once("error", reject)
        w.once("exit", (code) => code !== 0 && reject(new Error(`worker ${k} exited with ${code}`)))
      })
    )
  )

  // Sum in bigint đồng: exact whatever the number of proposals or workers
  let now = 0n, whatIf = 0n, changed = 0
  for (const r of results) {
    now += r.now
    whatIf += r.whatIf
    changed += r.changed
  }
  console.log(`${proposals.length} proposals on ${workers} workers: ${changed} paid differently`)
  console.log(`payable now ${Money.format(now)}, under the what-if ${Money.format(whatIf)}, difference ${Money.format(whatIf - now)}`)
} else {
  // In each worker: load and check the pack once, apply the reform once, decode the slice.
  const rules = Pack.loadOrThrow(pack)
  const reformed = Reform.applyOrThrow(rules, reform)
  const establishments = new Map()
  for (const json of workerData.establishments) {
    const e = Result.getOrThrow(Establishment.decode(json))
    establishments.set(e.id, e)
  }
  const proposals = workerData.proposals.map((json) => Result.getOrThrow(Proposal.decode(json)))

  // Reform.compare resolves each pack once per decision date and evaluates every proposal under
  // both: after that it is integer arithmetic on the resolved caps, with no I/O
  const c = Result.getOrThrow(Reform.compare(rules, reformed, proposals, { establishments }))
  parentPort.postMessage({ now: c.total.a, whatIf: c.total.b, changed: c.changed })
}
// #endregion

/**
 * A deterministic register: 6.000 single and group machinery proposals of the tea cooperatives,
 * approved on days of 2023 and 2024, with costs between 100 million and 1,5 tỷ đồng.
 */
function loadRegister() {
  const base = {
    name: "Cơ sở chế biến chè",
    legalForm: { kind: "cooperative" },
    location: {
      provinceCode: "02", provinceName: "Hà Giang", district: "Hoàng Su Phì",
      commune: { name: "Xã Thông Nguyên", kind: "commune" },
      difficultArea: "especially-difficult", poorDistrict: true, newRuralCommune: false,
      highland: true, island: false, border: false, ethnicMinorityArea: true
    },
    industry: { code: "che-bien-nong-lam-thuy-san" },
    workforce: 30, hasExportContract: false, cleanerProduction: false, womenOwned: false, ethnicMinorityOwned: true
  }
  const taxCodes = ["0100109106", "0200123457", "0301234562", "0402345678", "0503456783", "0604567899", "0705678901", "0806789012"]
  const establishments = taxCodes.map((taxCode, i) => ({ ...base, id: `e${i + 1}`, taxCode }))
  let seed = 20230315
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
  const proposals = []
  for (let n = 0; n < 6000; n++) {
    const members = establishments.slice(0, 1 + (next() % 3)).map((e) => e.id)
    const month = 1 + (next() % 12)
    const year = 2023 + (next() % 2)
    const approval = `${year}-${String(month).padStart(2, "0")}-15`
    proposals.push({
      id: `DA-${year}-${String(n).padStart(5, "0")}`,
      title: "Hỗ trợ ứng dụng máy móc thiết bị",
      fund: "national",
      form: members.length > 1 ? { kind: "group", beneficiaryIds: members } : { kind: "single" },
      activities: [
        {
          activity: "machinery",
          costLines: members.map((id) => {
            const total = BigInt(100 + (next() % 1400)) * 1_000_000n
            const requested = total / 2n
            return { item: "machinery.equipment", beneficiaryId: id, quantity: 1, unitCost: String(total), total: String(total),
              requestedSupport: String(requested), counterpartFunding: String(total - requested) }
          })
        }
      ],
      implementingUnit: { name: "Trung tâm Khuyến công Hà Giang" },
      beneficiaries: members,
      locations: [{ provinceCode: "02" }],
      planYear: year,
      duration: { start: approval, end: `${year}-12-31` },
      approvalDate: approval
    })
  }
  return { proposals, establishments }
}

if (isMainThread) {
  // The same run on one thread gives the same exact totals.
  const { proposals, establishments } = loadRegister()
  const rules = Pack.loadOrThrow(pack)
  const es = new Map(establishments.map((j) => [j.id, Result.getOrThrow(Establishment.decode(j))]))
  const ps = proposals.map((j) => Result.getOrThrow(Proposal.decode(j)))
  const c = Result.getOrThrow(Reform.compare(rules, Reform.applyOrThrow(rules, reform), ps, { establishments: es }))
  // the figures docs/scaling.md shows
  assert.equal(c.changed, 4976)
  assert.equal(c.total.a, 3_096_731_000_000n)
  assert.equal(c.total.b, 3_792_838_000_000n)
  assert.equal(printed[0], `6000 proposals on ${Math.min(4, availableParallelism())} workers: ${c.changed} paid differently`)
  assert.equal(printed[1], `payable now ${Money.format(c.total.a)}, under the what-if ${Money.format(c.total.b)}, difference ${Money.format(c.total.b - c.total.a)}`)
}
