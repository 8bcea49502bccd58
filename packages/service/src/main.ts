#!/usr/bin/env node
/**
 * `khuyencong-service`: start the service.
 *
 *   khuyencong-service [--port 8080] [--host 127.0.0.1] [--data-dir ./data] [--tokens tokens.json] [--workers N]
 *
 * Store: PostgreSQL when `DATABASE_URL` is set, else embedded PGlite, in `--data-dir` (kept
 * between runs; env `KHUYENCONG_DATA_DIR`) or in memory when neither is given. Migrations are
 * applied on start. Tokens: `--tokens FILE`, `KHUYENCONG_TOKENS_FILE` or `KHUYENCONG_TOKENS`
 * (see docs/service.md). Port and host also from `PORT` and `HOST`.
 * @since 0.2.0
 */
import { open } from "@khuyencong/adapters-postgres"
import { availableParallelism } from "node:os"
import { Effect } from "effect"
import { fromEnvironment } from "./auth.js"
import { listen } from "./server.js"
import { installBigintJSON } from "./wire.js"

const option = (argv: ReadonlyArray<string>, name: string): string | undefined => {
  const i = argv.indexOf(name)
  if (i >= 0) return argv[i + 1]
  const eq = argv.find((a) => a.startsWith(`${name}=`))
  return eq?.slice(name.length + 1)
}

const HELP = `khuyencong-service: the khuyến công HTTP service

  khuyencong-service [--port 8080] [--host 127.0.0.1] [--data-dir DIR] [--tokens FILE] [--schema NAME] [--workers N]

  DATABASE_URL            PostgreSQL server (else embedded PGlite)
  KHUYENCONG_DATA_DIR     PGlite data folder (else in memory)
  KHUYENCONG_TOKENS_FILE  token file, or KHUYENCONG_TOKENS with the JSON itself
  KHUYENCONG_SCHEMA       as --schema: the database schema of the tables (default khuyencong)
  KHUYENCONG_WORKERS      as --workers: threads evaluating and allocating off the event loop
                          (default: the machine's cores less one; 0 evaluates on the event loop)
  PORT, HOST              as --port, --host

API page at /docs, OpenAPI at /openapi.json. See docs/service.md.`

/** How long closing the listener, the threads and the store may take after SIGTERM/SIGINT. */
const STOP_MS = 10_000

export const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(HELP)
    return
  }
  // this process is the service's own: money is written as decimal text without touching
  // BigInt.prototype on every answer
  installBigintJSON()
  // The signal handlers first: until a process has one, SIGTERM ends it on the spot, and a
  // supervisor that stops the service as soon as it says "listening" would cut it off unclosed.
  // A signal during start-up stops the service as soon as it has started.
  let stop: (() => void) | undefined
  let stopAsked = false
  const onSignal = (): void => {
    if (stopAsked) return
    stopAsked = true
    stop?.()
  }
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)
  const env = process.env
  const port = Number(option(argv, "--port") ?? env["PORT"] ?? "8080")
  const host = option(argv, "--host") ?? env["HOST"] ?? "127.0.0.1"
  const dataDir = option(argv, "--data-dir") ?? env["KHUYENCONG_DATA_DIR"]
  const auth = fromEnvironment(option(argv, "--tokens"), env)
  const url = env["DATABASE_URL"]
  const schema = option(argv, "--schema") ?? env["KHUYENCONG_SCHEMA"]
  const workersText = option(argv, "--workers") ?? env["KHUYENCONG_WORKERS"]
  const workers = workersText === undefined || workersText === "" ? Math.max(0, availableParallelism() - 1) : Number(workersText)
  if (!Number.isSafeInteger(workers) || workers < 0 || workers > 64) throw new Error(`--workers must be a whole number from 0 to 64, not "${workersText}"`)
  const store = await open({
    ...(url !== undefined && url !== "" ? { driver: "pg", connectionString: url } : { driver: "pglite", ...(dataDir === undefined ? {} : { dataDir }) }),
    ...(schema === undefined ? {} : { schema })
  })
  const running = await listen({ store, auth, port, host, workers })
  const where = store.driver === "pg" ? "PostgreSQL (DATABASE_URL)" : dataDir === undefined ? "PGlite in memory" : `PGlite in ${dataDir}`
  console.log(`khuyencong-service listening on ${running.url} (store: ${where}; ${workers === 0 ? "evaluating on the event loop" : `${workers} evaluation thread${workers === 1 ? "" : "s"}`}); API page ${running.url}/docs`)
  stop = (): void => {
    // Writes are transactions, so a stop cut short loses nothing committed; but a stop must end.
    setTimeout(() => {
      console.error(`khuyencong-service: not stopped within ${STOP_MS / 1000} s of the signal; exiting`)
      process.exit(1)
    }, STOP_MS).unref()
    running
      .close()
      .then(() => Effect.runPromise(store.close()))
      .then(
        () => process.exit(0),
        (e: unknown) => {
          console.error("khuyencong-service: stopping failed", e)
          process.exit(1)
        }
      )
  }
  if (stopAsked) stop()
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
