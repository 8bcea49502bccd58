/**
 * Internal: collecting validation issues with paths, and turning them into one
 * `ValidationError` that lists them all. Not exported from the package.
 * @module
 */
import { ValidationError, type Issue, type Path } from "../../values/Errors.js"

/** A mutable list of issues with a helper to add one. */
export class Issues {
  readonly list: Array<Issue> = []

  add(code: string, path: Path, message: string, actual?: unknown): void {
    this.list.push(actual === undefined ? { code, path, message } : { code, path, message, actual })
  }

  /** Add every issue of a nested `ValidationError`, prefixing its paths. */
  addAll(prefix: Path, error: ValidationError, context?: string): void {
    for (const i of error.issues) {
      const issue: Issue = {
        code: i.code,
        path: [...prefix, ...i.path],
        message: context === undefined ? i.message : `${context}: ${i.message}`
      }
      this.list.push(i.actual === undefined ? issue : { ...issue, actual: i.actual })
    }
  }

  get empty(): boolean {
    return this.list.length === 0
  }

  /** One error holding every issue; `code` and `path` are those of the first issue. */
  toError(summaryCode: string, what: string): ValidationError {
    const first = this.list[0]
    const count = this.list.length
    return new ValidationError({
      code: first?.code ?? summaryCode,
      path: first?.path ?? [],
      message:
        first === undefined
          ? `${what} is not valid`
          : count === 1
            ? `${what}: ${first.message}`
            : `${what} has ${count} problems; first: ${first.message}`,
      issues: this.list.slice()
    })
  }
}

/** Render a path as `a.b[2].c` for messages. */
export const showPath = (path: Path): string => {
  let out = ""
  for (const k of path) out += typeof k === "number" ? `[${k}]` : out === "" ? k : `.${k}`
  return out === "" ? "(root)" : out
}
