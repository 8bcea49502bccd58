import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    // Tests live in each package's test/ folder, and beside the code for one-concept folders
    // (core's eligibility rule kinds: src/rules/eligibility/<kind>/<kind>.test.ts).
    include: ["packages/*/test/**/*.test.ts", "packages/*/src/**/*.test.ts", "examples/**/test/**/*.test.ts"],
    // Property tests over big registers are CPU-bound; keep the machine responsive on 2 cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
