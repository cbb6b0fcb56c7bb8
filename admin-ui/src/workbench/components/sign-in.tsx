/** Account and password sign-in (the same endpoint as the console). */
import { useState } from "preact/hooks";
import { errorMessage } from "../../shared/api";
import { signIn, type User } from "../session";

export function SignIn({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const [account, setAccount] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="signin"
      aria-labelledby="signin-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError("");
        try {
          onSignedIn(await signIn(account, password));
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1 id="signin-title">Online Chat Workbench</h1>
      <label for="account">Account</label>
      <input
        id="account"
        autoComplete="username"
        required
        value={account}
        onInput={(e) => setAccount(e.currentTarget.value)}
      />
      <label for="password">Password</label>
      <input
        id="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
