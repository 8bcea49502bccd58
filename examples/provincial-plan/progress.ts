/**
 * A plain-text progress bar for the console: no dependency, no colours. On a terminal it redraws
 * one line (`\r`); otherwise (a pipe, a CI log, a test) it prints the finished line once.
 *
 * ```
 * import     [████████████████████████] 38/38 rows       0,21 s
 * ```
 */

export interface Bar {
  /** Advance to `done` of `total` (the total may grow, e.g. while rows stream in). */
  readonly update: (done: number, total?: number) => void
  /** Draw the finished bar and end the line; returns the seconds it took. */
  readonly finish: (note?: string) => number
}

const WIDTH = 24

export const bar = (label: string, total: number, unit: string, write: (s: string) => void, tty: boolean): Bar => {
  const started = performance.now()
  let done = 0
  let max = total
  let lastDraw = 0
  const line = (note?: string): string => {
    const share = max <= 0 ? 1 : Math.min(1, done / max)
    const filled = Math.round(share * WIDTH)
    const secs = ((performance.now() - started) / 1000).toFixed(2).replace(".", ",")
    const count = `${done}/${max} ${unit}`
    return `${label.padEnd(10)} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${count.padEnd(18)} ${secs.padStart(6)} s${note === undefined ? "" : `  ${note}`}`
  }
  return {
    update: (n, t) => {
      done = n
      if (t !== undefined) max = t
      if (max < done) max = done
      if (!tty) return
      const now = performance.now()
      if (now - lastDraw < 50 && done < max) return
      lastDraw = now
      write(`\r${line()}`)
    },
    finish: (note) => {
      done = max
      write(`${tty ? "\r" : ""}${line(note)}\n`)
      return (performance.now() - started) / 1000
    }
  }
}
