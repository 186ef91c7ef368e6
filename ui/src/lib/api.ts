// The one module that talks to the backend. Everything else receives an `Api` and never
// imports @tauri-apps/*, so components can be tested against a fake implementation and
// the end-to-end test drives the real one.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open, save } from "@tauri-apps/plugin-dialog";

import type { AppInfo } from "./bindings/AppInfo";
import type { ArticleRow } from "./bindings/ArticleRow";
import type { ArticleView } from "./bindings/ArticleView";
import type { ChangedBy } from "./bindings/ChangedBy";
import type { ClaimView } from "./bindings/ClaimView";
import type { CommentView } from "./bindings/CommentView";
import type { Format } from "./bindings/Format";
import type { HistoryView } from "./bindings/HistoryView";
import type { ImportBatch } from "./bindings/ImportBatch";
import type { ImportResult } from "./bindings/ImportResult";
import type { Kind } from "./bindings/Kind";
import type { LibraryPage } from "./bindings/LibraryPage";
import type { LibraryQuery } from "./bindings/LibraryQuery";
import type { LibrarySort } from "./bindings/LibrarySort";
import type { MemoryView } from "./bindings/MemoryView";
import type { NewVersion } from "./bindings/NewVersion";
import type { DeskState } from "./bindings/DeskState";
import type { DeskView } from "./bindings/DeskView";
import type { EarlierClaim } from "./bindings/EarlierClaim";
import type { FlagView } from "./bindings/FlagView";
import type { PastedArticle } from "./bindings/PastedArticle";
import type { Progress } from "./bindings/Progress";
import type { QueueItem } from "./bindings/QueueItem";
import type { Range } from "./bindings/Range";
import type { Review } from "./bindings/Review";
import type { SearchHitView } from "./bindings/SearchHitView";
import type { Settings } from "./bindings/Settings";
import type { SignOffView } from "./bindings/SignOffView";
import type { SourceInput } from "./bindings/SourceInput";
import type { Status } from "./bindings/Status";

export type {
  AppInfo,
  ArticleRow,
  ArticleView,
  ChangedBy,
  ClaimView,
  CommentView,
  DeskState,
  DeskView,
  EarlierClaim,
  FlagView,
  Format,
  HistoryView,
  ImportBatch,
  ImportResult,
  Kind,
  LibraryPage,
  LibraryQuery,
  LibrarySort,
  MemoryView,
  NewVersion,
  PastedArticle,
  Progress,
  QueueItem,
  Range,
  Review,
  SearchHitView,
  Settings,
  SignOffView,
  SourceInput,
  Status,
};

/** A failure reported by the backend: branch on `code`, show `message`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Wraps whatever a call rejected with, so every failure has a code and words. */
  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    if (err && typeof err === "object" && "code" in err && "message" in err) {
      return new ApiError(String(err.code), String(err.message));
    }
    return new ApiError("internal", err instanceof Error ? err.message : String(err));
  }
}

/** What a claim edit can change: a verdict, a note, or both. */
export interface ClaimChange {
  status?: Status;
  note?: string;
}

