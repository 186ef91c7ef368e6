// The desk in words: the status bar's label, "changed by" lines, and merging the claims a
// sync changed into the open article without disturbing the rest.

import type { ChangedBy, ClaimView, DeskView } from "./api";
import { STATUS_LABEL } from "./format";

/** What the status bar shows: a short label, a tone for its colour, and the longer text
 * shown on hover and on click. */
export interface DeskLabel {
  text: string;
  tone: "none" | "ok" | "pending" | "offline" | "error";
  detail: string;
}

export function deskLabel(view: DeskView | null): DeskLabel {
  if (!view || view.state === "not_joined") {
    return { text: "No desk", tone: "none", detail: "Join a desk in Settings to share verdicts" };
  }
  const who = view.user ? ` as ${view.user}${view.role ? ` (${view.role})` : ""}` : "";
  const where = `${view.url ?? "the desk"}${who}`;
  const waiting = view.pending
    ? `${view.pending} change${view.pending === 1 ? "" : "s"} waiting`
    : "";
  switch (view.state) {
    case "synced":
      return {
        text: "Synced",
        tone: "ok",
        detail: `On ${where}${view.synced_at ? `; last synced ${timeOfDay(view.synced_at)}` : ""}`,
      };
    case "pending":
      return {
        text: `Pending ${view.pending}`,
        tone: "pending",
        detail: `${waiting} to go up to ${where}`,
      };
    case "offline":
      return {
        text: view.pending ? `Offline · ${view.pending} pending` : "Offline",
        tone: "offline",
        detail: `${view.error ?? "The desk cannot be reached"}.${waiting ? ` ${waiting}; they go up when it is back.` : ""}`,
      };
    case "error":
      return {
        text: view.pending ? `Desk error · ${view.pending} pending` : "Desk error",
        tone: "error",
        detail: view.error ?? "The last sync failed",
      };
  }
}

/** "Changed by ana (False), 5 Dec, 18:02": who gave a claim its verdict on the desk. */
export function changedLabel(change: ChangedBy): string {
  return `Changed by ${change.by} (${STATUS_LABEL[change.status]}), ${timeOfDay(change.at)}`;
}

const TIME_OF_DAY = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

/** A day and time in the editor's zone: "5 Dec, 18:02". */
export function timeOfDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return TIME_OF_DAY.format(d);
}

/** The open article's claims after a sync: each claim the backend sent anew replaces the
 * old copy; an unchanged one keeps its object, so its row and marks are not drawn again.
 * `seen` is the claim the editor is looking at: its "changed by" stays until they move on.
 * Returns `current` itself when nothing changed. */
export function mergeClaims(
  current: readonly ClaimView[],
  fresh: readonly ClaimView[],
  seen: string | null = null,
): ClaimView[] {
  const old = new Map(current.map((c) => [c.id, c]));
  let changed = current.length !== fresh.length;
  const merged = fresh.map((c, i) => {
    const before = old.get(c.id);
    const next =
      c.id === seen && before?.changed_by && !c.changed_by
        ? { ...c, changed_by: before.changed_by }
        : c;
    if (before && JSON.stringify(before) === JSON.stringify(next)) {
      if (current[i] !== before) changed = true;
      return before;
    }
    changed = true;
    return next;
  });
  return changed ? merged : (current as ClaimView[]);
}

/** Whether the editor's role lets them put work on the desk (an admin only reads). */
export function canPublish(view: DeskView | null): boolean {
  return !!view && view.state !== "not_joined" && view.role !== "admin";
}

/** Whether the editor's role may sign articles off (the desk also refuses an editor who
 * marked one of the article's claims, and says so). */
export function canSignOff(view: DeskView | null): boolean {
  return !!view && view.state !== "not_joined" && view.role === "editor";
}

/** A deadline as a queue shows it: "due 5 Dec, 18:00", "overdue since …", or none. */
export function deadlineLabel(deadline: string | null, now: Date): string {
  if (!deadline) return "no deadline";
  const due = new Date(deadline);
  if (Number.isNaN(due.getTime())) return deadline;
  return due < now ? `overdue since ${timeOfDay(deadline)}` : `due ${timeOfDay(deadline)}`;
}
