import { describe, expect, it } from "vitest";
import type { DeskView } from "./api";
import { canPublish, changedLabel, deskLabel, mergeClaims } from "./desk";
import { sampleClaims } from "../test/fake-api";

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

describe("deskLabel", () => {
  it("names each state, with the pending count and the reason", () => {
    expect(deskLabel(null).tone).toBe("none");
    expect(deskLabel({ ...joined, state: "not_joined" }).text).toBe("No desk");
    const synced = deskLabel(joined);
    expect(synced.text).toBe("Synced");
    expect(synced.detail).toContain("http://127.0.0.1:7700 as ben (checker)");
    expect(deskLabel({ ...joined, state: "pending", pending: 3 }).text).toBe("Pending 3");
    const offline = deskLabel({
      ...joined,
      state: "offline",
      pending: 1,
      error: "the desk at http://127.0.0.1:7700 cannot be reached: connection refused",
    });
    expect(offline.text).toBe("Offline · 1 pending");
    expect(offline.tone).toBe("offline");
    expect(offline.detail).toContain("connection refused");
    expect(offline.detail).toContain("1 change waiting");
    const error = deskLabel({
      ...joined,
      state: "error",
      error: "the desk refused /v1/push (409)",
    });
    expect([error.text, error.tone, error.detail]).toEqual([
      "Desk error",
      "error",
      "the desk refused /v1/push (409)",
    ]);
  });
});

describe("changedLabel", () => {
  it("says who gave the verdict and which", () => {
    const text = changedLabel({ by: "ana", at: "2026-12-05T18:02:00Z", status: "false" });
    expect(text).toMatch(/^Changed by ana \(False\), 5 Dec/);
  });
});

describe("mergeClaims", () => {
  it("keeps unchanged claims as they were and takes the changed ones", () => {
    const current = sampleClaims();
    const fresh = sampleClaims().map((c) =>
      c.id === "c2"
        ? {
            ...c,
            status: "false" as const,
            changed_by: { by: "ana", at: "2026-12-05T18:02:00Z", status: "false" as const },
          }
        : c,
    );
    const merged = mergeClaims(current, fresh);
    expect(merged[0]).toBe(current[0]);
    expect(merged[1]).toBe(fresh[1]);
    expect(merged[1]!.status).toBe("false");
    expect(mergeClaims(current, sampleClaims())).toBe(current);
  });

  it("keeps the 'changed by' of the claim being looked at until the editor moves on", () => {
    const change = { by: "ana", at: "2026-12-05T18:02:00Z", status: "false" as const };
    const current = sampleClaims().map((c) => (c.id === "c1" ? { ...c, changed_by: change } : c));
    const merged = mergeClaims(current, sampleClaims(), "c1");
    expect(merged[0]!.changed_by).toEqual(change);
    expect(mergeClaims(current, sampleClaims(), "c2")[0]!.changed_by).toBeNull();
  });
});

describe("canPublish", () => {
  it("is for joined checkers and editors, not admins", () => {
    expect(canPublish(null)).toBe(false);
    expect(canPublish({ ...joined, state: "not_joined" })).toBe(false);
    expect(canPublish(joined)).toBe(true);
    expect(canPublish({ ...joined, state: "offline" })).toBe(true);
    expect(canPublish({ ...joined, role: "admin" })).toBe(false);
  });
});
