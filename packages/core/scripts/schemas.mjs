#!/usr/bin/env node
/**
 * JSON Schemas (draft 2020-12) of khuyencong's JSON inputs and outputs, for callers in other
 * languages: `packages/core/schemas/*.schema.json`.
 *
 * Generated from the library's Effect Schemas (`Schema.toJsonSchemaDocument`) where they exist
 * (establishment, proposal, plan, budget envelope, evaluation with its trace), then post-processed:
 * money becomes a decimal string of đồng with a pattern (Effect types a bigint's JSON as
 * `string | number | "NaN" | "Infinity"`), every date `YYYY-MM-DD` with a pattern and
 * `format: "date"`, the field docs of the decoders become descriptions (English with the
 * Vietnamese term). The contract and the ledger event have no Effect Schema; their JSON form is
 * the one `Trace.toJson` writes (bigints as decimal strings), described here by hand.
 *
 * Every property of every schema then gets its description in English and in Vietnamese
 * (`descriptions.mjs`): `description` "English — Tiếng Việt", `x-description-en`, `x-description-vi`.
 *
 * Run against the built core: `pnpm schemas:generate` writes the files, `pnpm schemas:check`
 * fails when a committed file differs from what the library generates.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Schema } from "effect"
import { Establishment, Evaluate, Plan, Proposal } from "@khuyencong/core"
import { descriptions } from "./descriptions.mjs"

const dir = fileURLToPath(new URL("../schemas/", import.meta.url))
const BASE = "https://khuyencong.dev/schemas/0.2/"

const MONEY = {
  type: "string",
  pattern: "^(0|[1-9][0-9]*)$",
  description: "An amount of money in đồng, as a decimal string of digits (số tiền, đồng): \"300000000\" is 300.000.000 ₫.",
  examples: ["300000000"]
}
const SIGNED_MONEY = { ...MONEY, pattern: "^(0|-?[1-9][0-9]*)$", description: "A signed amount of money in đồng, as a decimal string (số tiền, đồng)." }
const LOCAL_DATE = {
  type: "string",
  format: "date",
  pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
  description: "A calendar day YYYY-MM-DD (ngày), without time or time zone."
}
const QUANTITY = {
  anyOf: [{ type: "number", minimum: 0 }, { type: "string", pattern: "^(0|[1-9][0-9]*)([.,][0-9]+)?$" }],
  description: "A quantity (số lượng): a number, or its decimal text."
}
const RATE = {
  type: "object",
  description: "An exact rate (tỷ lệ) as a fraction of two decimal strings: 1/2 is 50 %.",
  properties: { numerator: { type: "string", pattern: "^-?(0|[1-9][0-9]*)$" }, denominator: { type: "string", pattern: "^[1-9][0-9]*$" } },
  required: ["numerator", "denominator"],
  additionalProperties: false
}
/** Money fields by name: the ones Effect types as a bigint's JSON. */
const isNonFinite = (s) => s?.type === "string" && Array.isArray(s.enum) && s.enum.includes("NaN")

const docsOf = (docs, path) => {
  const key = path.filter((k) => k !== "*").join(".")
  const star = path.join(".")
  const d = docs?.[star] ?? docs?.[key]
  return d === undefined ? undefined : `${d.label}: ${d.expects}.`
}

/** Fields the evaluation writes as money strings (Evaluate.encode: bigints as decimal strings). */
const MONEY_KEYS = new Set(["payable", "eligibleCost", "requested", "rateCap", "absoluteCap", "support", "total", "amount", "envelope", "allocated"])
/** An issue path: field names and array indexes. */
const PATH_ITEM = { anyOf: [{ type: "string" }, { type: "integer", minimum: 0 }] }

