// The review and settings screens are chunks of their own, read after the library has
// drawn its first rows: the script a launch runs before its first paint is then the
// library's alone.

import type { Component } from "svelte";

type Screen = Component<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let review: Promise<Screen> | undefined;
let settings: Promise<Screen> | undefined;

/** The review screen's component, read once. */
export function loadReview(): Promise<Screen> {
  review ??= import("../components/Review.svelte").then((m) => m.default as Screen);
  return review;
}

/** The settings screen's component, read once. */
export function loadSettings(): Promise<Screen> {
  settings ??= import("../components/Settings.svelte").then((m) => m.default as Screen);
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
