/**
 * A live preview of a channel's widget branding in the channel editor: the dialog header (logo,
 * greeting), the welcome text, a customer bubble and the launcher, in the same colours the widget
 * uses (the text colour chosen by the same rule), plus a warning when the colour is hard to see.
 */
import { lowContrastWarning, textColorOn } from "../../../../worker/rules/brand-colors";
import { DEFAULT_PRIMARY_COLOR } from "../../../../worker/schemas/channels";
import { texts } from "../../widget/i18n";

type Branding = {
  primaryColor: string;
  logoUrl: string;
  greeting: string;
  welcomeText: string;
  launcherLabel: string;
};

export function BrandingPreview({ branding }: { branding: Branding }) {
  const t = texts("en");
  const color = /^#[0-9a-f]{6}$/i.test(branding.primaryColor.trim())
    ? branding.primaryColor.trim().toLowerCase()
    : DEFAULT_PRIMARY_COLOR;
  const brand = { background: color, color: textColorOn(color) };
  const logo = /^https:\/\/\S+$/i.test(branding.logoUrl.trim()) ? branding.logoUrl.trim() : "";
  const warning = lowContrastWarning(color);
  return (
    <div class="brand-preview-wrap">
      <figure class="brand-preview" aria-label="Widget preview">
        <div class="brand-dialog">
          <div class="brand-header" style={brand} data-testid="brand-header">
            {logo ? <img src={logo} alt="" referrerpolicy="no-referrer" width={28} height={28} /> : null}
            <strong>{branding.greeting.trim() || t.title}</strong>
            <span aria-hidden="true">✕</span>
          </div>
          <div class="brand-body">
            {branding.welcomeText.trim() ? <p class="brand-bubble">{branding.welcomeText.trim()}</p> : null}
            <p class="brand-bubble brand-mine" style={brand}>
              Hello!
            </p>
          </div>
        </div>
        <div
          class={`brand-launcher${branding.launcherLabel.trim() ? "" : " brand-launcher-icon"}`}
          style={brand}
          data-testid="brand-launcher"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
          </svg>
          {branding.launcherLabel.trim() || null}
        </div>
        <figcaption class="field-hint">
          Preview. Text on {color} is {brand.color === "#ffffff" ? "white" : "black"}, whichever reads better.
        </figcaption>
      </figure>
      {warning ? <div class="alert alert-warning">{warning}</div> : null}
    </div>
  );
}
