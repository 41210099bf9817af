//! Reading an uploaded CSV file as people produce them: UTF-8 with or without a byte-order
//! mark, CRLF or LF line ends, comma or semicolon between cells (Indonesian Excel writes
//! semicolons; the header line decides), whitespace around cells ignored, header names in
//! any case. Lines are numbered as a spreadsheet shows them: the header is line 1.

use super::{Problem, RowError};

/// A column a kind of file may have.
pub(crate) struct Column {
    pub name: &'static str,
    pub required: bool,
}

pub(crate) const fn required(name: &'static str) -> Column {
    Column { name, required: true }
}

pub(crate) const fn optional(name: &'static str) -> Column {
    Column { name, required: false }
}

/// The data lines of a file whose header matched the kind's columns.
pub(crate) struct Table {
    spec: &'static [Column],
    /// For each column of `spec`, its position in the file (absent: `None`).
    positions: Vec<Option<usize>>,
    pub records: Vec<Record>,
    /// Lines that could not be taken apart (wrong number of cells, broken quotes).
    pub errors: Vec<RowError>,
}

pub(crate) struct Record {
    pub line: u64,
    cells: Vec<String>,
}

impl Table {
    /// Reads the whole file; a file whose header is unusable gives its errors instead.
    pub fn read(bytes: &[u8], spec: &'static [Column]) -> Result<Table, Vec<RowError>> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Err(e) = std::str::from_utf8(bytes) {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64 + 1;
            return Err(vec![RowError::file(line, Problem::NotUtf8)]);
        }
        let delimiter = detect_delimiter(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);

        let mut lines = LineCounter::new(bytes);
        let mut records = reader.records();
        let header = loop {
            match records.next() {
                None => return Err(vec![RowError::file(1, Problem::NoHeader)]),
                Some(Err(e)) => return Err(vec![RowError::file(lines.of_error(&e), Problem::Unreadable)]),
                Some(Ok(record)) if record.iter().all(str::is_empty) => continue,
                Some(Ok(record)) => break record,
            }
        };
        let header_line = lines.of(&header);
        let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
        let positions = match_header(&names, spec, header_line)?;

        let mut table = Table { spec, positions, records: Vec::new(), errors: Vec::new() };
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    table.errors.push(RowError::file(lines.of_error(&e), Problem::Unreadable));
                    continue;
                }
            };
            if record.iter().all(str::is_empty) {
                continue;
            }
            let line = lines.of(&record);
            if record.len() != names.len() {
                let problem = Problem::CellCount { found: record.len(), expected: names.len() };
                table.errors.push(RowError::file(line, problem));
                continue;
            }
            // Refused here, for every kind of file: SQLite would store a NUL, PostgreSQL not.
            if let Some(i) = record.iter().position(crate::validation::has_refused_chars) {
                table.errors.push(RowError::new(line, names[i].clone(), Problem::ControlCharacters));
                continue;
            }
            table.records.push(Record { line, cells: record.iter().map(str::to_owned).collect() });
        }
        if table.records.is_empty() && table.errors.is_empty() {
            return Err(vec![RowError::file(header_line, Problem::NoRows)]);
        }
        Ok(table)
    }

    /// Whether the file has this column.
    pub fn has(&self, column: &str) -> bool {
        self.position(column).is_some()
    }

    /// The trimmed cell of `column` (empty when the file does not have the column).
    pub fn cell<'a>(&self, record: &'a Record, column: &str) -> &'a str {
        self.position(column).and_then(|i| record.cells.get(i)).map_or("", String::as_str)
    }

    fn position(&self, column: &str) -> Option<usize> {
        let index = self.spec.iter().position(|c| c.name == column);
        debug_assert!(index.is_some(), "{column} is not a column of this kind of file");
        index.and_then(|i| self.positions[i])
    }
}

