/**
 * The channel editor's "Leave a message" section (issue 15): whether a customer whose wait ended
 * without an agent may leave a message, whether they give contact details, and how many days a
 * left message waits for an agent before it expires.
 */
import { PENDING_DAYS } from "../../../../worker/schemas/leave-message";
import { NumberField, SelectField, SwitchField } from "../../shared/form/fields";

const CONTACT_OPTIONS = [
  { value: "off", label: "Off: no contact field" },
  { value: "optional", label: "Optional: email or phone" },
  { value: "required", label: "Required: email or phone" },
];

export function LeaveMessageSection({ enabled }: { enabled: boolean }) {
  return (
    <div class="section">
      <h2>Leave a message</h2>
      <SwitchField
        path="leaveMessage.enabled"
        label="Offer to leave a message"
        hint="When no agent can take a chat (outside work time, nobody on duty, busy, or the wait timed out), the customer may leave a message. What they wrote while waiting is kept as one."
      />
      {enabled ? (
        <div class="grid-2">
          <SelectField path="leaveMessage.contact" label="Contact details" options={CONTACT_OPTIONS} />
          <NumberField
            path="leaveMessage.pendingDays"
            label="Days a message waits for an agent"
            required
            min={PENDING_DAYS.min}
            max={PENDING_DAYS.max}
            hint="Left messages appear in the workbench's Messages inbox of the queue; after this many days without a pickup they expire and the customer is told when they return."
          />
        </div>
      ) : null}
    </div>
  );
}
