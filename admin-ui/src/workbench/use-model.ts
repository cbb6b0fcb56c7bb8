/** Re-renders the calling component whenever an `Observable` model changes. */
import { useEffect, useReducer } from "preact/hooks";
import type { Observable } from "../realtime/observable";

export function useModel(model: Observable | null): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => model?.subscribe(() => bump(0)), [model]);
}
