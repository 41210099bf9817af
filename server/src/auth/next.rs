//! Where to send a visitor after signing in: only a path on this site (no open redirect).

use url::Url;

/// `next` (already percent-decoded once, as it came from the query or the form) as a path and
/// query on this site, re-encoded for a `Location` header; `None` for anything else: a
/// scheme, an authority (`//host`, `/\host`), a backslash anywhere, or a control character
/// (browsers drop tab and newline, so `/\t/evil.test` becomes `//evil.test`).
pub fn same_site_path(next: &str) -> Option<String> {
    if !next.starts_with('/')
        || next.starts_with("//")
        || next.contains('\\')
        || next.chars().any(char::is_control)
    {
        return None;
    }
    let base = Url::parse("http://bangkom.invalid/").expect("a valid base");
    let url = base.join(next).ok()?;
    if url.origin() != base.origin() {
        return None;
    }
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        let cases: &[(&str, Option<&str>)] = &[
            ("/", Some("/")),
            ("/profil", Some("/profil")),
            ("/admin/pegawai?q=budi&page=2", Some("/admin/pegawai?q=budi&page=2")),
            ("/pelatihan/angkatan/3#x", Some("/pelatihan/angkatan/3")),
            ("/cari?q=ä", Some("/cari?q=%C3%A4")),
            ("/a b", Some("/a%20b")),
            ("", None),
            ("profil", None),
            ("//evil.test", None),
            ("///evil.test", None),
            ("/\\evil.test", None),
            ("/%5Cevil.test", Some("/%5Cevil.test")),
            ("\\\\evil.test", None),
            ("/\t/evil.test", None),
            ("/\n", None),
            ("/\r\n", None),
            ("/\u{7f}", None),
            ("/\u{85}x", None),
            ("/\0", None),
            ("http://evil.test/", None),
            ("https:evil.test", None),
            ("javascript:alert(1)", None),
            (" /profil", None),
            ("/../../etc", Some("/etc")),
        ];
        for (input, expected) in cases {
            assert_eq!(same_site_path(input).as_deref(), *expected, "next = {input:?}");
        }
    }
}
