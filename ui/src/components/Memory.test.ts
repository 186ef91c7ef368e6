import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Review from "./Review.svelte";
import { FakeApi } from "../test/fake-api";
import type { EarlierClaim } from "../lib/api";

function earlier(extra: Partial<EarlierClaim>): EarlierClaim {
  return {
    claim_id: "c90",
    article_id: "a7",
    article_title: "NATO chief in Kyiv",
    text: "Ukraine’s rightful place is in NATO",
    relation: "same",
    other_speaker: false,
    speaker: "Jens Stoltenberg",
    value: null,
    status: "verified",
    note: "Said at the press conference.",
    reviewer: "Tom",
    sources: [
      {
        id: "s9",
        url: "https://www.nato.int/x",
        citation: null,
        title: null,
        shows: null,
        accessed: null,
      },
    ],
    diff: [],
    ...extra,
  };
}

function setup(prepare: (api: FakeApi) => void) {
  const api = new FakeApi();
  prepare(api);
  render(Review, {
    api,
    settings: { ...api.settings, advance_after_verdict: false },
    articleId: "a1",
    claimId: "c4",
    back: () => {},
  });
  return api;
}

const press = (key: string) => fireEvent.keyDown(window, { key });

describe("claim memory and consistency in the review screen", () => {
  it("lists the claim seen before with its verdict, and r reuses it", async () => {
    const api = setup((api) => {
      api.memory.c4 = { seen_before: [earlier({})], said_differently: [] };
    });
    const seen = await screen.findByTestId("seen-before");
    expect(seen.textContent).toContain("NATO chief in Kyiv");
    expect(seen.textContent).toContain("Verified");
    await press("r");
    await waitFor(() =>
      expect(screen.getByTestId("detail-status").textContent).toContain("Verified"),
    );
    expect(api.calls.find((c) => c.method === "reuseVerdict")?.args).toEqual(["c4", "c90"]);
    expect(api.events.map((h) => h.field)).toContain("reused");
  });

  it("r with nothing checked before changes nothing", async () => {
    const api = setup((api) => {
      api.memory.c4 = { seen_before: [earlier({ status: "unchecked" })], said_differently: [] };
    });
    await screen.findByTestId("seen-before");
    await press("r");
    expect(api.calls.some((c) => c.method === "reuseVerdict")).toBe(false);
    expect(screen.getByTestId("detail-status").textContent).toContain("Unchecked");
  });

  it("shows a misquote's changed words and another speaker", async () => {
    setup((api) => {
      api.memory.c4 = {
        seen_before: [],
        said_differently: [
          earlier({
            claim_id: "c91",
            relation: "misquote",
            text: "Ukraine’s place is in NATO",
            diff: [
              { op: "same", words: "ukraine s" },
              { op: "added", words: "rightful" },
              { op: "same", words: "place is in nato" },
            ],
          }),
          earlier({ claim_id: "c92", other_speaker: true, speaker: "Volodymyr Zelensky" }),
        ],
      };
    });
    const differently = await screen.findByTestId("said-differently");
    expect(differently.querySelector("ins")?.textContent).toBe("rightful");
    expect(differently.textContent).toContain("said by Volodymyr Zelensky");
  });

  it("marks a flagged claim in the list and says why in the detail", async () => {
    setup((api) => {
      api.claims[3]!.flags = [
        {
          check: "weekday",
          message: "20 April 2023 was a Thursday, not a Friday",
          claim_ids: ["c4"],
        },
      ];
    });
    const flag = await screen.findByTestId("flag");
    expect(flag.textContent).toContain("was a Thursday, not a Friday");
    const list = screen.getByTestId("claim-list");
    expect(list.querySelector('[data-claim-item="c4"] [data-testid="flag-marker"]')).not.toBeNull();
    expect(list.querySelector('[data-claim-item="c1"] [data-testid="flag-marker"]')).toBeNull();
  });
});
