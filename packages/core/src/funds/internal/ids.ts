/**
 * The duplicate-id check of allocation's validation: open addressing over a 32-bit string hash
 * ({@link hashId}) in a table at most half full ({@link idTable}), each slot a pair (hash, 1 + the
 * candidate's place) in one `Int32Array`, so that a probe reads a candidate's id only when the
 * hashes are equal. On 100,000 ids it takes about half the time of a `Set`, whose insertions were
 * most of validation's time. Ids crafted to collide cannot make it slow: a probe longer than
 * {@link MAX_PROBES} slots moves every id into a `Set` ({@link idsIn}), which answers from then on.
 * The probe loop itself is written out in `validate` (a method or closure per id measured slower).
 */

/** The most slots a probe reads before the table gives way to a `Set`. */
export const MAX_PROBES = 64

/** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser (the table uses the low bits). */
export const hashId = (id: string): number => {
  let h = 0x811c9dc5
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** An empty table for `n` ids: 2 × (a power of two ≥ 2n, at least 16) slots; its mask is `slots.length / 2 - 1`. */
export const idTable = (n: number): Int32Array => {
  let size = 16
  while (size < n * 2) size *= 2
  return new Int32Array(2 * size)
}

/**
 * Every id in the table, as a `Set`: `cs` are the candidates the places point into, `renamed` the
 * ids (in NFC) of those whose id was not.
 */
export const idsIn = (
  slots: Int32Array,
  cs: ReadonlyArray<{ readonly id: string }>,
  renamed: ReadonlyMap<number, string> | undefined
): Set<string> => {
  const set = new Set<string>()
  for (let k = 1; k < slots.length; k += 2) {
    const at = slots[k] as number
    if (at !== 0) set.add(renamed?.get(at - 1) ?? (cs[at - 1] as { readonly id: string }).id)
  }
  return set
}
