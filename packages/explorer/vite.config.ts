/**
 * Build of the explorer page: plain static files in dist/ with relative URLs (base `./`), so the
 * page works from any static server and from the service at /explorer/.
 *
 * The library runs in the browser as it is: core and the packs must not import a Node built-in on
 * the path the page uses. `noNodeBuiltins` makes the build fail, naming the importer, instead of
 * letting Vite replace the module with an empty browser stub.
 */
import { builtinModules } from "node:module"
import { defineConfig, type Plugin } from "vite"

const builtins = new Set(builtinModules)

export const noNodeBuiltins = (): Plugin => ({
  name: "khuyencong:no-node-builtins",
  enforce: "pre",
  resolveId(source, importer) {
    if (source.startsWith("node:") || builtins.has(source) || builtins.has(source.split("/")[0] ?? ""))
      this.error(`Node built-in "${source}" imported by ${importer ?? "(entry)"}: the explorer runs in a browser; move the Node-only code behind a separate entry of its package`)
    return null
  }
})

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [noNodeBuiltins()],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One bundle: the library and the law are what the page needs at once.
    chunkSizeWarningLimit: 2000
  }
})
