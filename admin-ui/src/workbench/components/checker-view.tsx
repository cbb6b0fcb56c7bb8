/** The quality checker's view of a queue: live conversations and agents (from `queue.snapshot`), watched chats with insert and intercept, and forcing an agent busy. */
import type { AgentDesk } from "../../realtime/agent-desk";
import { customerLabel } from "../../shared/customer-name";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";

export function CheckerView({ desk }: { desk: AgentDesk }) {
  const snap = desk.snapshot;
  const chats = desk.list();
  const chat = desk.selected ? desk.chats.get(desk.selected) : undefined;
  return (
    <div class="checker">
      <section aria-labelledby="live-title">
        <h2 id="live-title">
          Live conversations {snap ? <span class="muted">({snap.waiting} waiting)</span> : null}
        </h2>
        <table>
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
            {(snap?.conversations ?? []).map((c) => (
              <tr key={c.conversationId}>
                <td>{customerLabel(c, c.customerId)}</td>
                <td>{c.state}</td>
                <td>{c.agentName ?? "—"}</td>
                <td>{new Date(c.startedAt).toLocaleTimeString()}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => desk.watch(c.conversationId)}
                    aria-label={`Watch ${customerLabel(c, c.customerId)}`}
                  >
                    Watch
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="agents-title">
        <h2 id="agents-title">Agents</h2>
        <table>
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
                <td>{a.status}</td>
                <td>
                  {a.activeChats}/{a.maxConcurrentChats}
                </td>
                <td>
                  <button
                    type="button"
                    disabled={a.status === "busy"}
                    onClick={() => desk.forceBusy(a.employeeId)}
                    aria-label={`Force ${a.name} busy`}
                  >
                    Force busy
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="watched" aria-label="Watched conversations">
        <ChatList desk={desk} chats={chats} label="Watched conversations" />
        {chat ? (
          <ChatPane desk={desk} chat={chat} transferTargets={null} />
        ) : (
          <p class="empty">Watch a conversation to see it here.</p>
        )}
      </section>
    </div>
  );
}
