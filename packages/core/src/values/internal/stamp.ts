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
