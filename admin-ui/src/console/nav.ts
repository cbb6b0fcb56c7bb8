/** The sidebar sections, in the order of the spec's configuration steps. */
export type NavItem = { href: string; label: string };

export const NAV: { title: string; items: NavItem[] }[] = [
  {
    title: "Monitor",
    items: [
      { href: "/", label: "Live dashboard" },
      { href: "/conversations", label: "Conversation history" },
      { href: "/cases", label: "Cases" },
      { href: "/reports", label: "Reports" },
    ],
  },
  {
    title: "Employee center",
    items: [
      { href: "/org-units", label: "Organization units" },
      { href: "/employees", label: "Employees" },
      { href: "/skill-queues", label: "Skill queues" },
      { href: "/skill-queue-groups", label: "Skill queue groups" },
      { href: "/agents", label: "Agents" },
    ],
  },
  {
    title: "Access configuration",
    items: [
      { href: "/access-codes", label: "Access codes" },
      { href: "/called-routes", label: "Called routes" },
      { href: "/robots", label: "Robots" },
      { href: "/channels", label: "Channels" },
    ],
  },
  {
    title: "Chat tools",
    items: [
      { href: "/canned-responses", label: "Canned responses" },
      { href: "/tags", label: "Tags" },
    ],
  },
  {
    title: "Tenant",
    items: [
      { href: "/tenant", label: "Settings and calendar" },
      { href: "/privacy", label: "Privacy requests" },
    ],
  },
  {
    title: "Integration",
    items: [
      { href: "/webhooks", label: "Webhooks" },
      { href: "/api-tokens", label: "API tokens" },
      { href: "/audit-log", label: "Audit log" },
    ],
  },
];

/** True when `path` belongs to the section of `href` ("/" only matches itself). */
export function isActive(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}
