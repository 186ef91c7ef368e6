import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Library from "./Library.svelte";
import App from "../App.svelte";
import { FakeApi } from "../test/fake-api";

describe("the library", () => {
  it("lists articles with how far their review has come", async () => {
    const api = new FakeApi();
    api.claims[0]!.status = "verified";
    render(Library, { api, open: () => {} });
    const row = await screen.findByText("Stoltenberg in Kyiv");
    const item = row.closest("button")!;
    expect(item.textContent).toContain("1 of 4 checked");
    expect(item.querySelector('[role="img"]')?.getAttribute("aria-label")).toBe(
      "3 Unchecked, 1 Verified",
    );
  });

  it("opens the current article with Enter and focuses search with /", async () => {
    const api = new FakeApi();
    let opened = "";
    render(Library, { api, open: (id: string) => (opened = id) });
    await screen.findByText("Stoltenberg in Kyiv");
    await fireEvent.keyDown(window, { key: "/" });
    expect(document.activeElement).toBe(screen.getByLabelText("Search the library"));
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(window, { key: "Enter" });
    expect(opened).toBe("a1");
  });

  it("searches as the editor types", async () => {
    const api = new FakeApi();
    render(Library, { api, open: () => {} });
    await screen.findByText("Stoltenberg in Kyiv");
    await fireEvent.input(screen.getByLabelText("Search the library"), {
      target: { value: "no such words" },
    });
    await waitFor(() => expect(screen.queryByText("Stoltenberg in Kyiv")).toBeNull());
    expect(screen.getByText("No article matches.")).toBeTruthy();
  });
});

describe("searching", () => {
  it("finds claims by their words and opens the article at the claim", async () => {
    const api = new FakeApi();
    const opened: [string, string | null | undefined][] = [];
    render(Library, { api, open: (id: string, claim?: string | null) => opened.push([id, claim]) });
    await screen.findByText("Stoltenberg in Kyiv");
    await fireEvent.input(screen.getByLabelText("Search the library"), {
      target: { value: "tanks" },
    });
    const hits = await screen.findByTestId("search-hits");
    expect(hits.querySelector("b")?.textContent).toBe("tanks");
    await fireEvent.click(hits.querySelector("button")!);
    expect(opened).toEqual([["a1", "c3"]]);
  });
});

describe("importing files", () => {
  it("imports files dropped on the window and says which failed and why", async () => {
    const api = new FakeApi();
    render(Library, { api, open: () => {} });
    await screen.findByText("Stoltenberg in Kyiv");
    await waitFor(() => expect(api.dropHandler).not.toBeNull());
    api.dropHandler!(["/news/a.txt", "/news/b.html", "/news/scan.pdf"]);
    await waitFor(() => expect(api.methods()).toContain("importFiles"));
    const { notices } = await import("../lib/notices.svelte");
    await waitFor(() =>
      expect(notices.list.map((n) => n.text)).toEqual(
        expect.arrayContaining([
          "Could not import /news/scan.pdf: /news/scan.pdf: is not article text",
          "Imported 2 articles",
        ]),
      ),
    );
  });
});

describe("the app", () => {
  it("shows the progress of a long import", async () => {
    const api = new FakeApi();
    render(App, { api });
    await screen.findByText("Stoltenberg in Kyiv");
    await waitFor(() => expect(api.progressHandler).not.toBeNull());
    api.progressHandler!({ task: "import", done: 3, total: 40, current: "budget.html" });
    const status = await screen.findByText(/Importing budget\.html… 3 of 40/);
    expect(status).toBeTruthy();
    api.progressHandler!({ task: "import", done: 40, total: 40, current: "" });
    await waitFor(() => expect(screen.queryByText(/Importing/)).toBeNull());
  });

  it("? shows every shortcut", async () => {
    render(App, { api: new FakeApi() });
    await screen.findByText("Stoltenberg in Kyiv");
    await fireEvent.keyDown(window, { key: "?" });
    const help = screen.getByTestId("shortcuts");
    for (const key of ["j", "k", "v", "d", "f", "m", "u", "n", "s", "x", "z", "/", "?"]) {
      expect(
        [...help.querySelectorAll("kbd")].some((k) => k.textContent === key),
        `the shortcut list shows ${key}`,
      ).toBe(true);
    }
  });
});
