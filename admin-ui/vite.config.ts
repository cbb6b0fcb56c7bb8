/**
 * Builds the admin console (`index.html`, served at `/`) and, once it exists, the agent workbench
 * (`workbench.html`) into `admin-ui/dist`, which the Worker serves as static assets. The widget has
 * its own config (`vite.widget.config.ts`) that runs after this one. It also writes the assets'
 * `_headers` file (security headers of the static pages and `widget.js`) from the Worker's policy.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { headersFile } from "../worker/http/security-headers";

const root = import.meta.dirname;
/** Emits `_headers`, which Workers static assets read (and do not serve). */
function staticHeaders(): Plugin {
  return {
    name: "static-security-headers",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile() });
    },
  };
}

const pages = ["index.html", "workbench.html"].filter((page) => existsSync(resolve(root, page)));

export default defineConfig({
  root,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), staticHeaders()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: Object.fromEntries(pages.map((page) => [page.replace(/\.html$/, ""), resolve(root, page)])),
    },
  },
});
