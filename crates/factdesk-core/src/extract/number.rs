//! Numbers as news text writes them, in digits ("12,000", "1.5") or words ("two dozen",
//! "three hundred and fifty"), and the scale words that follow them ("15 billion",
//! "1.2m"). Every amount a figure or a date reports is read here, so "fourteen" means 14
//! wherever it appears. The words and their values are data, in the lexicon
//! (`lexicon/numbers.toml`).

use std::borrow::Cow;

use super::lexicon::numbers::numbers;

/// The value of a cardinal number word ("fourteen" -> 14), lowercase or capitalized.
pub fn unit_word(word: &str) -> Option<f64> {
    numbers().cardinal(&ascii_lower(word))
}

/// The multiplier of a scale word or abbreviation ("million", "bn", "m", "k"), if any.
pub fn scale_word(word: &str) -> Option<f64> {
    numbers().scale(&ascii_lower(word))
}

/// The multiplier of a scale word spelled out ("hundred", "million", "lakh"), if any.
pub fn spelled_scale(word: &str) -> Option<f64> {
    numbers().spelled_scale(&ascii_lower(word))
}

/// The value of a collective number word ("dozen" -> 12, "pair" -> 2), if any.
pub fn collective_word(word: &str) -> Option<f64> {
    numbers().collective(&ascii_lower(word))
}

/// `word` in ASCII lower case, borrowed when it has no capital to lower.
fn ascii_lower(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The value of a number written in digits: "12,000" -> 12000, "1.5" -> 1.5, "15 000"
/// (spaces between groups of three, as the tokenizer joins them) -> 15000. Returns `None`
/// for anything that is not a well-formed decimal number.
pub fn parse_digits(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.contains([' ', '\u{a0}', '\u{202f}']) {
        let mut groups = s.split([' ', '\u{a0}', '\u{202f}']);
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut joined = first.to_string();
        for g in groups {
            if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            joined.push_str(g);
        }
        return joined.parse().ok();
    }
    if s.is_empty() || !s.as_bytes()[0].is_ascii_digit() && !s.starts_with('.') {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if !int_part.contains(',') {
        // Without separators the number reads as written.
        let frac_ok =
            frac_part.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
        if !frac_ok || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return s.parse().ok();
    }
    let mut cleaned = String::with_capacity(s.len());
    // Thousands separators must group by three: "12,000" yes, "1,20" no.
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    cleaned.push_str(first);
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        cleaned.push_str(g);
    }
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        cleaned.push('.');
        cleaned.push_str(f);
    }
    if !cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    cleaned.parse().ok()
}

