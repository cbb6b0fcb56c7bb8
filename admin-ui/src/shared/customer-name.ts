/**
 * How a customer's name is shown to staff: a name from a verified identity token as is, a name the
 * customer typed (anonymous visitor, or a token without a name) with "(unverified)", so an agent
 * never mistakes a typed "Ada" for the integrator's verified customer Ada; and a customer without
 * a name by a friendly alias that stays the same for the same customer ("Visitor 4821").
 */

export const UNVERIFIED_SUFFIX = " (unverified)";

/** The label for `customer`, or `fallback` when there is no name. */
export function customerLabel(
  customer: { customerName: string | null; customerNameVerified: boolean },
  fallback: string,
): string {
  const name = customer.customerName?.trim();
  if (!name) return fallback;
  return customer.customerNameVerified ? name : `${name}${UNVERIFIED_SUFFIX}`;
}

/**
 * A friendly, stable alias for a customer without a name: "Visitor NNNN" with NNNN in 1000–9999,
 * from the 32-bit FNV-1a hash of the customer id's UTF-16 code units, mixed by MurmurHash3's
 * finalizer (so ids that differ in one character spread evenly): NNNN = 1000 + hash mod 9000. The
 * same customer is the same visitor in every queue, tab and reload; two customers share an alias
 * only by chance (their other details tell them apart).
 */
export function visitorAlias(customerId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) h = Math.imul(h ^ customerId.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return `Visitor ${1000 + (h % 9000)}`;
}

export type CustomerDisplay = {
  /** The name to show: verified name, typed name, or the visitor alias. */
  name: string;
  /** `verified`: from an identity token; `typed`: the customer said so; `alias`: no name given. */
  source: "verified" | "typed" | "alias";
};

/** What to call a customer on staff pages, and where that name comes from. */
export function customerDisplay(c: {
  customerId: string;
  customerName: string | null;
  customerNameVerified: boolean;
}): CustomerDisplay {
  const name = c.customerName?.trim();
  if (!name) return { name: visitorAlias(c.customerId), source: "alias" };
  return { name, source: c.customerNameVerified ? "verified" : "typed" };
}
