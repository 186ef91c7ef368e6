// Unsaved input survives closing a dialog, switching claims or restarting the app: drafts
// are kept in the web view's local storage until they are saved or discarded.

const PREFIX = "factdesk.draft.";

export function loadDraft<T>(key: string, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    return raw ? { ...fallback, ...(JSON.parse(raw) as T) } : fallback;
  } catch {
    return fallback;
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the draft still lives in memory.
  }
}

export function clearDraft(key: string): void {
  try {
    globalThis.localStorage?.removeItem(PREFIX + key);
  } catch {
    // Nothing to clear.
  }
}
