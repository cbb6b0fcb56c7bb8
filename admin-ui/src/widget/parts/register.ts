/** Hands a part's exports to the widget that loaded it (`../parts.ts`). */
import type { PartExports, PartName } from "./types";

export function registerPart<N extends PartName>(name: N, exports: PartExports[N]): void {
  window.__edgeChatPart?.(name, exports);
}
