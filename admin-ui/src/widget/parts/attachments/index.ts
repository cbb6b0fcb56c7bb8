/** The attachments part: file previews and links in the transcript, and sending a file. */
import { registerPart } from "../register";
import { fileView } from "./file-view";
import { pickFile } from "./pick";

registerPart("attachments", { fileView, pickFile });
