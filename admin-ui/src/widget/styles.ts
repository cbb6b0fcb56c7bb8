/**
 * The widget's stylesheet, inside its shadow root. Selectors do not cross a shadow boundary but
 * inherited properties do, through the host element: so `:host` first resets everything
 * (`all:initial`, plus `direction`, which `all` leaves alone) and then sets the font, colour and
 * line height the widget inherits from. Every `:host` declaration is `!important` because a
 * shadow tree's important declarations beat the page's, even the page's `!important` ones, while
 * its normal ones lose to any page rule that matches the host element (such as `*`).
 */
import type { Placement } from "../../../worker/rules/widget-placement";
import type { WidgetBranding } from "./branding";

const HOST =
  'all:initial;direction:ltr;unicode-bidi:isolate;display:block;position:fixed;z-index:2147483000;font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;text-align:left;visibility:visible;pointer-events:auto';

/** `!important` after every declaration of `decls`. */
const important = (decls: string) =>
  decls
    .split(";")
    .filter(Boolean)
    .map((d) => `${d}!important`)
    .join(";");

export function css(p: Placement, b: WidgetBranding): string {
  const side = p.side;
  const other = side === "right" ? "left" : "right";
  const host = important(
    `${HOST};${side}:calc(${p.x}px + env(safe-area-inset-${side},0px));${other}:auto;bottom:calc(${p.y}px + env(safe-area-inset-bottom,0px));--ec-p:${b.primaryColor};--ec-on:${b.onPrimaryColor}`,
  );
  // A page hides the widget with the host's `hidden` attribute (its CSS cannot reach it).
  return `:host{${host}}:host([hidden]){display:none!important}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,textarea,input{font:inherit;color:inherit;letter-spacing:inherit;margin:0}
textarea,input{font-size:16px}
button{cursor:pointer;border:0;border-radius:8px;padding:6px 12px;background:#e8ebef}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}
button:disabled{opacity:.5;cursor:default}
.primary,.launcher,header{background:var(--ec-p);color:var(--ec-on)}
.launcher{position:relative;height:56px;min-width:56px;border-radius:28px;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;gap:8px;padding:0 16px;font-weight:600}
.launcher svg{width:28px;height:28px;fill:currentColor;flex:none}
.launcher.icon{padding:0}
.badge{position:absolute;top:-4px;${side === "right" ? "left" : "right"}:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#d93025;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;box-shadow:0 0 0 2px #fff}
.preview{position:absolute;bottom:68px;${side}:0;width:max-content;max-width:min(280px,calc(100vw - ${2 * p.x + 8}px));display:flex;align-items:flex-start;gap:4px;background:#fff;border-radius:12px;box-shadow:0 4px 18px rgba(0,0,0,.22);padding:4px}
.preview .open{background:transparent;text-align:left;padding:6px 4px 6px 8px;overflow-wrap:anywhere}
.preview .dismiss{background:transparent;padding:2px 8px;color:#59636e}
.dialog{position:absolute;${side}:0;bottom:0;width:min(370px,calc(100vw - ${2 * p.x}px));height:min(560px,calc(100vh - ${p.y + 16}px));height:min(560px,calc(100dvh - ${p.y + 16}px));background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
header{padding:10px 12px;display:flex;align-items:center;gap:8px}
header img{width:32px;height:32px;border-radius:50%;object-fit:cover;background:#fff;flex:none}
header h2{font-size:15px;line-height:1.3;margin:0;flex:1;min-width:0;overflow-wrap:anywhere}
header .sub{font-size:12px;opacity:.9;display:block;font-weight:400}
header button{background:transparent;color:inherit;padding:4px 8px;min-width:36px;min-height:36px}
.status{font-size:12px;padding:6px 12px;background:#fff8e1;border-bottom:1px solid #f0e2b6}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;margin:0;list-style:none}
.msg{max-width:82%;display:flex;flex-direction:column}
.msg .who{font-size:11px;color:#59636e}
.msg .text{white-space:pre-wrap;word-break:break-word;padding:7px 10px;border-radius:12px;background:#f1f3f5}
.mine{align-self:flex-end;align-items:flex-end}
.mine .text{background:var(--ec-p);color:var(--ec-on)}
a{color:inherit}
.system{align-self:center;max-width:92%;text-align:center}
.system .text{background:transparent;color:#59636e;font-size:12px;padding:0}
.state{font-size:11px;color:#59636e}
.state.failed{color:#c62828}
.typing{font-size:12px;color:#59636e;padding:0 12px 4px;min-height:18px}
.actions{display:flex;gap:6px;padding:6px 12px;flex-wrap:wrap}
form.composer{display:flex;gap:6px;padding:8px 12px 12px;border-top:1px solid #e5e7eb}
.composer textarea{flex:1;resize:none;height:44px;border:1px solid #c9ced6;border-radius:8px;padding:9px 8px;line-height:1.5}
.panel{padding:12px;border-top:1px solid #e5e7eb;display:flex;flex-direction:column;gap:8px}
.panel h3{margin:0;font-size:14px}
fieldset{border:0;padding:0;margin:0;display:flex;gap:2px}
legend{font-size:12px;margin-bottom:4px;padding:0}
.star{position:relative}
.star input{position:absolute;opacity:0;width:1px;height:1px}
.star span{font-size:24px;color:#c9ced6;cursor:pointer;padding:0 2px}
.star input:checked~span,.star.on span{color:#f5a623}
.star input:focus-visible~span{outline:2px solid #1a73e8;border-radius:4px}
.panel textarea{width:100%;height:60px;border:1px solid #c9ced6;border-radius:8px;padding:6px;resize:vertical}
.panel input[type=text]{border:1px solid #c9ced6;border-radius:8px;padding:6px}
.hint{font-size:12px;color:#59636e}
.error{font-size:12px;color:#c62828}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px),(max-height:480px){.dialog{position:fixed;inset:0;width:auto;height:100vh;height:100dvh;border-radius:0;padding:0 env(safe-area-inset-right,0px) env(safe-area-inset-bottom,0px) env(safe-area-inset-left,0px)}header{padding-top:calc(10px + env(safe-area-inset-top,0px))}header button{min-width:44px;min-height:44px}}
@media (prefers-reduced-motion:no-preference){.dialog{animation:pop .15s ease-out}@keyframes pop{from{transform:translateY(8px);opacity:0}}}
`;
}
