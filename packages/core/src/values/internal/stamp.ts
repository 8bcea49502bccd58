/**
 * Internal: a base class whose constructor returns the object it is given, so that a subclass's
 * private fields (`#x`) are stamped on that object: a plain object (its prototype unchanged) then
 * carries data nothing but the subclass can see (not `Reflect.ownKeys`, equality, JSON,
 * `structuredClone`). About 20 times cheaper than an entry in a `WeakMap`, which costs the
 * collector too. Used to mark decoded values (`Decode`) and to keep the inputs of what an
 * evaluation computes on first read (its input hash, its trace).
 * @module
 */
export class Stamp {
  constructor(o: object) {
    return o
  }
}

/**
 * A field computed on first read, then kept: `define(o, a, b, c, d)` makes `key` an own,
 * enumerable accessor of `o` (where a field would be, in the order fields are added, so that
 * spreading, JSON, equality and `structuredClone` see it like one) whose first read returns
 * `compute(a, b, c, d)`, kept with its inputs in one private field stamped on `o` (a cell: one
 * field to add to the object rather than six, which made asking for traces 6 % slower), which
 * nothing else can see or change; the inputs are let go once the value is computed. One getter
 * shared by every object, so an object costs no function and stays a fast object (a getter
 * written in an object literal makes a new function and a dictionary-mode object per object).
 * Each call of `lazyField` has its own private field, so one object can carry several lazy
 * fields. The inputs must be values that cannot change (the result read later is then the result
 * of what was given).
 */
export const lazyField = <A, B, C, D, T>(key: string, what: string, compute: (a: A, b: B, c: C, d: D) => T): ((o: object, a: A, b: B, c: C, d: D) => void) => {
  /** The inputs until the first read, then the value (one object: one private field to add, not six). */
  class Cell {
    done = false
    value: T | undefined = undefined
    constructor(
      public a: A | undefined,
      public b: B | undefined,
      public c: C | undefined,
      public d: D | undefined
    ) {}
  }
  class Inputs extends Stamp {
    readonly #cell: Cell
    constructor(o: object, cell: Cell) {
      super(o)
      this.#cell = cell
    }
    static read(o: object): T {
      if (!(#cell in o)) throw new TypeError(`${key} read on an object that is not ${what}`)
      const c = (o as unknown as Inputs).#cell
      if (!c.done) {
        c.value = compute(c.a as A, c.b as B, c.c as C, c.d as D)
        c.done = true
        // what it was computed from is no longer needed
        c.a = c.b = c.c = c.d = undefined
      }
      return c.value as T
    }
  }
  const descriptor: PropertyDescriptor = Object.freeze({
    get(this: object): T {
      return Inputs.read(this)
    },
    enumerable: true,
    configurable: true
  })
  return (o, a, b, c, d) => {
    Object.defineProperty(o, key, descriptor)
    new Inputs(o, new Cell(a, b, c, d))
  }
}
