//! The translation catalogue, shared by pages (server) and e-mails (jobs). Every string people read goes through [`Msg`]; the macro makes
//! an Indonesian and an English text mandatory for each message, so a missing translation
//! does not compile.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Picks the first language of an `Accept-Language` header that we speak; Indonesian
    /// when none is given or none matches.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else { return Lang::Id };
        let mut ranked: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked
            .iter()
            .find_map(|(_, tag)| match tag.get(..2).map(str::to_ascii_lowercase).as_deref() {
                Some("id") | Some("in") => Some(Lang::Id),
                Some("en") => Some(Lang::En),
                _ => None,
            })
            .unwrap_or(Lang::Id)
    }
}

macro_rules! catalogue {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($key,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Id) => $id, (Msg::$key, Lang::En) => $en,)*
                }
            }

            /// The text with each `{name}` replaced by its value.
            pub fn fill(self, lang: Lang, values: &[(&str, &str)]) -> String {
                values.iter().fold(self.text(lang).to_owned(), |text, (name, value)| {
                    text.replace(&format!("{{{name}}}"), value)
                })
            }
        }
    };
}

catalogue! {
    AppTagline => "Sistem Pengembangan Kompetensi ASN", "Civil Servant Competency Development";
    NavHome => "Beranda", "Home";
    NavLogin => "Masuk", "Log in";
    SkipToContent => "Langsung ke konten", "Skip to content";
    HomeIntro => "Bangkom membantu BKPSDM merencanakan pelatihan dari kesenjangan kompetensi, mengelola angkatan, kehadiran dan JP, serta evaluasi pasca pelatihan.",
        "Bangkom helps BKPSDM plan training from competency gaps, run batches, attendance and lesson hours, and post-training evaluation.";
    HomeSummary => "Ringkasan data", "Data summary";
    StatAgencies => "Perangkat daerah (OPD)", "Agencies (OPD)";
    StatEmployees => "Pegawai aktif", "Active employees";
    StatCompetencies => "Kompetensi dalam kamus", "Competencies in the dictionary";
    StatPrograms => "Program pelatihan", "Training programs";
    StatOpenBatches => "Angkatan dibuka", "Open batches";
    StatJpRight => "Hak pengembangan kompetensi PNS: minimal 20 JP per tahun.", "Civil servants' right to development: at least 20 lesson hours (JP) a year.";
    ErrorNotFoundTitle => "Halaman tidak ditemukan", "Page not found";
    ErrorNotFoundBody => "Halaman atau data yang Anda cari tidak ada, atau Anda tidak berhak melihatnya.", "The page or record you asked for does not exist, or you may not see it.";
    ErrorInternalTitle => "Terjadi kesalahan", "Something went wrong";
    ErrorInternalBody => "Permintaan Anda tidak dapat diproses. Tidak ada data yang berubah. Silakan coba lagi; jika berulang, hubungi admin BKPSDM.", "Your request could not be processed. Nothing was changed. Please try again; if it keeps happening, contact the BKPSDM admin.";
    ErrorUnavailableTitle => "Layanan sedang tidak tersedia", "Service unavailable";
    BackHome => "Kembali ke beranda", "Back to the home page";
    LanguageSwitch => "English", "Bahasa Indonesia";
    FooterNote => "Bangkom — pengembangan kompetensi ASN", "Bangkom — civil servant competency development";
    NavProfile => "Profil saya", "My profile";
    NavLogout => "Keluar", "Log out";
    NavEmployees => "Pegawai", "Employees";
    NavAgencies => "Perangkat daerah", "Agencies";
    NavPositions => "Jabatan", "Positions";
    NavCompetencies => "Kamus kompetensi", "Competency dictionary";
    NavUsers => "Akun pengguna", "User accounts";
    NavImport => "Impor data", "Import data";
    NavAudit => "Log audit", "Audit log";
    MenuLabel => "Menu utama", "Main menu";
    SignedInAs => "Masuk sebagai", "Signed in as";
    LoginTitle => "Masuk ke Bangkom", "Log in to Bangkom";
    LoginIdentifier => "Email atau NIP", "E-mail or NIP";
    LoginPassword => "Kata sandi", "Password";
    LoginSubmit => "Masuk", "Log in";
    LoginFailed => "Email/NIP atau kata sandi salah.", "Wrong e-mail/NIP or password.";
    LoginMissing => "Isi email atau NIP dan kata sandi.", "Enter your e-mail or NIP and your password.";
    LoginLocked => "Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah pukul {time}.", "Too many failed log-in attempts. Try again after {time}.";
    LoggedOut => "Anda telah keluar.", "You have logged out.";
    ForgotLink => "Lupa kata sandi?", "Forgot your password?";
    ForgotTitle => "Atur ulang kata sandi", "Reset your password";
    ForgotIntro => "Masukkan email akun Anda. Kami akan mengirim tautan untuk membuat kata sandi baru.", "Enter your account's e-mail address. We will send you a link to choose a new password.";
    ForgotEmail => "Email", "E-mail";
    ForgotSubmit => "Kirim tautan", "Send the link";
    ForgotSent => "Jika email tersebut terdaftar, tautan pengaturan ulang telah dikirim. Tautan berlaku 1 jam dan hanya dapat dipakai sekali.", "If that address belongs to an account, a reset link is on its way. The link works once, within an hour.";
    ResetTitle => "Buat kata sandi baru", "Choose a new password";
    ResetNewPassword => "Kata sandi baru (minimal 10 karakter)", "New password (at least 10 characters)";
    ResetConfirmPassword => "Ulangi kata sandi baru", "Repeat the new password";
    ResetSubmit => "Simpan kata sandi", "Save the password";
    ResetInvalid => "Tautan ini tidak berlaku: sudah dipakai, kedaluwarsa, atau salah. Minta tautan baru.", "This link does not work: it was used already, has expired, or is wrong. Ask for a new one.";
    ResetDone => "Kata sandi telah diganti. Silakan masuk dengan kata sandi baru.", "Your password has been changed. Log in with the new one.";
    PasswordTooShort => "Kata sandi minimal 10 karakter.", "The password needs at least 10 characters.";
    PasswordMismatch => "Kedua kata sandi tidak sama.", "The two passwords differ.";
    ResetMailSubject => "Atur ulang kata sandi Bangkom", "Reset your Bangkom password";
    ResetMailGreeting => "Halo {name},", "Hello {name},";
    ResetMailBody => "Kami menerima permintaan untuk mengatur ulang kata sandi akun Bangkom Anda. Buka tautan berikut dalam 1 jam untuk membuat kata sandi baru:", "We received a request to reset the password of your Bangkom account. Open this link within an hour to choose a new one:";
    ResetMailIgnore => "Jika Anda tidak meminta ini, abaikan email ini; kata sandi Anda tidak berubah.", "If you did not ask for this, ignore this message; your password stays as it is.";
    ErrorCsrfTitle => "Formulir kedaluwarsa", "The form has expired";
    ErrorCsrfBody => "Formulir ini tidak dapat diterima (token keamanan tidak cocok). Muat ulang halaman lalu kirim lagi.", "This form could not be accepted (its security token did not match). Reload the page and send it again.";
    ErrorBadRequestTitle => "Permintaan tidak valid", "Invalid request";
    ProfileTitle => "Profil saya", "My profile";
    ProfileAccount => "Akun", "Account";
    FieldEmail => "Email", "E-mail";
    FieldRole => "Peran", "Role";
    FieldName => "Nama", "Name";
    FieldNip => "NIP", "NIP";
    FieldAgency => "Perangkat daerah", "Agency";
    RoleAdmin => "Admin BKPSDM", "BKPSDM admin";
    RoleOperator => "Operator OPD", "Agency operator";
    RoleEmployee => "Pegawai", "Employee";
    ProfileLanguage => "Bahasa tampilan", "Display language";
    LanguageIndonesian => "Bahasa Indonesia", "Indonesian";
    LanguageEnglish => "English", "English";
    Save => "Simpan", "Save";
    LanguageSaved => "Pilihan bahasa disimpan.", "Language preference saved.";
    TokensTitle => "Token API pribadi", "Personal API tokens";
    TokensIntro => "Token dipakai aplikasi lain untuk mengakses API JSON atas nama Anda (header Authorization: Bearer). Token hanya ditampilkan sekali saat dibuat.", "Tokens let other programs use the JSON API on your behalf (Authorization: Bearer header). A token is shown once, when it is created.";
    TokenName => "Nama token", "Token name";
    TokenCreate => "Buat token", "Create token";
    TokenCreated => "Token baru dibuat. Salin sekarang; token ini tidak akan ditampilkan lagi:", "New token created. Copy it now; it will not be shown again:";
    TokenRevoke => "Cabut", "Revoke";
    TokenRevoked => "Token dicabut.", "Token revoked.";
    TokenBadName => "Beri nama token (1–100 karakter).", "Give the token a name (1–100 characters).";
    TokenNone => "Belum ada token.", "No tokens yet.";
    TokenCreatedAt => "Dibuat", "Created";
    TokenLastUsed => "Terakhir dipakai", "Last used";
    TokenStatus => "Status", "Status";
    TokenActive => "Aktif", "Active";
    TokenRevokedStatus => "Dicabut", "Revoked";
    Never => "Belum pernah", "Never";
    FormHasErrors => "Periksa kembali isian berikut:", "Please check the following:";
    Pagination => "Halaman", "Pages";
    PreviousPage => "Sebelumnya", "Previous";
    NextPage => "Berikutnya", "Next";
    PageOf => "Halaman {page} dari {pages} ({total} data)", "Page {page} of {pages} ({total} records)";
    ErrorBadRequestBody => "Data yang dikirim tidak dapat dibaca.", "The data sent could not be read.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_texts() {
        for msg in Msg::ALL {
            assert!(!msg.text(Lang::Id).trim().is_empty(), "{msg:?} has no Indonesian text");
            assert!(!msg.text(Lang::En).trim().is_empty(), "{msg:?} has no English text");
        }
    }

    #[test]
    fn accept_language_prefers_what_we_speak() {
        assert_eq!(Lang::from_accept_language(None), Lang::Id);
        assert_eq!(Lang::from_accept_language(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr, en;q=0.5, id;q=0.8")), Lang::Id);
        assert_eq!(Lang::from_accept_language(Some("de")), Lang::Id);
    }
}