/// Reads a number spelled in words from the start of `words`: "two", "twenty-five",
/// "three hundred and fifty", "two dozen", "a thousand", "half", "a third".
///
/// Returns the value and how many words it used; `None` when the first word starts no
/// number. Hyphenated compounds ("twenty-five") count as one word.
pub fn parse_words(words: &[&str]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current: Option<f64> = None;
    let mut used = 0;
    let mut i = 0;
    while i < words.len() {
        let w = ascii_lower(words[i]);
        if let Some(v) = compound(&w) {
            if current.is_some_and(|c| c % 100.0 != 0.0 || c >= 1000.0) && total == 0.0 {
                // "two three" is two numbers, not twenty-three.
                break;
            }
            if current.is_some_and(|c| c % 100.0 != 0.0) {
                break;
            }
            current = Some(current.unwrap_or(0.0) + v);
            i += 1;
            used = i;
            continue;
        }
        match &*w {
            "a" | "an" if i == 0 => {
                // "a thousand", "a dozen", "a third", "a couple": the article is "one".
                let next = words.get(1).map(|n| ascii_lower(n));
                match next.as_deref() {
                    Some(n) if spelled_scale(n).is_some() || collective_word(n).is_some() => {
                        current = Some(1.0);
                        i += 1;
                        continue;
                    }
                    Some("third" | "quarter" | "half") => {
                        let frac = fraction_word(next.as_deref().unwrap_or_default())?;
                        return Some((frac, 2));
                    }
                    _ => return None,
                }
            }
            "and"
                if current.is_some()
                    && used == i
                    && words
                        .get(i + 1)
                        .is_some_and(|a| a.eq_ignore_ascii_case("a"))
                    && words
                        .get(i + 2)
                        .is_some_and(|h| h.eq_ignore_ascii_case("half")) =>
            {
                // "two and a half": the half joins the number before any scale word.
                current = current.map(|c| c + 0.5);
                i += 3;
                used = i;
            }
            "and" if current.is_some() && used == i => {
                // "three hundred and fifty": keep going only if a number follows.
                if words
                    .get(i + 1)
                    .and_then(|n| compound(&ascii_lower(n)))
                    .is_some()
                    && current.is_some_and(|c| c >= 100.0)
                {
                    i += 1;
                    continue;
                }
                break;
            }
            // "two dozen", "three hundred": multiply the number so far.
            _ if current.is_some()
                && (collective_word(&w).is_some()
                    || spelled_scale(&w).is_some_and(|s| s < 1000.0)) =>
            {
                let by = collective_word(&w)
                    .or_else(|| spelled_scale(&w))
                    .unwrap_or(1.0);
                current = current.map(|c| c * by);
                i += 1;
                used = i;
            }
            // "two million", "five lakh": close a group of the number.
            _ if current.is_some() && spelled_scale(&w).is_some() => {
                let scale = spelled_scale(&w).unwrap_or(1.0);
                total += current.take().unwrap_or(1.0) * scale;
                i += 1;
                used = i;
                // Allow "two million three hundred thousand".
                current = None;
            }
            "half" if i == 0 => {
                // "half a dozen" is 6, "half a million" 500000; "half" alone is 0.5.
                let article = words.get(1).map(|n| ascii_lower(n));
                let scale = words.get(2).map(|n| ascii_lower(n));
                if matches!(article.as_deref(), Some("a" | "an")) {
                    let whole = scale
                        .as_deref()
                        .and_then(|s| collective_word(s).or_else(|| spelled_scale(s)));
                    if let Some(whole) = whole {
                        return Some((whole / 2.0, 3));
                    }
                }
                return Some((0.5, 1));
            }
            "third" | "quarter" if i == 0 => {
                return Some((fraction_word(&w)?, 1));
            }
            _ => break,
        }
    }
    if used == 0 {
        return None;
    }
    Some((total + current.unwrap_or(0.0), used))
}

/// A cardinal in one word, hyphenated or not: "twenty-five" -> 25, "fourteen" -> 14;
/// `None` for anything else.
pub fn compound(word: &str) -> Option<f64> {
    if let Some((tens, ones)) = word.split_once('-') {
        let t = unit_word(tens)?;
        let o = unit_word(ones)?;
        if t >= 20.0 && t % 10.0 == 0.0 && (1.0..10.0).contains(&o) {
            return Some(t + o);
        }
        return None;
    }
    unit_word(word)
}

/// The value of a fraction word, singular or plural: "half" -> 0.5, "third" and
/// "thirds" -> 1/3, "quarter" -> 0.25, "fifth" -> 0.2 ... "tenth" -> 0.1.
pub fn fraction_word(word: &str) -> Option<f64> {
    numbers().fraction(&ascii_lower(word))
}

/// How many times a multiplicative adverb says: "once" -> 1, "twice" -> 2, "thrice" -> 3.
pub fn times_word(word: &str) -> Option<f64> {
    numbers().times(&ascii_lower(word))
}

/// The factor of a verb of multiplying: "tripled" -> 3, "doubles" -> 2.
pub fn multiplying_verb(word: &str) -> Option<f64> {
    numbers().multiplying(&ascii_lower(word))
}

/// A number spoken digit by digit after "point": "eight-point-three" -> 8.3,
/// "one-point-two-five" -> 1.25.
pub fn spoken_decimal(word: &str) -> Option<f64> {
    let lower = ascii_lower(word);
    let (whole, fraction) = lower.split_once("-point-")?;
    let mut value = compound(whole)?;
    let mut place = 0.1;
    for digit in fraction.split('-') {
        let d = unit_word(digit).filter(|d| *d < 10.0)?;
        value += d * place;
        place /= 10.0;
    }
    Some(value)
}

