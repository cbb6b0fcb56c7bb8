/** A secret the server shows only once (a webhook signing secret, an API token), with Copy. */
import { CopyButton } from "./copy-button";

export function ShownOnce({ title, secret, note }: { title: string; secret: string; note: string }) {
  return (
    <div class="alert alert-warning" role="status" style={{ display: "block" }}>
      <strong>{title}</strong>
      <p>
        <span class="mono" data-testid="shown-once" style={{ wordBreak: "break-all" }}>
          {secret}
        </span>{" "}
        <CopyButton text={secret} />
      </p>
      <p style={{ margin: 0 }}>{note} It is not shown again.</p>
    </div>
  );
}
