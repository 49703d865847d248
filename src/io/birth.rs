//! Birth dates (出生年月) in the forms rosters hold them: `1968.03`,
//! `1975年8月`, `1978-05`, `1978/5`, `197805`, a date cell, full-width
//! digits, and the number `1979.1` that a spreadsheet shows for 1979.10.

use super::text::fold_width;

/// A birth date as read: the year, and the month when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Birth {
    /// The year.
    pub year: i32,
    /// The month (1–12), when written.
    pub month: Option<u8>,
    /// The text was `YYYY.1`: read as October, the way a number cell shows
    /// 1979.10 (a guess, named in the import's report; the year is certain).
    pub dropped_zero: bool,
}

impl Birth {
    /// `1968.03`, or `1968` without a month.
    pub fn shown(&self) -> String {
        match self.month {
            Some(m) => format!("{}.{m:02}", self.year),
            None => self.year.to_string(),
        }
    }
}

/// Reads a birth date, or `None` when the text is none of the forms. Years
/// run from 1900 to 2100 and months from 1 to 12.
pub fn parse_birth(s: &str) -> Option<Birth> {
    let t: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '．' | '。' => '.',
            _ => c,
        })
        .collect();
    let t = t.trim_end_matches(['日', '号']);
    if t.is_empty() {
        return None;
    }
    let (year, month, day, dropped_zero) = split_date(t)?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return None;
        }
    }
    if let Some(d) = day {
        if !(1..=31).contains(&d) {
            return None;
        }
    }
    Some(Birth {
        year,
        month: month.map(|m| m as u8),
        dropped_zero,
    })
}

/// (year, month, day, read `YYYY.1` as October).
type Parts = (i32, Option<u32>, Option<u32>, bool);

fn split_date(t: &str) -> Option<Parts> {
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    // all digits: 1968, 196803, 19680315
    if digits(t) {
        return match t.len() {
            4 => Some((t.parse().ok()?, None, None, false)),
            6 => Some((
                t[..4].parse().ok()?,
                Some(t[4..].parse().ok()?),
                None,
                false,
            )),
            8 => Some((
                t[..4].parse().ok()?,
                Some(t[4..6].parse().ok()?),
                Some(t[6..].parse().ok()?),
                false,
            )),
            _ => None,
        };
    }
    // 1975年8月(12日)
    if let Some((y, rest)) = t.split_once('年') {
        if !digits(y) || y.len() != 4 {
            return None;
        }
        let rest = rest.trim_end_matches('月');
        if rest.is_empty() {
            return Some((y.parse().ok()?, None, None, false));
        }
        let (m, d) = match rest.split_once('月') {
            Some((m, d)) => (m, Some(d)),
            None => (rest, None),
        };
        if !digits(m) || d.is_some_and(|d| !digits(d)) {
            return None;
        }
        return Some((
            y.parse().ok()?,
            Some(m.parse().ok()?),
            d.map(|d| d.parse()).transpose().ok()?,
            false,
        ));
    }
    // 1968.03, 1978-05, 1978/5/12, 1970-05-01 (a date cell)
    let parts: Vec<&str> = t.split(['.', '-', '/']).collect();
    if parts.len() > 3 || parts.len() < 2 || !parts.iter().all(|p| digits(p)) {
        return None;
    }
    if parts[0].len() != 4 || parts[1].len() > 2 {
        return None;
    }
    let year = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let day = match parts.get(2) {
        Some(d) if d.len() <= 2 => Some(d.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    // a number cell shows 1979.10 as 1979.1
    let dropped_zero = parts.len() == 2 && t.contains('.') && parts[1] == "1";
    let month = if dropped_zero { 10 } else { month };
    Some((year, Some(month), day, dropped_zero))
}

/// Is this header a birth date's (出生年月, 出生日期), whose cells may be
/// dates, rather than a year's (出生年份)?
pub fn is_birth_date_header(h: &str) -> bool {
    let k = super::text::name_key(h);
    matches!(
        k.as_str(),
        "出生年月" | "出生日期" | "出生年月日" | "出生时间" | "birth_date" | "birthdate"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> Option<(i32, Option<u8>)> {
        parse_birth(s).map(|b| (b.year, b.month))
    }

    #[test]
    fn every_form_of_a_roster() {
        assert_eq!(ym("1968.03"), Some((1968, Some(3))));
        assert_eq!(ym("1975年8月"), Some((1975, Some(8))));
        assert_eq!(ym("1975年08月12日"), Some((1975, Some(8))));
        assert_eq!(ym("1978-05"), Some((1978, Some(5))));
        assert_eq!(ym("1978/5"), Some((1978, Some(5))));
        assert_eq!(ym("1970-05-01"), Some((1970, Some(5))));
        assert_eq!(ym("１９８２．０６"), Some((1982, Some(6))));
        assert_eq!(ym("198206"), Some((1982, Some(6))));
        assert_eq!(ym("19820615"), Some((1982, Some(6))));
        assert_eq!(ym("1968"), Some((1968, None)));
        assert_eq!(ym("1968年"), Some((1968, None)));
        let b = parse_birth("1979.1").unwrap();
        assert_eq!((b.year, b.month, b.dropped_zero), (1979, Some(10), true));
        assert!(!parse_birth("1979.10").unwrap().dropped_zero);
        assert!(!parse_birth("1979-1").unwrap().dropped_zero);
        assert_eq!(ym("1968.13"), None);
        assert_eq!(ym("68.3"), None);
        assert_eq!(ym("不详"), None);
        assert_eq!(ym(""), None);
        assert_eq!(parse_birth("1968.3").unwrap().shown(), "1968.03");
    }

    #[test]
    fn birth_date_headers() {
        assert!(is_birth_date_header("出生年月"));
        assert!(is_birth_date_header("出生 日期"));
        assert!(!is_birth_date_header("出生年份"));
    }
}