/** Walk a generated schema: money, dates, quantities, descriptions. */
const post = (node, path, docs) => {
  if (Array.isArray(node)) return node.map((n) => post(n, path, docs))
  if (node === null || typeof node !== "object") return node
  const last = path[path.length - 1]
  if (last !== undefined && MONEY_KEYS.has(last) && node.type === "string" && Object.keys(node).length === 1) {
    const description = docsOf(docs, path)
    return description === undefined ? { $ref: "#/$defs/Money" } : { $ref: "#/$defs/Money", description }
  }
  if (Array.isArray(node.anyOf) && node.anyOf.some(isNonFinite)) {
    if (path.includes("path")) return PATH_ITEM
    // a JSON number (Effect admits "NaN" and "Infinity" as strings): a finite number
    const plain = node.anyOf.filter((a) => !isNonFinite(a))
    if (plain.length === 1 && plain[0].type === "number") return post({ ...node, anyOf: undefined, ...plain[0] }, path, docs)
    const base = last === "quantity" ? QUANTITY : { $ref: "#/$defs/Money" }
    const description = docsOf(docs, path)
    return description === undefined ? base : { ...base, description }
  }
  if (typeof node.$ref === "string" && /^#\/\$defs\/LocalDate(_\d+)?$/.test(node.$ref)) {
    const description = docsOf(docs, path)
    return description === undefined ? { $ref: "#/$defs/LocalDate" } : { $ref: "#/$defs/LocalDate", description }
  }
  const out = {}
  for (const [k, v] of Object.entries(node)) {
    if (v === undefined) continue
    if (k === "properties") out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, post(s, [...path, p], docs)]))
    else if (k === "items") out[k] = post(v, [...path, "*"], docs)
    else if (k === "$defs") out[k] = v
    else out[k] = post(v, path, docs)
  }
  const description = docsOf(docs, path)
  if (description !== undefined && out.description === undefined && out.$ref === undefined) out.description = description
  return out
}

const fromEffect = (schema, docs) => {
  const doc = Schema.toJsonSchemaDocument(schema)
  const defs = {}
  for (const [name, def] of Object.entries(doc.definitions ?? {}))
    if (/^(PlanYear|FiscalYear)/.test(name)) defs[name] = { type: "integer", minimum: 2000, maximum: 2100, description: "A year (năm), 2000–2100." }
    else if (!/^LocalDate(_\d+)?$/.test(name)) defs[name] = post(def, [], undefined)
  return { root: post(doc.schema, [], docs), defs }
}

