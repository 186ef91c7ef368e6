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

describe("the app", () => {
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
