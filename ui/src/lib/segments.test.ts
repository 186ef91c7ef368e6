import { describe, expect, it } from "vitest";
import { segments } from "./segments";
import { SAMPLE_TEXT, sampleClaims } from "../test/fake-api";

describe("segments", () => {
  it("cover the whole text in order", () => {
    const runs = segments(SAMPLE_TEXT, sampleClaims());
    expect(runs.map((r) => r.text).join("")).toBe(SAMPLE_TEXT);
    const starts = runs.map((r) => r.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("give every claim's words to that claim", () => {
    const claims = sampleClaims();
    const runs = segments(SAMPLE_TEXT, claims);
    for (const c of claims) {
      const covered = runs
        .filter((r) => r.claims.some((o) => o.id === c.id))
        .map((r) => r.text)
        .join("");
      expect(covered, `${c.id} is highlighted exactly`).toBe(c.text);
    }
  });

  it("keep a figure inside a quote clickable as the figure", () => {
    const text = "“We sent 14 tanks,” the minister said.";
    const quoteStart = 1;
    const quoteEnd = text.indexOf("”");
    const figStart = text.indexOf("14 tanks");
    const [quote, figure] = sampleClaims().slice(2);
    const claims = [
      { ...quote!, id: "q", range: { start: quoteStart, end: quoteEnd }, cue: null },
      { ...figure!, id: "f", range: { start: figStart, end: figStart + 8 } },
    ];
    const runs = segments(text, claims);
    const inner = runs.find((r) => r.text === "14 tanks");
    expect(inner?.claims.map((c) => c.id)).toEqual(["f", "q"]);
    expect(runs.find((r) => r.text === "We sent ")?.claims.map((c) => c.id)).toEqual(["q"]);
  });

  it("cut at a quote's attribution words so they can be marked", () => {
    const runs = segments(SAMPLE_TEXT, sampleClaims());
    expect(runs.some((r) => r.text === "Stoltenberg said" && r.claims.length === 0)).toBe(true);
  });

  it("count in UTF-16 units, as the backend sends them", () => {
    const text = "🇺🇦 aid: €40 million.";
    const start = text.indexOf("€40 million");
    const [, figure] = sampleClaims();
    const runs = segments(text, [
      { ...figure!, range: { start, end: start + "€40 million".length } },
    ]);
    expect(runs.find((r) => r.claims.length)?.text).toBe("€40 million");
  });
});
