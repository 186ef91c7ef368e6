import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "@testing-library/svelte";
import ArticleText from "./ArticleText.svelte";
import { longArticle } from "../test/fake-api";

/** An IntersectionObserver the test drives: it says which blocks come near the view. */
class FakeObserver {
  static last: FakeObserver | undefined;
  watched = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
  /** Brings `el` near the view. */
  near(el: Element) {
    const entry = { target: el, isIntersecting: true } as unknown as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

beforeEach(() => vi.stubGlobal("IntersectionObserver", FakeObserver));
afterEach(() => vi.unstubAllGlobals());

const blocksOf = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>(":scope > .block")];

describe("a long article's text", () => {
  it("draws the screens around the claim shown first, the rest as it nears the view", async () => {
    const { text, claims } = longArticle(800);
    const selected = claims[claims.length / 2]!;
    const { getByTestId } = render(ArticleText, {
      text,
      claims,
      selectedId: selected.id,
      select: () => {},
      selectText: () => {},
    });
    const body = getByTestId("article-text");
    const blocks = blocksOf(body);
    const drawn = blocks.filter((b) => b.childElementCount > 0);
    expect(blocks.length).toBeGreaterThan(30);
    expect(drawn.length, "only a few blocks are drawn at first").toBeLessThan(blocks.length / 4);
    const mark = body.querySelector(`mark[data-claim="${selected.id}"]`);
    expect(mark?.classList.contains("selected"), "the claim shown first is drawn, selected").toBe(
      true,
    );
    expect(body.querySelector('mark[data-claim="c1-0"]'), "the top is not drawn yet").toBeNull();

    const top = blocks[0]!;
    expect(top.childElementCount).toBe(0);
    expect(FakeObserver.last!.watched.has(top), "every block is watched").toBe(true);
    FakeObserver.last!.near(top);
    expect(top.querySelector('mark[data-claim="c1-0"]')?.textContent).toBe("Thursday");
  });

  it("shows verdicts given before a block is drawn, and after", async () => {
    const { text, claims } = longArticle(800);
    const last = claims.length - 1;
    const { getByTestId, rerender } = render(ArticleText, {
      text,
      claims,
      selectedId: claims[0]!.id,
      select: () => {},
      selectText: () => {},
    });
    const body = getByTestId("article-text");
    const next = claims.slice();
    next[last] = { ...claims[last]!, status: "false" };
    next[1] = { ...claims[1]!, status: "verified" };
    await rerender({ claims: next });
    expect(body.querySelector('mark[data-claim="c2-0"]')?.classList.contains("verified")).toBe(
      true,
    );
    const end = blocksOf(body).at(-1)!;
    expect(end.childElementCount, "the end is not drawn yet").toBe(0);
    FakeObserver.last!.near(end);
    const mark = end.querySelector(`mark[data-claim="${claims[last]!.id}"]`);
    expect(mark?.classList.contains("false")).toBe(true);
    expect(end.querySelector(`[data-verdict-of="${claims[last]!.id}"]`)?.textContent).toBe("✗");
  });
});
