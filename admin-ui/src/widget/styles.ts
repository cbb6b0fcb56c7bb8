/** The widget's stylesheet, applied inside its shadow root so the host page and the widget never restyle each other. */
export const css = `
:host{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328}
*{box-sizing:border-box}
[hidden]{display:none!important}
button,textarea,input{font:inherit;color:inherit}
button{cursor:pointer;border:0;border-radius:8px;padding:6px 12px;background:#e8ebef}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}
button:disabled{opacity:.5;cursor:default}
.primary{background:#1a73e8;color:#fff}
.launcher{width:56px;height:56px;border-radius:50%;background:#1a73e8;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;padding:0}
.launcher svg{width:28px;height:28px;fill:currentColor}
.dialog{position:absolute;right:0;bottom:0;width:min(370px,calc(100vw - 24px));height:min(560px,calc(100vh - 40px));background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
header{background:#1a73e8;color:#fff;padding:10px 12px;display:flex;align-items:center;gap:8px}
header h2{font-size:15px;margin:0;flex:1}
header .sub{font-size:12px;opacity:.9;display:block;font-weight:400}
header button{background:transparent;color:#fff;padding:4px 8px}
.status{font-size:12px;padding:6px 12px;background:#fff8e1;border-bottom:1px solid #f0e2b6}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;margin:0;list-style:none}
.msg{max-width:82%;display:flex;flex-direction:column}
.msg .who{font-size:11px;color:#59636e}
.msg .text{white-space:pre-wrap;word-break:break-word;padding:7px 10px;border-radius:12px;background:#f1f3f5}
.mine{align-self:flex-end;align-items:flex-end}
.mine .text{background:#1a73e8;color:#fff}
.system{align-self:center;max-width:92%;text-align:center}
.system .text{background:transparent;color:#59636e;font-size:12px;padding:0}
.state{font-size:11px;color:#59636e}
.state.failed{color:#c62828}
.typing{font-size:12px;color:#59636e;padding:0 12px 4px;min-height:18px}
.actions{display:flex;gap:6px;padding:6px 12px;flex-wrap:wrap}
form.composer{display:flex;gap:6px;padding:8px 12px 12px;border-top:1px solid #e5e7eb}
.composer textarea{flex:1;resize:none;height:40px;border:1px solid #c9ced6;border-radius:8px;padding:8px}
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
.hint{font-size:12px;color:#59636e}
.error{font-size:12px;color:#c62828}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion:no-preference){.dialog{animation:pop .15s ease-out}@keyframes pop{from{transform:translateY(8px);opacity:0}}}
`;