/** Everything the UI asks of the backend. */
export interface Api {
  /** A window of the library (rows from `offset` in the order and filter asked for)
   * and how many articles pass the filter in all. */
  library(query: LibraryQuery): Promise<LibraryPage>;
  openArticle(id: string): Promise<Review>;
  importText(article: PastedArticle): Promise<ImportResult>;
  importFiles(paths: string[]): Promise<ImportBatch>;
  /** Reads a file as a new version of an article; its verdicts are re-anchored. */
  importVersion(articleId: string, path: string): Promise<NewVersion>;
  mark(claimId: string, change: ClaimChange): Promise<ClaimView>;
  addSource(claimId: string, source: SourceInput): Promise<ClaimView>;
  addClaim(articleId: string, range: Range, kind: Kind): Promise<ClaimView>;
  setDismissed(claimId: string, dismissed: boolean): Promise<ClaimView>;
  correctSpeaker(claimId: string, speaker: string | null): Promise<ClaimView>;
  undo(claimId: string): Promise<ClaimView>;
  history(claimId: string): Promise<HistoryView[]>;
  /** Earlier claims in the library stating the same thing, or stating it differently. */
  claimMemory(claimId: string): Promise<MemoryView>;
  /** Gives a claim an earlier claim's verdict, note and sources (recorded as reused). */
  reuseVerdict(claimId: string, fromId: string): Promise<ClaimView>;
  search(query: string): Promise<SearchHitView[]>;
  reportFormats(): Promise<Format[]>;
  exportReport(
    articleId: string,
    format: string,
    path: string,
    publicationUrl?: string,
  ): Promise<void>;
  /** Runs the claim engine again over an article; verdicts on claims found again stay. */
  reextract(articleId: string): Promise<Review>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<Settings>;
  appInfo(): Promise<AppInfo>;
  /** Where this database stands with its desk. */
  deskStatus(): Promise<DeskView>;
  /** Joins the database to a desk; the token is checked with the server and kept by the
   * backend, never returned. */
  joinDesk(url: string, token: string): Promise<DeskView>;
  /** Puts an article on the desk; the sync that follows publishes it. */
  publishToDesk(articleId: string): Promise<DeskView>;
  /** Asks for a sync now; `onDesk` reports how it ended. */
  syncDesk(): Promise<DeskView>;
  /** Records that the editor has seen a claim someone else changed on the desk. */
  markSeen(claimId: string): Promise<boolean>;
  /** The articles assigned to the desk user, soonest deadline first. */
  deskQueue(): Promise<QueueItem[]>;
  /** A desk claim's comment thread, oldest first. */
  comments(claimId: string): Promise<CommentView[]>;
  /** Adds to a desk claim's comment thread. */
  addComment(claimId: string, body: string): Promise<CommentView>;
  /** Signs a desk article off (editors who marked none of its claims). */
  signOff(articleId: string): Promise<SignOffView>;
  /** Who signed a desk article off, and when. */
  signOffs(articleId: string): Promise<SignOffView[]>;
  /** Calls `handler` with the desk's state after every background sync. */
  onDesk(handler: (view: DeskView) => void): Promise<() => void>;
  /** Asks the editor for article files; an empty list when cancelled. */
  chooseArticleFiles(): Promise<string[]>;
  /** Asks the editor where to save; `null` when cancelled. */
  chooseSavePath(suggestedName: string, extension: string): Promise<string | null>;
  /** Calls `handler` with the progress of long tasks; resolves to an unsubscribe. */
  onProgress(handler: (progress: Progress) => void): Promise<() => void>;
  /** Calls `handler` with the paths of files dropped on the window. */
  onFilesDropped(handler: (paths: string[]) => void): Promise<() => void>;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw ApiError.from(err);
  }
}

/** The real backend: the app's Tauri commands. */
export const tauriApi: Api = {
  library: (query) => call("library", { query }),
  openArticle: (id) => call("open_article", { id }),
  importText: (article) => call("import_text", { article }),
  importFiles: (paths) => call("import_files", { paths }),
  importVersion: (articleId, path) => call("import_version", { articleId, path }),
  mark: (claimId, change) =>
    call("mark", { claimId, status: change.status ?? null, note: change.note ?? null }),
  addSource: (claimId, source) => call("add_source", { claimId, source }),
  addClaim: (articleId, range, kind) => call("add_claim", { articleId, range, kind }),
  setDismissed: (claimId, dismissed) => call("set_dismissed", { claimId, dismissed }),
  correctSpeaker: (claimId, speaker) => call("correct_speaker", { claimId, speaker }),
  undo: (claimId) => call("undo", { claimId }),
  history: (claimId) => call("history", { claimId }),
  claimMemory: (claimId) => call("claim_memory", { claimId }),
  reuseVerdict: (claimId, fromId) => call("reuse_verdict", { claimId, fromId }),
  search: (query) => call("search", { query }),
  reportFormats: () => call("report_formats"),
  exportReport: (articleId, format, path, publicationUrl) =>
    call("export_report", { articleId, format, path, publicationUrl: publicationUrl ?? null }),
  reextract: (articleId) => call("reextract", { articleId }),
  getSettings: () => call("get_settings"),
  saveSettings: (settings) => call("save_settings", { settings }),
  appInfo: () => call("app_info"),
  deskStatus: () => call("desk_status"),
  joinDesk: (url, token) => call("join_desk", { url, token }),
  publishToDesk: (articleId) => call("publish_to_desk", { articleId }),
  syncDesk: () => call("sync_desk"),
  markSeen: (claimId) => call("mark_seen", { claimId }),
  deskQueue: () => call("desk_queue"),
  comments: (claimId) => call("comments", { claimId }),
  addComment: (claimId, body) => call("add_comment", { claimId, body }),
  signOff: (articleId) => call("sign_off", { articleId }),
  signOffs: (articleId) => call("sign_offs", { articleId }),
  onDesk: (handler) => listen<DeskView>("desk", (event) => handler(event.payload)),
  async chooseArticleFiles() {
    const picked = await open({
      multiple: true,
      directory: false,
      title: "Import articles",
      filters: [
        {
          name: "Articles",
          extensions: ["txt", "md", "markdown", "html", "htm", "xhtml", "docx", "pdf"],
        },
      ],
    });
    if (picked === null) return [];
    return Array.isArray(picked) ? picked : [picked];
  },
  async chooseSavePath(suggestedName, extension) {
    return save({
      title: "Save report",
      defaultPath: suggestedName,
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    });
  },
  onProgress: (handler) => listen<Progress>("progress", (event) => handler(event.payload)),
  onFilesDropped: (handler) =>
    getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === "drop") handler(event.payload.paths);
    }),
};
