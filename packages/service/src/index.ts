/**
 * The khuyencong HTTP service (`@khuyencong/service`): evaluate proposals, allocate envelopes,
 * keep contracts and their ledgers, read the rule packs' parameters; OpenAPI at /openapi.json.
 * Start it with the `khuyencong-service` bin, or embed it with {@link listen} / {@link handler}.
 * @since 0.2.0
 * @packageDocumentation
 */
export { handler, listen, defaultPacks, type Handler, type Running, type ServiceOptions } from "./server.js"
export { fromConfig, fromEnvironment, type Auth, type Principal, type Role } from "./auth.js"
export { defaultLimits, type Limits } from "./limits.js"
export { defaultRateLimits, type RateLimit } from "./rate.js"
export { openapi } from "./openapi.js"
export { ServiceError, type ErrorBody, type Issue, type Message } from "./errors.js"
