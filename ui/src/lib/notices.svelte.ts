// Messages to the editor: errors in words (never swallowed) and short confirmations.

import { ApiError } from "./api";

export interface Notice {
  id: number;
  kind: "error" | "info";
  text: string;
}

class Notices {
  list = $state<Notice[]>([]);
  #next = 1;

  /** Shows a failure in words; it stays until the editor closes it. */
  error(err: unknown, doing?: string): void {
    const e = ApiError.from(err);
    const text = doing ? `${doing}: ${e.message}` : e.message;
    this.list.push({ id: this.#next++, kind: "error", text });
  }

  /** Shows a confirmation that goes away by itself. */
  info(text: string): void {
    const id = this.#next++;
    this.list.push({ id, kind: "info", text });
    setTimeout(() => this.close(id), 4000);
  }

  close(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();

/** True when a key press belongs to a text field rather than to a shortcut. */
export function typing(event: KeyboardEvent): boolean {
  const t = event.target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
}

/** True when a key press carries a modifier that shortcuts leave alone. */
export function modified(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey || event.altKey;
}
