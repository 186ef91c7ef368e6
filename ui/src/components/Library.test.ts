import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Library, { forgetLibraryView } from "./Library.svelte";
import App from "../App.svelte";
import { FakeApi } from "../test/fake-api";

beforeEach(() => forgetLibraryView());

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

  it("says the library is opening while the database is not ready", async () => {
    const api = new FakeApi();
    let ready: () => void = () => {};
    const opened = new Promise<void>((r) => (ready = r));
    const page = api.library.bind(api);
    api.library = async (q) => {
      await opened;
      return page(q);
    };
    render(Library, { api, open: () => {} });
    expect((await screen.findByRole("status")).textContent).toBe("Opening the library…");
    ready();
    await screen.findByText("Stoltenberg in Kyiv");
    expect(screen.queryByText("Opening the library…")).toBeNull();
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
  it("reads the list at the first key, and once more for the keys typed while it read", async () => {
    const api = new FakeApi();
    render(Library, { api, open: () => {} });
    await screen.findByText("Stoltenberg in Kyiv");
    let answer: () => void = () => {};
    const held = new Promise<void>((r) => (answer = r));
    const page = api.library.bind(api);
    const asked: (string | undefined)[] = [];
    api.library = async (q) => {
      asked.push(q.query);
      if (asked.length === 1) await held;
      return page(q);
    };
    const box = screen.getByLabelText("Search the library");
    await fireEvent.input(box, { target: { value: "S" } });
    // The first key is read at once, with no timer in between.
    expect(asked).toEqual(["S"]);
    for (const typed of ["St", "Sto", "Stol"])
      await fireEvent.input(box, { target: { value: typed } });
    expect(asked).toEqual(["S"]);
    answer();
    await waitFor(() =>
      expect(screen.getByTestId("library").getAttribute("data-query")).toBe("Stol"),
    );
    expect(asked).toEqual(["S", "Stol"]);
    expect(screen.getByText("Stoltenberg in Kyiv")).toBeTruthy();
  });

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

describe("opening straight from a search", () => {
  it("does not make the article wait behind the search of claims", async () => {
    const api = new FakeApi();
    const { unmount } = render(Library, { api, open: () => {} });
    await screen.findByText("Stoltenberg in Kyiv");
    await fireEvent.input(screen.getByLabelText("Search the library"), {
      target: { value: "Stoltenberg" },
    });
    await waitFor(() =>
      expect(screen.getByTestId("library").getAttribute("data-query")).toBe("Stoltenberg"),
    );
    // The editor opens the article at once: the library goes, and with it its search.
    unmount();
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls.filter((c) => c.method === "search")).toEqual([]);
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

describe("a library of 100,000 articles", () => {
  function bigLibrary(): FakeApi {
    const api = new FakeApi();
    const counts = {
      unchecked: 3,
      verified: 1,
      disputed: 0,
      false: 0,
      misleading: 0,
      unverifiable: 0,
    };
    api.moreArticles = Array.from({ length: 100_000 }, (_, k) => ({
      id: `a${k + 2}`,
      title: `Council budget story number ${k + 2}`,
      outlet: "Daily",
      published: "2024-05-01",
      imported_at: "2024-05-01T09:00:00Z",
      counts,
      claims: 4,
    }));
    return api;
  }

  it("draws only the rows in view, asks only for the pages it draws, and says the true size", async () => {
    const api = bigLibrary();
    render(Library, { api, open: () => {} });
    await screen.findByText("Council budget story number 100001");
    expect(screen.getByTestId("library-total").textContent).toContain("100,001 articles");
    const list = screen.getByTestId("library");
    expect(list.dataset.total).toBe("100001");
    expect(list.querySelectorAll("[data-article]").length).toBeLessThan(40);
    expect(list.querySelector("ul")!.style.height).toBe(`${100_001 * 64}px`);
    const asked = api.calls.filter((c) => c.method === "library");
    expect(asked.length).toBeLessThanOrEqual(2);
    for (const c of asked) expect((c.args[0] as { limit: number }).limit).toBeLessThanOrEqual(100);
  });

  it("reaches the last article by scrolling and by End, and opens it with Enter", async () => {
    const api = bigLibrary();
    let opened = "";
    render(Library, { api, open: (id: string) => (opened = id) });
    await screen.findByText("Council budget story number 100001");
    const list = screen.getByTestId("library");
    list.scrollTop = 100_001 * 64 - 800;
    await fireEvent.scroll(list);
    // The oldest article is last in the default order, newest first.
    const last = await screen.findByText("Stoltenberg in Kyiv");
    expect(last.closest("[data-index]")!.getAttribute("data-index")).toBe("100000");
    expect(list.querySelectorAll("[data-article]").length).toBeLessThan(40);
    list.scrollTop = 0;
    await fireEvent.scroll(list);
    await screen.findByText("Council budget story number 100001");
    await fireEvent.keyDown(window, { key: "End" });
    await waitFor(() => expect(document.activeElement?.getAttribute("data-article")).toBe("a1"));
    await fireEvent.keyDown(window, { key: "k" });
    await waitFor(() => expect(document.activeElement?.getAttribute("data-article")).toBe("a2"));
    await fireEvent.keyDown(window, { key: "j" });
    await fireEvent.keyDown(window, { key: "Enter" });
    expect(opened).toBe("a1");
  });

  it("finds the last article by search, first in the list", async () => {
    const api = bigLibrary();
    render(Library, { api, open: () => {} });
    await screen.findByText("Council budget story number 100001");
    await fireEvent.input(screen.getByLabelText("Search the library"), {
      target: { value: "Kyiv" },
    });
    await waitFor(() =>
      expect(screen.getByTestId("library-total").textContent).toContain("1 article match"),
    );
    const row = screen.getByText("Stoltenberg in Kyiv").closest("[data-index]")!;
    expect(row.getAttribute("data-index")).toBe("0");
  });

  it("orders by title or by most unchecked through the store, from the top", async () => {
    const api = bigLibrary();
    render(Library, { api, open: () => {} });
    await screen.findByText("Council budget story number 100001");
    await fireEvent.change(screen.getByLabelText("Order"), { target: { value: "title" } });
    await waitFor(() => {
      const last = api.calls.filter((c) => c.method === "library").at(-1)!;
      expect(last.args[0]).toMatchObject({ sort: "title", offset: 0 });
    });
    const first = await screen.findByText("Council budget story number 10");
    expect(first.closest("[data-index]")!.getAttribute("data-index")).toBe("0");
  });
});
