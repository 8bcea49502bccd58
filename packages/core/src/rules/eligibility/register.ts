/**
 * Internal: a register of establishments prepared for evaluation (`Evaluate.register`). A
 * read-only `Map` of deep-frozen records, so that what depends only on an establishment and the
 * pack's view (its establishment conditions for a plan year) and on a province code and a date
 * (whether the code is in force) can be remembered: nothing it was computed from can change.
 * Evaluation (`verdicts.ts`, `Evaluate.ts`) looks the memo up when the context's establishments
 * are a register, and computes as before otherwise.
 * @module
 */
import type { Establishment } from "../../records/Establishment.js"
import { deepFreezeCopy, isDeepFrozen } from "../internal/freeze.js"
import type { EstablishmentVerdict } from "./model.js"

const readOnly = (): never => {
  throw new TypeError("an establishment register (Evaluate.register) is read-only: prepare a new one from the changed establishments")
}

export class Register extends Map<string, Establishment> {
  /** Per view (a `ResolvedPack` or its national view): per record, per plan year and scope, its verdict. */
  private readonly verdicts = new WeakMap<object, Map<Establishment, Map<number, EstablishmentVerdict>>>()
  /** Per date: the province codes found in force on it. */
  private readonly open = new Map<string, Set<string>>()
  private sealed = false

  constructor(entries: Iterable<readonly [string, Establishment]>) {
    super()
    for (const [id, e] of entries) super.set(id, isDeepFrozen(e) ? e : deepFreezeCopy(e))
    this.sealed = true
  }

  override set(id: string, e: Establishment): this {
    if (this.sealed) readOnly()
    return super.set(id, e)
  }
  override delete(): boolean {
    return readOnly()
  }
  override clear(): void {
    readOnly()
  }

  /** The verdict memo of one view (created on first use). */
  verdictsOf(view: object): Map<Establishment, Map<number, EstablishmentVerdict>> {
    let m = this.verdicts.get(view)
    if (m === undefined) {
      m = new Map()
      this.verdicts.set(view, m)
    }
    return m
  }

  /** Whether `code` was found in force on `date`. */
  isOpen(code: string, date: string): boolean {
    return this.open.get(date)?.has(code) === true
  }

  /** Remember that `code` is in force on `date`. */
  markOpen(code: string, date: string): void {
    let s = this.open.get(date)
    if (s === undefined) {
      s = new Set()
      this.open.set(date, s)
    }
    s.add(code)
  }
}
