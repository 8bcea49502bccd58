/**
 * The OpenAPI 3.1 document of the service. The record schemas (proposal, establishment, plan,
 * evaluation) are the JSON Schemas (2020-12) core ships, generated from its Effect Schemas, so the
 * document describes what the decoders accept and what `Evaluate.encode` writes, with the same
 * English and Vietnamese descriptions. Each keeps its own `$defs` under its `$id`, so its
 * references resolve inside it.
 * @since 0.2.0
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { Limits } from "./limits.js"

type Json = Record<string, unknown>

/**
 * A record's schema: the JSON Schema core ships (`@khuyencong/core/schemas/<name>.schema.json`,
 * generated from its Effect Schemas, money and dates made explicit, every field described in
 * English and Vietnamese), so the API page and a generated client read the same text.
 */
const shipped = (name: string): Json => {
  const { $schema: _, ...schema } = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(`@khuyencong/core/schemas/${name}.schema.json`)), "utf8")) as Json
  return schema
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` })
const money: Json = { type: "string", pattern: "^\\d+$", description: "An amount of đồng as a decimal string (số tiền, đồng)", examples: ["300000000"] }
const date: Json = { type: "string", format: "date", description: "YYYY-MM-DD" }
const text: Json = { type: "string", minLength: 1 }

/** A path's `{id}` (a contract id). */
const idInPath: ReadonlyArray<Json> = [{ name: "id", in: "path", required: true, schema: { type: "string" } }]
/** Who may read a contract and its ledger: a bearer token of a planner or a ledger writer. */
const contractReaders = { security: [{ bearer: [] }], "x-roles": ["planner", "ledger"] }

const json = (schema: Json): Json => ({ content: { "application/json": { schema } } })

const errors = (...statuses: ReadonlyArray<number>): Json =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description:
          { 400: "Malformed request", 401: "No valid bearer token", 403: "The token's role does not allow this", 404: "Not found", 409: "Refused by a rule (RuleViolation) or a conflicting write", 413: "Over a limit (body size, batch size, string length, digits)", 422: "Invalid data (every problem with its path)", 503: "The store is not answering, or every evaluation thread is busy with large requests (request/busy, Retry-After)" }[s] ?? "Error",
        ...json(ref("Error"))
      }
    ])
  )

const cache = new WeakMap<Limits, Json>()

/** The OpenAPI document (built once). */
export const openapi = (limits: Limits): Record<string, unknown> => {
  const hit = cache.get(limits)
  if (hit !== undefined) return hit
  const doc: Json = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "khuyencong service",
      version: "0.2.0",
      description:
        "Vietnam's khuyến công (industrial extension) programme as a service: evaluate proposals against the rule packs, rank and allocate envelopes, keep contracts and their ledgers. Amounts are whole đồng written as decimal strings. Every error is `{ error: { _tag, code, path, message: { vi, en }, issues } }`. " +
        `Limits (checked before decoding, 413): body ${limits.maxRecordBodyBytes} bytes (${limits.maxBodyBytes} for /evaluate/batch and /allocate), lists ${limits.maxArrayLength} items, strings ${limits.maxStringLength} characters, numbers ${limits.maxDigits} digits, depth ${limits.maxDepth}, batch ${limits.maxBatch}, allocation ${limits.maxAllocate} proposals.`
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A token configured by the operator; its roles: reader, planner, ledger." } },
      schemas: {
        Proposal: shipped("proposal"),
        Establishment: shipped("establishment"),
        Plan: shipped("plan"),
        Evaluation: shipped("evaluation"),
        Message: { type: "object", required: ["vi", "en"], properties: { vi: { type: "string" }, en: { type: "string" } } },
        Issue: {
          type: "object",
          required: ["code", "path", "message"],
          properties: { code: { type: "string" }, path: { type: "array", items: { type: ["string", "integer"] } }, message: ref("Message") }
        },
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["_tag", "code", "path", "message", "issues"],
              properties: {
                _tag: { type: "string", examples: ["ValidationError", "RuleViolation", "ServiceError"] },
                code: { type: "string", examples: ["contract/exceeds-evaluation"] },
                path: { type: "array", items: { type: ["string", "integer"] } },
                message: ref("Message"),
                issues: { type: "array", items: ref("Issue") }
              }
            }
          }
        },
        EvaluateOptions: {
          type: "object",
          properties: {
            date: { ...date, description: "Decision date; default: the proposal's approval date, else its plan year" },
            pack: { type: "string", description: "Rule pack id (GET /packs); default: the pack governing the date" },
            trace: { type: "boolean" },
            applyPriorityMultiplier: { type: "boolean" }
          }
        },
        Contract: {
          type: "object",
          required: ["id", "approvedSupport", "activities", "signed", "approved", "planYear", "evaluation"],
          additionalProperties: false,
          properties: {
            id: text,
            approvedSupport: money,
            activities: { type: "array", items: text },
            advanceTier: text,
            signed: date,
            approved: date,
            planYear: { type: "integer" },
            lastPlanYear: { type: "integer" },
            implementingUnit: text,
            province: text,
            evaluation: { type: "object", required: ["proposalId", "evaluationId"], properties: { proposalId: text, evaluationId: text } },
            idempotencyKey: text
          }
        },
        LedgerEvent: {
          type: "object",
          required: ["id", "idempotencyKey", "kind", "date", "amount"],
          additionalProperties: false,
          description: "No author field: the author is the authenticated principal.",
          properties: {
            id: text,
            idempotencyKey: text,
            kind: { enum: ["advance", "payment", "refund", "settlement", "adjustment"] },
            date,
            amount: money,
            evidence: {
              type: "object",
              additionalProperties: false,
              properties: {
                progressShare: { type: "string", examples: ["75%"] },
                baseAcceptance: date,
                businessRegistration: text,
                completedValue: money,
                decision: text,
                decidedOn: date,
                decidedBy: text,
                legalBasis: text,
                evaluationId: text
              }
            }
          }
        },
        Policy: {
          type: "object",
          required: ["kind"],
          properties: { kind: { enum: ["whole-only", "partial-marginal", "proportional-tier"] }, minimumShare: { type: "string" }, unit: money }
        }
      }
    },
    paths: {
      "/evaluate": {
        post: {
          summary: "Evaluate one proposal (đánh giá đề án): the evaluation record (Evaluate.encode)",
          security: [{ bearer: [] }],
          "x-roles": ["reader", "planner", "ledger"],
          requestBody: json({
            allOf: [
              ref("EvaluateOptions"),
              {
                type: "object",
                required: ["proposal"],
                properties: { proposal: ref("Proposal"), establishments: { type: "array", items: ref("Establishment") }, explain: {
                    enum: ["vi", "en", true, false],
                    description:
                      "Add the explanation (giải trình) in Vietnamese or English; true: in the language the Accept-Language header prefers (Vietnamese unless English is preferred), said in Content-Language"
                  }
                }
              }
            ]
          }),
          responses: {
            200: { description: "The evaluation", ...json({ type: "object", properties: { evaluation: ref("Evaluation"), explanation: { type: "string" } } }) },
            ...errors(400, 401, 403, 413, 422, 503)
          }
        }
      },
      "/evaluate/batch": {
        post: {
          summary: `Evaluate up to ${limits.maxBatch} proposals sharing establishments; each answers for itself`,
          security: [{ bearer: [] }],
          "x-roles": ["reader", "planner", "ledger"],
          requestBody: json({
            allOf: [
              ref("EvaluateOptions"),
              {
                type: "object",
                required: ["proposals"],
                properties: { proposals: { type: "array", maxItems: limits.maxBatch, items: ref("Proposal") }, establishments: { type: "array", items: ref("Establishment") } }
              }
            ]
          }),
          responses: {
            200: {
              description: "One result per proposal, in order",
              ...json({ type: "object", properties: { results: { type: "array", items: { type: "object", properties: { ok: { type: "boolean" }, evaluation: ref("Evaluation"), error: {} } } } } })
            },
            ...errors(400, 401, 403, 413, 422, 503)
          }
        }
      },
      "/allocate": {
        post: {
          summary: "Appraise a plan: evaluate, rank and allocate its envelopes (Appraisal)",
          security: [{ bearer: [] }],
          "x-roles": ["planner"],
          requestBody: json({
            type: "object",
            required: ["plan", "proposals"],
            properties: {
              plan: ref("Plan"),
              proposals: { type: "array", maxItems: limits.maxAllocate, items: ref("Proposal") },
              establishments: { type: "array", items: ref("Establishment") },
              policy: ref("Policy"),
              submittedOn: { type: "object", additionalProperties: date },
              rankingDate: date,
              pack: { type: "string" },
              applyPriorityMultiplier: { type: "boolean" }
            }
          }),
          responses: { 200: { description: "Totals, funds with their ranking, each proposal's decision and allocation" }, ...errors(400, 401, 403, 413, 422, 503) }
        }
      },
      "/proposals": {
        post: {
          summary: "Store a proposal (new version) and its establishments",
          security: [{ bearer: [] }],
          "x-roles": ["planner"],
          requestBody: json({
            type: "object",
            required: ["proposal"],
            properties: { proposal: ref("Proposal"), establishments: { type: "array", items: ref("Establishment") }, status: { type: "string" }, idempotencyKey: text }
          }),
          responses: { 201: { description: "The stored version" }, ...errors(400, 401, 403, 409, 413, 422) }
        }
      },
      "/proposals/{id}/evaluations": {
        post: {
          summary: "Evaluate the stored proposal with its stored establishments and store the evaluation (what contracts rest on)",
          security: [{ bearer: [] }],
          "x-roles": ["planner"],
          parameters: idInPath,
          requestBody: json({ allOf: [ref("EvaluateOptions"), { type: "object", properties: { idempotencyKey: text } }] }),
          responses: { 201: { description: "The stored evaluation: id, verdict, payable, record" }, ...errors(400, 401, 403, 404, 409, 413, 422) }
        }
      },
      "/contracts": {
        post: {
          summary: "Store a contract resting on a stored evaluation (checked under the proposal's lock)",
          security: [{ bearer: [] }],
          "x-roles": ["planner"],
          requestBody: json(ref("Contract")),
          responses: { 201: { description: "The stored contract" }, ...errors(400, 401, 403, 409, 413, 422) }
        }
      },
      "/contracts/{id}": {
        get: {
          summary: "A stored contract",
          ...contractReaders,
          parameters: idInPath,
          responses: { 200: { description: "The contract" }, ...errors(401, 403, 404) }
        }
      },
      "/contracts/{id}/events": {
        post: {
          summary: "Post a ledger event (advance, payment, refund, settlement, adjustment); the author is the token's principal",
          security: [{ bearer: [] }],
          "x-roles": ["ledger"],
          parameters: idInPath,
          requestBody: json(ref("LedgerEvent")),
          responses: {
            201: { description: "Posted: the event, its author and the balances after it" },
            200: { description: "A retry of an earlier posting (same key and content): the original, replayed: true" },
            ...errors(400, 401, 403, 404, 409, 413, 422)
          }
        }
      },
      "/contracts/{id}/ledger": {
        get: {
          summary: "The contract's ledger: events (with authors) and balances",
          ...contractReaders,
          parameters: idInPath,
          responses: { 200: { description: "The ledger" }, ...errors(401, 403, 404) }
        }
      },
      "/parameters": {
        get: {
          summary: "Parameters of the rule pack in force at a date, each with its value and citation",
          parameters: [
            { name: "date", in: "query", required: true, schema: date },
            { name: "id", in: "query", required: false, schema: { type: "string" }, description: "One parameter, e.g. support.machinery.cap" },
            { name: "pack", in: "query", required: false, schema: { type: "string" } }
          ],
          responses: { 200: { description: "The readings" }, ...errors(413, 422) }
        }
      },
      "/packs": { get: { summary: "Installed rule packs: id, version, title, the period each governs", responses: { 200: { description: "The packs" } } } },
      "/openapi.json": { get: { summary: "This document", responses: { 200: { description: "OpenAPI 3.1" } } } },
      "/docs": { get: { summary: "Interactive API reference (Scalar, bundled with effect; no CDN)", responses: { 200: { description: "HTML" } } } },
      "/health": { get: { summary: "Liveness", responses: { 200: { description: "ok" } } } }
    }
  }
  cache.set(limits, doc)
  return doc
}
