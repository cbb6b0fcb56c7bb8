/** The title row of a page, with an optional breadcrumb link and actions on the right. */
import type { ComponentChildren } from "preact";

export function PageHeader({
  title,
  subtitle,
  back,
  actions,
}: {
  title: string;
  subtitle?: ComponentChildren;
  back?: { href: string; label: string };
  actions?: ComponentChildren;
}) {
  return (
    <header class="page-header">
      <div>
        {back ? (
          <div class="breadcrumb">
            <a href={back.href}>← {back.label}</a>
          </div>
        ) : null}
        <h1>{title}</h1>
        {subtitle ? <div class="subtitle">{subtitle}</div> : null}
      </div>
      {actions ? <div class="actions">{actions}</div> : null}
    </header>
  );
}
