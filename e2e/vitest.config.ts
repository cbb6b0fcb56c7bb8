import { defineConfig } from "vitest/config";

/**
 * Browser journeys against a real `wrangler dev` (started by the tests themselves) in Debian
 * Chromium through playwright-core. Run with `npm run test:e2e`
 * (`vitest run --config e2e/vitest.config.ts`). Set `E2E_SKIP_BUILD=1` to reuse `admin-ui/dist`.
 */
export default defineConfig({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 420_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