/// The factor of a "-fold" word written as one word: "tenfold" -> 10, "twofold" -> 2,
/// "hundredfold" -> 100.
pub fn fold_word(word: &str) -> Option<f64> {
    let lower = ascii_lower(word);
    let stem = lower.strip_suffix("fold")?;
    spelled_scale(stem).or_else(|| compound(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(parse_digits("12,000"), Some(12000.0));
        assert_eq!(parse_digits("45,756"), Some(45756.0));
        assert_eq!(parse_digits("1.5"), Some(1.5));
        assert_eq!(parse_digits("1709"), Some(1709.0));
        assert_eq!(parse_digits("1,20"), None, "bad grouping is not a number");
        assert_eq!(parse_digits("abc"), None);
    }

    #[test]
    fn number_words_compose() {
        assert_eq!(parse_words(&words("fourteen Leopard")), Some((14.0, 1)));
        assert_eq!(parse_words(&words("two dozen militants")), Some((24.0, 2)));
        assert_eq!(parse_words(&words("twenty-five years")), Some((25.0, 1)));
        assert_eq!(
            parse_words(&words("three hundred and fifty people")),
            Some((350.0, 4))
        );
        assert_eq!(parse_words(&words("a thousand people")), Some((1000.0, 2)));
        assert_eq!(parse_words(&words("two million")), Some((2e6, 2)));
        assert_eq!(parse_words(&words("a third")), Some((1.0 / 3.0, 2)));
        assert_eq!(parse_words(&words("half")), Some((0.5, 1)));
        assert_eq!(parse_words(&words("half a dozen eggs")), Some((6.0, 3)));
        assert_eq!(parse_words(&words("half a million people")), Some((5e5, 3)));
        assert_eq!(
            parse_words(&words("two and a half years")),
            Some((2.5, 4)),
            "a half joins the number"
        );
        assert_eq!(
            parse_words(&words("two and a half million")),
            Some((2.5e6, 5)),
            "the scale applies to the whole"
        );
        assert_eq!(
            parse_words(&words("five and six")),
            Some((5.0, 1)),
            "'and' joins only hundreds to tens"
        );
    }

    #[test]
    fn fractions_multiples_and_folds() {
        assert_eq!(fraction_word("thirds"), Some(1.0 / 3.0));
        assert_eq!(fraction_word("Quarter"), Some(0.25));
        assert_eq!(fraction_word("fifth"), Some(0.2));
        assert_eq!(fraction_word("first"), None, "an ordinal is no fraction");
        assert_eq!(times_word("twice"), Some(2.0));
        assert_eq!(times_word("once"), Some(1.0));
        assert_eq!(times_word("often"), None);
        assert_eq!(fold_word("tenfold"), Some(10.0));
        assert_eq!(multiplying_verb("Doubled"), Some(2.0));
        assert_eq!(spoken_decimal("eight-point-three"), Some(8.3));
        assert_eq!(spoken_decimal("one-point-two-five"), Some(1.25));
        assert_eq!(spoken_decimal("eight-point"), None);
        assert_eq!(fold_word("hundredfold"), Some(100.0));
        assert_eq!(fold_word("manifold"), None);
        assert_eq!(compound("forty-two"), Some(42.0));
        assert_eq!(compound("forty-first"), None);
        assert_eq!(scale_word("crore"), Some(1e7));
        assert_eq!(parse_words(&words("five lakh")), Some((5e5, 2)));
    }

    #[test]
    fn words_that_are_not_numbers() {
        assert_eq!(
            parse_words(&words("a day")),
            None,
            "'a' alone is no number here"
        );
        assert_eq!(parse_words(&words("several people")), None);
        assert_eq!(
            parse_words(&words("two three")),
            Some((2.0, 1)),
            "two numbers, not 23"
        );
        assert_eq!(parse_words(&words("fifty and")), Some((50.0, 1)));
    }
}
