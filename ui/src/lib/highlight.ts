// The article text as HTML with every claim highlighted. Built as one string and set once:
// with a thousand claims, one parse is far cheaper than thousands of reactive elements.
// Verdicts and the selection are then drawn by changing classes on the marks (see
// ArticleText.svelte), so a verdict never rebuilds the text.

import type { ClaimView } from "./api";
import { KIND_LABEL, STATUS_GLYPH, STATUS_LABEL } from "./format";
import { segments } from "./segments";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** `text` with HTML's special characters escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The words a screen reader says for a highlight: kind, speaker, verdict. */
export function claimLabel(c: ClaimView): string {
  const who = c.speaker ? `, said by ${c.speaker}` : "";
  return `${KIND_LABEL[c.kind]}${who}, ${STATUS_LABEL[c.status].toLowerCase()}`;
}

/**
 * The HTML of `text` from `from` to `to` (the whole text by default; a part must start at
 * a paragraph start) with `claims` highlighted. Every run of text carries `data-start`
 * (its UTF-16 offset, to map a selection back to the text); a highlight is a
 * `<mark data-claim>` naming its innermost claim, with `data-ids` listing all claims
 * covering it; a quote's attribution words carry `data-cue`. After each claim's last run
 * comes its verdict badge (`data-verdict-of`), hidden while the claim is unchecked.
 * Paragraphs are blocks (`div.para`) holding their text and trailing line breaks, so the
 * text content of the whole is exactly the text of that part.
 */
export function highlightHtml(
  text: string,
  claims: readonly ClaimView[],
  from = 0,
  to = text.length,
): string {
  // Cues in document order, swept alongside the runs: each run looks only at the cues
  // that may cover it, not at every cue of the article.
  const cues = claims.filter((c) => c.cue).sort((a, b) => a.cue!.start - b.cue!.start);
  let nextCue = 0;
  let openCues: ClaimView[] = [];
  const paragraphs = paragraphStarts(text, from, to);
  const isParagraph = new Set(paragraphs);
  const out: string[] = [];
  let open = false;
  for (const run of segments(text, claims, paragraphs, from, to)) {
    if (isParagraph.has(run.start) || !open) {
      if (open) out.push("</div>");
      out.push(`<div class="para" data-start="${run.start}">`);
      open = true;
    }
    const end = run.start + run.text.length;
    while (nextCue < cues.length && cues[nextCue]!.cue!.start < end) {
      openCues.push(cues[nextCue]!);
      nextCue++;
    }
    openCues = openCues.filter((c) => c.cue!.end > run.start);
    const cueOf = openCues
      .filter((c) => c.cue!.start < end)
      .map((c) => c.id)
      .join(" ");
    const cueAttr = cueOf ? ` data-cue="${cueOf}"` : "";
    const body = escapeHtml(run.text);
    const c = run.claims[0];
    if (!c) {
      out.push(`<span data-start="${run.start}"${cueAttr}>${body}</span>`);
    } else {
      const inQuote = run.claims.length > 1 && run.claims.some((o) => o.kind === "quote");
      out.push(
        `<mark class="hl ${c.kind} ${c.status}${inQuote ? " in-quote" : ""}"` +
          ` data-start="${run.start}" data-claim="${c.id}"` +
          ` data-ids="${run.claims.map((o) => o.id).join(" ")}"${cueAttr}` +
          ` title="${escapeHtml(claimLabel(c))}">${body}</mark>`,
      );
    }
    const ending = run.endsClaim;
    if (ending) {
      out.push(
        `<span class="cue-badge ${ending.status}" data-verdict-of="${ending.id}"` +
          ` aria-label="${STATUS_LABEL[ending.status]}">${STATUS_GLYPH[ending.status]}</span>`,
      );
    }
  }
  if (open) out.push("</div>");
  return out.join("");
}

/**
 * Where paragraphs start between `from` and `to` (the whole text by default): after every
 * run of line breaks. Each paragraph becomes its own block, so the web view lays out only
 * the paragraphs on screen (`content-visibility`).
 */
export function paragraphStarts(text: string, from = 0, to = text.length): number[] {
  const starts: number[] = [];
  const breaks = /\n+/g;
  breaks.lastIndex = from;
  for (let m = breaks.exec(text); m && m.index < to; m = breaks.exec(text)) {
    const at = m.index + m[0].length;
    if (at < to) starts.push(at);
  }
  return starts;
}
