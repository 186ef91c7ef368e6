// Cuts an article's text into runs for highlighting: each run is covered by the same set
// of claims, so nested claims (a figure inside a quote) both stay visible and clickable.

import type { ClaimView } from "./api";

export interface Segment {
  /** Offset of the run's first UTF-16 unit in the text. */
  start: number;
  text: string;
  /** The claims covering this run, innermost (shortest) first; empty for plain text. */
  claims: ClaimView[];
  /** True when the run ends a claim: the verdict cue is drawn after it. */
  endsClaim: ClaimView | null;
}

/**
 * Splits `text` from `from` to `to` (the whole text by default) at every claim boundary,
 * at the edges of quotes' attribution cues and at `extraCuts`. Claims are taken as given
 * (the caller drops the dismissed ones it does not want shown); ranges are UTF-16 offsets
 * into `text`. Runs cover `from` to `to` in order, so joining their `text` gives that part
 * of `text` back.
 */
export function segments(
  text: string,
  claims: readonly ClaimView[],
  extraCuts: readonly number[] = [],
  from = 0,
  to = text.length,
): Segment[] {
  const lo = clamp(from, text.length);
  const hi = Math.max(lo, clamp(to, text.length));
  const cuts = new Set<number>([lo, hi]);
  const cut = (at: number) => {
    if (at > lo && at < hi) cuts.add(at);
  };
  for (const at of extraCuts) cut(at);
  for (const c of claims) {
    cut(c.range.start);
    cut(c.range.end);
    if (c.cue) {
      // A quote's attribution words get runs of their own so they can be marked too.
      cut(c.cue.start);
      cut(c.cue.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Claims sorted by start let a sweep find the covering set without scanning them all.
  const byStart = [...claims].sort((a, b) => a.range.start - b.range.start);
  const open: ClaimView[] = [];
  let next = 0;
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    while (next < byStart.length && byStart[next]!.range.start <= start) {
      open.push(byStart[next]!);
      next++;
    }
    for (let j = open.length - 1; j >= 0; j--) {
      if (open[j]!.range.end <= start) open.splice(j, 1);
    }
    const covering = open
      .filter((c) => c.range.end > start)
      .sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start));
    const ending = covering.find((c) => c.range.end === end) ?? null;
    out.push({ start, text: text.slice(start, end), claims: covering, endsClaim: ending });
  }
  return out;
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}
