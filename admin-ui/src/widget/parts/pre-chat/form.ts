/**
 * The pre-chat form: the channel's fields (name, email, phone, text, select) before the first
 * message. Fields the identity token fills are shown read-only. The values are checked with the
 * channel's own schema (in the widget's language) before they go to the server, which checks them
 * again; the server's messages are shown next to their fields too.
 */

import { VALUE_MAX_CHARS } from "../../../../../worker/rules/pre-chat";
import type { CustomerChat } from "../../../realtime/customer-chat";
import type { Texts } from "../../i18n";
import { h, show } from "../../view/dom";
import { keepPreChat, keptPreChat } from "../../visitor";
import { problems, serverProblems, startValues } from "./check";
import { preChatTexts } from "./texts";

const CSS = `.pre{overflow-y:auto;flex:1}
.pre .field{display:flex;flex-direction:column;gap:2px}
.pre label{font-size:13px;font-weight:600}
.pre input,.pre select{width:100%;font:inherit;font-size:16px;color:inherit;border:1px solid #c9ced6;border-radius:8px;padding:6px 8px;background:#fff}
.pre input[readonly]{background:#f1f3f5;color:#59636e}
.pre [aria-invalid=true]{border-color:#c62828}
.pre select:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}
.pre .actions{padding:4px 0 0}`;

const INPUT_TYPES = { name: "text", email: "email", phone: "tel", text: "text" } as const;
const AUTOCOMPLETE = { name: "name", email: "email", phone: "tel" } as Record<string, string>;

const styled = new WeakSet<ShadowRoot>();

/**
 * Adds the form's styles to the widget's shadow root once, as a constructed stylesheet like the
 * widget's own (so a page's CSP without 'unsafe-inline' styles allows it), else a `<style>`.
 */
function adoptCss(root: Node): void {
  if (!(root instanceof ShadowRoot) || styled.has(root)) return;
  styled.add(root);
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else root.append(h("style", null, CSS));
}

export function preChatForm(t: Texts, chat: () => CustomerChat) {
  const pt = preChatTexts(t.lang);
  const request = chat().form;
  const { fields, locked } = request?.preChatForm ?? { fields: [], locked: {} };
  const { channelId, user } = chat().o;
  const values = startValues(fields, locked, keptPreChat(channelId) ?? null, user().name);
  const controls = new Map<string, { control: HTMLInputElement | HTMLSelectElement; error: HTMLElement }>();

  const rows = fields.map((f) => {
    const id = `ec-pre-${f.key}`;
    const isLocked = f.key in locked;
    const error = h("span", { class: "error", id: `${id}-error`, role: "alert", hidden: true });
    const hint = isLocked ? h("span", { class: "hint", id: `${id}-hint` }, pt.locked) : null;
    const common = {
      id,
      name: f.key,
      "aria-required": f.required ? "true" : null,
      "aria-describedby": [hint ? `${id}-hint` : "", `${id}-error`].join(" ").trim(),
    };
    const control =
      f.kind === "select" && !isLocked
        ? h(
            "select",
            common,
            h("option", { value: "" }, pt.choose),
            ...f.options.map((o) => h("option", { value: o }, o)),
          )
        : h("input", {
            ...common,
            type: f.kind === "select" ? "text" : INPUT_TYPES[f.kind],
            autocomplete: AUTOCOMPLETE[f.kind] ?? "off",
            maxlength: VALUE_MAX_CHARS[f.kind],
            readonly: isLocked,
          });
    control.value = values[f.key] ?? "";
    controls.set(f.key, { control, error });
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, f.label, f.required ? " *" : ""),
      control,
      hint,
      error,
    );
  });

  /** Shows each field's problem (or none); returns the first field with one. */
  const paint = (found: Record<string, string>) => {
    let first: HTMLInputElement | HTMLSelectElement | null = null;
    for (const [key, { control, error }] of controls) {
      const problem = found[key] ?? "";
      show(error, problem);
      control.setAttribute("aria-invalid", String(!!problem));
      if (problem && !first) first = control;
    }
    return first;
  };

  const el = h(
    "form",
    {
      class: "panel pre",
      novalidate: true,
      "aria-labelledby": "ec-pre-title",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const typed: Record<string, string> = {};
        for (const [key, { control }] of controls) if (!(key in locked)) typed[key] = control.value;
        const first = paint(problems(fields, locked, typed, pt.messages));
        if (first) return first.focus();
        // kept for the page session: a reload or a new chat after this one does not ask again
        keepPreChat(channelId, typed);
        chat().restart();
      },
    },
    h("h3", { id: "ec-pre-title" }, pt.title),
    h("p", { class: "hint" }, pt.note),
    ...rows,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, pt.start)),
  );
  paint(serverProblems(request?.errors));

  return {
    el,
    /** Call once the form is in the dialog: adds its styles and focuses the first field to fill. */
    show() {
      adoptCss(el.getRootNode());
      const invalid = el.querySelector<HTMLElement>("[aria-invalid=true]");
      const open = el.querySelector<HTMLElement>("input:not([readonly]),select");
      (invalid ?? open)?.focus();
    },
  };
}
