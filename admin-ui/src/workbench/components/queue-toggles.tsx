/** The agent's skill queues, each with a switch to sign in to or out of it and its connection. */
import type { DeskSet } from "../desks";

export function QueueToggles({ set }: { set: DeskSet }) {
  return (
    <fieldset class="queues">
      <legend>Skill queues</legend>
      {set.queues.map((q) => {
        const desk = set.desks.get(q.id);
        const state = !desk
          ? "signed out"
          : desk.connection === "closed" && desk.stopReason
            ? `disconnected (${desk.stopReason})`
            : desk.connection;
        return (
          <label key={q.id} class={`queue ${desk?.connection ?? "off"}`}>
            <input
              type="checkbox"
              checked={!!desk}
              onChange={(e) => set.setSignedIn(q.id, e.currentTarget.checked)}
            />
            {q.name} <span class="muted">{state}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
