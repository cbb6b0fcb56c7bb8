/**
 * A webhook receiver on loopback for the Workers-runtime tests (vitest global setup, plain Node).
 * `POST /in/<bucket>` records the request and answers by the URL's query: `?status=N` always N,
 * `?fail=N` 500 for the first N requests of the bucket and 200 after. `GET /log/<bucket>` answers
 * the recorded requests (headers and raw body) in order of arrival. Tests get the base URL with
 * `inject("webhookReceiver")`.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { TestProject } from "vitest/node";

type Received = { headers: IncomingHttpHeaders; body: string; at: number };

export default async function setup(project: TestProject) {
  const buckets = new Map<string, Received[]>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const [, kind, bucket = ""] = url.pathname.split("/");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const log = buckets.get(bucket) ?? [];
      buckets.set(bucket, log);
      if (kind === "log") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(log));
        return;
      }
      log.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const fail = Number(url.searchParams.get("fail") ?? 0);
      const status = Number(url.searchParams.get("status") ?? (log.length <= fail ? 500 : 200));
      if (status >= 300 && status < 400) res.setHeader("location", "http://127.0.0.1:1/elsewhere");
      res.statusCode = status;
      res.end(status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  project.provide("webhookReceiver", `http://127.0.0.1:${port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}
