/**
 * exceljs's prebuilt browser bundle without polyfills (browserify UMD; CommonJS in Node): the same
 * API as the package's main module, typed by its declarations.
 */
declare module "exceljs/dist/exceljs.bare.min.js" {
  const ExcelJS: typeof import("exceljs")
  export default ExcelJS
}
