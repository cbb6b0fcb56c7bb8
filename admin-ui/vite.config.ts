/**
 * Builds the admin console (`index.html`, served at `/`) and, once it exists, the agent workbench
 * (`workbench.html`) into `admin-ui/dist`, which the Worker serves as static assets. The widget has
 * its own config (`vite.widget.config.ts`) that runs after this one.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const root = import.meta.dirname;
const pages = ["index.html", "workbench.html"].filter((page) => existsSync(resolve(root, page)));

export default defineConfig({
  root,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: Object.fromEntries(pages.map((page) => [page.replace(/\.html$/, ""), resolve(root, page)])),
    },
  },
});
