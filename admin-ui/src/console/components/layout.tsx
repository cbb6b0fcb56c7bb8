/** The signed-in frame: sidebar navigation, the signed-in user and sign out, then the page. */
import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { currentUser, signOut } from "../models/session";
import { isActive, NAV } from "../nav";

export function Layout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const user = currentUser.value;
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Main">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Customer Service
        </div>
        {NAV.map((group) => (
          <div class="nav-group" key={group.title}>
            <div class="nav-title">{group.title}</div>
            {group.items.map((item) => (
              <a
                key={item.href}
                href={item.href}
                class={`nav-link${isActive(item.href, path) ? " active" : ""}`}
                aria-current={isActive(item.href, path) ? "page" : undefined}
              >
                {item.label}
              </a>
            ))}
          </div>
        ))}
        <div class="nav-group">
          <div class="nav-title">Agents</div>
          <a class="nav-link" href="/workbench" target="_self" rel="external">
            Online Chat Workbench ↗
          </a>
        </div>
        <div class="sidebar-footer">
          {user ? (
            <>
              <div class="user">{user.name}</div>
              <div>
                {user.account} · employee ID {user.employeeId}
              </div>
            </>
          ) : null}
          <button type="button" class="btn btn-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main class="main">{children}</main>
    </div>
  );
}
