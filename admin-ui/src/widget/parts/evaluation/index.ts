/** The evaluation part: the satisfaction form, loaded when the customer first evaluates. */
import { registerPart } from "../register";
import { evaluationForm } from "./form";

registerPart("evaluation", { evaluationForm });
