/**
 * @khuyencong/core: the khuyến công domain. Each concept is a namespace.
 * @since 0.1.0
 */
export * as Citation from "./Citation.js"
export * as Errors from "./Errors.js"
export * as Result from "./Result.js"
