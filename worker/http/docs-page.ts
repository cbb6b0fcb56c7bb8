/**
 * `/api/docs`: a dependency-free renderer of the OpenAPI document (no CDN: local dev and
 * air-gapped deployments must work). Builds the page with DOM text nodes only. Script and style
 * are separate files, so the page runs under a CSP without 'unsafe-inline' (`DOCS_CSP`).
 */
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/docs.css">
<script src="/api/docs/docs.js" defer></script>
</head><body><header><h1>API reference</h1>
<div>OpenAPI document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></div></header>
<main id="root">Loading…</main>
</body></html>`;

export const docsStyle = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7fb}
header{background:#1d4ed8;color:#fff;padding:16px 24px}main{max-width:1000px;margin:0 auto;padding:16px}
section{background:#fff;border:1px solid #dde2ee;border-radius:8px;margin:10px 0;padding:10px 14px}
.m{display:inline-block;min-width:56px;font-weight:700;text-transform:uppercase}
.get{color:#047857}.post{color:#1d4ed8}.patch{color:#b45309}.delete{color:#b91c1c}
code{font-family:ui-monospace,monospace}pre{background:#f1f3f9;padding:8px;overflow:auto;max-height:320px}
details summary{cursor:pointer}h2{margin-top:24px}
header h1{margin:0;font-size:20px}header a{color:#fff}
`;

export const docsScript = `(async () => {
  const root = document.getElementById("root");
  const doc = await (await fetch("/api/v1/openapi.json")).json();
  root.textContent = "";
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
  const p = el("p", null, doc.info.description); root.append(p);
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push([path, method, op]);
  for (const [tag, ops] of Object.entries(byTag)) {
    root.append(el("h2", null, tag));
    for (const [path, method, op] of ops) {
      const s = el("section"); const d = el("details"); const sum = el("summary");
      sum.append(el("span", "m " + method, method), el("code", null, path), document.createTextNode(" — " + op.summary));
      d.append(sum);
      if (op.description) d.append(el("p", null, op.description));
      if (op.requestBody) { const [type, body] = Object.entries(op.requestBody.content)[0]; d.append(el("h4", null, "Request body (" + type + ")")); d.append(el("pre", null, JSON.stringify(body.schema ?? {}, null, 2))); }
      for (const [status, r] of Object.entries(op.responses)) {
        const schema = r.content && Object.values(r.content)[0].schema;
        d.append(el("h4", null, "Response " + status + ": " + r.description));
        if (schema) d.append(el("pre", null, JSON.stringify(schema, null, 2)));
      }
      s.append(d); root.append(s);
    }
  }
})();
`;
