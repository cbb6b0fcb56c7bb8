/**
 * The chat tools of one desk, shared by its chat panes through a context: the canned responses and
 * tags catalogs, and whether the dialog for the agent's own canned responses is open.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { Observable } from "../realtime/observable";
import { CannedResponses, TagList } from "./catalog";
import { useModel } from "./use-model";

export class ChatTools extends Observable {
  readonly canned = new CannedResponses();
  readonly tags = new TagList();
  /** The "My canned responses" dialog is open. */
  managing = false;

  load(): void {
    void this.canned.load();
    void this.tags.load();
  }

  setManaging(open: boolean): void {
    this.managing = open;
    this.changed();
  }
}

export const ChatToolsContext = createContext<ChatTools | null>(null);

/** The desk's chat tools (null outside a desk), re-rendering when any of them changes. */
export function useChatTools(): ChatTools | null {
  const tools = useContext(ChatToolsContext);
  useModel(tools);
  useModel(tools?.canned ?? null);
  useModel(tools?.tags ?? null);
  return tools;
}
