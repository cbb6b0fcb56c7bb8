/**
 * Builds widget.js and each optional part of it (`admin-ui/src/widget/parts/<name>/index.ts` →
 * `admin-ui/dist/widget-parts/<name>.js`) with `admin-ui/vite.widget.config.ts`, one after the
 * other (each is its own IIFE: Vite cannot split an IIFE into chunks).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";

const root = join(import.meta.dirname, "..");
const configFile = join(root, "admin-ui/vite.widget.config.ts");
const partsDir = join(root, "admin-ui/src/widget/parts");
const parts = readdirSync(partsDir).filter((name) => statSync(join(partsDir, name)).isDirectory());

for (const part of [undefined, ...parts]) {
  if (part) process.env.WIDGET_PART = part;
  else delete process.env.WIDGET_PART;
  await build({ configFile, logLevel: "warn" });
}
