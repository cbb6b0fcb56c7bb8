/** One GET as component state: the body once it arrived, the failure's message, and a retry. */
import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../../shared/api";

export type Fetched<T> = { data: T | null; error: string | null; retry: () => void };

/** `GET path`, again when `path` changes or on `retry()`; a late answer of an earlier path is dropped. */
export function useFetched<T>(path: string): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    api
      .get<T>(path)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return { data, error, retry: () => setAttempt((n) => n + 1) };
}
