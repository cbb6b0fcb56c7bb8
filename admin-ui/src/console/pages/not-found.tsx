/** Unknown console path. */
import { EmptyState } from "../../shared/components/feedback";

export function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      action={
        <a class="btn" href="/">
          Go to the dashboard
        </a>
      }
    >
      There is no console page at this address.
    </EmptyState>
  );
}
