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
 * `compute(a, b, c, d)`, kept in private fields stamped on `o` with its inputs, which nothing else
 * can see or change. One getter shared by every object, so an object costs no function and stays a
 * fast object (a getter written in an object literal makes a new function and a dictionary-mode
 * object per object). Each call of `lazyField` has its own private fields, so one object can carry
 * several lazy fields. The inputs must be values that cannot change (the result read later is
 * then the result of what was given).
 */
export const lazyField = <A, B, C, D, T>(key: string, what: string, compute: (a: A, b: B, c: C, d: D) => T): ((o: object, a: A, b: B, c: C, d: D) => void) => {
  class Inputs extends Stamp {
    readonly #a: A
    readonly #b: B
    readonly #c: C
    readonly #d: D
    #done = false
    #value: T | undefined = undefined
    constructor(o: object, a: A, b: B, c: C, d: D) {
      super(o)
      this.#a = a
      this.#b = b
      this.#c = c
      this.#d = d
    }
    static read(o: object): T {
      if (!(#a in o)) throw new TypeError(`${key} read on an object that is not ${what}`)
      const i = o as unknown as Inputs
      if (!i.#done) {
        i.#value = compute(i.#a, i.#b, i.#c, i.#d)
        i.#done = true
      }
      return i.#value as T
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
    new Inputs(o, a, b, c, d)
  }
}
