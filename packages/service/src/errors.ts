/**
 * Every answer that is not a success carries one typed error:
 * `{ error: { _tag, code, path, message: { vi, en }, issues: [{ code, path, message: { vi, en } }] } }`.
 * No stack trace, no exception text from a driver: an unexpected failure is logged on the server
 * and answered as `service/internal` with nothing of its cause.
 * @since 0.2.0
 */
import { Errors, Messages } from "@khuyencong/core"

/** A message in both languages. Core messages are English with the Vietnamese terms in brackets. */
export interface Message {
  readonly vi: string
  readonly en: string
}

/** One problem, with where it is in the request. */
export interface Issue {
  readonly code: string
  readonly path: ReadonlyArray<string | number>
  readonly message: Message
}

/** The body of every error answer. */
export interface ErrorBody {
  readonly error: {
    readonly _tag: string
    readonly code: string
    readonly path: ReadonlyArray<string | number>
    readonly message: Message
    readonly issues: ReadonlyArray<Issue>
  }
}

/** An error the service answers with, and its HTTP status. */
export class ServiceError extends Error {
  override readonly name = "ServiceError"
  constructor(
    readonly status: number,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly path: ReadonlyArray<string | number> = [],
    readonly headers: Readonly<Record<string, string>> = {},
    readonly issues: ReadonlyArray<Issue> = []
  ) {
    super(en)
  }

  body(): ErrorBody {
    const message = { vi: this.vi, en: this.en }
    return {
      error: {
        _tag: "ServiceError",
        code: this.code,
        path: this.path,
        message,
        issues: this.issues.length > 0 ? this.issues : [{ code: this.code, path: this.path, message }]
      }
    }
  }
}

/**
 * A core error or issue in both languages, from the message catalogue (`Messages.messageOf`: its
 * code and structured parameters, the field named by its path in the request); a code the
 * catalogue lacks keeps core's own (English) text on both sides.
 */
const coreMessage = (issue: Messages.IssueLike): Message => ({ vi: Messages.messageOf(issue, "vi"), en: Messages.messageOf(issue, "en") })

/** HTTP status of a core error: bad input 422, a rule refused 409 (or 422), a lookup miss 404/422. */
const statusOf = (e: Errors.KhuyenCongError | { readonly _tag: string; readonly code: string }): number => {
  switch (e._tag) {
    case "ParseError":
    case "ValidationError":
    case "ArithmeticError":
      return 422
    case "LookupError":
      return 422
    case "RuleViolation":
      return 409
    case "StorageError":
      return e.code === "storage/idempotency-conflict" || e.code === "storage/contract-exists" ? 409 : e.code === "storage/not-found" ? 404 : 503
    default:
      return 500
  }
}

interface Tagged {
  readonly _tag: string
  readonly code: string
  readonly message: string
  readonly path?: ReadonlyArray<string | number>
  readonly issues?: ReadonlyArray<{ readonly code: string; readonly path: ReadonlyArray<string | number>; readonly message: string; readonly actual?: unknown; readonly params?: Messages.Params }>
  readonly params?: Messages.Params
}

const isTagged = (u: unknown): u is Tagged =>
  typeof u === "object" && u !== null && typeof (u as Tagged)._tag === "string" && typeof (u as Tagged).code === "string" && typeof (u as Tagged).message === "string"

/**
 * The answer to a typed error of core or of a store. Store errors never show the driver's text
 * (only their code); core errors show their message and issues.
 */
export const fromTyped = (e: unknown, prefix: ReadonlyArray<string | number> = []): { readonly status: number; readonly body: ErrorBody } => {
  if (e instanceof ServiceError) return { status: e.status, body: e.body() }
  if (!isTagged(e)) return internal()
  const status = statusOf(e as Tagged)
  if (e._tag === "StorageError" && status === 503) {
    return {
      status,
      body: {
        error: {
          _tag: e._tag,
          code: e.code,
          path: [],
          message: { vi: "Kho dữ liệu tạm thời không trả lời; hãy thử lại.", en: "The store is not answering at the moment; try again." },
          issues: []
        }
      }
    }
  }
  const path = [...prefix, ...(e.path ?? [])]
  const issues: Array<Issue> =
    e.issues !== undefined && e.issues.length > 0
      ? e.issues.map((i) => {
          const at = [...prefix, ...i.path]
          return { code: i.code, path: at, message: coreMessage({ ...i, path: at }) }
        })
      : [{ code: e.code, path, message: coreMessage({ ...e, path }) }]
  return { status, body: { error: { _tag: e._tag, code: e.code, path, message: coreMessage({ ...e, path }), issues } } }
}

/** An unexpected failure: nothing of its cause is answered. */
export const internal = (): { readonly status: number; readonly body: ErrorBody } =>
  ({
    status: 500,
    body: new ServiceError(500, "service/internal", "Lỗi nội bộ của dịch vụ; sự cố đã được ghi lại.", "Internal service error; it has been logged.").body()
  })

/** Shorthands for the service's own errors. */
export const badRequest = (code: string, path: ReadonlyArray<string | number>, vi: string, en: string): ServiceError => new ServiceError(400, code, vi, en, path)
export const invalid = (code: string, path: ReadonlyArray<string | number>, vi: string, en: string): ServiceError => new ServiceError(422, code, vi, en, path)
export const tooLarge = (code: string, path: ReadonlyArray<string | number>, vi: string, en: string): ServiceError => new ServiceError(413, code, vi, en, path)
export const notFound = (code: string, path: ReadonlyArray<string | number>, vi: string, en: string): ServiceError => new ServiceError(404, code, vi, en, path)
