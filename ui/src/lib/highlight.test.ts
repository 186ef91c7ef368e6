import { describe, expect, it } from "vitest";
import { highlightHtml, paragraphStarts } from "./highlight";
import { SAMPLE_TEXT, sampleClaims } from "../test/fake-api";

function render(text: string, claims = sampleClaims(text)) {
  const el = document.createElement("div");
  el.innerHTML = highlightHtml(text, claims);
  return el;
}

describe("the highlighted text", () => {
  it("reads exactly as the article, badges aside", () => {
    const el = render(SAMPLE_TEXT);
    el.querySelectorAll(".cue-badge").forEach((b) => b.remove());
    expect(el.textContent).toBe(SAMPLE_TEXT);
  });

  it("escapes the text, so an article cannot inject markup", () => {
    const text = 'He wrote <img src=x onerror="alert(1)"> & left 5 "notes".';
    const el = render(text, []);
    expect(el.querySelector("img")).toBeNull();
    expect(el.textContent).toBe(text);
  });

  it("names each claim on its highlight, with a verdict badge after it", () => {
    const claims = sampleClaims();
    claims[1]!.status = "false";
    const el = render(SAMPLE_TEXT, claims);
    const mark = el.querySelector('mark[data-claim="c2"]')!;
    expect(mark.textContent).toBe("98%");
    expect(mark.className).toContain("figure");
    expect(mark.getAttribute("title")).toBe("Figure, false");
    expect(el.querySelector('[data-verdict-of="c2"]')?.textContent).toBe("✗");
  });

  it("marks a quote's attribution words", () => {
    const el = render(SAMPLE_TEXT);
    expect(el.querySelector('[data-cue="c4"]')?.textContent).toBe("Stoltenberg said");
  });

  it("puts each paragraph in its own block and keeps offsets across them", () => {
    const text = "First 10 words.\n\nSecond paragraph on 2 May.\nThird line.";
    const start = text.indexOf("2 May");
    const [date] = sampleClaims();
    const el = render(text, [{ ...date!, range: { start, end: start + 5 } }]);
    expect(paragraphStarts(text)).toEqual([17, 44]);
    el.querySelectorAll(".cue-badge").forEach((b) => b.remove());
    expect([...el.querySelectorAll(".para")].map((p) => p.textContent)).toEqual([
      "First 10 words.\n\n",
      "Second paragraph on 2 May.\n",
      "Third line.",
    ]);
    expect(Number(el.querySelector("mark")?.getAttribute("data-start"))).toBe(start);
  });
});
