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
                // 32 bytes: endpoint secrets are sealed with it; deliveries may go to the loopback receiver
                WEBHOOK_SECRETS_KEY: "dGVzdC13ZWJob29rLXNlY3JldHMta2V5LTMyLWJ5dGU",
                WEBHOOK_ALLOW_LOOPBACK: "1",
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
          // many tests hash passwords (PBKDF2) and open several sockets: on a loaded 2-core machine
          // that alone can pass 5 s; a hang still fails
          testTimeout: 20_000,
          globalSetup: ["./worker/test/webhook-receiver.ts"],
        },
      },
    ],
  },
}));
