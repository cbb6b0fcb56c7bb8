/** The leave-a-message part: loaded when the server first offers a customer to leave a message. */
import { registerPart } from "../register";
import { leaveForm } from "./form";

registerPart("leave", { leaveForm });
