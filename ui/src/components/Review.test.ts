import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Review from "./Review.svelte";
import { FakeApi } from "../test/fake-api";
import { ApiError, type Settings } from "../lib/api";

function setup(settings: Partial<Settings> = {}, claimId: string | null = null) {
  const api = new FakeApi();
  const back = () => {};
  const result = render(Review, {
    api,
    settings: { ...api.settings, ...settings },
    articleId: "a1",
    claimId,
    back,
  });
  return { api, ...result };
}

const selectedId = () => screen.getByTestId("claim-detail").getAttribute("data-claim");
const press = (key: string) => fireEvent.keyDown(window, { key });

describe("the review screen", () => {
  it("highlights every claim in the text, marked by kind in words", async () => {
    setup();
    const text = await screen.findByTestId("article-text");
    const marks = [...text.querySelectorAll("mark[data-claim]")];
    expect(new Set(marks.map((m) => m.getAttribute("data-claim")))).toEqual(
      new Set(["c1", "c2", "c3", "c4"]),
    );
    expect(text.querySelector('mark[data-claim="c4"]')?.getAttribute("title")).toBe(
      "Quote, said by Jens Stoltenberg, unchecked",
    );
    expect(screen.getByTestId("progress").textContent).toContain("0 of 4 checked");
  });

  it("opens at the claim a search found", async () => {
    setup({}, "c3");
    await screen.findByTestId("claim-detail");
    expect(selectedId()).toBe("c3");
  });

  it("j and k move the selection; clicking a highlight selects its claim", async () => {
    setup();
    await screen.findByTestId("claim-detail");
    expect(selectedId()).toBe("c1");
    await press("j");
    expect(selectedId()).toBe("c2");
    await press("k");
    expect(selectedId()).toBe("c1");
    const quote = screen.getByTestId("article-text").querySelector('mark[data-claim="c4"]')!;
    await fireEvent.click(quote);
    expect(selectedId()).toBe("c4");
    expect(
      screen.getByTestId("claim-list").querySelector('[data-claim-item="c4"]')?.className,
    ).toContain("selected");
  });

  it("a verdict key records the verdict and moves to the next unchecked claim", async () => {
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    await press("v");
    await waitFor(() => expect(selectedId()).toBe("c2"));
    expect(api.calls.find((c) => c.method === "mark")?.args).toEqual([
      "c1",
      { status: "verified" },
    ]);
    expect(screen.getByTestId("progress").textContent).toContain("1 of 4 checked");
    const mark = screen.getByTestId("article-text").querySelector('mark[data-claim="c1"]');
    expect(mark?.className).toContain("verified");
    expect(
      screen.getByTestId("article-text").querySelector('[data-verdict-of="c1"]')?.textContent,
    ).toBe("✓");
  });

  it("with the setting off, a verdict key stays on the claim", async () => {
    setup({ advance_after_verdict: false });
    await screen.findByTestId("claim-detail");
    await press("d");
    await waitFor(() =>
      expect(screen.getByTestId("detail-status").textContent).toContain("Disputed"),
    );
    expect(selectedId()).toBe("c1");
  });

  it("n writes a note that is saved when the editor leaves the box", async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    await press("n");
    const note = screen.getByLabelText("Note");
    expect(document.activeElement).toBe(note);
    await user.type(note, "Ministry figures say 97%");
    await user.keyboard("{Escape}");
    await waitFor(() =>
      expect(
        api.calls.some((c) => c.method === "mark" && JSON.stringify(c.args).includes("97%")),
      ).toBe(true),
    );
    expect(api.claims[0]!.note).toBe("Ministry figures say 97%");
  });

  it("a note the backend refused is kept, not lost, when the editor moves on", async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    await user.type(screen.getByLabelText("Note"), "half-written");
    api.failNext = new ApiError("read_only", "the database is read-only");
    // Moving to another claim blurs the box, which tries to save and fails.
    await user.click(screen.getByTestId("article-text").querySelector('mark[data-claim="c2"]')!);
    await waitFor(() => expect(selectedId()).toBe("c2"));
    expect(api.claims[0]!.note).toBeNull();
    await user.click(screen.getByTestId("article-text").querySelector('mark[data-claim="c1"]')!);
    await waitFor(() => expect(selectedId()).toBe("c1"));
    expect((screen.getByLabelText("Note") as HTMLTextAreaElement).value).toBe("half-written");
  });

  it("x dismisses a claim and z undoes it", async () => {
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    await press("x");
    await waitFor(() =>
      expect(screen.getByTestId("article-text").querySelector('mark[data-claim="c1"]')).toBeNull(),
    );
    expect(api.claims[0]!.dismissed).toBe(true);
    expect(screen.getByTestId("progress").textContent).toContain("0 of 3 checked");
    await press("z");
    await waitFor(() =>
      expect(
        screen.getByTestId("article-text").querySelector('mark[data-claim="c1"]'),
      ).not.toBeNull(),
    );
    expect(api.claims[0]!.dismissed).toBe(false);
  });

  it("a adds a claim by typing its words, without a mouse", async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    await press("a");
    const words = await screen.findByLabelText("Words to mark");
    await user.type(words, "combat vehicles");
    expect(screen.getByRole("status").textContent).toContain("combat vehicles");
    await user.click(screen.getByLabelText("Date"));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(api.methods()).toContain("addClaim"));
    const start = api.article.text.indexOf("combat vehicles");
    expect(api.calls.find((c) => c.method === "addClaim")?.args).toEqual([
      "a1",
      { start, end: start + "combat vehicles".length },
      "date",
    ]);
    await waitFor(() => expect(selectedId()).toBe("c5"));
  });

  it("shows a quote's speaker and the words it was read from", async () => {
    setup();
    await screen.findByTestId("claim-detail");
    await fireEvent.click(
      screen.getByTestId("article-text").querySelector('mark[data-claim="c4"]')!,
    );
    const detail = screen.getByTestId("claim-detail");
    expect(detail.textContent).toContain("Jens Stoltenberg");
    expect(detail.querySelector("q")?.textContent).toBe("Stoltenberg said");
  });

  it("shows a figure's value in the words reports use", async () => {
    setup();
    await screen.findByTestId("claim-detail");
    await fireEvent.click(
      screen.getByTestId("article-text").querySelector('mark[data-claim="c2"]')!,
    );
    expect(screen.getByTestId("claim-detail").querySelector(".value")?.textContent).toBe(
      "98 percent",
    );
  });

  it("a draft dropped on the article becomes its new version, and says what moved", async () => {
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    await waitFor(() => expect(api.dropHandler).not.toBeNull());
    const { notices } = await import("../lib/notices.svelte");
    api.dropHandler!(["/drafts/a.docx", "/drafts/b.docx"]);
    await waitFor(() =>
      expect(notices.list.map((n) => n.text).join("\n")).toContain("Drop one file"),
    );
    expect(api.methods()).not.toContain("importVersion");
    api.dropHandler!(["/drafts/kyiv-v2.docx"]);
    await waitFor(() =>
      expect(notices.list.map((n) => n.text)).toContain(
        "Version 2: 1 checked claim lost their place and are marked orphaned",
      ),
    );
    expect(api.calls.find((c) => c.method === "importVersion")?.args).toEqual([
      "a1",
      "/drafts/kyiv-v2.docx",
    ]);
    expect(screen.getByTestId("article-text").textContent).toContain(
      "A paragraph added in the new draft.",
    );
  });

  it("errors from the backend are shown in words", async () => {
    const { api } = setup();
    await screen.findByTestId("claim-detail");
    const { notices } = await import("../lib/notices.svelte");
    api.failNext = new ApiError("read_only", "the database is read-only");
    await press("v");
    await waitFor(() =>
      expect(notices.list.map((n) => n.text)).toContain(
        "The verdict was not saved: the database is read-only",
      ),
    );
    expect(selectedId()).toBe("c1");
  });
});
