/**
 * The storage contract of khuyencong (`@khuyencong/storage`): the `Storage` namespace, with the
 * `Store` interface every store implements, the Effect service, `make` (a store from a backend of
 * plain async functions) and `toAsync`. The in-memory store and the contract suite every store
 * must pass are in `@khuyencong/storage/testing`; the PostgreSQL store is
 * `@khuyencong/adapters-postgres`.
 * @since 0.1.0
 * @packageDocumentation
 */
export * as Storage from "./Storage.js"
