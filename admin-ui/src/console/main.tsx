/** Console entry: styles, session restore, render. */
import { render } from "preact";
import "../shared/styles.css";
import { App } from "./app";
import { restoreSession } from "./models/session";

void restoreSession();
render(<App />, document.getElementById("app")!);
