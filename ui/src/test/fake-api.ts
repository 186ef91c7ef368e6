// An in-memory implementation of the Api interface for component tests: it keeps verdicts,
// notes, sources, history and undo the way the backend does, and records every call.

import type {
  Api,
  ArticleRow,
  ArticleView,
  ClaimChange,
  ClaimView,
  CommentView,
  DeskView,
  HistoryView,
  Kind,
  LibraryPage,
  LibraryQuery,
  MemoryView,
  Progress,
  QueueItem,
  Range,
  Settings,
  Status,
} from "../lib/api";
import { ApiError } from "../lib/api";

export const SAMPLE_TEXT =
  "Jens Stoltenberg arrived in Kyiv on Thursday. Allies have delivered 98% of the " +
  "combat vehicles promised, more than 230 tanks. “Ukraine’s rightful place is in NATO,” " +
  "Stoltenberg said.";

function claimAt(
  text: string,
  id: string,
  kind: Kind,
  words: string,
  extra: Partial<ClaimView> = {},
): ClaimView {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`fixture words not in text: ${words}`);
  return {
    id,
    kind,
    range: { start, end: start + words.length },
    text: words,
    figure: null,
    value: null,
    date: null,
    speaker: null,
    cue: null,
    status: "unchecked",
    note: null,
    reviewer: null,
    reviewed_at: null,
    sources: [],
    dismissed: false,
    orphaned: false,
    manual: false,
    flags: [],
    changed_by: null,
    ...extra,
  };
}

export function sampleClaims(text = SAMPLE_TEXT): ClaimView[] {
  const cueStart = text.indexOf("Stoltenberg said");
  return [
    claimAt(text, "c1", "date", "Thursday", { date: "2023-04-20", value: "2023-04-20" }),
    claimAt(text, "c2", "figure", "98%", {
      figure: { amount: 98, upper: null, unit: "percent", qualifier: null },
      value: "98 percent",
    }),
    claimAt(text, "c3", "figure", "more than 230 tanks", {
      figure: { amount: 230, upper: null, unit: "tank", qualifier: "more than" },
      value: "more than 230 tank",
    }),
    claimAt(text, "c4", "quote", "Ukraine’s rightful place is in NATO", {
      speaker: "Jens Stoltenberg",
      cue: { start: cueStart, end: cueStart + "Stoltenberg said".length },
    }),
  ];
}

/** A long article: the sample paragraph `n` times, each claim repeated with new ids. */
export function longArticle(n: number): { text: string; claims: ClaimView[] } {
  const paragraph = SAMPLE_TEXT + "\n\n";
  const text = paragraph.repeat(n);
  const claims = Array.from({ length: n }, (_, k) =>
    sampleClaims().map((c) => ({
      ...c,
      id: `${c.id}-${k}`,
      range: {
        start: c.range.start + k * paragraph.length,
        end: c.range.end + k * paragraph.length,
      },
      cue: c.cue
        ? { start: c.cue.start + k * paragraph.length, end: c.cue.end + k * paragraph.length }
        : null,
    })),
  ).flat();
  return { text, claims };
}

export interface Call {
  method: string;
  args: unknown[];
}

export class FakeApi implements Api {
  calls: Call[] = [];
  article: ArticleView = {
    id: "a1",
    title: "Stoltenberg in Kyiv",
    byline: null,
    outlet: "Sample",
    url: null,
    published: "2023-04-20",
    imported_at: "2023-04-21T09:00:00Z",
    text: SAMPLE_TEXT,
  };
  claims: ClaimView[] = sampleClaims();
  events: HistoryView[] = [];
  settings: Settings = { reviewer: "Ana", database: null, advance_after_verdict: true };
  failNext: ApiError | null = null;
  /** What the library "remembers" of each claim, by claim id. */
  memory: Record<string, MemoryView> = {};
  #events = 0;

