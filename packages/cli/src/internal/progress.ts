/**
 * Progress on stderr: redrawn in place on a terminal, one line when done elsewhere (no escape
 * codes in logs). No library: a counter is all the command needs.
 * @internal
 */
export const bar = (write: (s: string) => void, tty: boolean) => {
  let last = ""
  let lastDraw = 0
  return {
    update(label: string, n: number): void {
      last = `${label}: ${n}`
      const now = Date.now()
      if (!tty || now - lastDraw < 100) return
      lastDraw = now
      process.stderr.write(`\r${last}\x1b[K`)
    },
    done(): void {
      if (tty && last !== "") process.stderr.write(`\r${last}\x1b[K\n`)
      else if (last !== "" && write !== undefined) void 0
    }
  }
}
