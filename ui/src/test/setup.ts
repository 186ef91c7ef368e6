import { beforeEach } from "vitest";

// jsdom lacks a few browser features the UI uses; these stand-ins do the least possible.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// Each test starts with empty drafts.
beforeEach(() => localStorage.clear());

// jsdom does no layout, so nothing ever resizes: an observer that never fires is exact.
globalThis.ResizeObserver ??= class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
};
