/**
 * A watchdog for work that reports progress: when nothing has moved for `stallMs`, the result is
 * `onStall()` instead of a promise left pending forever. The timer also keeps the process alive
 * while it waits (a promise nobody can settle otherwise lets Node exit silently, mid-import).
 */
export const guard = async <A>(run: (progress: () => void) => Promise<A>, stallMs: number, onStall: () => A): Promise<A> => {
  let last = Date.now()
  const progress = () => {
    last = Date.now()
  }
  let timer: NodeJS.Timeout | undefined
  const stalled = new Promise<A>((resolve) => {
    timer = setInterval(() => {
      if (Date.now() - last > stallMs) resolve(onStall())
    }, Math.max(10, Math.min(1000, stallMs / 4)))
  })
  const work = run(progress)
  work.catch(() => undefined)
  try {
    return await Promise.race([work, stalled])
  } finally {
    clearInterval(timer)
  }
}
