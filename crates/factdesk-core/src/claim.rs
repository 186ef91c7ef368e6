//! The claim: a span of an article an editor must check, with its normalized value.

use serde::{Deserialize, Serialize};

/// What kind of checkable statement a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A number, amount of money, percentage, quantity or duration.
    Figure,
    /// A calendar or clock reference, absolute or relative.
    Date,
    /// Words in quotation marks attributed to someone.
    Quote,
}

impl ClaimKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ClaimKind; 3] = [ClaimKind::Figure, ClaimKind::Date, ClaimKind::Quote];

    /// The lowercase name used in JSON, the CLI and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Figure => "figure",
            ClaimKind::Date => "date",
            ClaimKind::Quote => "quote",
        }
    }
}

impl std::fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ClaimKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "figure" => Ok(ClaimKind::Figure),
            "date" => Ok(ClaimKind::Date),
            "quote" => Ok(ClaimKind::Quote),
            other => Err(format!(
                "unknown claim kind {other:?} (expected figure, date or quote)"
            )),
        }
    }
}

/// A UTF-8 byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
}

impl Span {
    /// A span from `start` (inclusive) to `end` (exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside this span.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The normalized value of a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FigureValue {
    /// The amount with its scale applied ("15 billion" is 15000000000); for a range, the
    /// lower bound. `None` for values that are not one number, such as a score "3–1".
    pub amount: Option<f64>,
    /// ISO 4217 code for money, "percent", a time or measure unit, or the counted noun in
    /// singular lower case.
    pub unit: Option<String>,
    /// An approximation or comparison: "more than", "less than", "about", "nearly",
    /// "at least", "up to", "at most".
    pub qualifier: Option<String>,
    /// Upper bound of a range ("10 to 12" has amount 10, upper 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
}

/// The normalized value of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DateValue {
    /// ISO 8601 date ("2023-04-20"), month ("2022-02"), year ("2002"), week ("2023-W16"),
    /// time ("2023-04-20T16:00"), or interval ("2002-01-01/2002-01-07"); `None` when the
    /// text alone cannot resolve it (a relative date without a publication date).
    pub iso: Option<String>,
}

/// A claim's normalized value: which variant depends on the claim's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClaimValue {
    /// The value of a [`ClaimKind::Figure`].
    Figure(FigureValue),
    /// The value of a [`ClaimKind::Date`].
    Date(DateValue),
}

/// One checkable statement found in (or marked on) an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Figure, date or quote.
    pub kind: ClaimKind,
    /// First byte of the claim in the article text.
    pub start: usize,
    /// One past the last byte of the claim.
    pub end: usize,
    /// Exactly `article_text[start..end]`; for a quote, the words without the marks.
    pub text: String,
    /// Normalized value for figures and dates; `None` for quotes.
    pub value: Option<ClaimValue>,
    /// For a quote, the fullest name the article gives for whoever said it; `None` when the
    /// article names no one (and always for figures and dates).
    pub speaker: Option<String>,
    /// For a quote, the attribution words its speaker was read from ("Peskov said").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    /// The sentence the claim stands in.
    pub sentence: Span,
}

impl Claim {
    /// The claim's byte range.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The figure value, if this claim carries one.
    pub fn figure(&self) -> Option<&FigureValue> {
        match &self.value {
            Some(ClaimValue::Figure(v)) => Some(v),
            _ => None,
        }
    }

    /// The date value, if this claim carries one.
    pub fn date(&self) -> Option<&DateValue> {
        match &self.value {
            Some(ClaimValue::Date(v)) => Some(v),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_json_as_the_right_variant() {
        let fig: ClaimValue = serde_json::from_str(r#"{"amount":5,"unit":null,"qualifier":null}"#)
            .expect("a figure value parses");
        assert!(
            matches!(fig, ClaimValue::Figure(_)),
            "amount means a figure"
        );
        let date: ClaimValue =
            serde_json::from_str(r#"{"iso":"2022-02"}"#).expect("a date value parses");
        assert_eq!(
            date,
            ClaimValue::Date(DateValue {
                iso: Some("2022-02".into())
            }),
            "iso means a date"
        );
    }
}
