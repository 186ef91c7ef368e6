// The review and settings screens are chunks of their own, read after the library has
// drawn its first rows: the script a launch runs before its first paint is then the
// library's alone. (Type-only imports are erased: they pull no code into the first chunk.)

import type ReviewScreen from "../components/Review.svelte";
import type SettingsScreen from "../components/Settings.svelte";

let review: Promise<typeof ReviewScreen> | undefined;
let settings: Promise<typeof SettingsScreen> | undefined;

/** The review screen's component, read once. */
export function loadReview(): Promise<typeof ReviewScreen> {
  review ??= import("../components/Review.svelte").then((m) => m.default);
  return review;
}

/** The settings screen's component, read once. */
export function loadSettings(): Promise<typeof SettingsScreen> {
  settings ??= import("../components/Settings.svelte").then((m) => m.default);
  return settings;
}

/** Reads both screens once the window has painted the library, so an article opened at
 * once does not wait for its screen's code. */
export function prefetchScreens() {
  requestAnimationFrame(() =>
    setTimeout(() => {
      void loadReview();
      void loadSettings();
    }, 0),
  );
}
