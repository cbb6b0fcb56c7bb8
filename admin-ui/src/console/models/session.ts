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

/**
 * A non-secret "this browser signed in" mark (the session cookie is HttpOnly). Without it the
 * console shows the sign-in at once instead of asking `/auth/me` for a certain 401, which the
 * browser would log as a failed resource on every first visit.
 */
const SIGNED_IN_MARK = "ecs.signedIn";

function mark(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_MARK, "1");
    else localStorage.removeItem(SIGNED_IN_MARK);
  } catch {
    // storage unavailable: the console still works, it just asks the server each time
  }
}

function marked(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_MARK) === "1";
  } catch {
    return true;
  }
}

function signedIn(user: User, csrfToken: string): void {
  mark(true);
  setCsrfToken(csrfToken);
  currentUser.value = user;
  signedOutReason.value = null;
  sessionState.value = "signedIn";
}

function signedOut(reason: string | null): void {
  mark(false);
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
  if (!marked()) {
    signedOut(null);
    return;
  }
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
