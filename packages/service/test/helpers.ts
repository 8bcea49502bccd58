/**
 * Test helpers: the fixtures, the tokens, HTTP calls, and the service started as its own process
 * (`node dist/main.js`, the one command a user runs) on an ephemeral port.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const here = dirname(fileURLToPath(import.meta.url))
export const fixturesPath = join(here, "fixtures.json")
export const main = join(here, "..", "dist", "main.js")

type Json = Record<string, unknown>

export interface Fixtures {
  readonly date: string
  readonly establishments: ReadonlyArray<Json>
  readonly above: Json & { readonly id: string }
  readonly below: Json & { readonly id: string }
  readonly plan: Json
}

export const fixtures = (): Fixtures => JSON.parse(readFileSync(fixturesPath, "utf8")) as Fixtures

export const tokens = {
  reader: "reader-token-0123456789abcdef",
  planner: "planner-token-0123456789abcdef",
  ledger: "ledger-token-0123456789abcdef",
  ledger2: "ledger-token-2-0123456789abcdef"
} as const

export const tokenConfig = {
  tokens: [
    { token: tokens.reader, principal: "sct-tn/doc-gia", roles: ["reader"] },
    { token: tokens.planner, principal: "sct-tn/ke-hoach", roles: ["planner"] },
    { token: tokens.ledger, principal: "sct-tn/ke-toan-1", roles: ["ledger"] },
    { token: tokens.ledger2, principal: "sct-tn/ke-toan-2", roles: ["ledger"] }
  ]
}

export interface Reply {
  readonly status: number
  readonly body: any
  readonly headers: Headers
}

export const call = async (base: string, method: string, path: string, token?: string, body?: unknown): Promise<Reply> => {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" })
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
  })
  const text = await res.text()
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text, headers: res.headers }
}

/** The contract of the chain on the stored evaluation `evaluationId`. */
export const contractBody = (id: string, proposalId: string, evaluationId: string, amount = "300000000"): Json => ({
  id,
  approvedSupport: amount,
  activities: ["machinery"],
  signed: "2023-07-05",
  approved: "2023-06-30",
  planYear: 2023,
  province: "19",
  evaluation: { proposalId, evaluationId }
})

/** Store the proposal and its evaluation through the service; the stored evaluation's id. */
export const storeEvaluated = async (base: string, proposal: Json, establishments: ReadonlyArray<Json>, date: string): Promise<string> => {
  const saved = await call(base, "POST", "/proposals", tokens.planner, { proposal, establishments, status: "approved" })
  if (saved.status !== 201) throw new Error(`save proposal: ${saved.status} ${JSON.stringify(saved.body)}`)
  const ev = await call(base, "POST", `/proposals/${encodeURIComponent(proposal["id"] as string)}/evaluations`, tokens.planner, { date })
  if (ev.status !== 201) throw new Error(`evaluate stored: ${ev.status} ${JSON.stringify(ev.body)}`)
  return ev.body.id as string
}

/** How a service process ended: its exit code, or the signal that ended it; `killed` if it did not stop on SIGTERM. */
export interface Stopped {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly killed: boolean
}

export interface Process {
  readonly url: string
  readonly child: ChildProcess
  /** SIGTERM, and the end: SIGKILL if still running 20 s later. Ending an ended process is a no-op. */
  readonly stop: () => Promise<Stopped>
}

/** Start `node dist/main.js --port 0` with `env`; resolves once it listens. */
export const startProcess = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): Promise<Process> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, "--port", "0", ...args], {
      env: { ...process.env, KHUYENCONG_TOKENS: JSON.stringify(tokenConfig), ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`the service did not start within 90 s:\n${out}`))
    }, 90_000)
    const onData = (d: Buffer): void => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        child.stdout?.off("data", onData)
        resolve({
          url: m[1] as string,
          child,
          stop: () =>
            new Promise<Stopped>((done) => {
              // Ended already, by itself or by a signal (a child ended by a signal has no exit code).
              if (child.exitCode !== null || child.signalCode !== null) return done({ code: child.exitCode, signal: child.signalCode, killed: false })
              // The command bounds its own stop at 10 s; past 20 s it is hung, and a hung child must
              // not hang the test run: it is killed, and what it printed is shown.
              let killed = false
              const hung = setTimeout(() => {
                killed = true
                console.error(`service process ${child.pid} still running 20 s after SIGTERM; killing it. It printed:\n${out}`)
                child.kill("SIGKILL")
              }, 20_000)
              child.once("exit", (code, signal) => {
                clearTimeout(hung)
                done({ code, signal, killed })
              })
              child.kill("SIGTERM")
            })
        })
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the service exited with ${code}:\n${out}`))
    })
  })