/// Semicolon when the header line has more semicolons than commas (outside quotes).
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Line numbers of records, counted from their byte offsets: the csv reader's own line
/// counts lag behind over line ends and blank lines.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter { bytes, counted_to: 0, line: 1 }
    }

    /// The line on which `record` starts (records come in order).
    fn of(&mut self, record: &csv::StringRecord) -> u64 {
        self.at(record.position().map_or(self.counted_to as u64, |p| p.byte()))
    }

    fn of_error(&mut self, error: &csv::Error) -> u64 {
        self.at(error.position().map_or(self.counted_to as u64, |p| p.byte()))
    }

    fn at(&mut self, offset: u64) -> u64 {
        let mut start = (offset as usize).clamp(self.counted_to, self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        self.line += self.bytes[self.counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
        self.counted_to = start;
        self.line
    }
}

/// Maps the kind's columns to their place in the header; every problem of the header at once.
fn match_header(names: &[String], spec: &[Column], line: u64) -> Result<Vec<Option<usize>>, Vec<RowError>> {
    let mut errors = Vec::new();
    let allowed = spec.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() || !spec.iter().any(|c| c.name == name) {
            let column = if name.is_empty() { format!("#{}", i + 1) } else { name.clone() };
            errors.push(RowError::new(line, column, Problem::UnknownColumn { allowed: allowed.clone() }));
        } else if names[..i].contains(name) {
            errors.push(RowError::new(line, name.clone(), Problem::DuplicateColumn));
        }
    }
    let positions: Vec<Option<usize>> = spec.iter().map(|c| names.iter().position(|n| n == c.name)).collect();
    let missing: Vec<&str> =
        spec.iter().zip(&positions).filter(|(c, p)| c.required && p.is_none()).map(|(c, _)| c.name).collect();
    if !missing.is_empty() {
        let columns = missing.join(", ");
        errors.insert(0, RowError::new(line, columns.clone(), Problem::MissingColumns { columns }));
    }
    if errors.is_empty() { Ok(positions) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[Column] = &[required("code"), required("name"), optional("note")];

    fn cells(table: &Table) -> Vec<(u64, String, String, String)> {
        table
            .records
            .iter()
            .map(|r| {
                (
                    r.line,
                    table.cell(r, "code").to_owned(),
                    table.cell(r, "name").to_owned(),
                    table.cell(r, "note").to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn bom_crlf_semicolons_and_spaces() {
        let file = "\u{feff}Code ; NAME;note\r\n A1 ; Satu, dua ;\r\n\r\n;;\r\nB2;\"Tiga; empat\";x\r\n";
        let table = Table::read(file.as_bytes(), SPEC).unwrap();
        assert!(table.errors.is_empty());
        assert_eq!(
            cells(&table),
            vec![
                (2, "A1".into(), "Satu, dua".into(), "".into()),
                (5, "B2".into(), "Tiga; empat".into(), "x".into()),
            ]
        );
    }

    #[test]
    fn optional_columns_may_be_left_out() {
        let table = Table::read(b"name,code\nSatu,A1\n", SPEC).unwrap();
        assert!(!table.has("note"));
        assert_eq!(cells(&table), vec![(2, "A1".into(), "Satu".into(), "".into())]);
    }

    #[test]
    fn header_problems_are_reported_together() {
        let errors = Table::read(b"name,nama,name\nx,y,z\n", SPEC).err().unwrap();
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].problem, Problem::MissingColumns { columns: "code".into() });
        assert_eq!(errors[1].column, "nama");
        assert_eq!(errors[2].problem, Problem::DuplicateColumn);
    }

    #[test]
    fn wrong_cell_counts_and_bad_encoding() {
        let table = Table::read(b"code,name\nA,B,C\nD,E\n", SPEC).unwrap();
        assert_eq!(table.errors[0].line, 2);
        assert_eq!(table.errors[0].problem, Problem::CellCount { found: 3, expected: 2 });
        assert_eq!(table.records.len(), 1);
        let errors = Table::read(b"code,name\nA,B\nC,\xe9\n", SPEC).err().unwrap();
        assert_eq!((errors[0].line, &errors[0].problem), (3, &Problem::NotUtf8));
        assert_eq!(Table::read(b"", SPEC).err().unwrap()[0].problem, Problem::NoHeader);
        assert_eq!(Table::read(b"code,name\r\n", SPEC).err().unwrap()[0].problem, Problem::NoRows);
    }
}
