/**
 * Internal: deep copy-and-freeze of plain data (objects, arrays, bigints, strings …), so a loaded
 * rule pack cannot be changed through a reference the caller kept. Shared sub-objects stay
 * shared in the copy (one copy per original object).
 * @module
 */

export const deepFreezeCopy = <T>(value: T): T => copy(value, new Map()) as T

const copy = (value: unknown, seen: Map<object, unknown>): unknown => {
  if (typeof value !== "object" || value === null) return value
  const hit = seen.get(value)
  if (hit !== undefined) return hit
  if (Array.isArray(value)) {
    const out: Array<unknown> = []
    seen.set(value, out)
    for (const v of value) out.push(copy(v, seen))
    return Object.freeze(out)
  }
  const out: Record<string, unknown> = {}
  seen.set(value, out)
  for (const k of Object.keys(value)) out[k] = copy((value as Record<string, unknown>)[k], seen)
  return Object.freeze(out)
}

/** Whether a value and everything reachable from it is frozen. */
export const isDeepFrozen = (value: unknown, seen: Set<object> = new Set()): boolean => {
  if (typeof value !== "object" || value === null) return true
  if (seen.has(value)) return true
  seen.add(value)
  if (!Object.isFrozen(value)) return false
  for (const k of Object.keys(value)) if (!isDeepFrozen((value as Record<string, unknown>)[k], seen)) return false
  return true
}
