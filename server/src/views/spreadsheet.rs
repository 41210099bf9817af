//! Text cells of CSV exports. Staff open exports in Excel or LibreOffice, which run a cell
//! starting with `=`, `+`, `-` or `@` as a formula (CSV injection): a name or comment typed
//! into Bangkom must come out as text. A leading apostrophe is the spreadsheets' own "this is
//! text" mark. Numbers are written by the exporters themselves and never pass through here.

/// The writer of every CSV export. It starts with the UTF-8 byte-order mark because Excel,
/// which most BKPSDM staff open exports in, otherwise reads the file in the machine's code
/// page and garbles names with accents; LibreOffice and CSV readers skip the mark.
pub fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec())
}

/// A free-text value, safe to open in a spreadsheet.
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn formulas_become_text_and_ordinary_values_stay() {
        assert_eq!(text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("-2+3"), "'-2+3");
        assert_eq!(text("Dinas Pendidikan"), "Dinas Pendidikan");
        assert_eq!(text(""), "");
    }
}
