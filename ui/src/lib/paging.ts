// The library's windowing: which rows to draw and which pages to ask for, so a list of
// 100,000 articles costs what a screenful costs.

/** Height of one library row, in CSS pixels (the stylesheet takes it from here). */
export const ROW_HEIGHT = 64;
/** Rows asked of the backend at a time. */
export const LIBRARY_PAGE = 100;
/** Rows drawn beyond each edge of the view, so a short scroll shows no gap. */
export const OVERSCAN = 8;
/** The view's height before the first layout (and where there is none, as in tests). */
const DEFAULT_VIEW = 800;

/** The rows to draw, `start` inclusive to `end` exclusive: those in view and a few more. */
export function rowWindow(
  scrollTop: number,
  viewHeight: number,
  total: number,
): { start: number; end: number } {
  const height = viewHeight > 0 ? viewHeight : DEFAULT_VIEW;
  const start = Math.min(Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN), total);
  const end = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

/** The pages holding rows `start` to `end` (exclusive); none for an empty range. */
export function pagesFor(start: number, end: number): number[] {
  if (end <= start) return [];
  const first = Math.floor(start / LIBRARY_PAGE);
  const last = Math.floor((end - 1) / LIBRARY_PAGE);
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** The scroll position that shows row `index` whole, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, viewHeight: number): number {
  const top = index * ROW_HEIGHT;
  const bottom = top + ROW_HEIGHT;
  if (top < scrollTop) return top;
  const height = viewHeight > 0 ? viewHeight : DEFAULT_VIEW;
  if (bottom > scrollTop + height) return bottom - height;
  return scrollTop;
}

/** The performance mark the library sets when it first shows its rows (or that it has
 * none): the end of start-up as an editor sees it, read by `make measure`. */
export const LIBRARY_SHOWN_MARK = "factdesk:library-shown";
