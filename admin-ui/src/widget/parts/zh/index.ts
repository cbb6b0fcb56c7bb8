/** The Chinese texts of the widget, a part of their own so widget.js carries English only. */
import { zh } from "../../i18n";
import { registerPart } from "../register";

registerPart("zh", { texts: zh });
