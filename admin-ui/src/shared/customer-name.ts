/**
 * How a customer's name is shown to staff: a name from a verified identity token as is, a name the
 * customer typed (anonymous visitor, or a token without a name) with "(unverified)", so an agent
 * never mistakes a typed "Ada" for the integrator's verified customer Ada.
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
