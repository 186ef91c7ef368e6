import { describe, expect, it } from "vitest";
import { BLOCK_CHARS, WHOLE_ARTICLE_CHARS, articleBlocks, blockAt, firstBlocks } from "./blocks";
import { highlightHtml } from "./highlight";
import { SAMPLE_TEXT, longArticle, sampleClaims } from "../test/fake-api";
import type { ClaimView } from "./api";

describe("an article in blocks", () => {
  it("covers the text in order, each block starting a paragraph", () => {
    const { text, claims } = longArticle(400);
    const blocks = articleBlocks(text, claims);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks[0]!.start).toBe(0);
    expect(blocks[blocks.length - 1]!.end).toBe(text.length);
    for (let i = 1; i < blocks.length; i++) {
      expect(blocks[i]!.start, `block ${i} follows the one before`).toBe(blocks[i - 1]!.end);
      expect(text[blocks[i]!.start - 1], `block ${i} starts a paragraph`).toBe("\n");
      expect(blocks[i - 1]!.end - blocks[i - 1]!.start).toBeGreaterThanOrEqual(BLOCK_CHARS);
    }
  });

  it("gives every claim to the blocks its words and cue fall in", () => {
    const text = "First paragraph.\n\n“We will stay,” she said.\n\nThe minister, she said.";
    const quoteStart = text.indexOf("We will");
    const cueStart = text.indexOf("she said.\n\nThe") + "she said.\n\n".length;
    const quote: ClaimView = {
      ...sampleClaims()[3]!,
      id: "q",
      range: { start: quoteStart, end: quoteStart + "We will stay".length },
      cue: { start: cueStart, end: cueStart + "The minister".length },
    };
    const blocks = articleBlocks(text, [quote], 10);
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual([
      "First paragraph.\n\n",
      "“We will stay,” she said.\n\n",
      "The minister, she said.",
    ]);
    expect(blocks.map((b) => b.claims.map((c) => c.id))).toEqual([[], ["q"], ["q"]]);
    const cueHtml = highlightHtml(text, blocks[2]!.claims, blocks[2]!.start, blocks[2]!.end);
    expect(cueHtml).toContain('data-cue="q"');
    expect(cueHtml).not.toContain("<mark");
  });

  it("highlights block by block exactly as the whole text", () => {
    const { text, claims } = longArticle(60);
    const whole = document.createElement("div");
    whole.innerHTML = highlightHtml(text, claims);
    const parts = document.createElement("div");
    parts.innerHTML = articleBlocks(text, claims, 500)
      .map((b) => highlightHtml(text, b.claims, b.start, b.end))
      .join("");
    expect(parts.innerHTML).toBe(whole.innerHTML);
  });

  it("draws a short article whole, and a long one from the claim shown first", () => {
    const short = articleBlocks(SAMPLE_TEXT, sampleClaims(), 10);
    expect(firstBlocks(short, 0)).toEqual(short.map((_, i) => i));
    const { text, claims } = longArticle(600);
    expect(text.length).toBeGreaterThan(WHOLE_ARTICLE_CHARS);
    const blocks = articleBlocks(text, claims);
    const at = claims[claims.length / 2]!.range.start;
    const first = firstBlocks(blocks, at, 10_000);
    const holding = blockAt(blocks, at);
    expect(first[0]).toBe(holding - 1);
    expect(first).toContain(holding);
    const drawn = first.reduce((n, i) => n + blocks[i]!.end - blocks[i]!.start, 0);
    expect(drawn).toBeGreaterThanOrEqual(10_000);
    expect(first.length).toBeLessThan(blocks.length / 4);
  });

  it("finds the block holding an offset", () => {
    const { text, claims } = longArticle(200);
    const blocks = articleBlocks(text, claims);
    for (const at of [0, 1, blocks[3]!.start - 1, blocks[3]!.start, text.length - 1, text.length]) {
      const i = blockAt(blocks, at);
      expect(blocks[i]!.start <= at && (at < blocks[i]!.end || i === blocks.length - 1)).toBe(true);
    }
  });
});
