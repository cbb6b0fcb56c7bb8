/**
 * A chat offered to a callout agent: who is waiting, their latest message, the seconds left to
 * answer, and Accept / Reject. Not answering in time counts as a rejection (the server decides).
 */
import { useEffect, useState } from "preact/hooks";
import type { AgentDesk, DeskOffer } from "../../realtime/agent-desk";
import { customerLabel } from "../../shared/customer-name";

export function OfferCard({ desk, offer }: { desk: AgentDesk; offer: DeskOffer }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const id = offer.summary.conversationId;
  const name = customerLabel(offer.summary, "A customer");
  return (
    <section class="offer" role="alertdialog" aria-label={`Chat offered: ${name}`}>
      <strong>{name}</strong> is waiting for you.
      {offer.preview ? <q>{offer.preview}</q> : null}
      <span class="muted">{desk.offerSecondsLeft(offer, now)} s to answer</span>
      <button type="button" class="primary" onClick={() => desk.acceptOffer(id)}>
        Accept
      </button>
      <button type="button" class="danger" onClick={() => desk.rejectOffer(id)}>
        Reject
      </button>
    </section>
  );
}
