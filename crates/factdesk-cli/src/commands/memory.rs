//! How claim memory is printed: shared by `claims --seen-before` and `similar`.

use factdesk_core::store::{ClaimMemory, DiffOp, MemoryMatch, Relation};

/// A relation in words.
pub fn relation_text(r: Relation, other_speaker: bool) -> &'static str {
    match (r, other_speaker) {
        (Relation::Same | Relation::Fragment, true) => "same words, other speaker",
        (Relation::Misquote, true) => "misquote, other speaker",
        (Relation::Same, false) => "same",
        (Relation::Fragment, false) => "partial quote",
        (Relation::Misquote, false) => "misquote",
        (Relation::Differs, _) => "differs",
    }
}

/// A word diff on one line: removed words as [-…-], added as {+…+}.
pub fn diff_text(m: &MemoryMatch) -> String {
    m.diff
        .iter()
        .map(|d| match d.op {
            DiffOp::Same => d.words.clone(),
            DiffOp::Removed => format!("[-{}-]", d.words),
            DiffOp::Added => format!("{{+{}+}}", d.words),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lines under a claim listing what the library remembers of it.
pub fn memory_lines(memory: &ClaimMemory) -> Vec<String> {
    let mut out = Vec::new();
    let line = |m: &MemoryMatch| {
        let mut s = format!(
            "{} in {} ({}): {} {:?}, {}",
            m.claim.id,
            m.claim.article_id,
            super::short(&m.article_title, 40),
            relation_text(m.relation, m.other_speaker),
            super::short(&m.claim.claim.text, 60),
            m.claim.status.as_str()
        );
        if let Some(who) = &m.claim.reviewer {
            s.push_str(&format!(" by {who}"));
        }
        let value = super::value_text(&m.claim.claim);
        if !value.is_empty() {
            s.push_str(&format!(" [{value}]"));
        }
        if let Some(note) = &m.claim.note {
            s.push_str(&format!("; note: {}", super::short(note, 60)));
        }
        if !m.claim.sources.is_empty() {
            s.push_str(&format!("; {} sources", m.claim.sources.len()));
        }
        s
    };
    for m in &memory.seen_before {
        out.push(format!("        seen before: {}", line(m)));
    }
    for m in &memory.said_differently {
        out.push(format!("        said differently before: {}", line(m)));
        if !m.diff.is_empty() {
            out.push(format!("            {}", diff_text(m)));
        }
    }
    out
}
