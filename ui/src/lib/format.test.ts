import { describe, expect, it } from "vitest";
import { historyValue, progressLabel } from "./format";
import { sampleClaims } from "../test/fake-api";

describe("words for claims", () => {
  it("progress counts checked claims and leaves dismissed ones out", () => {
    const claims = sampleClaims();
    claims[0]!.status = "verified";
    claims[1]!.status = "false";
    claims[3]!.dismissed = true;
    expect(progressLabel(claims).text).toBe("2 of 3 checked");
  });

  it("history values are unquoted and null reads as a dash", () => {
    expect(historyValue('"verified"')).toBe("verified");
    expect(historyValue("null")).toBe("—");
    expect(historyValue('{"url":"https://example.org/r","citation":null}')).toBe(
      "https://example.org/r",
    );
  });
});
