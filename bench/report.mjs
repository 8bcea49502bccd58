// The rows a benchmark hands to the runner (bench/run.mjs): one per measured work, beside its floor
// measured in the same run. Printed on one line of stdout, `@@bench [...]`, which the runner reads;
// a benchmark run on its own prints it too (one harmless line after its tables).
//
// A row: { bench, work, now, floor, unit, ratio, goal, met }
//   now / floor  the work's figure and the floor's (medians of interleaved rounds), in `unit`;
//   ratio        now / floor (or, for a "faster than" goal, floor / now: say so in `goal`);
//   goal         the target as people read it ("≤ 1.5× floor"), or "" when none is set;
//   met          true / false against the goal, undefined without one.
export const emit = (rows) => {
  process.stdout.write(`\n@@bench ${JSON.stringify(rows)}\n`)
}

/** A row for a "within k× of the floor" goal (k undefined: no goal). */
export const within = (bench, work, now, floor, unit, k, note) => {
  const ratio = now / floor
  return { bench, work, now, floor, unit, ratio, goal: k === undefined ? "" : `≤ ${k}× floor`, met: k === undefined ? undefined : ratio <= k, ...(note === undefined ? {} : { note }) }
}