const document = (name, title, description, { root, defs }) => {
  const $defs = { ...defs, Money: MONEY, LocalDate: LOCAL_DATE }
  const used = JSON.stringify(root) + JSON.stringify(defs)
  for (const k of Object.keys($defs)) if (!used.includes(`"#/$defs/${k}"`)) delete $defs[k]
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${BASE}${name}.schema.json`,
    title,
    ...root,
    description,
    $defs: { ...root.$defs, ...$defs }
  }
}

const citation = {
  type: "object",
  description: "A legal citation (căn cứ pháp lý): the instrument (văn bản), article (Điều), clause (khoản), point (điểm), and the grade of the source.",
  properties: {
    instrument: {
      type: "object",
      properties: { number: { type: "string" }, kind: { type: "string" }, issuer: { type: "string" }, title: { type: "string" } },
      required: ["number", "kind"]
    },
    article: { type: "string" },
    clause: { type: "string" },
    point: { type: "string" },
    grade: { enum: ["primary", "secondary", "provincial-copy", "unconfirmed"], description: "How sure the figure is (độ tin cậy của nguồn)." },
    note: { type: "string" }
  },
  required: ["instrument", "grade"]
}
const reading = {
  type: "object",
  description: "A parameter read at a date (tham số): its value, the days it applies and its citation.",
  properties: { parameterId: { type: "string" }, value: { $ref: "#/$defs/Rate" }, from: { $ref: "#/$defs/LocalDate" }, until: { $ref: "#/$defs/LocalDate" }, citation: { $ref: "#/$defs/Citation" } },
  required: ["parameterId", "value", "from", "citation"]
}
const condition = {
  type: "object",
  description: "What must hold before an advance or the remainder is paid (điều kiện tạm ứng, thanh toán).",
  properties: { kind: { type: "string" } },
  required: ["kind"]
}

const contract = {
  root: {
    type: "object",
    properties: {
      id: { type: "string", minLength: 1, description: "contract id (số hợp đồng)" },
      approvedSupport: { $ref: "#/$defs/Money", description: "approved support (kinh phí hỗ trợ được duyệt), in đồng" },
      activities: { type: "array", items: { type: "string" }, minItems: 1, description: "activity codes of the pack (nội dung hoạt động)" },
      advanceTier: { type: "string", description: "advance tier (mức tạm ứng) when the activities do not agree on one" },
      signed: { $ref: "#/$defs/LocalDate", description: "contract date (ngày ký hợp đồng)" },
      approved: { $ref: "#/$defs/LocalDate", description: "approval date (ngày quyết định phê duyệt): selects the pack and parameter values" },
      planYear: { type: "integer", description: "plan year (năm kế hoạch)" },
      lastPlanYear: { type: "integer", description: "last plan year of a multi-year project (năm kế hoạch cuối)" },
      implementingUnit: { type: "string", description: "implementing unit (đơn vị thực hiện)" },
      province: { type: "string", pattern: "^[0-9]{2}$", description: "province code (mã tỉnh)" },
      evaluation: {
        type: "object",
        description: "the stored evaluation the approved support rests on (kết quả thẩm định)",
        properties: { proposalId: { type: "string" }, evaluationId: { type: "string" } },
        required: ["proposalId", "evaluationId"],
        additionalProperties: false
      },
      terms: {
        type: "object",
        description: "terms taken from the pack at approval (điều khoản tạm ứng, thanh toán)",
        properties: {
          packId: { type: "string" },
          packVersion: { type: "string" },
          tier: {
            type: "object",
            properties: { id: { type: "string" }, name: { type: "string" }, firstAdvance: { $ref: "#/$defs/Reading" }, condition: { $ref: "#/$defs/Condition" }, citation: { $ref: "#/$defs/Citation" } },
            required: ["id", "name", "firstAdvance", "condition", "citation"]
          },
          remainder: { type: "object", properties: { condition: { $ref: "#/$defs/Condition" }, citation: { $ref: "#/$defs/Citation" } }, required: ["condition", "citation"] },
          overallCeiling: { $ref: "#/$defs/Reading" },
          rules: { type: "object", additionalProperties: { $ref: "#/$defs/Citation" } }
        },
        required: ["packId", "packVersion", "tier", "remainder", "rules"]
      }
    },
    required: ["id", "approvedSupport", "activities", "signed", "approved", "planYear", "lastPlanYear", "terms"]
  },
  defs: { Rate: RATE, Citation: citation, Reading: reading, Condition: condition }
}

const ledgerEvent = {
  root: {
    type: "object",
    properties: {
      id: { type: "string", minLength: 1, description: "event id (mã nghiệp vụ)" },
      idempotencyKey: { type: "string", minLength: 1, description: "idempotency key (khóa chống trùng): the same key with the same content is a no-op" },
      kind: {
        enum: ["advance", "payment", "refund", "settlement", "adjustment"],
        description: "advance (tạm ứng), payment (thanh toán), refund (hoàn trả), settlement (quyết toán) or adjustment (điều chỉnh)"
      },
      date: { $ref: "#/$defs/LocalDate", description: "date of the event (ngày)" },
      amount: { $ref: "#/$defs/Money", description: "amount in đồng (số tiền); for an adjustment the new approved support, for a settlement the settled amount" },
      evidence: {
        type: "object",
        description: "evidence the event carries (hồ sơ kèm theo)",
        properties: {
          progressShare: { $ref: "#/$defs/Rate", description: "share of the work done (tiến độ thực hiện), 0–100 %" },
          baseAcceptance: { $ref: "#/$defs/LocalDate", description: "date of the base-level acceptance (nghiệm thu cơ sở)" },
          businessRegistration: { type: "string", description: "business registration certificate number (giấy chứng nhận đăng ký doanh nghiệp)" },
          completedValue: { $ref: "#/$defs/Money", description: "value of completed work (giá trị khối lượng hoàn thành)" },
          decision: { type: "string", description: "decision number behind an adjustment (số quyết định điều chỉnh)" },
          decidedOn: { $ref: "#/$defs/LocalDate", description: "date of that decision (ngày quyết định)" },
          decidedBy: { type: "string", description: "issuer of that decision (cơ quan ban hành)" },
          legalBasis: { type: "string", description: "legal basis (căn cứ pháp lý)" },
          evaluationId: { type: "string", description: "the stored evaluation an increase rests on (kết quả thẩm định lại)" }
        },
        additionalProperties: false
      }
    },
    required: ["id", "idempotencyKey", "kind", "date", "amount"],
    additionalProperties: false
  },
  defs: { Rate: RATE }
}

/** Descriptions of the evaluation's fields (Evaluate.encode has no field docs of its own). */
const doc = (label, expects) => ({ label, expects })
const evaluationDocs = {
  "": doc("evaluation (kết quả đánh giá đề án)", "the record of one proposal's evaluation, as Evaluate.encode writes it"),
  evaluationVersion: doc("record version (phiên bản bản ghi)", "2"),
  proposalId: doc("proposal id (mã đề án)", "the proposal evaluated"),
  packId: doc("rule pack (bộ quy tắc)", "the id of the pack that governed the decision date"),
  packVersion: doc("rule pack version (phiên bản bộ quy tắc)", "the version of that pack"),
  date: doc("decision date (ngày quyết định)", "the day the rules were read"),
  verdict: doc("verdict (kết luận)", "eligible (đủ điều kiện), ineligible (không đủ điều kiện) or not-applicable (không áp dụng)"),
  eligibility: doc("eligibility (điều kiện hỗ trợ)", "every condition checked, passed, failed or not applicable, with its rule, reason and citation"),
  "eligibility.conditions": doc("conditions of the proposal (điều kiện của đề án)", "approved, in the catalogue, counterpart funding, no double funding"),
  "eligibility.establishments": doc("conditions of each beneficiary (điều kiện của từng cơ sở)", "legal form, location, industry, exclusions"),
  support: doc("support (mức hỗ trợ)", "the support line by line, with the constraint that bound each"),
  "support.lines": doc("cost lines (dòng dự toán)", "one per cost line of the proposal"),
  "support.lines.*.eligibleCost": doc("eligible cost (chi phí hợp lệ)", "in đồng"),
  "support.lines.*.requested": doc("requested support (kinh phí đề nghị hỗ trợ)", "in đồng"),
  "support.lines.*.rateCap": doc("cap from the rate (mức theo tỷ lệ)", "rate × eligible cost, in đồng"),
  "support.lines.*.absoluteCap": doc("absolute cap (mức tối đa)", "in đồng"),
  "support.lines.*.support": doc("support (mức hỗ trợ)", "the least of the request and the caps, in đồng"),
  "support.lines.*.binding": doc("binding constraint (ràng buộc)", "rate, absolute-cap, request or not-in-catalogue"),
  "support.total": doc("total support (tổng mức hỗ trợ)", "in đồng"),
  "support.requested": doc("total requested (tổng kinh phí đề nghị)", "in đồng"),
  "support.eligibleCost": doc("total eligible cost (tổng chi phí hợp lệ)", "in đồng"),
  payable: doc("payable (số được chi trả)", "the total support when eligible, else 0, in đồng"),
  trace: doc("trace (giải trình)", "one step per rule: inputs, parameters read with their citations, roundings, result and layer"),
  "trace.steps.*.rule": doc("rule (quy tắc)", "the rule id"),
  "trace.steps.*.parameters": doc("parameters read (tham số đã đọc)", "value, the days it applies, citation and grade"),
  "trace.steps.*.roundings": doc("roundings (làm tròn)", "each rounding applied, with the exact value and the difference"),
  "trace.steps.*.result": doc("result (kết quả)", "what the step produced"),
  "trace.steps.*.layer": doc("layer (lớp quy định)", "national, a provincial overlay or a what-if reform"),
  overlay: doc("provincial overlay (nghị quyết của tỉnh)", "the overlay in force, if any"),
  reforms: doc("reforms (phương án giả định)", "what-if reforms in force"),
  inputHash: doc("input hash (mã băm dữ liệu đầu vào)", "SHA-256 of the proposal and establishments evaluated"),
  warnings: doc("warnings (cảnh báo)", "issues that did not stop the evaluation, each with a code, path and message")
}

/** The envelope's field docs: the plan's, under `envelopes.*`. */
const envelopeDocs = Object.fromEntries(
  Object.entries(Plan.docs)
    .filter(([k]) => k.startsWith("envelopes.*."))
    .map(([k, v]) => [k.slice("envelopes.*.".length), v])
)

const schemas = {
  establishment: document("establishment", "Establishment (cơ sở công nghiệp nông thôn)", "A rural industrial establishment: the facts the eligibility and priority rules read. Decoded by Establishment.decode. / Cơ sở công nghiệp nông thôn được hỗ trợ.", fromEffect(Establishment.schema, Establishment.docs)),
  proposal: document("proposal", "Proposal (đề án khuyến công)", "A khuyến công proposal as it arrives from a form or an API; money as strings of digits in đồng. Decoded by Proposal.decode. / Đề án khuyến công.", fromEffect(Proposal.schema, Proposal.docs)),
  plan: document("plan", "Plan (kế hoạch khuyến công)", "A plan: its budget envelopes and the proposals it ranks. Decoded by Plan.decode. / Kế hoạch khuyến công.", fromEffect(Plan.schema, Plan.docs)),
  envelope: document("envelope", "Budget envelope (kinh phí được giao)", "A budget envelope of a plan. / Kinh phí được giao.", fromEffect(Plan.budgetEnvelopeSchema, envelopeDocs)),
  evaluation: document("evaluation", "Evaluation (kết quả đánh giá đề án)", "An evaluation as Evaluate.encode writes it (version 2), with its explanation trace when recorded: the complete legal basis of a decision. / Kết quả đánh giá đề án, kèm giải trình.", fromEffect(Evaluate.jsonSchema, evaluationDocs)),
  contract: document("contract", "Contract (hợp đồng khuyến công)", "A contract with the terms it took from its pack, as Trace.toJson writes it (money as decimal strings). / Hợp đồng và điều khoản tạm ứng, thanh toán.", contract),
  "ledger-event": document("ledger-event", "Ledger event (nghiệp vụ tạm ứng, thanh toán)", "One event of a contract's ledger: an advance, payment, refund, settlement or adjustment. / Một nghiệp vụ của sổ tạm ứng, thanh toán.", ledgerEvent)
}

/**
 * Both languages on every property: the English the schema has (from the decoders' field docs) or
 * the glossary's, and the glossary's Vietnamese (`parent.field` first, then `field`). A property
 * the glossary does not know stops the generation, so no schema ships with a field undescribed.
 */
const bilingual = (schemaName) => {
  const missing = []
  const lower = (n) => n.charAt(0).toLowerCase() + n.slice(1)
  const walk = (node, parent) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, parent))
    if (node === null || typeof node !== "object") return node
    const out = {}
    for (const [k, v] of Object.entries(node)) {
      if (k === "properties") {
        out[k] = Object.fromEntries(
          Object.entries(v).map(([name, prop]) => {
            const entry = descriptions[`${parent}.${name}`] ?? descriptions[name]
            if (entry === undefined) {
              missing.push(`${schemaName}: ${parent}.${name}`)
              return [name, walk(prop, name)]
            }
            const en = String(prop.description ?? entry[0]).replace(/\.$/, "")
            const vi = entry[1]
            return [name, { ...walk(prop, name), description: `${en} — ${vi}`, "x-description-en": en, "x-description-vi": vi }]
          })
        )
      } else if (k === "$defs") out[k] = Object.fromEntries(Object.entries(v).map(([d, def]) => [d, walk(def, lower(d))]))
      else out[k] = walk(v, parent)
    }
    return out
  }
  return (doc) => {
    const done = walk(doc, schemaName)
    if (missing.length > 0) throw new Error(`no English/Vietnamese description (packages/core/scripts/descriptions.mjs) for ${missing.join(", ")}`)
    return done
  }
}
for (const name of Object.keys(schemas)) schemas[name] = bilingual(name)(schemas[name])

const check = process.argv.includes("--check")
const stale = []
if (!check) mkdirSync(dir, { recursive: true })
for (const [name, schema] of Object.entries(schemas)) {
  const file = join(dir, `${name}.schema.json`)
  const text = `${JSON.stringify(schema, null, 2)}\n`
  if (check) {
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) stale.push(`packages/core/schemas/${name}.schema.json`)
  } else writeFileSync(file, text)
}
if (check) {
  if (stale.length > 0) {
    console.error(`JSON Schemas out of date (run pnpm schemas:generate): ${stale.join(", ")}`)
    process.exit(1)
  }
  console.log(`✓ ${Object.keys(schemas).length} JSON Schemas are up to date`)
} else console.log(`wrote ${Object.keys(schemas).length} JSON Schemas to packages/core/schemas/`)
