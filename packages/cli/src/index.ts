/**
 * @khuyencong/cli: the `khuyencong` command, runnable in-process with {@link run}.
 * @since 0.2.0
 */
export { ExitCode, run, type Io } from "./cli.js"
