/**
 * Testing a store (kiểm thử lưu trữ), exported as `@khuyencong/storage/testing`: the contract
 * suite every `Storage.Store` must pass (`storageContract`, with its fixtures and rule pack)
 * and the in-memory store that passes it (`memoryStore`, `memoryBackend`, `memoryLayer`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { memoryStore, storageContract } from "@khuyencong/storage/testing"
 * for (const c of storageContract) {
 *   const store = memoryStore()
 *   await c.run(store)
 *   await Effect.runPromise(store.close())
 * }
 * ```
 * @since 0.1.0
 * @packageDocumentation
 */
export { fixtures, storageContract, storedBasis, suitePack, type ContractCase, type ProposalOptions } from "./contract.js"
export { memoryBackend, memoryLayer, memoryStore } from "./memory.js"
