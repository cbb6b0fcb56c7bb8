/** Sign in with account and password; explains 401 (wrong credentials) and 429 (rate limited). */
import { useState } from "preact/hooks";
import { errorMessage, HttpError } from "../../shared/api";
import { FieldShell } from "../../shared/form/fields";
import { signedOutReason, signIn } from "../models/session";

/** What to tell people about a failed sign-in. */
export function signInProblem(error: unknown): string {
  if (error instanceof HttpError) {
    if (error.status === 401) return "Wrong account or password.";
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return `Too many failed sign-ins. Try again ${wait ? `in ${Math.ceil(wait / 60)} min` : "later"}.`;
    }
    if (error.status === 422) return "Enter your account and password.";
  }
  return errorMessage(error);
}

export function SignIn() {
  const [account, setAccount] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const reason = signedOutReason.value;
  return (
    <div class="signin">
      <div class="card">
        <h1>Sign in</h1>
        <p class="muted">Customer service console for tenant administrators.</p>
        {reason && !problem ? <div class="alert alert-info">{reason}</div> : null}
        {problem ? (
          <div class="alert alert-error" role="alert">
            {problem}
          </div>
        ) : null}
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            if (!account.trim() || !password) {
              setProblem("Enter your account and password.");
              return;
            }
            setBusy(true);
            setProblem(null);
            try {
              await signIn(account.trim(), password);
            } catch (error) {
              setProblem(signInProblem(error));
            } finally {
              setBusy(false);
            }
          }}
        >
          <FieldShell id="signin-account" label="Account">
            <input
              id="signin-account"
              autoComplete="username"
              value={account}
              onInput={(e) => setAccount(e.currentTarget.value)}
            />
          </FieldShell>
          <FieldShell id="signin-password" label="Password">
            <input
              id="signin-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </FieldShell>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </div>
  );
}
