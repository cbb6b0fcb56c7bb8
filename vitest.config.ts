import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Two layers: pure rules in plain Node (`*.node.test.ts`), everything touching D1, Durable Objects
 * or HTTP inside the Workers runtime with real local D1 and the migrations applied (`*.test.ts`).
 */
export default defineConfig(async () => ({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: [
            "worker/**/*.node.test.ts",
            "durable-objects/**/*.node.test.ts",
            "admin-ui/src/**/*.node.test.ts",
          ],
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                PLATFORM_TOKEN: "test-platform-token",
                ATTACHMENT_SIGNING_KEY: "test-attachment-signing-key-0123456789",
              },
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["worker/**/*.test.ts", "durable-objects/**/*.test.ts"],
          exclude: ["**/*.node.test.ts"],
          setupFiles: ["./worker/test/apply-migrations.ts"],
        },
      },
    ],
  },
}));
