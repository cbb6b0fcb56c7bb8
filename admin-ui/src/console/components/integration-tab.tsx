/**
 * "Integration instructions": the embed snippet with the origins it works on (allowed, refused
 * lately), the identity-token recipe and the Try button.
 */
import type * as v from "valibot";
import type { IntegrationSchema } from "../../../../worker/schemas/channels";
import { ErrorState, Spinner } from "../../shared/components/feedback";
import { useFetched } from "../models/fetched";
import { AllowedOriginsPanel } from "./allowed-origins-panel";
import { CopyButton } from "./copy-button";

type Integration = v.InferOutput<typeof IntegrationSchema>;

export function IntegrationTab({ channelId }: { channelId: string }) {
  const { data, error, retry } = useFetched<Integration>(`/channels/${channelId}/integration`);
  if (error) return <ErrorState message={error} onRetry={retry} />;
  if (!data) return <Spinner />;
  const tryUrl = data.tryUrl || `/try/${encodeURIComponent(channelId)}`;
  const claims = Object.entries(data.identityToken.claims);
  return (
    <>
      <div class="section">
        <h2>
          Channel configuration ID
          <a class="btn btn-primary" href={tryUrl} target="_blank" rel="noopener">
            Try
          </a>
        </h2>
        <p>
          <span class="mono">{data.channelId}</span> <CopyButton text={data.channelId} label="Copy ID" />
        </p>
        <p class="muted">
          Record this ID: integrators use it in the page snippet and in identity tokens. Try opens a test page
          with the customer's dialog window.
        </p>
      </div>
      <div class="section">
        <h2>
          Embed snippet
          <CopyButton text={data.snippet} />
        </h2>
        <p class="section-note">
          Paste it before &lt;/body&gt; on every page that offers online customer service.
        </p>
        <pre class="code-block">{data.snippet}</pre>
      </div>
      <AllowedOriginsPanel data={data} refresh={retry} />
      <div class="section">
        <h2>
          Identity token
          <span class={`badge ${data.identityToken.required ? "badge-amber" : ""}`}>
            {data.identityToken.required ? "Required (third-party authentication on)" : "Optional"}
          </span>
        </h2>
        <p class="section-note">
          Your server signs a {data.identityToken.algorithm} JWT with the channel's secretKey and hands it to
          the widget. The secretKey never goes to the browser.
        </p>
        <table class="table">
          <thead>
            <tr>
              <th>Claim</th>
              <th>Meaning</th>
            </tr>
          </thead>
          <tbody>
            {claims.map(([claim, meaning]) => (
              <tr key={claim}>
                <td class="mono">{claim}</td>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 style={{ marginTop: "16px", display: "flex", justifyContent: "space-between" }}>
          Server-side example
          <CopyButton text={data.identityToken.example} />
        </h3>
        <pre class="code-block">{data.identityToken.example}</pre>
      </div>
    </>
  );
}
