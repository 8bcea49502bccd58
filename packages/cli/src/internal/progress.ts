/**
 * Progress bars of a command's phases, drawn with cli-progress on a terminal (`isTTY`) and not at
 * all elsewhere: a log or a pipe gets no escape codes and no progress lines. One bar per phase;
 * starting a phase ends the one before, {@link Phases.stop} ends the last (call it in `finally`:
 * a bar keeps a redraw timer until it is stopped).
 * @internal
 */
import cliProgress from "cli-progress"

/** The stream bars are drawn on: stderr in the bin, a fake terminal in tests. */
export type Stream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number }

export interface Phase {
  /** Set the count done so far. */
  update(value: number): void
}

export interface Phases {
  /**
   * Start a phase: a bar with percentage, `done/total unit` and the time left when the total is
   * known; a count and the time taken when it is not.
   */
  start(label: string, unit: string, total?: number): Phase
  /**
   * End the current phase, complete (default: the bar is drawn a last time at its total, 100 %)
   * or not (an error: left where it was); the line is kept.
   */
  stop(complete?: boolean): void
}

const none: Phase = { update: () => {} }

/** The phases drawn on `stream` when it is a terminal; nothing otherwise (undefined, a pipe, a file). */
export const phases = (stream: Stream | undefined, lang: "vi" | "en"): Phases => {
  if (stream === undefined || stream.isTTY !== true) return { start: () => none, stop: () => {} }
  let current: { readonly bar: cliProgress.SingleBar; readonly known: boolean } | undefined
  const stop = (complete = true): void => {
    if (current === undefined) return
    const { bar, known } = current
    current = undefined
    // a phase that ends is complete: its bar ends at its total; a count ends at what it counted
    if (complete && known) bar.update(bar.getTotal())
    bar.stop()
  }
  const width = 13 // the longest label, "Ghi bảng tính"
  return {
    start(label, unit, total) {
      stop(true)
      const known = total !== undefined
      const left = lang === "vi" ? "còn" : "ETA"
      const bar = new cliProgress.SingleBar({
        stream,
        format: known
          ? `${label.padEnd(width)} {bar} {percentage}% | {value}/{total} ${unit} | ${left} {eta_formatted}`
          : `${label.padEnd(width)} {value} ${unit} | {duration_formatted}`,
        barCompleteChar: "█",
        barIncompleteChar: "░",
        barsize: 30,
        // leave the terminal's settings alone: nothing to restore if the command is interrupted
        hideCursor: false,
        linewrap: true,
        gracefulExit: false
      })
      bar.start(total ?? 0, 0)
      const phase = { bar, known }
      current = phase
      return {
        update(value) {
          if (current === phase) bar.update(value)
        }
      }
    },
    stop
  }
}
