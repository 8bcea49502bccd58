/**
 * Internal: how the case runner names a path in its messages. Not exported from the package.
 * @module
 */
import type { Errors } from "@khuyencong/core"

/** Render a path as `a.b[2].c` for messages. */
export const showPath = (path: Errors.Path): string => {
  let out = ""
  for (const k of path) out += typeof k === "number" ? `[${k}]` : out === "" ? k : `.${k}`
  return out === "" ? "(root)" : out
}
