/** Chooses which of the agent's skill queues to sign in to (their default preselected). */
import { useState } from "preact/hooks";
import type { AgentConfig, QueueInfo } from "../session";

export function QueuePicker({
  config,
  queues,
  onPick,
}: {
  config: AgentConfig;
  queues: Map<string, QueueInfo>;
  onPick: (skillQueueId: string) => void;
}) {
  const served = config.servedSkillQueueIds;
  const [choice, setChoice] = useState(
    config.defaultSkillQueueId && served.includes(config.defaultSkillQueueId)
      ? config.defaultSkillQueueId
      : (served[0] ?? ""),
  );
  if (served.length === 0)
    return <p class="signin error">You are not configured with any skill queue. Ask your administrator.</p>;
  return (
    <form
      class="signin picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onPick(choice);
      }}
    >
      <h1>Sign in to a skill queue</h1>
      <p class="muted">Role: {config.platformRole === "qualityChecker" ? "quality checker" : "agent"}</p>
      <label for="queue">Skill queue</label>
      <select id="queue" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
        {served.map((id) => (
          <option key={id} value={id}>
            {queues.get(id)?.name ?? id}
          </option>
        ))}
      </select>
      <button type="submit" class="primary">
        Connect
      </button>
    </form>
  );
}
