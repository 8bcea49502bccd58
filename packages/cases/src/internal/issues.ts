/**
 * Internal: collecting validation issues with paths. Not exported from the package. The part of
 * core's private `rules/internal/issues.ts` that the case runner uses (core does not export it).
 * @module
 */
import type { Errors } from "@khuyencong/core"

/** A mutable list of issues with a helper to add one. */
export class Issues {
  readonly list: Array<Errors.Issue> = []

  add(code: string, path: Errors.Path, message: string, actual?: unknown): void {
    this.list.push(actual === undefined ? { code, path, message } : { code, path, message, actual })
  }

  get empty(): boolean {
    return this.list.length === 0
  }
}

/** Render a path as `a.b[2].c` for messages. */
export const showPath = (path: Errors.Path): string => {
  let out = ""
  for (const k of path) out += typeof k === "number" ? `[${k}]` : out === "" ? k : `.${k}`
  return out === "" ? "(root)" : out
}
