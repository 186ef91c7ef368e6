import { describe, expect, it } from "vitest";
import { LIBRARY_PAGE, OVERSCAN, ROW_HEIGHT, pagesFor, rowWindow, scrollToShow } from "./paging";

describe("the library's window", () => {
  it("draws the rows in view and a few either side, never past the list", () => {
    expect(rowWindow(0, 10 * ROW_HEIGHT, 100_000)).toEqual({ start: 0, end: 10 + OVERSCAN });
    const far = rowWindow(5000 * ROW_HEIGHT, 10 * ROW_HEIGHT, 100_000);
    expect(far).toEqual({ start: 5000 - OVERSCAN, end: 5010 + OVERSCAN });
    expect(rowWindow(99_995 * ROW_HEIGHT, 10 * ROW_HEIGHT, 100_000).end).toBe(100_000);
    expect(rowWindow(0, 600, 0)).toEqual({ start: 0, end: 0 });
  });

  it("asks for the pages that hold the window", () => {
    expect(pagesFor(0, 0)).toEqual([]);
    expect(pagesFor(0, 1)).toEqual([0]);
    expect(pagesFor(LIBRARY_PAGE - 3, LIBRARY_PAGE + 3)).toEqual([0, 1]);
    expect(pagesFor(99_990, 100_000)).toEqual([999]);
  });

  it("scrolls only as far as needed to show a row", () => {
    const view = 10 * ROW_HEIGHT;
    expect(scrollToShow(3, 0, view)).toBe(0);
    expect(scrollToShow(10, 0, view)).toBe(ROW_HEIGHT);
    expect(scrollToShow(4, 20 * ROW_HEIGHT, view)).toBe(4 * ROW_HEIGHT);
    expect(scrollToShow(99_999, 0, view)).toBe(100_000 * ROW_HEIGHT - view);
  });
});
