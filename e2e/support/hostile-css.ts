/**
 * A deliberately hostile host stylesheet: every inherited property the widget could pick up
 * through its host element, forced with `!important` on `*`, plus rules for the element types the
 * widget uses, for direct children of `body` and for the widget's own id and tag name.
 */
export const HOSTILE_CSS = `
html{font-size:30px!important}
*,*::before,*::after{box-sizing:content-box!important;line-height:2.5!important;letter-spacing:3px!important;word-spacing:8px!important;font:italic 700 20px/2.5 serif!important;color:red!important;text-align:right!important;direction:rtl!important;text-transform:uppercase!important;text-indent:12px!important;white-space:pre!important;text-shadow:1px 1px 0 lime!important;cursor:crosshair!important}
div,button,textarea,input,ol,ul,li,span,header,h2,h3,p,img,svg,form,label{padding:10px!important;margin:7px!important;border:3px dashed lime!important;background:yellow!important;border-radius:0!important;min-width:40px!important;max-width:none!important;float:left!important;position:static!important}
button{font-size:30px!important;width:200px!important;height:60px!important;display:block!important}
svg{width:80px!important;height:80px!important;fill:blue!important}
body>*{position:relative!important;z-index:1!important;transform:translateX(4px)!important;filter:hue-rotate(90deg)!important;opacity:.7!important;zoom:1.2}
#edgechat,edgechat-widget{inset:0!important;width:50px!important;height:50px!important;overflow:hidden!important;contain:strict!important;transition:all 9s!important}
`;
