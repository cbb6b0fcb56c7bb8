import { defineConfig } from "vitest/config";

/**
 * Browser journeys against a real `wrangler dev` (started by the tests themselves) in Debian
 * Chromium through playwright-core. Run with `npm run test:e2e`
 * (`vitest run --config e2e/vitest.config.ts`). Set `E2E_SKIP_BUILD=1` to reuse `admin-ui/dist`.
 * Every wait is bounded but generous for a slow two-core CI machine; nothing sleeps.
 */
export default defineConfig({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    // Build, Worker snapshot, migrations and the first start; each step has its own bound too.
    hookTimeout: 420_000,
    // `expect.poll` waits for a condition (1 s by default is too short on a loaded machine).
    expect: { poll: { timeout: 20_000, interval: 100 } },
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
