import { describe, expect, it } from "vitest";
import { nextUnchecked, step } from "./navigation";
import { sampleClaims } from "../test/fake-api";

describe("moving through claims", () => {
  it("j and k step through the list and stop at its ends", () => {
    const list = sampleClaims();
    expect(step(list, null, 1)).toBe("c1");
    expect(step(list, "c1", 1)).toBe("c2");
    expect(step(list, "c1", -1)).toBe("c1");
    expect(step(list, "c4", 1)).toBe("c4");
    expect(step([], null, 1)).toBeNull();
  });

  it("next unchecked skips checked and dismissed claims and wraps round", () => {
    const list = sampleClaims();
    list[1]!.status = "verified";
    list[2]!.dismissed = true;
    expect(nextUnchecked(list, "c1")).toBe("c4");
    expect(nextUnchecked(list, "c4")).toBe("c1");
  });

  it("stays put when nothing else is unchecked", () => {
    const list = sampleClaims().map((c) => ({ ...c, status: "verified" as const }));
    expect(nextUnchecked(list, "c2")).toBe("c2");
  });
});
