/**
 * Optional parts of the widget (the evaluation form now; forms and the call UI as they come) are
 * scripts of their own, `/widget-parts/<name>.js` beside widget.js, loaded the first time they are
 * needed so widget.js stays small. A part is an IIFE built from `parts/<name>/index.ts` that hands
 * its exports to `window.__edgeChatPart` (`parts/register.ts`); its exports' type lives in
 * `parts/types.ts`, so the core and the part agree without bundling each other. Script elements
 * with a same-origin `src` pass any CSP that already allows widget.js.
 */
import type { PartExports, PartName } from "./parts/types";

declare global {
  interface Window {
    __edgeChatPart?: (name: string, exports: unknown) => void;
  }
}

const loading = new Map<PartName, Promise<unknown>>();
const arrivals = new Map<string, (exports: unknown) => void>();

/** The part's exports, loading its script once (a failed load is tried again on the next call). */
export function loadPart<N extends PartName>(apiOrigin: string, name: N): Promise<PartExports[N]> {
  let pending = loading.get(name);
  if (!pending) {
    pending = new Promise<unknown>((resolve, reject) => {
      arrivals.set(name, resolve);
      window.__edgeChatPart ??= (n, exports) => arrivals.get(n)?.(exports);
      const script = document.createElement("script");
      script.src = `${apiOrigin}/widget-parts/${name}.js`;
      script.async = true;
      script.onerror = () => {
        loading.delete(name);
        script.remove();
        reject(new Error(`EdgeChat: the ${name} part did not load`));
      };
      document.head.appendChild(script);
    });
    loading.set(name, pending);
  }
  return pending as Promise<PartExports[N]>;
}
