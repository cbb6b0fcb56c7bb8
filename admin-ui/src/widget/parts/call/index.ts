/** The call part: click-to-dial voice and video calls, loaded when the customer first presses a call button. */
import { registerPart } from "../register";
import { callPanel } from "./panel";

registerPart("call", { callPanel });
