// The embedded-only install from TypeScript (tsc --noEmit, skipLibCheck off, moduleResolution
// node16 and bundler): without pg installed, the adapter's declarations resolve and the user's own
// PGlite is accepted as a store's database. PGlite's own declarations use the Emscripten types,
// which it lists only as a dev dependency: with skipLibCheck off, an app that imports PGlite
// installs @types/emscripten and names it in compilerOptions.types (when it lists types) or, as
// here, references it.
/// <reference types="emscripten" />
import { PGlite } from "@electric-sql/pglite"
import { Storage } from "@khuyencong/storage"
import { open, type OpenOptions, type PGliteInstance, type PostgresStore } from "@khuyencong/adapters-postgres"

const db = new PGlite()
const instance: PGliteInstance = db
const options: OpenOptions = { pglite: db, schema: "app" }
export const store: () => Promise<PostgresStore> = () => open(options)
export const onDisk: () => Promise<PostgresStore> = () => open({ dataDir: "./data/khuyencong" })
export const asAsync = async (): Promise<Storage.AsyncStore> => Storage.toAsync(await open({ useEnvironment: false }))
export const used = [instance] as const
