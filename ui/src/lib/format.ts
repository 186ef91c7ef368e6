// Words for values, verdicts and kinds: everything the UI shows about a claim in text.

import type { ClaimView, Kind, Status } from "./api";

export const STATUSES: readonly Status[] = [
  "unchecked",
  "verified",
  "disputed",
  "false",
  "misleading",
  "unverifiable",
];

export const KINDS: readonly Kind[] = ["figure", "date", "quote"];

export const STATUS_LABEL: Record<Status, string> = {
  unchecked: "Unchecked",
  verified: "Verified",
  disputed: "Disputed",
  false: "False",
  misleading: "Misleading",
  unverifiable: "Unverifiable",
};

/** A shape for each verdict, so it reads without colour. */
export const STATUS_GLYPH: Record<Status, string> = {
  unchecked: "○",
  verified: "✓",
  disputed: "!",
  false: "✗",
  misleading: "~",
  unverifiable: "?",
};

export const KIND_LABEL: Record<Kind, string> = {
  figure: "Figure",
  date: "Date",
  quote: "Quote",
};

/** The keyboard key that gives each verdict. */
export const VERDICT_KEYS: Record<string, Status> = {
  v: "verified",
  d: "disputed",
  f: "false",
  m: "misleading",
  u: "unverifiable",
};

/** "12 of 40 checked": dismissed claims do not count. */
export function progressLabel(claims: readonly ClaimView[]): {
  checked: number;
  total: number;
  text: string;
} {
  const live = claims.filter((c) => !c.dismissed);
  const checked = live.filter((c) => c.status !== "unchecked").length;
  return { checked, total: live.length, text: `${checked} of ${live.length} checked` };
}

// Formatters are built once: building one costs far more than formatting with it, and
// the library formats a date for every row it draws.
const SHORT_DATE = { day: "numeric", month: "short", year: "numeric" } as const;
const shortDateUtc = new Intl.DateTimeFormat("en-GB", { ...SHORT_DATE, timeZone: "UTC" });
const shortDateLocal = new Intl.DateTimeFormat("en-GB", SHORT_DATE);

/** A short date for lists ("20 Apr 2023"), from an ISO date or instant: a plain date as
 * written, an instant in the local time zone. */
export function shortDate(iso: string | null): string {
  if (!iso) return "";
  const dateOnly = iso.length === 10;
  const d = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (dateOnly ? shortDateUtc : shortDateLocal).format(d);
}

/** A history entry's value, readable: JSON strings unquoted, null as a dash. */
export function historyValue(json: string): string {
  try {
    const v: unknown = JSON.parse(json);
    if (v === null) return "—";
    if (typeof v === "string") return v;
    if (typeof v === "object" && v && "url" in v) {
      const s = v as { url?: string | null; citation?: string | null };
      return s.url ?? s.citation ?? json;
    }
    return JSON.stringify(v);
  } catch {
    return json;
  }
}
