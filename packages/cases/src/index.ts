/**
 * Case files of khuyencong (`@khuyencong/cases`): the `Cases` namespace reads YAML (or JSON) case
 * files a policy officer can write, runs them against installed rule packs and reports every
 * difference between expected and actual output. The `khuyencong-cases` command runs case files
 * from the command line.
 * @since 0.1.0
 * @packageDocumentation
 */
export * as Cases from "./Cases.js"
