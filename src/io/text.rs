//! Text as offices save it: the encodings of Excel's and Notepad's "save as"
//! (UTF-8 with or without a BOM, UTF-16 from "Unicode text", GBK from the
//! plain "CSV" of Chinese Windows), full-width forms typed with a Chinese
//! input method, and characters nobody can see.

use std::borrow::Cow;

/// The encoding a text file was read in, when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16, little-endian, with its byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian, with its byte-order mark.
    Utf16Be,
    /// GBK / GB18030: what Excel and Notepad save as "ANSI" on Chinese Windows.
    Gbk,
}

impl Encoding {
    /// The name people know it by.
    pub fn msg(self) -> crate::msg::Msg {
        crate::msg::Msg::new(match self {
            Encoding::Utf8 => "enc-utf8",
            Encoding::Utf16Le => "enc-utf16le",
            Encoding::Utf16Be => "enc-utf16be",
            Encoding::Gbk => "enc-gbk",
        })
    }
}

/// Text decoded from a file's bytes: UTF-8 (a BOM removed), UTF-16 by its
/// BOM, else GB18030 (a superset of GBK) when the bytes are not UTF-8 but
/// are valid GB18030. `Err` gives the first line that is neither.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), usize> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
            Err(e) => Err(line_at(rest, e.valid_up_to())),
        };
    }
    for (bom, enc, kind) in [
        (&b"\xff\xfe"[..], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (&b"\xfe\xff"[..], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(1);
            }
            return Ok((text.into_owned(), kind));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(e) => {
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let mut text = String::with_capacity(bytes.len() * 3 / 2 + 16);
            let (result, read) =
                decoder.decode_to_string_without_replacement(bytes, &mut text, true);
            match result {
                encoding_rs::DecoderResult::InputEmpty => Ok((text, Encoding::Gbk)),
                // the file reads as UTF-8 up to one place and as GBK up to
                // another: the later is where it is damaged
                _ => Err(line_at(bytes, e.valid_up_to().max(read.saturating_sub(1)))),
            }
        }
    }
}

/// The 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Full-width ASCII forms (`Ｐ０２`, `，`) as ASCII and the ideographic space as
/// a space; everything else as it is.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !is_wide(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{ff01}'..='\u{ff5e}' => {
                    char::from_u32(c as u32 - 0xff01 + 0x21).expect("an ASCII character")
                }
                _ => c,
            })
            .collect(),
    )
}

fn is_wide(c: char) -> bool {
    c == '\u{3000}' || ('\u{ff01}'..='\u{ff5e}').contains(&c)
}

/// A name as it is compared with the names a table, file, sheet or column
/// may have: full-width forms folded, letters in lower case, spaces anywhere
/// (`姓　名`, a name padded to four characters) and marks of a required field
/// (`*姓名`, `姓名：`) removed.
pub fn name_key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_matches(['*', ':'])
        .to_string()
}

/// Characters that take no room on screen but make two texts differ:
/// zero-width spaces and joiners, the BOM, soft hyphens, direction marks.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{00ad}'
            | '\u{180e}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// A value as shown in a message: in quotes, with every invisible character
/// written out (`"P0204⟨U+200B⟩"`), so that two texts that look alike can be
/// told apart.
pub fn shown(s: &str) -> String {
    format!("\"{}\"", unquoted(s))
}

/// [`shown`] without the quotes (a message puts its language's quotes around).
pub fn unquoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_invisible(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A value as written in a message that shows it without quotes: as it is,
/// unless it holds an invisible character, then quoted with every one
/// written out (see [`shown`]).
pub fn as_written(s: &str) -> Cow<'_, str> {
    if has_invisible(s) {
        Cow::Owned(shown(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Does the text hold an invisible character?
pub fn has_invisible(s: &str) -> bool {
    s.chars().any(is_invisible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(
            decode("\u{feff}编号".as_bytes()).unwrap(),
            ("编号".to_string(), Encoding::Utf8)
        );
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("编号\t姓名\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(
            decode(&utf16).unwrap(),
            ("编号\t姓名\n".to_string(), Encoding::Utf16Le)
        );
        // 张三 in GBK
        let gbk = b"id,name\nP1,\xd5\xc5\xc8\xfd\n";
        assert_eq!(
            decode(gbk).unwrap(),
            ("id,name\nP1,张三\n".to_string(), Encoding::Gbk)
        );
        // neither UTF-8 nor GB18030: the line is named
        assert_eq!(decode(b"id\nx\n\xff\xff\n"), Err(3));
    }

    #[test]
    fn names_compare_without_width_case_or_padding() {
        assert_eq!(name_key(" Ｐｅｏｐｌｅ "), "people");
        assert_eq!(name_key("姓　名"), "姓名");
        assert_eq!(name_key("*出生年份："), "出生年份");
        assert_eq!(fold_width("Ｐ０２０４"), "P0204");
    }

    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(shown("P0204\u{200b}"), "\"P0204⟨U+200B⟩\"");
        assert!(has_invisible("a\u{feff}"));
        assert!(!has_invisible("张三 李四"));
    }
}
