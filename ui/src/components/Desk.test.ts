import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Review from "./Review.svelte";
import SettingsScreen from "./Settings.svelte";
import DeskBadge from "./DeskBadge.svelte";
import Queue from "./Queue.svelte";
import App from "../App.svelte";
import { FakeApi } from "../test/fake-api";
import { ApiError, type DeskView } from "../lib/api";
import { notices } from "../lib/notices.svelte";

const joined: DeskView = {
  state: "synced",
  url: "http://127.0.0.1:7700",
  user: "ben",
  role: "checker",
  pending: 0,
  error: null,
  synced_at: "2026-12-05T18:02:00Z",
  pulled: 0,
};

const byAna = { by: "ana", at: "2026-12-05T18:02:00Z", status: "false" as const };

describe("the desk in the review screen", () => {
  it("marks claims someone else changed, and forgets it once the editor has looked", async () => {
    const api = new FakeApi();
    api.claims[0]!.changed_by = byAna;
    api.claims[2]!.changed_by = byAna;
    api.claims[2]!.status = "false";
    const props = { api, settings: api.settings, desk: joined, articleId: "a1", back: () => {} };
    render(Review, props);
    await screen.findByTestId("claim-detail");
    const list = screen.getByTestId("claim-list");
    expect(
      [...list.querySelectorAll("[data-testid=changed-marker]")].map((m) =>
        m.closest("[data-claim-item]")?.getAttribute("data-claim-item"),
      ),
    ).toEqual(["c1", "c3"]);
    // c1 is selected first: its line is shown and the backend is told it was seen.
    expect(screen.getByTestId("changed-by").textContent).toMatch(/Changed by ana \(False\)/);
    await waitFor(() => expect(api.methods()).toContain("markSeen"));
    expect(api.calls.find((c) => c.method === "markSeen")?.args).toEqual(["c1"]);
    // Moving on drops c1's marker; c3 keeps its own until it is looked at.
    await fireEvent.keyDown(window, { key: "j" });
    await waitFor(() =>
      expect(list.querySelector('[data-claim-item="c1"] [data-testid=changed-marker]')).toBeNull(),
    );
    expect(
      list.querySelector('[data-claim-item="c3"] [data-testid=changed-marker]'),
    ).not.toBeNull();
  });

  it("publishes the article when joined, and not when the role only reads", async () => {
    const api = new FakeApi();
    const props = { api, settings: api.settings, desk: joined, articleId: "a1", back: () => {} };
    const view = render(Review, props);
    await userEvent.click(await screen.findByTestId("publish-to-desk"));
    await screen.findByTestId("on-desk");
    expect(api.calls.find((c) => c.method === "publishToDesk")?.args).toEqual(["a1"]);
    view.unmount();
    render(Review, { ...props, api: new FakeApi(), desk: { ...joined, role: "admin" } });
    await screen.findByTestId("claim-detail");
    expect(screen.queryByTestId("publish-to-desk")).toBeNull();
  });

  it("takes in what a sync pulled without losing the selection", async () => {
    const api = new FakeApi();
    const props = { api, settings: api.settings, desk: joined, articleId: "a1", back: () => {} };
    const view = render(Review, props);
    await screen.findByTestId("claim-detail");
    await fireEvent.keyDown(window, { key: "j" });
    api.claims[3]!.status = "misleading";
    api.claims[3]!.changed_by = { ...byAna, status: "misleading" };
    await view.rerender({ ...props, desk: { ...joined, pulled: 1 } });
    const row = () => screen.getByTestId("claim-list").querySelector('[data-claim-item="c4"]');
    await waitFor(() => expect(row()?.getAttribute("data-status")).toBe("misleading"));
    expect(row()?.querySelector("[data-testid=changed-marker]")?.textContent).toContain("ana");
    expect(screen.getByTestId("claim-detail").getAttribute("data-claim")).toBe("c2");
  });
});

