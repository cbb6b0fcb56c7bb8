/**
 * Which URLs a webhook endpoint may have. Deliveries are requests the platform makes on a tenant's
 * behalf, so an endpoint must never point the platform at itself or at a private network
 * (server-side request forgery):
 *
 * - `https://` only, at most 2048 characters, no user name or password in it;
 * - the host is never an address of a private, shared (CGNAT), link-local (cloud metadata),
 *   multicast, reserved or unspecified range, nor a name of a private zone (`.local`,
 *   `.internal`, `.home.arpa`, `.localhost`);
 * - loopback (`localhost`, 127.0.0.0/8, `::1`), over `http://` or `https://`, only when the
 *   deployment allows it (`WEBHOOK_ALLOW_LOOPBACK`, for tests and local development).
 *
 * A host name is judged by its name only: the Worker cannot resolve it first. Cloudflare's
 * outbound requests from a Worker do not reach private networks anyway; this check keeps the
 * literal addresses out and makes the rule visible to tenants.
 */
export const MAX_URL_LENGTH = 2048;

export type UrlProblem = { ok: true } | { ok: false; message: string };

type HostKind = "public" | "loopback" | "private";

/** IPv4 ranges that are never a public receiver (besides loopback): [network, prefix length]. */
const PRIVATE_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

const PRIVATE_ZONES = [".local", ".internal", ".home.arpa", ".localhost", ".lan"];

function v4Number(address: string): number | null {
  const parts = address.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function v4Kind(address: string): HostKind {
  const n = v4Number(address) ?? 0;
  if (n >>> 24 === 127) return "loopback";
  for (const [base, bits] of PRIVATE_V4) {
    const size = 2 ** (32 - bits);
    const start = v4Number(base) ?? 0;
    if (n >= start && n < start + size) return "private";
  }
  return "public";
}

/** Expands an IPv6 address (as the URL parser prints it: lower case, `::` compressed) to 8 groups. */
function v6Groups(address: string): number[] | null {
  const [head = "", tail] = address.split("::");
  const part = (s: string) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const a = part(head);
  const b = tail === undefined ? [] : part(tail);
  const groups = tail === undefined ? a : [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

function v6Kind(address: string): HostKind {
  const g = v6Groups(address);
  if (!g) return "private";
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(7) && g7 === 1) return "loopback";
  if (zeros(8)) return "private";
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): judge the IPv4 address inside
  const nat64 = g0 === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if ((zeros(5) && g5 === 0xffff) || nat64) {
    return v4Kind(`${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`);
  }
  if ((g0 & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return "private"; // fe80::/10 link-local
  if ((g0 & 0xff00) === 0xff00) return "private"; // ff00::/8 multicast
  if (g0 === 0x2001 && g[1] === 0xdb8) return "private"; // documentation
  return "public";
}

function hostKind(hostname: string): HostKind {
  if (hostname.startsWith("[")) return v6Kind(hostname.slice(1, -1));
  if (v4Number(hostname) !== null) return v4Kind(hostname);
  const name = hostname.replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  if (!name.includes(".") || PRIVATE_ZONES.some((zone) => name.endsWith(zone))) return "private";
  return "public";
}

/**
 * Whether `text` may be a webhook endpoint's URL; with `allowLoopback` (a development setting)
 * loopback receivers are allowed too, over http or https. The message says what to change.
 */
export function checkWebhookUrl(text: string, allowLoopback: boolean): UrlProblem {
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, message: `The URL must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "Enter an absolute URL such as https://example.com/hooks" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, message: "The URL must start with https://" };
  if (url.username || url.password)
    return { ok: false, message: "The URL must not contain a user name or password" };
  const kind = hostKind(url.hostname);
  if (kind === "loopback" && allowLoopback) return { ok: true };
  if (kind === "loopback" || kind === "private")
    return {
      ok: false,
      message: "The URL must point to a public host, not a private, local or link-local address",
    };
  if (url.protocol !== "https:") return { ok: false, message: "The URL must start with https://" };
  return { ok: true };
}