  #log(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
  }

  #claim(id: string): ClaimView {
    const c = this.claims.find((c) => c.id === id);
    if (!c) throw new ApiError("not_found", `claim ${id} not found`);
    return c;
  }

  #record(claim: ClaimView, field: string, before: unknown, after: unknown) {
    this.events.push({
      id: `h${++this.#events}`,
      claim_id: claim.id,
      at: "2023-04-21T10:00:00Z",
      by: this.settings.reviewer,
      field,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
    });
  }

  /** Articles beyond the one open-able article, oldest first (a test of a large
   * library fills this). */
  moreArticles: ArticleRow[] = [];

  async library(q: LibraryQuery): Promise<LibraryPage> {
    this.#log("library", q);
    const counts = {
      unchecked: 0,
      verified: 0,
      disputed: 0,
      false: 0,
      misleading: 0,
      unverifiable: 0,
    };
    const live = this.claims.filter((c) => !c.dismissed);
    for (const c of live) counts[c.status]++;
    const row: ArticleRow = {
      id: this.article.id,
      title: this.article.title,
      outlet: this.article.outlet,
      published: this.article.published,
      imported_at: this.article.imported_at,
      counts,
      claims: live.length,
    };
    const words = q.query?.toLowerCase();
    let rows = [row, ...this.moreArticles].filter(
      (r) =>
        (!words ||
          (r.id === this.article.id ? this.article.text : r.title).toLowerCase().includes(words)) &&
        (!q.status || r.counts[q.status] > 0) &&
        (!q.kind || (r.id === this.article.id ? live.some((c) => c.kind === q.kind) : true)),
    );
    const n = (r: ArticleRow) => Number(r.id.slice(1));
    const sort = q.sort ?? "newest";
    rows = [...rows].sort((a, b) =>
      sort === "oldest"
        ? n(a) - n(b)
        : sort === "title"
          ? a.title.localeCompare(b.title) || n(a) - n(b)
          : sort === "most_unchecked"
            ? b.counts.unchecked - a.counts.unchecked || n(b) - n(a)
            : n(b) - n(a),
    );
    return { total: rows.length, offset: q.offset, rows: rows.slice(q.offset, q.offset + q.limit) };
  }

  async openArticle(id: string) {
    this.#log("openArticle", id);
    if (id !== this.article.id) throw new ApiError("not_found", `article ${id} not found`);
    return {
      article: this.article,
      claims: structuredClone(this.claims),
      history: [],
      on_desk: this.onDeskArticles.has(id),
    };
  }

  async importText(article: { title: string; text: string }) {
    this.#log("importText", article);
    return { article_id: "a2", title: article.title, created: true, claims: 0 };
  }

  async importFiles(paths: string[]) {
    this.#log("importFiles", paths);
    const bad = paths.filter((p) => p.endsWith(".pdf"));
    return {
      imported: paths
        .filter((p) => !bad.includes(p))
        .map((p, i) => ({ article_id: `a${i + 2}`, title: p, created: true, claims: 3 })),
      failed: bad.map((path) => ({ path, message: `${path}: is not article text` })),
    };
  }

  async importVersion(articleId: string, path: string) {
    this.#log("importVersion", articleId, path);
    if (articleId !== this.article.id)
      throw new ApiError("not_found", `article ${articleId} not found`);
    if (!path.endsWith(".docx")) throw new ApiError("bad_file", `${path}: is not article text`);
    this.article = {
      ...this.article,
      text: `${this.article.text}\n\nA paragraph added in the new draft.`,
    };
    this.claims[2]!.orphaned = true;
    return {
      version: 2,
      orphaned: 1,
      review: {
        article: this.article,
        claims: structuredClone(this.claims),
        history: [],
        on_desk: false,
      },
    };
  }

  async mark(claimId: string, change: ClaimChange) {
    this.#log("mark", claimId, change);
    const c = this.#claim(claimId);
    if (change.status) {
      this.#record(c, "status", c.status, change.status);
      c.status = change.status;
      c.reviewer = this.settings.reviewer;
    }
    if (change.note !== undefined) {
      this.#record(c, "note", c.note, change.note || null);
      c.note = change.note || null;
    }
    return structuredClone(c);
  }

  async addSource(claimId: string, source: { url: string | null; citation: string | null }) {
    this.#log("addSource", claimId, source);
    const c = this.#claim(claimId);
    const s = {
      id: `s${c.sources.length + 1}`,
      url: source.url,
      citation: source.citation,
      title: null,
      shows: null,
      accessed: null,
    };
    c.sources.push(s);
    this.#record(c, "source", null, s);
    return structuredClone(c);
  }

  async addClaim(articleId: string, range: Range, kind: Kind) {
    this.#log("addClaim", articleId, range, kind);
    const words = this.article.text.slice(range.start, range.end);
    const c = claimAt(this.article.text, `c${this.claims.length + 1}`, kind, words, {
      manual: true,
    });
    c.range = range;
    this.claims.push(c);
    return structuredClone(c);
  }

  async setDismissed(claimId: string, dismissed: boolean) {
    this.#log("setDismissed", claimId, dismissed);
    const c = this.#claim(claimId);
    this.#record(c, "dismissed", c.dismissed, dismissed);
    c.dismissed = dismissed;
    return structuredClone(c);
  }

  async correctSpeaker(claimId: string, speaker: string | null) {
    this.#log("correctSpeaker", claimId, speaker);
    const c = this.#claim(claimId);
    this.#record(c, "speaker", c.speaker, speaker);
    c.speaker = speaker;
    return structuredClone(c);
  }

  async undo(claimId: string) {
    this.#log("undo", claimId);
    const c = this.#claim(claimId);
    const i = this.events.findLastIndex((h) => h.claim_id === claimId);
    if (i >= 0) {
      const [h] = this.events.splice(i, 1);
      const before: unknown = JSON.parse(h!.before);
      if (h!.field === "status") c.status = before as Status;
      if (h!.field === "note") c.note = before as string | null;
      if (h!.field === "dismissed") c.dismissed = before as boolean;
      if (h!.field === "speaker") c.speaker = before as string | null;
    }
    return structuredClone(c);
  }

  async history(claimId: string) {
    this.#log("history", claimId);
    return this.events.filter((h) => h.claim_id === claimId);
  }

  async claimMemory(claimId: string): Promise<MemoryView> {
    this.#log("claimMemory", claimId);
    this.#claim(claimId);
    return structuredClone(this.memory[claimId] ?? { seen_before: [], said_differently: [] });
  }

  async reuseVerdict(claimId: string, fromId: string) {
    this.#log("reuseVerdict", claimId, fromId);
    const c = this.#claim(claimId);
    const from = this.memory[claimId]?.seen_before.find((m) => m.claim_id === fromId);
    if (!from) throw new ApiError("not_found", `claim ${fromId} not found`);
    this.#record(c, "reused", null, { from: fromId });
    this.#record(c, "status", c.status, from.status);
    c.status = from.status;
    c.note = from.note;
    c.reviewer = this.settings.reviewer;
    c.sources = [...c.sources, ...structuredClone(from.sources)];
    return structuredClone(c);
  }

  async search(query: string) {
    this.#log("search", query);
    const words = query.toLowerCase();
    return this.claims
      .filter((c) => c.text.toLowerCase().includes(words))
      .map((c) => ({
        article_id: this.article.id,
        article_title: this.article.title,
        claim_id: c.id,
        field: "claim",
        snippet: c.text.replace(new RegExp(query, "i"), (m) => `[${m}]`),
      }));
  }

  async reportFormats() {
    return [
      { id: "html", label: "HTML", extension: "html", needs_publication_url: false },
      { id: "claimreview", label: "ClaimReview", extension: "jsonld", needs_publication_url: true },
    ];
  }

  async exportReport(articleId: string, format: string, path: string, publicationUrl?: string) {
    this.#log("exportReport", articleId, format, path, publicationUrl);
  }

  async reextract(articleId: string) {
    this.#log("reextract", articleId);
    return this.openArticle(articleId);
  }

  async getSettings() {
    return { ...this.settings };
  }

  async saveSettings(settings: Settings) {
    this.#log("saveSettings", settings);
    this.settings = { ...settings };
    return { ...settings };
  }

  async appInfo() {
    return {
      version: "0.1.0",
      database: "/tmp/factdesk.db",
      database_from_env: false,
      default_database: "/home/ana/.local/share/factdesk/factdesk.db",
      database_error: null,
    };
  }

  async chooseArticleFiles() {
    return ["/tmp/article.txt"];
  }

  async chooseSavePath(name: string) {
    return `/tmp/${name}`;
  }

  desk: DeskView = {
    state: "not_joined",
    url: null,
    user: null,
    role: null,
    pending: 0,
    error: null,
    synced_at: null,
    pulled: 0,
  };
  /** Articles published to the desk. */
  onDeskArticles = new Set<string>();
  deskHandler: ((view: DeskView) => void) | null = null;

  async deskStatus() {
    return { ...this.desk };
  }

  async joinDesk(url: string, token: string) {
    this.#log("joinDesk", url, token);
    if (!token.startsWith("fdk_")) {
      throw new ApiError("unauthorized", "the desk refused /v1/me (401): unknown token");
    }
    this.desk = { ...this.desk, state: "synced", url, user: "ben", role: "editor" };
    return { ...this.desk };
  }

  async publishToDesk(articleId: string) {
    this.#log("publishToDesk", articleId);
    this.onDeskArticles.add(articleId);
    this.desk = { ...this.desk, state: "pending", pending: this.desk.pending + 1 };
    return { ...this.desk };
  }

  async syncDesk() {
    this.#log("syncDesk");
    return { ...this.desk };
  }

  async markSeen(claimId: string) {
    this.#log("markSeen", claimId);
    const claim = this.claims.find((c) => c.id === claimId);
    const was = !!claim?.changed_by;
    if (claim) claim.changed_by = null;
    return was;
  }

  queue: QueueItem[] = [];
  thread: Record<string, CommentView[]> = {};
  signedOff: { by: string; at: string }[] = [];

  async deskQueue() {
    this.#log("deskQueue");
    return structuredClone(this.queue);
  }

  async comments(claimId: string) {
    this.#log("comments", claimId);
    return structuredClone(this.thread[claimId] ?? []);
  }

  async addComment(claimId: string, body: string) {
    this.#log("addComment", claimId, body);
    const comment = { by: this.desk.user ?? "ben", body, at: "2026-12-05T18:30:00Z" };
    (this.thread[claimId] ??= []).push(comment);
    return { ...comment };
  }

  async signOff(articleId: string) {
    this.#log("signOff", articleId);
    const done = { by: this.desk.user ?? "ben", at: "2026-12-05T18:40:00Z" };
    this.signedOff.push(done);
    return { ...done };
  }

  async signOffs(articleId: string) {
    this.#log("signOffs", articleId);
    return structuredClone(this.signedOff);
  }

  async onDesk(handler: (view: DeskView) => void) {
    this.deskHandler = handler;
    return () => (this.deskHandler = null);
  }

  progressHandler: ((p: Progress) => void) | null = null;
  dropHandler: ((paths: string[]) => void) | null = null;

  async onProgress(handler: (p: Progress) => void) {
    this.progressHandler = handler;
    return () => (this.progressHandler = null);
  }

  async onFilesDropped(handler: (paths: string[]) => void) {
    this.dropHandler = handler;
    return () => (this.dropHandler = null);
  }

  /** The methods called so far, in order. */
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}
