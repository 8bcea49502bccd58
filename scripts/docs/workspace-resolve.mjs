/**
 * `node --import ./scripts/docs/workspace-resolve.mjs file.mjs`: lets a script import the built
 * workspace packages by their published names (`@khuyencong/core`), so the documentation snippets
 * are the same code a user writes. Worker threads inherit the flag through `execArgv`.
 */
import { register } from "node:module"

register("./workspace-hooks.mjs", import.meta.url)
