/**
 * TypeDoc plugin for `pnpm docs:api` (typedoc.json).
 *
 * 1. In `packages` mode a package with several entry points in its `exports` map (core: `.` and
 *    `./testing`) gets one sub-module per entry and the main one is named ".": it is merged into
 *    its package, so the reference reads `@khuyencong/core` → `Money`, `Pack` … and
 *    `@khuyencong/core` → `testing`.
 * 2. Module headers. The packages start every module with a JSDoc header (what the concept is,
 *    with an example). Core's headers carry `@module` (`@packageDocumentation` on its entry
 *    points), so TypeDoc reads them itself and this step leaves them alone. Other packages'
 *    headers (adapters-excel, the rule packs) do not yet: without `@module` a namespace exported
 *    as `export * as Cell from "./Cell.js"` would have no description, so for those this plugin
 *    uses the header of the namespace's own file as its description. Drop this step once every
 *    package's headers carry `@module`.
 * 3. One-line examples. Most exports carry a one-line example written as Markdown, such as
 *    `@example \`Money.make(1n)\` → \`1n\``. TypeDoc wraps an example without a code fence in a
 *    TypeScript block, which would show the backticks and the arrow as code; such a one-line
 *    example is shown as the Markdown it is. Fenced examples are left alone.
 * 4. Derived forms. `export const parseOrThrow = Result.orThrow(parse)` (marked `@function`) has the
 *    signature `(...args: [text: string]) => Money` in TypeDoc's eyes, where TypeScript's own
 *    declarations read `(text: string) => Money`. A signature whose only parameter is a rest
 *    tuple of named members gets one parameter per member, as the declarations show it.
 */
import { Comment, Converter, ParameterReflection, ReflectionFlag, ReflectionKind } from "typedoc"
import ts from "typescript"

/** The header of a source file as markdown: its first JSDoc block, `@since` and `@category` dropped. */
const headerMarkdown = (text) => {
  const m = /^\s*(?:#![^\n]*\n\s*)?\/\*\*([\s\S]*?)\*\//.exec(text)
  if (m === null) return undefined
  const lines = m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, "").replace(/\s+$/, ""))
  const out = []
  let tag
  for (const line of lines) {
    const t = /^@(\w+)\s*(.*)$/.exec(line)
    if (t !== null) {
      tag = t[1]
      if (tag === "example") out.push("", "#### Example", "", ...(t[2] === "" ? [] : [t[2]]))
      continue
    }
    if (tag === undefined || tag === "example") out.push(line)
  }
  const md = out.join("\n").trim()
  return md === "" ? undefined : md
}

/** A one-line Markdown example that TypeDoc wrapped in a ```ts block, unwrapped. */
const unwrapInlineExamples = (comment) => {
  for (const tag of comment?.blockTags ?? []) {
    if (tag.tag !== "@example" || tag.content.length !== 1) continue
    const part = tag.content[0]
    const m = part.kind === "code" ? /^```ts\n(`[^\n]*)\n```$/.exec(part.text) : null
    if (m !== null) tag.content = [{ kind: "text", text: m[1] }]
  }
}

/**
 * The parameters of a signature whose only parameter is `...args: [a: A, b?: B]`, spread into `a`
 * and `b?` (registered like the parameters TypeDoc makes itself); other signatures are left alone.
 * Optional members are read from TypeScript's tuple, which TypeDoc's tuple type does not keep for
 * a parameter with a default value.
 * @param {import("typedoc").Context} context
 * @param {import("typedoc").SignatureReflection} sig
 * @param {ts.Declaration | undefined} _declaration
 * @param {ts.Signature | undefined} signature
 */
const spreadTupleParameters = (context, sig, _declaration, signature) => {
  const [rest, ...more] = sig.parameters ?? []
  if (rest === undefined || more.length > 0 || !rest.flags.isRest || rest.type?.type !== "tuple") return
  const members = rest.type.elements
  if (!members.every((m) => m.type === "namedTupleMember")) return
  const tuple = signature === undefined ? undefined : context.checker.getTypeOfSymbol(signature.parameters[0])
  const flags = tuple?.target?.elementFlags ?? []
  sig.parameters = members.map((m, i) => {
    const optional = m.isOptional || ((flags[i] ?? 0) & ts.ElementFlags.Optional) !== 0
    const p = new ParameterReflection(m.name, ReflectionKind.Parameter, sig)
    p.type = m.element
    p.setFlag(ReflectionFlag.Optional, optional)
    context.registerReflection(p, undefined)
    return p
  })
  context.project.removeReflection(rest)
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, spreadTupleParameters)

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Namespace | ReflectionKind.Module)) return
    const symbol = context.getSymbolFromReflection(reflection)
    const file = symbol?.declarations?.find(ts.isSourceFile)
    if (file === undefined) return
    // Keep a header that TypeDoc already read (one with @module / @packageDocumentation).
    if (reflection.comment !== undefined && context.getFileComment(file) !== undefined) return
    // The package's entry point keeps the package README that TypeDoc puts on it.
    if (reflection.kindOf(ReflectionKind.Module) && reflection.parent === context.project && reflection.name === "") return
    const md = headerMarkdown(file.text)
    if (md === undefined) return
    const { content } = context.converter.parseRawComment({ fileName: file.fileName, text: md }, context.project.files)
    reflection.comment = new Comment(content)
  })

  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const r of Object.values(context.project.reflections)) {
      unwrapInlineExamples(r.comment)
      if ("signatures" in r) for (const sig of r.signatures ?? []) unwrapInlineExamples(sig.comment)
    }
  })

  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const project = context.project
      for (const m of project.getReflectionsByKind(ReflectionKind.Module)) {
        if ((m.name === "" || m.name === ".") && m.parent === project) project.mergeReflections(m, project)
      }
    },
    2e4
  )
}
