/**
 * "Customer details": what the customer filled in the channel's pre-chat form, in the form's
 * order, shown as text. A value the identity token vouched for (a locked field) is marked verified;
 * the rest is what the customer typed. Nothing when the channel has no form.
 */
import type { PreChatValue } from "../../../../worker/schemas/pre-chat";

export function PreChatValues({ values }: { values: readonly PreChatValue[] | undefined }) {
  if (!values?.length) return null;
  return (
    <section class="pre-chat" aria-label="Customer details">
      <h3>Customer details</h3>
      <dl>
        {values.map((v) => (
          <div key={v.key}>
            <dt>{v.label}</dt>
            <dd>
              {v.value}
              {v.verified ? (
                <span class="verified" title="From the integrator's verified identity token">
                  {" "}
                  ✓ verified
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
