/**
 * The agent's "Attach file" button: uploads the chosen file to the conversation through the
 * Worker (`POST /conversations/{id}/attachments`, the raw bytes), then sends it as a message. The
 * server decides whether the channel takes it (type from the bytes, size); its refusal is shown.
 */
import { useRef, useState } from "preact/hooks";
import type { AttachmentMeta } from "../../../../worker/schemas/attachment-meta";
import { api, errorMessage } from "../../shared/api";

export function AttachButton({
  conversationId,
  skillQueueId,
  disabled,
  onUploaded,
}: {
  conversationId: string;
  skillQueueId: string;
  disabled: boolean;
  onUploaded: (file: AttachmentMeta) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const meta = await api.upload<AttachmentMeta>(`/conversations/${conversationId}/attachments`, file, {
        skillQueueId,
        name: file.name,
      });
      onUploaded(meta);
    } catch (e) {
      setError(`${file.name}: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="attach">
      <input
        ref={input}
        type="file"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) void upload(file);
        }}
      />
      <button type="button" disabled={disabled || busy} onClick={() => input.current?.click()}>
        {busy ? "Uploading…" : "Attach file"}
      </button>
      {error ? (
        <span class="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
