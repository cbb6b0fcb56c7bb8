/**
 * Builds `widget.js`: one self-contained IIFE (no CSS file, no chunks) into `admin-ui/dist`, after
 * the console build (so `emptyOutDir` is off). Written in ASCII only, so its texts survive host
 * pages in any charset. The gzipped size is printed and the build fails above the 15 KB budget.
 * With `WIDGET_PART=<name>` it builds that optional part instead (`src/widget/parts/<name>/index.ts`
 * → `dist/widget-parts/<name>.js`, an IIFE too, loaded by widget.js on first use; budget 20 KB).
 * `scripts/build-widget.mjs` runs the core and every part.
 */
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const part = process.env.WIDGET_PART;
const BUDGET_BYTES = (part ? 20 : 15) * 1024;

/**
 * Escapes every non-ASCII UTF-16 unit as `\uXXXX` (valid in strings, template literals and
 * regular expressions alike): a script without `charset` is decoded in the host page's encoding.
 */
function asciiOnly(): Plugin {
  return {
    name: "widget-ascii-only",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === "chunk")
          file.code = file.code.replace(
            /[^\t\n\r\x20-\x7e]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
          );
      }
    },
  };
}

function sizeBudget(): Plugin {
  return {
    name: "widget-size-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== "chunk") continue;
        const gz = gzipSync(file.code, { level: 9 }).byteLength;
        const line = `widget size: ${file.fileName} ${(file.code.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(2)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`;
        if (gz > BUDGET_BYTES) this.error(`${line}: over budget`);
        console.log(line);
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [asciiOnly(), sizeBudget()],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2022",
    copyPublicDir: false,
    lib: {
      entry: part ? `src/widget/parts/${part}/index.ts` : "src/widget/index.ts",
      formats: ["iife"],
      name: part ? `EdgeChatPart_${part.replace(/\W/g, "_")}` : "EdgeChatWidget",
      fileName: () => (part ? `widget-parts/${part}.js` : "widget.js"),
    },
  },
});
