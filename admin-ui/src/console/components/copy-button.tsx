/** A button that copies text to the clipboard and says so. */
import { useState } from "preact/hooks";
import { toast } from "../../shared/toast";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="btn btn-small copy"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          toast("The browser refused clipboard access; select the text and copy it.", "error");
        }
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}
