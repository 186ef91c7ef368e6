// A long article drawn in blocks: the text is cut at paragraph starts into parts of a few
// thousand characters, and only the parts near the view are turned into highlighted HTML.
// An article of 5,000 claims then costs what its first screens cost to open, and moving
// through its claims lays out a few blocks, not the whole text.

import type { ClaimView } from "./api";
import { paragraphStarts } from "./highlight";

/** Characters a block holds at least (it ends at the first paragraph start after this). */
export const BLOCK_CHARS = 4000;
/** An article this long or shorter is drawn whole at once, as it always was. */
export const WHOLE_ARTICLE_CHARS = 40_000;
/** Characters drawn at once around the claim shown first: several screens. */
export const FIRST_DRAW_CHARS = 16_000;
/** Characters a line of the article holds, for a block's height before it is drawn. */
const LINE_CHARS = 64;

export interface Block {
  /** UTF-16 offset of the block's first character: a paragraph start, or 0. */
  start: number;
  /** Offset just past its last character. */
  end: number;
  /** The claims whose words or attribution cue fall in the block, in document order. */
  claims: ClaimView[];
  /** Lines the block takes, roughly: what its placeholder reserves before it is drawn. */
  lines: number;
}

/**
 * `text` cut into blocks of at least `size` characters, each starting at a paragraph
 * start, covering the whole text in order, with the claims that touch each. A claim that
 * spans a block boundary (a quote over two paragraphs) belongs to both blocks.
 */
export function articleBlocks(
  text: string,
  claims: readonly ClaimView[],
  size = BLOCK_CHARS,
): Block[] {
  const starts = [0];
  for (const at of paragraphStarts(text)) {
    if (at - starts[starts.length - 1]! >= size) starts.push(at);
  }
  const blocks: Block[] = starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    return { start, end, claims: [], lines: estimateLines(text, start, end) };
  });
  const byStart = [...claims].sort((a, b) => a.range.start - b.range.start);
  for (const c of byStart) {
    const from = Math.min(c.range.start, c.cue?.start ?? Infinity);
    const to = Math.max(c.range.end, c.cue?.end ?? -Infinity);
    for (let i = blockAt(blocks, from); i < blocks.length && blocks[i]!.start < to; i++) {
      blocks[i]!.claims.push(c);
    }
  }
  return blocks;
}

/** The index of the block holding offset `at` (the last block for the text's end). */
export function blockAt(blocks: readonly Block[], at: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The blocks to draw before the first frame: all of a short article; else those from the
 * block holding `at` (the claim shown first) on, a block before it, until `chars`
 * characters are drawn.
 */
export function firstBlocks(
  blocks: readonly Block[],
  at: number,
  chars = FIRST_DRAW_CHARS,
): number[] {
  const length = blocks.length ? blocks[blocks.length - 1]!.end : 0;
  if (length <= WHOLE_ARTICLE_CHARS) return blocks.map((_, i) => i);
  const first = Math.max(0, blockAt(blocks, at) - 1);
  const out: number[] = [];
  let drawn = 0;
  for (let i = first; i < blocks.length && drawn < chars; i++) {
    out.push(i);
    drawn += blocks[i]!.end - blocks[i]!.start;
  }
  return out;
}

/** Lines `text` from `start` to `end` takes: each paragraph's wrapped lines, and each
 * line break. */
function estimateLines(text: string, start: number, end: number): number {
  let lines = 0;
  let from = start;
  while (from < end) {
    let nl = text.indexOf("\n", from);
    if (nl < 0 || nl >= end) nl = end;
    lines += Math.max(1, Math.ceil((nl - from) / LINE_CHARS));
    from = nl + 1;
  }
  return lines;
}