describe("joining a desk in Settings", () => {
  it("checks the token, shows the user and role, and never shows the token again", async () => {
    const api = new FakeApi();
    render(SettingsScreen, { api, settings: api.settings, info: null, desk: null });
    await userEvent.type(screen.getByLabelText("Desk address"), "http://127.0.0.1:7700");
    const token = screen.getByLabelText("Desk token") as HTMLInputElement;
    expect(token.type).toBe("password");
    await userEvent.type(token, "fdk_secret");
    await userEvent.click(screen.getByRole("button", { name: "Join the desk" }));
    expect((await screen.findByTestId("desk-user")).textContent).toBe("ben");
    expect(screen.getByTestId("desk-role").textContent).toBe("editor");
    expect(token.value).toBe("");
    expect(document.body.textContent).not.toContain("fdk_secret");
    expect(api.calls.find((c) => c.method === "joinDesk")?.args).toEqual([
      "http://127.0.0.1:7700",
      "fdk_secret",
    ]);
  });

  it("a refused token leaves the database unjoined and says why", async () => {
    const api = new FakeApi();
    render(SettingsScreen, { api, settings: api.settings, info: null, desk: null });
    await userEvent.type(screen.getByLabelText("Desk address"), "http://127.0.0.1:7700");
    await userEvent.type(screen.getByLabelText("Desk token"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Join the desk" }));
    await waitFor(() => expect(api.methods()).toContain("joinDesk"));
    await waitFor(() =>
      expect(notices.list.map((n) => n.text).join("\n")).toContain("unknown token"),
    );
    expect(screen.queryByTestId("desk-joined")).toBeNull();
  });
});

describe("the desk badge", () => {
  it("shows the state, and the reason on click", async () => {
    const api = new FakeApi();
    const view = render(DeskBadge, { api, desk: null });
    expect(screen.queryByTestId("desk-status")).toBeNull();
    await view.rerender({
      api,
      desk: { ...joined, state: "offline", pending: 2, error: "connection refused" },
    });
    const badge = screen.getByTestId("desk-status");
    expect(badge.textContent).toContain("Offline · 2 pending");
    expect(badge.getAttribute("title")).toContain("connection refused");
    await userEvent.click(badge);
    expect(screen.getByTestId("desk-detail").textContent).toContain("connection refused");
    await userEvent.click(screen.getByRole("button", { name: "Sync now" }));
    expect(api.methods()).toContain("syncDesk");
  });
});

describe("comments, sign-off and the queue", () => {
  it("shows a desk claim's thread and adds to it", async () => {
    const api = new FakeApi();
    api.onDeskArticles.add("a1");
    api.thread.c1 = [{ by: "ana", body: "Which report?", at: "2026-12-05T18:00:00Z" }];
    render(Review, { api, settings: api.settings, desk: joined, articleId: "a1", back: () => {} });
    const thread = await screen.findByTestId("comments");
    await waitFor(() => expect(thread.textContent).toContain("Which report?"));
    await userEvent.type(screen.getByLabelText("Comment"), "The ministry's of 4 May");
    await userEvent.click(screen.getByRole("button", { name: "Comment" }));
    await waitFor(() => expect(screen.getAllByTestId("comment")).toHaveLength(2));
    expect(api.calls.find((c) => c.method === "addComment")?.args).toEqual([
      "c1",
      "The ministry's of 4 May",
    ]);
    expect((screen.getByLabelText("Comment") as HTMLTextAreaElement).value).toBe("");
  });

  it("has no thread for an article not on the desk", async () => {
    const api = new FakeApi();
    render(Review, { api, settings: api.settings, desk: joined, articleId: "a1", back: () => {} });
    await screen.findByTestId("claim-detail");
    expect(screen.queryByTestId("comments")).toBeNull();
  });

  it("lets an editor sign off, and shows the desk's refusal in its words", async () => {
    const api = new FakeApi();
    api.onDeskArticles.add("a1");
    const editor = { ...joined, user: "ed", role: "editor" };
    const view = render(Review, {
      api,
      settings: api.settings,
      desk: editor,
      articleId: "a1",
      back: () => {},
    });
    await userEvent.click(await screen.findByTestId("sign-off"));
    await waitFor(() =>
      expect(screen.getByTestId("on-desk").textContent).toContain("signed off by ben"),
    );
    api.failNext = new ApiError(
      "forbidden",
      "the desk refused /v1/articles/…/signoff (403): ed marked a claim of this article",
    );
    await userEvent.click(screen.getByTestId("sign-off"));
    await waitFor(() =>
      expect(notices.list.map((n) => n.text).join("\n")).toContain("ed marked a claim"),
    );
    view.unmount();
    render(Review, { api, settings: api.settings, desk: joined, articleId: "a1", back: () => {} });
    await screen.findByTestId("on-desk");
    expect(screen.queryByTestId("sign-off")).toBeNull();
  });

  it("lists my queue by deadline and opens the local article", async () => {
    const api = new FakeApi();
    api.queue = [
      {
        article_uid: "u1",
        article_id: "a1",
        title: "Stoltenberg in Kyiv",
        assigned_by: "ed",
        deadline: "2099-01-01T12:00:00Z",
        at: "2026-12-05T17:00:00Z",
      },
      {
        article_uid: "u2",
        article_id: null,
        title: "Not pulled yet",
        assigned_by: "ed",
        deadline: null,
        at: "2026-12-05T17:00:00Z",
      },
    ];
    const opened: string[] = [];
    render(Queue, { api, open: (id: string) => opened.push(id) });
    const items = await screen.findAllByTestId("queue-item");
    expect(items.map((i) => i.querySelector(".title")?.textContent)).toEqual([
      "Stoltenberg in Kyiv",
      "Not pulled yet",
    ]);
    expect(items[0]!.textContent).toContain("due 1 Jan");
    expect(items[0]!.textContent).toContain("assigned by ed");
    expect((items[1] as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(items[0]!);
    expect(opened).toEqual(["a1"]);
  });
});

describe("the desk in the header", () => {
  it("follows the background sync's events, and offers My queue once joined", async () => {
    const api = new FakeApi();
    render(App, { api });
    await waitFor(() => expect(api.deskHandler).not.toBeNull());
    expect(screen.queryByTestId("desk-status")).toBeNull();
    expect(screen.queryByRole("button", { name: "My queue" })).toBeNull();
    api.deskHandler!({ ...joined, state: "pending", pending: 2 });
    const badge = await screen.findByTestId("desk-status");
    expect(badge.textContent).toContain("Pending 2");
    api.deskHandler!({ ...joined, state: "error", error: "the desk refused /v1/push (409)" });
    await waitFor(() => expect(badge.getAttribute("data-state")).toBe("error"));
    expect(badge.getAttribute("title")).toBe("the desk refused /v1/push (409)");
    await userEvent.click(screen.getByRole("button", { name: "My queue" }));
    expect(await screen.findByTestId("queue")).toBeTruthy();
  });
});
