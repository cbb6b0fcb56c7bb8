/**
 * The "Integration instructions" of a web channel (spec step 7): the embed snippet, the Try page
 * and the recipe for the identity token an integrator's server signs when third-party
 * authentication is enabled (HS256 JWT with the channel's secretKey; see API.md, Realtime).
 */
import { MAX_LIFETIME_SECONDS } from "../realtime/identity-token";

export type Integration = {
  channelId: string;
  snippet: string;
  tryUrl: string;
  identityToken: {
    /** Whether the channel requires the token (third-party authentication enabled). */
    required: boolean;
    algorithm: "HS256";
    claims: {
      sub: string;
      name: string;
      email: string;
      phone: string;
      channel: string;
      exp: string;
      iat: string;
      nbf: string;
    };
    example: string;
  };
};

/** Longest `sub` claim: the customer id. */
export const MAX_SUBJECT_LENGTH = 32;

/** A Node.js server-side module that signs identity tokens with node:crypto (no dependencies). */
export function identityTokenExample(channelId: string): string {
  return `// Server side only: the secret key must never reach a browser.
import { createHmac } from "node:crypto";

const CHANNEL_ID = ${JSON.stringify(channelId)};
const SECRET_KEY = process.env.CS_CHANNEL_SECRET_KEY; // the channel's thirdPartyAuth.secretKey

const base64url = (text) => Buffer.from(text).toString("base64url");

/** Signs a short-lived identity token for a signed-in customer of your site. */
export function identityToken(customer, secretKey = SECRET_KEY, ttlSeconds = 300) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      sub: String(customer.id), // 1–${MAX_SUBJECT_LENGTH} characters
      ...(customer.name ? { name: customer.name } : {}),
      ...(customer.email ? { email: customer.email } : {}), // fills and locks the pre-chat form's email field
      ...(customer.phone ? { phone: customer.phone } : {}), // and its phone field
      channel: CHANNEL_ID,
      iat: now,
      exp: now + ttlSeconds, // at most ${MAX_LIFETIME_SECONDS} s after iat
    }),
  );
  const signature = createHmac("sha256", secretKey).update(\`\${header}.\${payload}\`).digest("base64url");
  return \`\${header}.\${payload}.\${signature}\`;
}
`;
}

/** Everything an integrator needs to embed channel `channelId` served from `origin`. */
export function integrationOf(channelId: string, origin: string, thirdPartyAuth: boolean): Integration {
  const id = encodeURIComponent(channelId);
  return {
    channelId,
    snippet: `<script src="${origin}/widget.js" data-channel="${channelId}" async></script>`,
    tryUrl: `${origin}/try/${id}`,
    identityToken: {
      required: thirdPartyAuth,
      algorithm: "HS256",
      claims: {
        sub: `The customer's id in your system, 1–${MAX_SUBJECT_LENGTH} characters`,
        name: "Optional display name shown to agents (fills and locks the pre-chat form's name field), at most 100 characters",
        email:
          "Optional email address (fills and locks the pre-chat form's email field), at most 254 characters",
        phone:
          "Optional phone number (fills and locks the pre-chat form's phone field), at most 32 characters",
        channel: channelId,
        exp: `Expiry, seconds since the Unix epoch; keep it a few minutes ahead, at most ${MAX_LIFETIME_SECONDS} s after iat`,
        iat: "Issued at, seconds since the Unix epoch (optional; not more than 30 s ahead of our clock)",
        nbf: "Not before, seconds since the Unix epoch (optional)",
      },
      example: identityTokenExample(channelId),
    },
  };
}
