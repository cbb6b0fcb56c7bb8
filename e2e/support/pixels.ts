/**
 * Pixel comparison of two PNG screenshots without an image library: the browser decodes them
 * (canvas `getImageData`), counts the pixels where any channel differs by more than `threshold`,
 * and paints a diff image (differing pixels red over a faded copy of the first image).
 */
import type { BrowserContext } from "playwright-core";

export type PixelDiff = {
  width: number;
  height: number;
  /** Both images have the same size (otherwise every pixel counts as differing). */
  sameSize: boolean;
  differing: number;
  /** `differing` over the pixel count, 0–1. */
  ratio: number;
  diffPng: Buffer;
};

export async function comparePngs(
  context: BrowserContext,
  a: Buffer,
  b: Buffer,
  threshold = 24,
): Promise<PixelDiff> {
  const page = await context.newPage();
  try {
    const out = await page.evaluate(
      async ({ a, b, threshold }) => {
        const load = async (b64: string) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = document.createElement("canvas");
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const g = c.getContext("2d", { willReadFrequently: true });
          if (!g) throw new Error("no 2d canvas");
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, c.width, c.height);
        };
        const [x, y] = [await load(a), await load(b)];
        const width = Math.max(x.width, y.width);
        const height = Math.max(x.height, y.height);
        const sameSize = x.width === y.width && x.height === y.height;
        const canvas = document.createElement("canvas");
        canvas.width = width;
        canvas.height = height;
        const g = canvas.getContext("2d");
        if (!g) throw new Error("no 2d canvas");
        const diff = g.createImageData(width, height);
        let differing = 0;
        for (let i = 0; i < width * height; i++) {
          const px = i % width;
          const py = Math.floor(i / width);
          const inX = px < x.width && py < x.height;
          const inY = px < y.width && py < y.height;
          const ix = (py * x.width + px) * 4;
          const iy = (py * y.width + px) * 4;
          let differs = !inX || !inY;
          for (let ch = 0; ch < 4 && !differs; ch++)
            differs = Math.abs((x.data[ix + ch] ?? 0) - (y.data[iy + ch] ?? 0)) > threshold;
          const o = i * 4;
          if (differs) {
            differing++;
            diff.data.set([255, 0, 0, 255], o);
          } else {
            const grey = inX ? 255 - (255 - (x.data[ix] ?? 0)) * 0.25 : 255;
            diff.data.set([grey, grey, grey, 255], o);
          }
        }
        g.putImageData(diff, 0, 0);
        return {
          width,
          height,
          sameSize,
          differing,
          ratio: differing / (width * height),
          diff: canvas.toDataURL("image/png").split(",")[1] ?? "",
        };
      },
      { a: a.toString("base64"), b: b.toString("base64"), threshold },
    );
    const { diff, ...rest } = out;
    return { ...rest, diffPng: Buffer.from(diff, "base64") };
  } finally {
    await page.close();
  }
}
