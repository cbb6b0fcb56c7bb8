/**
 * Gives the widget's shadow root its CSS. A constructed stylesheet is not an inline style, so a
 * host page whose Content-Security-Policy has no `'unsafe-inline'` for styles (like our Try page)
 * still styles the widget; browsers without constructed stylesheets get a `<style>` element.
 */
import { h } from "./dom";

export function adoptStyles(root: ShadowRoot, css: string): void {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  root.append(h("style", null, css));
}
