/** The signed-in employee as a signal model: restore on load, sign in, sign out, expiry. */
import { signal } from "@preact/signals";
import type * as v from "valibot";
import type { LoginResultSchema, UserSchema } from "../../../../worker/schemas/auth";
import { api, onUnauthorized, request, setCsrfToken } from "../../shared/api";

export type User = v.InferOutput<typeof UserSchema>;
type LoginResult = v.InferOutput<typeof LoginResultSchema>;

/** "checking" until GET /auth/me answered. */
export const sessionState = signal<"checking" | "signedOut" | "signedIn">("checking");
export const currentUser = signal<User | null>(null);
/** Why the user is on the sign-in page (session expired), if not by choice. */
export const signedOutReason = signal<string | null>(null);

function signedIn(user: User, csrfToken: string): void {
  setCsrfToken(csrfToken);
  currentUser.value = user;
  signedOutReason.value = null;
  sessionState.value = "signedIn";
}

function signedOut(reason: string | null): void {
  setCsrfToken(null);
  currentUser.value = null;
  signedOutReason.value = reason;
  sessionState.value = "signedOut";
}

onUnauthorized(() => {
  if (sessionState.value === "signedIn") signedOut("Your session has ended. Sign in again.");
});

/** Asks the server who is signed in (the HttpOnly cookie decides). */
export async function restoreSession(): Promise<void> {
  try {
    const me = await request<{ user: User; csrfToken: string }>("GET", "/auth/me", undefined, {
      quietUnauthorized: true,
    });
    signedIn(me.user, me.csrfToken);
  } catch {
    signedOut(null);
  }
}

/** Signs in; throws the HttpError (401 wrong credentials, 429 rate limited, 422 invalid). */
export async function signIn(account: string, password: string): Promise<User> {
  const result = await request<LoginResult>(
    "POST",
    "/auth/login",
    { account, password },
    { quietUnauthorized: true },
  );
  signedIn(result.user, result.csrfToken);
  return result.user;
}

export async function signOut(): Promise<void> {
  try {
    await api.post("/auth/logout");
  } finally {
    signedOut(null);
  }
}
