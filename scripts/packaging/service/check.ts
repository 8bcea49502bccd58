/// <reference types="emscripten" />
// The service's declarations from TypeScript (tsc --noEmit, skipLibCheck off, moduleResolution
// node16 and bundler): embedding it on a store the application opens.
import { fromConfig, listen, type Running, type ServiceOptions } from "@khuyencong/service"
import { open } from "@khuyencong/adapters-postgres"

export const start = async (): Promise<Running> => {
  const options: ServiceOptions = {
    store: await open({ dataDir: "./data" }),
    auth: fromConfig({ tokens: [{ token: "a-long-random-secret", principal: "app", roles: ["reader"] }] }),
    limits: { maxBatch: 10 }
  }
  return listen({ ...options, port: 0 })
}
