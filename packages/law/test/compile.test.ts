import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { compile } from "../scripts/compile.mjs"

const here = new URL("../", import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), "khuyencong-law-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A copy of the corpus with one file rewritten. */
const withFile = (file: string, edit: (text: string) => string): string => {
  const dir = mkdtempSync(join(work, "corpus-"))
  cpSync(join(here, "corpus"), dir, { recursive: true })
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")))
  return dir
}

describe("the compiled corpus", () => {
  it("is what the YAML files compile to (run `pnpm law:compile` after editing them)", () => {
    const { json, problems } = compile()
    expect(problems).toEqual([])
    expect(json).toBe(readFileSync(join(here, "corpus.json"), "utf8"))
  })

  it("refuses a value without a grade, naming the file and the path", () => {
    const dir = withFile("parameters/support/machinery/cap.yaml", (t) => t.replace(/\n *grade: secondary\n/, "\n"))
    expect(compile(dir).problems).toEqual(['parameters/support/machinery/cap.yaml: values.2018-05-11.citation.grade: field "grade" is required'])
  })

  it("refuses a value that is not what its unit says", () => {
    const dir = withFile("parameters/support/machinery/cap.yaml", (t) => t.replace("value: 300.000.000 ₫", "value: 30%"))
    expect(compile(dir).problems).toEqual([
      'parameters/support/machinery/cap.yaml: values.2018-05-11.value: value (giá trị) of parameter "support.machinery.cap" on 2018-05-11 must be an amount of money (số tiền) such as 300.000.000 ₫; found "30%"'
    ])
  })

  it("refuses a citation of an instrument the corpus lacks", () => {
    const dir = withFile("parameters/support/machinery/cap.yaml", (t) => t.replace("instrument: 28/2018/TT-BTC", "instrument: 28/2081/TT-BTC"))
    expect(compile(dir).problems).toEqual([
      "parameters/support/machinery/cap.yaml: values.2018-05-11.citation.instrument: citation names instrument (văn bản) 28/2081/TT-BTC, which is not in the corpus"
    ])
  })

  it("refuses a parameter file whose name is not its id", () => {
    const dir = withFile("parameters/support/machinery/cap.yaml", (t) => t.replace("id: support.machinery.cap", "id: support.machinery.ceiling"))
    expect(compile(dir).problems[0]).toMatch(/^parameters\/support\/machinery\/cap\.yaml: id: the parameter id is "support\.machinery\.ceiling"/)
  })

  it("refuses a pack that cannot be built: an entry changing within its period", () => {
    const dir = withFile("calendar/progress-report.monthly.yaml", (t) => `${t}  2020-01-01: null\n`)
    expect(compile(dir).problems).toEqual([
      expect.stringMatching(/^packs\/2021-2025\.yaml: calendar\.progress-report\.monthly: calendar entry "progress-report\.monthly" ends on 2020-01-01, within the period/)
    ])
  })
})
