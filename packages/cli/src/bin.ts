#!/usr/bin/env node
/**
 * The `khuyencong` bin: runs {@link run} with the process's arguments and sets the exit code.
 * @since 0.2.0
 * @module
 */
import { run } from "./cli.js"

run(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  cwd: process.cwd(),
  progress: process.stderr
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`khuyencong: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 3
  }
)
