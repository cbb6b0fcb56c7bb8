/** One queue as a quality checker sees it: live conversations to watch, agents to force busy or release. */
import type { AgentDesk } from "../../realtime/agent-desk";
import { confirm } from "../../shared/confirm";
import { customerDisplay } from "../../shared/customer-name";

export function QueueSnapshot({ desk, queueName }: { desk: AgentDesk; queueName: string }) {
  const snap = desk.snapshot;
  const release = async (employeeId: string, name: string, by: string | null) => {
    const ok = await confirm({
      title: `Release ${name}?`,
      message: `${name} was set busy${by ? ` by ${by}` : ""}. Released, they are idle and take chats again.`,
      confirmLabel: "Release",
      danger: false,
    });
    if (ok) desk.release(employeeId);
  };
  return (
    <section class="snapshot" aria-label={`Skill queue ${queueName}`}>
      <h2>
        {queueName} {snap ? <span class="muted">({snap.waiting} waiting)</span> : null}
      </h2>
      <table aria-label={`Live conversations in ${queueName}`}>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">State</th>
            <th scope="col">Agent</th>
            <th scope="col">Started</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(snap?.conversations ?? []).map((c) => {
            const who = customerDisplay(c).name;
            return (
              <tr key={c.conversationId}>
                <td>{who}</td>
                <td>{c.state}</td>
                <td>{c.agentName ?? "—"}</td>
                <td>{new Date(c.startedAt).toLocaleTimeString()}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => desk.watch(c.conversationId)}
                    aria-label={`Watch ${who}`}
                  >
                    Watch
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table aria-label={`Agents in ${queueName}`}>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col">Chats</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(snap?.agents ?? []).map((a) => (
            <tr key={a.employeeId}>
              <td>{a.name}</td>
              <td>{a.status === "busy" && a.forcedBy ? `busy (set by ${a.forcedBy})` : a.status}</td>
              <td>
                {a.activeChats}/{a.maxConcurrentChats}
              </td>
              <td>
                {a.status === "busy" ? (
                  <button
                    type="button"
                    onClick={() => void release(a.employeeId, a.name, a.forcedBy ?? null)}
                    aria-label={`Release ${a.name}`}
                  >
                    Release
                  </button>
                ) : (
                  <button
                    type="button"
                    onClick={() => desk.forceBusy(a.employeeId)}
                    aria-label={`Force ${a.name} busy`}
                  >
                    Force busy
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
