/** The pre-chat part: the form a channel asks customers to fill before the chat, loaded only on such channels. */
import { registerPart } from "../register";
import { preChatForm } from "./form";

registerPart("pre-chat", { preChatForm });
