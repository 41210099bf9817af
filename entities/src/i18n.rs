//! The translation catalogue, shared by pages (server) and e-mails (jobs). Every string people read goes through [`Msg`]; the macro makes
//! an Indonesian and an English text mandatory for each message, so a missing translation
//! does not compile.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people in the region write it: "25 November 2026" (Indonesian month names by
/// default). Pages and e-mails share it.
pub fn long_date(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let months = match lang {
        Lang::Id => MONTHS_ID,
        Lang::En => MONTHS_EN,
    };
    format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
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
    // Sign-in bursts, password resets (issues 15 and 18).
    ErrorBusyTitle => "Layanan sedang sibuk", "The service is busy";
    ErrorBusyBody => "Terlalu banyak permintaan masuk pada saat yang sama. Tidak ada data yang berubah. Coba lagi dalam beberapa detik.", "Too many sign-ins are being handled at the moment. Nothing was changed. Try again in a few seconds.";
    ResetRevokeTokens => "Cabut juga semua token API saya (disarankan jika kata sandi mungkin diketahui orang lain)", "Also revoke all my API tokens (recommended if someone else may know the password)";
    ForgotTooMany => "Terlalu banyak permintaan atur ulang kata sandi dari perangkat ini. Coba lagi setelah 15 menit.", "Too many password-reset requests from this device. Try again in 15 minutes.";
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
    CatalogueFieldCode => "Kode", "Code";
    CatalogueCodeRequired => "Isi kode.", "Enter a code.";
    CatalogueCodeInvalid => "Kode terdiri atas 1–32 huruf, angka, tanda hubung (-), titik, garis bawah atau garis miring, tanpa spasi.", "A code has 1–32 letters, digits, hyphens (-), dots, underscores or slashes, and no spaces.";
    CatalogueCodeTaken => "Kode sudah dipakai.", "This code is already in use.";
    CatalogueNameRequired => "Isi nama.", "Enter a name.";
    CatalogueNameTooLong => "Nama paling panjang 200 karakter.", "A name has at most 200 characters.";
    CatalogueUnknownValue => "Nilai tidak dikenal. Pilihan: {choices}.", "Unknown value. Choose one of: {choices}.";
    CatalogueUnknownReference => "Pilihan ini tidak ada atau di luar wewenang Anda. Pilih dari daftar.", "This choice does not exist or is outside your reach. Choose one from the list.";
    CatalogueJsonInvalid => "Isi JSON tidak sesuai: {detail}", "The JSON body does not fit: {detail}";
    CatalogueBadNumber => "Isi dengan bilangan bulat positif.", "Enter a positive whole number.";
    CatalogueSearch => "Cari", "Search";
    CatalogueSearchLabel => "Cari nama atau kode", "Search by name or code";
    CatalogueShow => "Tampilkan", "Show";
    CatalogueClearFilters => "Hapus filter", "Clear filters";
    CatalogueAll => "Semua", "All";
    CatalogueEdit => "Ubah", "Edit";
    CatalogueEditTitle => "Ubah: {name}", "Edit: {name}";
    CatalogueBack => "Kembali", "Back";
    CatalogueDetails => "Rincian", "Details";
    CatalogueFilters => "Saring daftar", "Filter the list";
    AgencyListTitle => "Perangkat daerah dan unit kerja", "Agencies and units";
    AgencyKindRegion => "Pemerintah daerah", "Regional government";
    AgencyKindAgency => "Perangkat daerah (OPD)", "Agency (OPD)";
    AgencyKindUnit => "Unit kerja", "Unit";
    AgencyFieldKind => "Jenis", "Kind";
    AgencyFieldParent => "Induk", "Parent";
    AgencyParentNone => "— tanpa induk —", "— no parent —";
    AgencyEmployeeCount => "{n} pegawai", "{n} employees";
    AgencyOwnEmployees => "Pegawai aktif langsung di sini", "Active employees directly here";
    AgencyTotalEmployees => "Pegawai aktif termasuk unit di bawahnya", "Active employees including the units below";
    AgencyEmployeesColumn => "Pegawai aktif", "Active employees";
    AgencyNoResults => "Tidak ada perangkat daerah atau unit yang cocok.", "No agency or unit matches.";
    AgencyEmpty => "Belum ada perangkat daerah.", "No agencies yet.";
    AgencyNew => "Tambah perangkat daerah atau unit", "Add an agency or unit";
    AgencyNewUnit => "Tambah unit kerja", "Add a unit";
    AgencyCreateTitle => "Perangkat daerah atau unit kerja baru", "New agency or unit";
    AgencyChildren => "Di bawahnya", "Below it";
    AgencyNoChildren => "Belum ada unit di bawahnya.", "Nothing below it yet.";
    AgencySaved => "Data perangkat daerah disimpan.", "The agency has been saved.";
    AgencyParentRequired => "Pilih induknya.", "Choose its parent.";
    AgencyParentMustBeRegion => "Induk perangkat daerah (OPD) harus pemerintah daerah.", "An agency's (OPD) parent must be the regional government.";
    AgencyParentMustBeAgency => "Induk unit kerja harus perangkat daerah (OPD) atau unit kerja lain.", "A unit's parent must be an agency (OPD) or another unit.";
    AgencyRegionHasNoParent => "Pemerintah daerah tidak mempunyai induk.", "The regional government has no parent.";
    AgencyParentCycle => "Induk tidak boleh perangkat daerah ini sendiri atau yang berada di bawahnya.", "The parent cannot be this agency itself or one below it.";
    AgencyKindConflictsWithChildren => "Jenis ini tidak cocok dengan unit di bawahnya; pindahkan unit-unit itu lebih dulu.", "This kind does not fit what lies below it; move those first.";
    AgencyOperatorUnitsOnly => "Operator OPD hanya dapat menambah dan mengubah unit kerja.", "Agency operators can only add and change units.";
    PositionListTitle => "Jabatan", "Positions";
    PositionFamilyJpt => "Jabatan pimpinan tinggi (JPT)", "Senior executive (JPT)";
    PositionFamilyAdministrator => "Administrator", "Administrator";
    PositionFamilyPengawas => "Pengawas", "Supervisor (pengawas)";
    PositionFamilyPelaksana => "Pelaksana", "Staff (pelaksana)";
    PositionFamilyFungsional => "Fungsional", "Functional";
    PositionFieldFamily => "Kelompok jabatan", "Position family";
    PositionRegionWide => "Semua perangkat daerah (lintas OPD)", "Every agency (region-wide)";
    PositionNew => "Tambah jabatan", "Add a position";
    PositionCreateTitle => "Jabatan baru", "New position";
    PositionNoResults => "Tidak ada jabatan yang cocok.", "No position matches.";
    PositionStandardSize => "Kompetensi dalam standar", "Competencies in the standard";
    PositionStandardTitle => "Standar kompetensi jabatan", "Competency standard";
    PositionStandardEdit => "Ubah standar kompetensi", "Edit the competency standard";
    PositionStandardIntro => "Isi level yang dipersyaratkan (1–5) untuk setiap kompetensi yang dibutuhkan jabatan ini. Kosongkan untuk mengeluarkan kompetensi dari standar.", "Enter the required level (1–5) of each competency this position needs. Leave it empty to take the competency out of the standard.";
    PositionStandardEmpty => "Standar kompetensi jabatan ini belum diisi.", "This position has no competency standard yet.";
    PositionRequiredLevel => "Level yang dipersyaratkan", "Required level";
    PositionLevelFor => "Level untuk {competency}", "Level for {competency}";
    PositionLevelOutOfRange => "Level untuk {competency} harus bilangan bulat 1 sampai 5.", "The level for {competency} must be a whole number from 1 to 5.";
    PositionUnknownCompetency => "Kompetensi {competency} tidak ada dalam kamus.", "Competency {competency} is not in the dictionary.";
    PositionInactiveCompetency => "Kompetensi {competency} tidak aktif dan tidak dapat ditambahkan.", "Competency {competency} is inactive and cannot be added.";
    PositionDuplicateCompetency => "Kompetensi {competency} disebut lebih dari sekali.", "Competency {competency} is listed more than once.";
    PositionAgencyRequired => "Pilih perangkat daerah Anda; jabatan lintas OPD hanya diatur admin BKPSDM.", "Choose your agency; region-wide positions are managed by the BKPSDM admin.";
    PositionReadOnly => "Jabatan ini hanya dapat diubah admin BKPSDM.", "Only the BKPSDM admin can change this position.";
    PositionSaved => "Jabatan disimpan.", "The position has been saved.";
    PositionStandardSaved => "Standar kompetensi disimpan.", "The competency standard has been saved.";
    CompetencyListTitle => "Kamus kompetensi", "Competency dictionary";
    CompetencyKindTeknis => "Teknis", "Technical";
    CompetencyKindManajerial => "Manajerial", "Managerial";
    CompetencyKindSosialKultural => "Sosial kultural", "Socio-cultural";
    CompetencyFieldKind => "Jenis kompetensi", "Competency kind";
    CompetencyFieldName => "Nama kompetensi", "Competency";
    CompetencyFieldNameId => "Nama (Bahasa Indonesia)", "Name (Indonesian)";
    CompetencyFieldNameEn => "Nama (Bahasa Inggris)", "Name (English)";
    CompetencyFieldDescription => "Deskripsi", "Description";
    CompetencyFieldSource => "Sumber (peraturan atau kamus)", "Source (regulation or dictionary)";
    CompetencyFieldActive => "Aktif (dapat dipakai dalam standar kompetensi dan program)", "Active (can be used in competency standards and programs)";
    CompetencyStatus => "Status", "Status";
    CompetencyActive => "Aktif", "Active";
    CompetencyInactive => "Tidak aktif", "Inactive";
    CompetencyNew => "Tambah kompetensi", "Add a competency";
    CompetencyCreateTitle => "Kompetensi baru", "New competency";
    CompetencyNoResults => "Tidak ada kompetensi yang cocok.", "No competency matches.";
    CompetencyReadOnly => "Kamus kompetensi hanya dapat diubah admin BKPSDM.", "Only the BKPSDM admin can change the dictionary.";
    CompetencySaved => "Kompetensi disimpan.", "The competency has been saved.";
    CompetencyDescriptionTooLong => "Deskripsi paling panjang 5.000 karakter.", "A description has at most 5,000 characters.";
    CompetencySourceTooLong => "Sumber paling panjang 200 karakter.", "A source has at most 200 characters.";
    AuditTitle => "Log audit", "Audit log";
    AuditIntro => "Setiap perubahan data oleh staf: siapa, kapan, data mana, sebelum dan sesudah.", "Every change staff made: who, when, which record, before and after.";
    AuditTime => "Waktu", "Time";
    AuditUser => "Pengguna", "User";
    AuditUserEmail => "Email pengguna", "User's e-mail";
    AuditAction => "Tindakan", "Action";
    AuditRecordType => "Jenis data", "Record type";
    AuditRecordId => "ID data", "Record ID";
    AuditChanges => "Perubahan", "Changes";
    AuditField => "Kolom", "Field";
    AuditBefore => "Sebelum", "Before";
    AuditAfter => "Sesudah", "After";
    AuditFrom => "Dari tanggal", "From";
    AuditTo => "Sampai tanggal", "To";
    AuditActionCreate => "Dibuat", "Created";
    AuditActionUpdate => "Diubah", "Updated";
    AuditActionDelete => "Dihapus", "Deleted";
    AuditSystem => "Sistem", "System";
    AuditNoEntries => "Tidak ada catatan yang cocok.", "No entries match.";
    AuditNoFieldChanges => "Tidak ada kolom yang berubah.", "No field changed.";
    AuditBadDate => "Tanggal tidak valid; gunakan format TTTT-BB-HH.", "Not a valid date; use YYYY-MM-DD.";
    AuditDateOrder => "Tanggal akhir tidak boleh sebelum tanggal awal.", "The end date cannot be before the start date.";
    AuditRecordAgencies => "Perangkat daerah", "Agency";
    AuditRecordPositions => "Jabatan", "Position";
    AuditRecordStandards => "Standar kompetensi jabatan", "Competency standard";
    AuditRecordCompetencies => "Kompetensi", "Competency";
    NavOperations => "Tugas & surel", "Jobs & mail";
    OpsTitle => "Tugas terjadwal dan antrean surel", "Scheduled jobs and the mail queue";
    OpsJobs => "Tugas terjadwal", "Scheduled jobs";
    OpsJob => "Tugas", "Job";
    OpsSchedule => "Jadwal", "Schedule";
    OpsNextRun => "Berikutnya", "Next run";
    OpsRunNow => "Jalankan sekarang", "Run now";
    OpsRunStarted => "Tugas dijalankan. Hasilnya tampil di riwayat.", "The job is running. Its result appears in the history.";
    OpsHistory => "Riwayat eksekusi", "Run history";
    OpsStarted => "Mulai", "Started";
    OpsFinished => "Selesai", "Finished";
    OpsOutcome => "Hasil", "Outcome";
    OpsCounts => "Jumlah", "Counts";
    OpsTrigger => "Pemicu", "Trigger";
    OpsHolder => "Instans", "Instance";
    OpsError => "Galat", "Error";
    OpsNoRuns => "Belum ada eksekusi.", "No runs yet.";
    OpsRunning => "Berjalan", "Running";
    OpsSucceeded => "Berhasil", "Succeeded";
    OpsFailed => "Gagal", "Failed";
    OpsScheduled => "Terjadwal", "Scheduled";
    OpsManual => "Manual", "Manual";
    OpsMail => "Antrean surel", "Mail queue";
    OpsMailState => "Status", "State";
    OpsMailCount => "Jumlah pesan", "Messages";
    OpsMailQueued => "Menunggu", "Queued";
    OpsMailSending => "Sedang dikirim", "Sending";
    OpsMailSent => "Terkirim", "Sent";
    OpsMailFailed => "Gagal, akan dicoba lagi", "Failed, will retry";
    OpsMailDead => "Gagal permanen", "Given up";
    OpsMailProblems => "Pesan yang gagal", "Messages that failed";
    OpsMailNone => "Tidak ada pesan yang gagal.", "No failed messages.";
    OpsMailRecipient => "Penerima", "Recipient";
    OpsMailSubject => "Subjek", "Subject";
    OpsMailAttempts => "Percobaan", "Attempts";
    OpsMailNextAttempt => "Percobaan berikutnya", "Next attempt";
    OpsMailRetry => "Kirim ulang", "Retry";
    OpsMailRetried => "Pesan dimasukkan kembali ke antrean.", "The message is queued again.";
    TrainingAlreadyEnrolled => "{name} ({nip}) sudah terdaftar di angkatan ini (status: {state}).", "{name} ({nip}) already has an enrolment in this batch (state: {state}).";
    TrainingAlreadyEnrolledSelf => "Pendaftaran untuk pegawai ini sudah ada di angkatan ini.", "This employee is already enrolled in this batch.";
    TrainingBadDate => "Tanggal tidak valid; gunakan format TTTT-BB-HH.", "Not a valid date; use YYYY-MM-DD.";
    TrainingBadDateTime => "Waktu tidak valid; gunakan tanggal dan jam (TTTT-BB-HH JJ:MM).", "Not a valid date and time; use YYYY-MM-DD HH:MM.";
    TrainingBadTime => "Jam tidak valid; gunakan format JJ:MM (mis. 08:00).", "Not a valid time; use HH:MM (e.g. 08:00).";
    TrainingBadUrl => "Tautan daring harus alamat lengkap yang diawali https:// (paling panjang 500 karakter, tanpa spasi).", "The online link must be a full address starting with https:// (at most 500 characters, no spaces).";
    TrainingBatchCancelledReason => "Angkatan dibatalkan", "Batch cancelled";
    TrainingBatchFinished => "Angkatan yang sudah selesai atau dibatalkan tidak dapat diubah.", "A completed or cancelled batch cannot be changed.";
    TrainingBatchNumberTaken => "Nomor angkatan ini sudah dipakai untuk program yang sama.", "This batch number is already used for the same program.";
    TrainingCertificateTaken => "Nomor STTPP bentrok dengan nomor yang sudah ada; tidak ada hasil yang disimpan. Periksa pola nomor sertifikat lalu coba lagi.", "A certificate number clashed with an existing one; no result was saved. Check the certificate number pattern and try again.";
    TrainingCertificateTooLong => "Nomor STTPP dari pola yang berlaku lebih dari 100 karakter; pola perlu dipersingkat.", "The certificate number made by the configured pattern is longer than 100 characters; shorten the pattern.";
    TrainingCsvBadDate => "Baris {line}: tanggal \"{value}\" tidak valid; gunakan TTTT-BB-HH.", "Line {line}: \"{value}\" is not a date; use YYYY-MM-DD.";
    TrainingCsvBadPresence => "Baris {line}: kolom hadir berisi \"{value}\"; isi ya atau tidak.", "Line {line}: the hadir column says \"{value}\"; write ya (present) or tidak (absent).";
    TrainingCsvDayOutside => "Baris {line}: tanggal {value} bukan hari pelaksanaan angkatan ini.", "Line {line}: {value} is not a day of this batch.";
    TrainingCsvDuplicate => "Baris {line}: pegawai dan tanggal yang sama sudah tercantum di baris {previous}.", "Line {line}: the same person and day are already on line {previous}.";
    TrainingCsvLine => "Baris {line}: {problem}", "Line {line}: {problem}";
    TrainingCsvUnknownNip => "Baris {line}: NIP {nip} bukan peserta angkatan ini (atau di luar kewenangan Anda).", "Line {line}: NIP {nip} is not a participant of this batch (or is outside your reach).";
    TrainingDayOutside => "Tanggal ini bukan hari pelaksanaan angkatan.", "This day is not a day of the batch.";
    TrainingEndBeforeStart => "Akhir tidak boleh sebelum (atau sama dengan) awal.", "The end cannot be before (or equal to) the start.";
    TrainingGradeOrder => "Golongan tertinggi tidak boleh di bawah golongan terendah.", "The highest grade cannot be below the lowest.";
    TrainingIneligibleAgency => "{name} ({nip}): program ini hanya untuk perangkat daerah tertentu, dan perangkat daerahnya tidak termasuk.", "{name} ({nip}): this program is limited to certain agencies, and theirs is not one of them.";
    TrainingIneligibleFamily => "{name} ({nip}): program ini untuk kelompok jabatan lain.", "{name} ({nip}): this program is for another position family.";
    TrainingIneligibleGrade => "{name} ({nip}): golongannya di luar rentang golongan program ini.", "{name} ({nip}): their grade is outside the program's grade range.";
    TrainingIneligibleInactive => "{name} ({nip}) tidak aktif.", "{name} ({nip}) is not active.";
    TrainingNipsRequired => "Tulis minimal satu NIP (satu per baris).", "Enter at least one NIP (one per line).";
    TrainingNotOpen => "Pendaftaran angkatan ini tidak sedang dibuka.", "Enrolment in this batch is not open.";
    TrainingNotRunning => "Kehadiran dan hasil dicatat setelah angkatan berjalan.", "Attendance and results are recorded once the batch is running.";
    TrainingNothingChosen => "Pilih hasil untuk minimal satu peserta.", "Choose a result for at least one participant.";
    TrainingNumberRange => "Isi bilangan bulat dari {min} sampai {max}.", "Enter a whole number from {min} to {max}.";
    TrainingOrganizerRequired => "Isi nama penyelenggara.", "Enter the organizer's name.";
    TrainingPlaceOrLink => "Isi tempat, tautan daring, atau keduanya.", "Enter a place, an online link, or both.";
    TrainingPlaceTooLong => "Tempat paling panjang 300 karakter.", "A place has at most 300 characters.";
    TrainingProgramFixed => "Program tidak dapat diganti setelah ada peserta.", "The program cannot change once people are enrolled.";
    TrainingQuotaBelowSeats => "Kuota tidak boleh di bawah jumlah kursi yang sudah terisi ({seats}).", "The quota cannot be below the seats already taken ({seats}).";
    TrainingReasonRequired => "Tuliskan alasannya.", "Give the reason.";
    TrainingReasonTooLong => "Alasan paling panjang 2.000 karakter.", "A reason has at most 2,000 characters.";
    TrainingResultRefused => "Hasil ini tidak dapat dicatat untuk status pendaftaran peserta (pendaftaran {id}).", "This result cannot be recorded for the participant's current state (enrolment {id}).";
    TrainingTimesBoth => "Isi jam mulai dan jam selesai, atau kosongkan keduanya.", "Enter both the start and end time, or neither.";
    TrainingTitleRequired => "Isi judul program.", "Enter the program's title.";
    TrainingTitleTooLong => "Judul paling panjang 300 karakter.", "A title has at most 300 characters.";
    TrainingTooLong => "Satu angkatan paling lama satu tahun.", "A batch lasts at most one year.";
    TrainingTooMany => "Paling banyak {max} NIP sekaligus.", "At most {max} NIPs at once.";
    TrainingTransitionRefused => "Tindakan ini tidak berlaku untuk status sekarang; muat ulang halaman untuk melihat status terbaru.", "This action does not apply to the current state; reload the page to see the latest state.";
    TrainingUnknownNip => "NIP {nip} tidak dikenal atau di luar kewenangan Anda.", "NIP {nip} is unknown or outside your reach.";
    TrainingWindowAfterStart => "Pendaftaran harus ditutup sebelum hari pertama angkatan.", "Enrolment must close before the batch's first day.";
    TrainingWithdrawalClosed => "Batas waktu pengunduran diri sudah lewat atau angkatan sudah berjalan; hubungi pengelola pelatihan.", "The withdrawal deadline has passed or the batch is under way; contact the training staff.";
    TrainingMailSeatedSubject => "Terdaftar sebagai peserta: {batch}", "You are enrolled: {batch}";
    TrainingMailSeatedBody => "Anda terdaftar sebagai peserta {batch} ({program}).", "You are enrolled in {batch} ({program}).";
    TrainingMailIcsNote => "Jadwal setiap hari terlampir sebagai berkas kalender (angkatan.ics) yang dapat dibuka di aplikasi kalender Anda.", "The daily schedule is attached as a calendar file (angkatan.ics) that your calendar app can open.";
    TrainingMailCancelledSubject => "Angkatan dibatalkan: {batch}", "Batch cancelled: {batch}";
    TrainingMailCancelledBody => "Angkatan {batch} ({program}) yang Anda daftari dibatalkan. Pendaftaran Anda telah diakhiri; tidak ada yang perlu Anda lakukan.", "The batch {batch} ({program}) you enrolled in has been cancelled. Your enrolment has ended; there is nothing you need to do.";
    TrainingMailSchedule => "Jadwal", "Schedule";
    TrainingMailPlace => "Tempat", "Place";
    TrainingMailOnline => "Tautan daring", "Online link";
    TrainingMailReason => "Alasan", "Reason";
    TrainingMailDetails => "Rincian angkatan:", "Batch details:";
    TrainingNav => "Pelatihan", "Training";
    TrainingAbsent => "Tidak hadir", "Absent";
    TrainingActionOpen => "Buka pendaftaran", "Open enrolment";
    TrainingActionClose => "Tutup pendaftaran", "Close enrolment";
    TrainingActionStart => "Mulai angkatan", "Start the batch";
    TrainingActionComplete => "Selesaikan angkatan", "Complete the batch";
    TrainingActionCancel => "Batalkan angkatan", "Cancel the batch";
    TrainingActions => "Tindakan", "Actions";
    TrainingAllMyAgencies => "Semua dalam kewenangan saya", "All within my reach";
    TrainingAnyGrade => "— semua golongan —", "— any grade —";
    TrainingAnyone => "Semua", "Everyone";
    TrainingApproval => "Persetujuan atasan", "Supervisor's approval";
    TrainingApprovalNeeded => "Pendaftaran perlu disetujui atasan langsung", "Enrolment needs the direct supervisor's approval";
    TrainingApprovalNotNeeded => "Tidak perlu", "Not needed";
    TrainingApprovalsIntro => "Permintaan pendaftaran yang menunggu keputusan Anda: sebagai atasan langsung untuk bawahan Anda, atau sebagai pengelola untuk pegawai perangkat daerah Anda.", "Enrolment requests waiting for your decision: as the direct supervisor of your staff, or as staff for your agencies' employees.";
    TrainingApprovalsTitle => "Persetujuan pendaftaran", "Enrolment approvals";
    TrainingApprove => "Setujui", "Approve";
    TrainingArrival => "Urutan kedatangan", "Arrival order";
    TrainingArrivalOrderNote => "Diurutkan menurut urutan kedatangan (nomor pendaftaran). Kursi dan daftar tunggu diberikan menurut urutan ini; setiap perubahan tercatat di riwayat.", "Listed in arrival order (the enrolment number). Seats and the waitlist follow this order; every change is in the log.";
    TrainingAttendanceDays => "Hari hadir", "Days present";
    TrainingAttendanceTitle => "Kehadiran", "Attendance";
    TrainingBadMonth => "Bulan tidak valid; gunakan TTTT-BB (mis. 2026-03).", "Not a valid month; use YYYY-MM (e.g. 2026-03).";
    TrainingBatch => "Angkatan", "Batch";
    TrainingBatchName => "Nama angkatan (kosong: dibuat otomatis)", "Batch name (empty: made for you)";
    TrainingBatchNew => "Jadwalkan angkatan", "Schedule a batch";
    TrainingBatchNumber => "Nomor angkatan (kosong: nomor berikutnya)", "Batch number (empty: the next one)";
    TrainingBatchStatus => "Status angkatan", "Batch status";
    TrainingBatches => "Angkatan", "Batches";
    TrainingBatchesThisMonth => "Angkatan bulan ini", "Batches this month";
    TrainingCalendarTitle => "Kalender pelatihan", "Training calendar";
    TrainingCancelReason => "Alasan (wajib untuk pembatalan; dikirim ke peserta)", "Reason (required to cancel; sent to the participants)";
    TrainingCertificate => "Nomor STTPP", "Certificate (STTPP)";
    TrainingChangeStatus => "Ubah status angkatan:", "Change the batch's status:";
    TrainingChooseProgram => "— pilih program —", "— choose a program —";
    TrainingClassical => "Klasikal", "Classical";
    TrainingClosesAt => "Pendaftaran ditutup", "Enrolment closes";
    TrainingCompletionIntro => "Catat hasil setiap peserta. Peserta yang lulus mendapat {jp} JP pada tahun angkatan berakhir dan nomor STTPP.", "Record each participant's result. A pass credits {jp} JP in the year the batch ended and issues a certificate number.";
    TrainingCompletionTitle => "Kelulusan", "Results";
    TrainingContractYearNote => "Untuk PPPK, tahun kontrak dihitung sebagai tahun kalender (Januari–Desember).", "For PPPK, the contract year is taken as the calendar year (January–December).";
    TrainingDailyEnd => "Jam selesai harian", "Daily end time";
    TrainingDailyStart => "Jam mulai harian", "Daily start time";
    TrainingDailyTime => "Jam harian", "Daily hours";
    TrainingDates => "Tanggal", "Dates";
    TrainingDecide => "Beri keputusan", "Decide";
    TrainingDecisionReason => "Alasan (wajib jika ditolak)", "Reason (required to reject)";
    TrainingDelivery => "Moda", "Delivery";
    TrainingDeliveryBlended => "Campuran (blended)", "Blended";
    TrainingDeliveryFaceToFace => "Tatap muka", "Face to face";
    TrainingDeliveryOnline => "Daring", "Online";
    TrainingEligibility => "Sasaran peserta", "Who may enrol";
    TrainingEligibilityHint => "Kosongkan untuk terbuka bagi semua.", "Leave empty to open it to everyone.";
    TrainingEligibleAgencies => "Perangkat daerah sasaran", "Eligible agencies";
    TrainingEligibleFamilies => "Kelompok jabatan sasaran", "Eligible position families";
    TrainingEndsOn => "Tanggal selesai", "Last day";
    TrainingEnrol => "Daftar", "Enrol";
    TrainingEnrolNeedsApproval => "Pendaftaran Anda akan diteruskan kepada atasan langsung untuk disetujui.", "Your request goes to your direct supervisor for approval.";
    TrainingEnrolOthers => "Daftarkan pegawai (NIP, satu per baris)", "Enrol employees (NIP, one per line)";
    TrainingEnrolOthersHint => "Semua NIP diperiksa lebih dulu; jika ada yang salah, tidak ada yang didaftarkan. Urutan daftar ini menjadi urutan kedatangan.", "Every NIP is checked first; if one is wrong, nobody is enrolled. The order of the list is the arrival order.";
    TrainingEnrolmentDetails => "Rincian dan riwayat pendaftaran", "Enrolment details and history";
    TrainingEnrolmentOf => "Pendaftaran {name}", "Enrolment of {name}";
    TrainingEnrolmentState => "Status pendaftaran", "Enrolment state";
    TrainingEnrolmentWindow => "Masa pendaftaran", "Enrolment window";
    TrainingExportCsv => "Unduh CSV", "Download CSV";
    TrainingExportXlsx => "Unduh Excel (XLSX)", "Download Excel (XLSX)";
    TrainingFlashApproved => "Pendaftaran disetujui.", "The enrolment was approved.";
    TrainingFlashAttendance => "Kehadiran disimpan.", "Attendance saved.";
    TrainingFlashBulk => "Pegawai didaftarkan menurut urutan daftar.", "The employees were enrolled in the order of the list.";
    TrainingFlashEnrolled => "Anda terdaftar sebagai peserta. Konfirmasi dikirim ke email Anda.", "You are enrolled. A confirmation is on its way to your e-mail.";
    TrainingFlashRejected => "Pendaftaran ditolak.", "The enrolment was rejected.";
    TrainingFlashRequested => "Permintaan pendaftaran dikirim kepada atasan langsung Anda.", "Your request has gone to your direct supervisor.";
    TrainingFlashResults => "Hasil disimpan.", "Results saved.";
    TrainingFlashSaved => "Angkatan disimpan.", "The batch has been saved.";
    TrainingFlashStatus => "Status angkatan diubah.", "The batch's status has changed.";
    TrainingFlashWaitlisted => "Kuota penuh: Anda masuk daftar tunggu. Posisi Anda tampil di bawah.", "The batch is full: you are on the waitlist. Your position is shown below.";
    TrainingFlashWithdrawn => "Pendaftaran diakhiri (mengundurkan diri).", "The enrolment was withdrawn.";
    TrainingMon => "Sen", "Mon";
    TrainingTue => "Sel", "Tue";
    TrainingWed => "Rab", "Wed";
    TrainingThu => "Kam", "Thu";
    TrainingFri => "Jum", "Fri";
    TrainingSat => "Sab", "Sat";
    TrainingSun => "Min", "Sun";
    TrainingGradeRange => "Rentang golongan", "Grade range";
    TrainingHistory => "Riwayat", "History";
    TrainingHomeGreeting => "Selamat datang, {name}", "Welcome, {name}";
    TrainingImportAttendance => "Impor kehadiran dari CSV", "Import attendance from a CSV";
    TrainingImportAttendanceHint => "Kolom: nip, tanggal (TTTT-BB-HH), hadir (ya/tidak); satu baris per pegawai per hari. Seluruh berkas diperiksa lebih dulu: data hanya disimpan jika tidak ada kesalahan.", "Columns: nip, tanggal (YYYY-MM-DD), hadir (ya/tidak); one line per person and day. The whole file is checked first: nothing is stored unless every line is right.";
    TrainingJp => "JP", "JP";
    TrainingJpProgress => "JP tahun ini", "JP this year";
    TrainingJpThisYear => "JP tahun ini", "Lesson hours (JP) this year";
    TrainingLevel3Delay => "Jeda survei level 3 (hari setelah selesai)", "Level-3 survey delay (days after the end)";
    TrainingLogIntro => "Setiap perubahan status setiap pendaftaran, dalam urutan terjadinya: siapa, kapan, dari apa ke apa, dan alasannya.", "Every state change of every enrolment, in the order it happened: who, when, from what to what, and why.";
    TrainingLogTitle => "Riwayat pendaftaran", "Enrolment log";
    TrainingManage => "Pengelolaan angkatan", "Managing the batch";
    TrainingMaxGrade => "Golongan tertinggi", "Highest grade";
    TrainingMentoringMinutes => "{minutes} menit, {per} menit = 1 JP", "{minutes} minutes, {per} minutes = 1 JP";
    TrainingMethod => "Metode", "Method";
    TrainingMethodPelatihan => "Pelatihan", "Training course";
    TrainingMethodSeminar => "Seminar", "Seminar";
    TrainingMethodWorkshop => "Lokakarya (workshop)", "Workshop";
    TrainingMethodKursus => "Kursus", "Course";
    TrainingMethodBimbinganTeknis => "Bimbingan teknis", "Technical guidance";
    TrainingMethodPenataran => "Penataran", "Upgrading";
    TrainingMethodSosialisasi => "Sosialisasi", "Socialisation";
    TrainingMethodCoaching => "Coaching", "Coaching";
    TrainingMethodMentoring => "Mentoring", "Mentoring";
    TrainingMethodELearning => "E-learning", "E-learning";
    TrainingMethodPelatihanJarakJauh => "Pelatihan jarak jauh", "Distance training";
    TrainingMethodDetasering => "Detasering", "Secondment";
    TrainingMethodMagang => "Magang", "Internship";
    TrainingMethodPatokBanding => "Patok banding", "Benchmarking";
    TrainingMethodOutdoorLearning => "Pembelajaran alam terbuka", "Outdoor learning";
    TrainingMethodPertukaranSektorSwasta => "Pertukaran dengan sektor swasta", "Exchange with the private sector";
    TrainingMethodBelajarMandiri => "Belajar mandiri", "Self-development";
    TrainingMethodKomunitasBelajar => "Komunitas belajar", "Community of practice";
    TrainingMethodBimbinganDiTempatKerja => "Bimbingan di tempat kerja", "On-the-job guidance";
    TrainingMinGrade => "Golongan terendah", "Lowest grade";
    TrainingMineTitle => "Pelatihan saya", "My trainings";
    TrainingMinutes => "menit", "minutes";
    TrainingMonth => "Bulan", "Month";
    TrainingMyEnrolments => "Pelatihan saya", "My trainings";
    TrainingNextMonth => "Bulan berikutnya", "Next month";
    TrainingNoBatches => "Tidak ada angkatan.", "No batches.";
    TrainingNoChange => "— tidak diubah —", "— no change —";
    TrainingNoEnrolments => "Belum ada pelatihan.", "No trainings yet.";
    TrainingNoParticipants => "Belum ada peserta.", "No participants yet.";
    TrainingNoPending => "Tidak ada permintaan yang menunggu keputusan Anda.", "No request is waiting for your decision.";
    TrainingNoPrograms => "Tidak ada program yang cocok.", "No program matches.";
    TrainingNoTargets => "Belum ada kompetensi sasaran.", "No target competencies yet.";
    TrainingNonClassical => "Nonklasikal", "Non-classical";
    TrainingNotEligible => "Anda tidak memenuhi sasaran peserta angkatan ini:", "You are not among those this batch is for:";
    TrainingNotOpenNote => "Pendaftaran tidak sedang dibuka.", "Enrolment is not open.";
    TrainingNothingOpenForYou => "Saat ini tidak ada angkatan terbuka yang sesuai untuk Anda.", "No open batch fits you right now.";
    TrainingOnlineUrl => "Tautan daring", "Online link";
    TrainingOpenForYou => "Angkatan terbuka yang sesuai untuk Anda", "Open batches that fit you";
    TrainingOpensAt => "Pendaftaran dibuka", "Enrolment opens";
    TrainingOrganizer => "Penyelenggara", "Organizer";
    TrainingOrganizerKind => "Jenis penyelenggara", "Kind of organizer";
    TrainingOrganizerBpsdm => "BPSDM", "BPSDM";
    TrainingOrganizerLan => "LAN", "LAN";
    TrainingOrganizerUniversity => "Perguruan tinggi", "University";
    TrainingOrganizerPrivate => "Lembaga swasta", "Private provider";
    TrainingOrganizerInHouse => "Internal (in-house)", "In-house";
    TrainingParticipants => "Peserta", "Participants";
    TrainingPlace => "Tempat", "Place";
    TrainingPresent => "Hadir", "Present";
    TrainingPreviousMonth => "Bulan sebelumnya", "Previous month";
    TrainingProgram => "Program", "Program";
    TrainingProgramNew => "Tambah program", "Add a program";
    TrainingProgramTitle => "Judul program", "Program title";
    TrainingProgramsTitle => "Program pelatihan", "Training programs";
    TrainingQuota => "Kuota peserta", "Quota";
    TrainingRecapBelow => "Di bawah batas minimal", "Below the floor";
    TrainingRecapBelowTitle => "PNS yang belum mencapai {jp} JP", "PNS below {jp} JP";
    TrainingRecapDetails => "Rincian JP", "JP details";
    TrainingRecapIntro => "JP dihitung dari pelatihan yang lulus (pada tahun angkatan berakhir) dan sesi mentoring yang dikonfirmasi ({per} menit = 1 JP). PNS berhak minimal {floor} JP per tahun; PPPK paling banyak {ceiling} JP dalam tahun kontrak, yang di sini dihitung sebagai tahun kalender.", "JP come from passed trainings (in the year the batch ended) and confirmed mentoring sessions ({per} minutes = 1 JP). PNS have a right to at least {floor} JP a year; PPPK have at most {ceiling} JP in their contract year, taken here as the calendar year.";
    TrainingRecapNoLines => "Belum ada JP pada tahun ini.", "No JP this year yet.";
    TrainingRecapNobodyBelow => "Semua PNS sudah mencapai batas minimal.", "Every PNS has reached the floor.";
    TrainingRecapOf => "JP {name} tahun {year}", "JP of {name} in {year}";
    TrainingRecapOn => "Tanggal", "Date";
    TrainingRecapOver => "Melebihi batas maksimal", "Over the ceiling";
    TrainingRecapPerAgency => "Per perangkat daerah", "Per agency";
    TrainingRecapPns => "PNS", "PNS";
    TrainingRecapPnsBelow => "PNS < {jp} JP", "PNS < {jp} JP";
    TrainingRecapPnsReached => "PNS ≥ {jp} JP", "PNS ≥ {jp} JP";
    TrainingRecapPppk => "PPPK", "PPPK";
    TrainingRecapPppkOver => "PPPK > {jp} JP", "PPPK > {jp} JP";
    TrainingRecapReached => "Mencapai batas minimal", "Reached the floor";
    TrainingRecapSource => "Sumber", "Source";
    TrainingRecapSources => "Asal JP", "Where the JP come from";
    TrainingRecapTitle => "Rekap JP", "JP recap";
    TrainingRecapTotals => "{reached} dari {pns} PNS sudah mencapai {floor} JP.", "{reached} of {pns} PNS have reached {floor} JP.";
    TrainingRecapWhat => "Kegiatan", "Activity";
    TrainingRecapWithin => "Dalam batas maksimal", "Within the ceiling";
    TrainingRecorded => "Tercatat", "Recorded";
    TrainingReject => "Tolak", "Reject";
    TrainingRequestedAt => "Waktu mendaftar", "Requested at";
    TrainingResult => "Hasil", "Result";
    TrainingResultFor => "Hasil untuk {name}", "Result for {name}";
    TrainingRulePns => "PNS berhak atas pengembangan kompetensi minimal {jp} JP per tahun.", "PNS have a right to at least {jp} JP of development a year.";
    TrainingRulePppk => "PPPK: paling banyak {jp} JP dalam tahun kontrak (dihitung sebagai tahun kalender).", "PPPK: at most {jp} JP in the contract year (taken as the calendar year).";
    TrainingSaveAttendance => "Simpan kehadiran", "Save attendance";
    TrainingSaveResults => "Simpan hasil", "Save results";
    TrainingSeats => "Kursi terisi", "Seats taken";
    TrainingSourceMentoring => "Mentoring", "Mentoring";
    TrainingSourceTraining => "Pelatihan", "Training";
    TrainingStandingBelow => "Masih kurang {jp} JP untuk mencapai batas minimal.", "{jp} JP short of the floor.";
    TrainingStandingOver => "Melebihi batas maksimal tahun kontrak.", "Over the contract year's ceiling.";
    TrainingStandingReached => "Batas minimal tahun ini sudah tercapai.", "This year's floor is reached.";
    TrainingStandingWithin => "Masih dalam batas maksimal tahun kontrak.", "Within the contract year's ceiling.";
    TrainingStartsOn => "Tanggal mulai", "First day";
    TrainingStateRequested => "Menunggu persetujuan", "Awaiting approval";
    TrainingStateApproved => "Disetujui atasan", "Approved";
    TrainingStateRejected => "Ditolak", "Rejected";
    TrainingStateWaitlisted => "Daftar tunggu", "Waitlisted";
    TrainingStateEnrolled => "Terdaftar", "Enrolled";
    TrainingStateWithdrawn => "Mengundurkan diri", "Withdrawn";
    TrainingStateAttended => "Hadir, menunggu hasil", "Attended, awaiting result";
    TrainingStatePassed => "Lulus", "Passed";
    TrainingStateFailed => "Tidak lulus", "Failed";
    TrainingStateNoShow => "Tidak hadir", "No-show";
    TrainingStatusDraft => "Draf", "Draft";
    TrainingStatusOpen => "Pendaftaran dibuka", "Open";
    TrainingStatusClosed => "Pendaftaran ditutup", "Closed";
    TrainingStatusRunning => "Berjalan", "Running";
    TrainingStatusCompleted => "Selesai", "Completed";
    TrainingStatusCancelled => "Dibatalkan", "Cancelled";
    TrainingTargetCompetencies => "Kompetensi sasaran", "Target competencies";
    TrainingTargetLevel => "Level sasaran", "Target level";
    TrainingTargetsHint => "Pilih level yang ingin dicapai untuk setiap kompetensi yang disasar; biarkan — untuk yang tidak.", "Choose the level aimed for in each targeted competency; leave — for the others.";
    TrainingTotalJp => "Total JP", "Total JP";
    TrainingWaitlist => "Daftar tunggu", "Waitlist";
    TrainingWaitlistPosition => "urutan ke-{position}", "position {position}";
    TrainingWithdraw => "Mengundurkan diri", "Withdraw";
    TrainingWithdrawOther => "Mundurkan", "Withdraw";
    TrainingWithdrawReason => "Alasan (boleh kosong)", "Reason (optional)";
    TrainingWithdrawalDeadline => "Batas mengundurkan diri", "Withdrawal deadline";
    TrainingYear => "Tahun", "Year";
    TrainingYourPlace => "Pendaftaran Anda", "Your enrolment";
    TrainingZoneNote => "Tanggal dan jam dalam zona waktu daerah ini.", "Dates and times are in this region's time zone.";
    // @training (insert this area's messages above this line)
    EvalNav => "Evaluasi pelatihan", "Training evaluation";
    EvalMailSubjectReaction => "Survei evaluasi pelatihan: {program}", "Training evaluation survey: {program}";
    EvalMailSubjectBehaviour => "Evaluasi pasca pelatihan: {program}", "Post-training evaluation: {program}";
    EvalMailSubjectSupervisor => "Mohon penilaian Anda: {participant} setelah {program}", "Your rating, please: {participant} after {program}";
    EvalMailReminderSubject => "Pengingat: {subject}", "Reminder: {subject}";
    EvalMailReminderLead => "Kami belum menerima jawaban Anda. Survei ini hanya memerlukan beberapa menit.", "We have not received your answers yet. The survey takes only a few minutes.";
    EvalMailGreeting => "Halo {name},", "Hello {name},";
    EvalMailBodyReaction => "Terima kasih telah mengikuti {program} ({batch}). Mohon luangkan sekitar lima menit untuk menilai pelatihan tersebut melalui tautan berikut:", "Thank you for taking part in {program} ({batch}). Please take about five minutes to rate the training at this link:";
    EvalMailBodyBehaviour => "Beberapa waktu lalu Anda mengikuti {program} ({batch}). Kami ingin mengetahui bagaimana hasil pelatihan itu diterapkan dalam pekerjaan Anda. Mohon isi survei singkat melalui tautan berikut:", "Some time ago you took part in {program} ({batch}). We would like to know how you apply what you learned in your work. Please answer a short survey at this link:";
    EvalMailBodySupervisor => "{participant} telah mengikuti {program} ({batch}). Sebagai atasan langsung, mohon nilai penerapan kompetensi yang dilatih dalam pekerjaannya melalui tautan berikut:", "{participant} took part in {program} ({batch}). As their direct supervisor, please rate how they apply the competencies trained in their work, at this link:";
    EvalMailButton => "Isi survei", "Answer the survey";
    EvalMailDeadline => "Tautan ini khusus untuk Anda (jangan diteruskan) dan berlaku sampai {deadline}. Jawaban hanya dapat dikirim sekali.", "This link is yours alone (do not forward it) and works until {deadline}. Answers can be sent once.";
    EvalMailPrivacy => "Pengelola hanya melihat rekapitulasi jawaban; laporan per perangkat daerah tidak menampilkan kelompok kecil.", "Staff see only summaries of the answers; reports per agency do not show small groups.";
    EvalMailSupervisorNote => "Penilaian kompetensi Anda dicatat sebagai penilaian kompetensi pegawai tersebut (sumber: evaluasi pasca pelatihan).", "Your competency ratings are recorded as the employee's competency assessments (source: post-training evaluation).";
    EvalSurveyTitle => "Evaluasi pasca pelatihan", "Post-training evaluation";
    EvalSurveyIntroReaction => "Penilaian Anda tentang {program} ({batch}, {dates}).", "Your view of {program} ({batch}, {dates}).";
    EvalSurveyIntroBehaviour => "Penerapan hasil {program} ({batch}, {dates}) dalam pekerjaan Anda.", "How you apply {program} ({batch}, {dates}) in your work.";
    EvalSurveyIntroSupervisor => "Penilaian Anda untuk {participant} setelah mengikuti {program} ({batch}, {dates}). Penilaian kompetensi Anda dicatat sebagai penilaian kompetensi pegawai tersebut.", "Your rating of {participant} after {program} ({batch}, {dates}). Your competency ratings are recorded as the employee's competency assessments.";
    EvalSurveyDeadline => "Dapat diisi sampai {deadline}. Jawaban hanya dapat dikirim sekali.", "Open until {deadline}. Answers can be sent once.";
    EvalSurveyRequiredNote => "Pertanyaan bertanda * wajib dijawab.", "Questions marked * must be answered.";
    EvalSurveyOptional => "(boleh dikosongkan)", "(optional)";
    EvalLikert1 => "Sangat tidak setuju", "Strongly disagree";
    EvalLikert2 => "Tidak setuju", "Disagree";
    EvalLikert3 => "Ragu-ragu", "Neutral";
    EvalLikert4 => "Setuju", "Agree";
    EvalLikert5 => "Sangat setuju", "Strongly agree";
    EvalRatingTarget => "target program: level {level}", "program target: level {level}";
    EvalRatingScale => "1 = sangat rendah, 5 = sangat tinggi (level kamus kompetensi)", "1 = very low, 5 = very high (competency dictionary levels)";
    EvalSurveySubmit => "Kirim jawaban", "Send my answers";
    EvalSurveyHasErrors => "Jawaban belum terkirim. Periksa pertanyaan yang ditandai:", "Nothing was sent yet. Please check the questions marked:";
    EvalSurveyThanksTitle => "Terima kasih", "Thank you";
    EvalSurveyThanksBody => "Jawaban Anda telah kami terima.", "We have received your answers.";
    EvalSurveyThanksAssessed => "Penilaian Anda telah dicatat sebagai penilaian kompetensi pegawai.", "Your ratings have been recorded as the employee's competency assessments.";
    EvalSurveyAnsweredTitle => "Survei ini sudah dijawab", "This survey has been answered";
    EvalSurveyAnsweredBody => "Jawaban untuk survei ini sudah diterima dan hanya dapat dikirim sekali. Terima kasih atas partisipasi Anda.", "The answers to this survey were received already; they can be sent only once. Thank you for taking part.";
    EvalSurveyExpiredTitle => "Survei ini sudah ditutup", "This survey has closed";
    EvalSurveyExpiredBody => "Batas waktu pengisian survei ini adalah {deadline}. Jika Anda masih ingin memberi masukan, hubungi pengelola pelatihan di BKPSDM.", "This survey could be answered until {deadline}. If you still wish to give feedback, contact the training staff at BKPSDM.";
    EvalSurveyUnknownTitle => "Tautan survei tidak dikenal", "Unknown survey link";
    EvalSurveyUnknownBody => "Tautan ini tidak mengarah ke survei mana pun. Pastikan tautan tersalin lengkap dari email Anda, termasuk seluruh kode di bagian akhirnya.", "This link does not lead to any survey. Check that the whole link was copied from your e-mail, including all of the code at its end.";
    EvalAnswerRequired => "Pertanyaan ini wajib dijawab.", "This question needs an answer.";
    EvalAnswerScale => "Pilih salah satu angka 1 sampai 5.", "Choose one number from 1 to 5.";
    EvalAnswerChoice => "Pilih salah satu pilihan yang tersedia.", "Choose one of the options given.";
    EvalAnswerTooLong => "Jawaban paling panjang {max} karakter.", "An answer has at most {max} characters.";
    EvalRatingRequired => "Beri nilai 1–5 untuk {competency}.", "Rate {competency} from 1 to 5.";
    EvalLevelReaction => "Level 1 (reaksi)", "Level 1 (reaction)";
    EvalLevelBehaviour => "Level 3 (perilaku)", "Level 3 (behaviour)";
    EvalAudienceParticipant => "Peserta", "Participant";
    EvalAudienceSupervisor => "Atasan langsung", "Direct supervisor";
    EvalKindLikert => "Skala setuju 1–5", "Agreement scale 1–5";
    EvalKindSingleChoice => "Pilihan tunggal", "Single choice";
    EvalKindFreeText => "Jawaban bebas", "Free text";
    EvalKindCompetencyRating => "Nilai 1–5 untuk tiap kompetensi sasaran program", "Rating 1–5 of each competency the program targets";
    EvalTemplatesTitle => "Templat survei evaluasi", "Evaluation survey templates";
    EvalTemplatesIntro => "Templat bawaan dipakai semua program. Bila satu program memerlukan pertanyaan sendiri, salin templat untuk program itu lalu ubah; undangan berikutnya memakai salinan tersebut.", "Default templates serve every program. When a program needs questions of its own, copy a template for it and edit the copy; later invitations use the copy.";
    EvalTplDefault => "Bawaan (semua program)", "Default (every program)";
    EvalTplLevel => "Level", "Level";
    EvalTplAudience => "Responden", "Respondent";
    EvalTplQuestions => "Pertanyaan", "Questions";
    EvalTplInvitations => "Undangan", "Invitations";
    EvalTplCopyTitle => "Salin templat untuk satu program", "Copy a template for a program";
    EvalTplCopySource => "Templat yang disalin", "Template to copy";
    EvalTplCopySubmit => "Salin", "Copy";
    EvalTplCopied => "Templat disalin untuk program tersebut. Ubah pertanyaannya di sini.", "The template was copied for the program. Edit its questions here.";
    EvalTplExists => "Program ini sudah mempunyai templat sendiri untuk level dan responden tersebut; ubah templat itu.", "This program already has its own template for that level and respondent; edit that one.";
    EvalTplSaved => "Templat disimpan.", "The template has been saved.";
    EvalTplKind => "Jenis pertanyaan", "Question kind";
    EvalTplPromptId => "Pertanyaan (Bahasa Indonesia)", "Question (Indonesian)";
    EvalTplPromptEn => "Pertanyaan (Bahasa Inggris)", "Question (English)";
    EvalTplOptions => "Pilihan, untuk pilihan tunggal (satu per baris: Indonesia | English)", "Options, for single choice (one a line: Indonesian | English)";
    EvalTplRequired => "Wajib dijawab", "Answer required";
    EvalTplAddQuestion => "Tambah pertanyaan", "Add a question";
    EvalTplSaveQuestion => "Simpan pertanyaan", "Save the question";
    EvalTplRemoveQuestion => "Hapus pertanyaan", "Remove the question";
    EvalTplMoveUp => "Naikkan", "Move up";
    EvalTplAnsweredNote => "Sudah {n} jawaban: jenis dan jumlah pilihan tetap, pertanyaan tidak dapat dihapus.", "{n} answers already: the kind and the number of options stay, and it cannot be removed.";
    EvalTplQuestionRemoved => "Pertanyaan dihapus.", "The question has been removed.";
    EvalTplQuestionAnswered => "Pertanyaan yang sudah dijawab tidak dapat dihapus; jadikan tidak wajib bila tidak diperlukan lagi.", "A question that has answers cannot be removed; make it optional if it is no longer needed.";
    EvalTplDelete => "Hapus templat program ini", "Delete this program's template";
    EvalTplDeleted => "Templat program dihapus; program kembali memakai templat bawaan.", "The program's template was deleted; the program uses the default again.";
    EvalTplNotDeletable => "Templat bawaan, atau templat yang sudah dipakai undangan, tidak dapat dihapus.", "A default template, or one invitations used, cannot be deleted.";
    EvalTplReadOnly => "Templat hanya dapat diubah admin BKPSDM.", "Only the BKPSDM admin can change templates.";
    EvalTplInUse => "Sudah dipakai {n} undangan.", "Used by {n} invitations so far.";
    EvalTplPromptIdRequired => "Isi pertanyaan dalam Bahasa Indonesia.", "Enter the question in Indonesian.";
    EvalTplPromptEnRequired => "Isi pertanyaan dalam Bahasa Inggris.", "Enter the question in English.";
    EvalTplPromptTooLong => "Pertanyaan paling panjang {max} karakter.", "A question has at most {max} characters.";
    EvalTplOptionsNeeded => "Isi 2 sampai {max} pilihan, satu per baris (Indonesia | English).", "Enter 2 to {max} options, one a line (Indonesian | English).";
    EvalTplOptionTooLong => "Setiap pilihan paling panjang {max} karakter.", "Each option has at most {max} characters.";
    EvalTplKindFrozen => "Pertanyaan ini sudah dijawab: jenisnya tidak dapat diubah.", "This question has answers: its kind cannot change.";
    EvalTplOptionsFrozen => "Pertanyaan ini sudah dijawab: jumlah pilihannya tidak dapat diubah (teksnya boleh).", "This question has answers: the number of options cannot change (their wording can).";
    EvalTplOneRating => "Satu templat hanya boleh mempunyai satu pertanyaan penilaian kompetensi.", "A template has at most one competency rating question.";
    EvalResultsTitle => "Hasil evaluasi pelatihan", "Training evaluation results";
    EvalResultsIntro => "Undangan survei, tingkat respons dan hasil evaluasi level 1 dan level 3 per program pelatihan.", "Survey invitations, response rates and level 1 and level 3 evaluation results per training program.";
    EvalNoInvitations => "Belum ada undangan survei.", "No survey invitations yet.";
    EvalProgram => "Program pelatihan", "Training program";
    EvalSent => "Undangan", "Invitations";
    EvalAnswered => "Dijawab", "Answered";
    EvalResponseRate => "Tingkat respons", "Response rate";
    EvalPending => "Belum dijawab", "Open";
    EvalExpired => "Kedaluwarsa", "Expired";
    EvalReminded => "Diingatkan", "Reminded";
    EvalReminders => "Pengingat terkirim", "Reminders sent";
    EvalBatch => "Angkatan", "Batch";
    EvalAllBatches => "Semua angkatan", "All batches";
    EvalAgency => "Perangkat daerah", "Agency";
    EvalAllAgencies => "Semua perangkat daerah", "All agencies";
    EvalDownloadCsv => "Unduh CSV", "Download CSV";
    EvalInvitationsTitle => "Undangan dan respons", "Invitations and responses";
    EvalSurvey => "Survei", "Survey";
    EvalQuestionsTitle => "Jawaban per pertanyaan", "Answers per question";
    EvalAverage => "Rata-rata", "Average";
    EvalRespondents => "Responden", "Respondents";
    EvalDistribution => "Sebaran", "Distribution";
    EvalCompetenciesTitle => "Kompetensi sebelum dan sesudah pelatihan (level 3)", "Competencies before and after the training (level 3)";
    EvalCompetency => "Kompetensi", "Competency";
    EvalTarget => "Target", "Target";
    EvalBefore => "Sebelum (penilaian terakhir sebelum pelatihan)", "Before (last assessment before the training)";
    EvalAfterParticipant => "Sesudah, menurut peserta", "After, by the participants";
    EvalAfterSupervisor => "Sesudah, menurut atasan", "After, by the supervisors";
    EvalMeetingTarget => "{n} dari {total} mencapai target", "{n} of {total} at the target";
    EvalCommentsTitle => "Komentar", "Comments";
    EvalNoComments => "Belum ada komentar.", "No comments yet.";
    EvalAgenciesTitle => "Per perangkat daerah", "Per agency";
    EvalReactionAverage => "Rata-rata level 1", "Level 1 average";
    EvalSuppressed => "disembunyikan (kurang dari {min} responden)", "hidden (fewer than {min} respondents)";
    EvalSuppressedNote => "Hasil kelompok dengan kurang dari {min} responden tidak ditampilkan, agar tidak ada responden yang dapat dikenali.", "Results of groups of fewer than {min} respondents are not shown, so that no respondent can be identified.";
    EvalNoAnswers => "Belum ada jawaban.", "No answers yet.";
    EvalTemplatesLink => "Templat survei", "Survey templates";
    EvalResultsLink => "Lihat hasil", "See the results";
    // @evaluation (insert this area's messages above this line)
    GapsDateInvalid => "Tanggal {value} tidak valid; tulis TTTT-BB-HH (contoh: 2026-10-20).", "The date {value} is not valid; write YYYY-MM-DD (e.g. 2026-10-20).";
    GapsDateInFuture => "Tanggal {value} belum terjadi; penilaian tidak boleh bertanggal di masa depan.", "The date {value} is in the future; an assessment cannot be dated ahead.";
    GapsCompetencyRequired => "Pilih kompetensi yang dinilai.", "Choose the competency assessed.";
    GapsCompetencyUnknown => "Kompetensi {code} tidak ada atau tidak aktif dalam kamus kompetensi.", "Competency {code} is not in the dictionary or is inactive.";
    GapsLevelInvalid => "Level harus bilangan bulat 1–5, yang tertulis \"{value}\".", "The level must be a whole number from 1 to 5, not \"{value}\".";
    GapsSourceNotAllowed => "Pilih jenis penilaian yang boleh Anda catat untuk pegawai ini.", "Choose a kind of assessment you may record for this employee.";
    GapsTooLong => "Terlalu panjang: paling banyak {max} karakter.", "Too long: at most {max} characters.";
    GapsImportUnknownEmployee => "Tidak ada pegawai dengan NIP {nip}.", "No employee has the NIP {nip}.";
    GapsImportDuplicateLine => "Penilaian pegawai, kompetensi dan tanggal yang sama sudah tercantum di baris {line}.", "The same employee, competency and date are already on line {line}.";
    NavGaps => "Kesenjangan kompetensi", "Competency gaps";
    GapsTitle => "Kesenjangan kompetensi", "Competency gaps";
    GapsDashboardTitle => "Peta kesenjangan kompetensi", "Competency gap map";
    GapsDashboardIntro => "Setiap sel menunjukkan persentase pegawai aktif yang jabatannya mempersyaratkan kompetensi itu tetapi levelnya di bawah standar. Pegawai yang belum pernah dinilai dihitung terpisah (tidak dianggap memenuhi maupun berkesenjangan). Angka berasal dari rekaman terakhir tugas malam \"competency-gaps\"; pilih perangkat daerah untuk melihat unit di bawahnya, pilih sel untuk melihat pegawainya.", "Each cell shows the share of active employees whose position requires the competency and whose level is below the standard. Employees never assessed are counted apart (neither meeting nor with a gap). Figures come from the newest snapshot of the nightly \"competency-gaps\" job; choose an agency to see the units below it, choose a cell to see its employees.";
    GapsTrail => "Jalur perangkat daerah", "Agency path";
    GapsNoSnapshot => "Belum ada rekaman kesenjangan. Rekaman dibuat setiap malam oleh tugas \"competency-gaps\", atau saat tugas itu dijalankan manual.", "No gap snapshot yet. One is taken every night by the \"competency-gaps\" job, or when that job is run by hand.";
    GapsRunJobLink => "Jalankan tugas sekarang", "Run the job now";
    GapsSnapshotTaken => "Rekaman terakhir", "Latest snapshot";
    GapsEmployeesConsidered => "Pegawai aktif yang dinilai terhadap standar", "Active employees judged against a standard";
    GapsPreviousSnapshot => "Rekaman sebelumnya", "Previous snapshot";
    GapsNoPrevious => "belum ada", "none yet";
    GapsShareWithGap => "Pegawai berkesenjangan", "Share with a gap";
    GapsPointsSincePrevious => "poin sejak rekaman sebelumnya", "points since the previous snapshot";
    GapsNothingRequired => "Tidak ada pegawai aktif dengan standar kompetensi di sini.", "No active employee with a competency standard here.";
    GapsHeatmapTitle => "Peta panas kesenjangan: perangkat daerah × kompetensi", "Gap heatmap: agencies × competencies";
    GapsHeatmapCaption => "Warna: persentase pegawai berkesenjangan (skala viridis, ramah buta warna; makin gelap makin banyak). Angka di tiap sel adalah persentasenya; rinciannya ada di tabel di bawah.", "Colour: share of employees with a gap (viridis scale, colour-blind safe; darker means more). Each cell's number is that share; the table below has the details.";
    GapsNotRequired => "tidak dipersyaratkan", "not required";
    GapsOwnEmployeesShort => "pegawai langsung", "own staff";
    GapsTotal => "Jumlah", "Total";
    GapsTableTitle => "Angka per sel", "Figures per cell";
    GapsTableIntro => "Sebaran kesenjangan: jumlah pegawai dengan kesenjangan 1 / 2 / 3 / 4 level. Rata-rata kesenjangan dihitung dari pegawai yang berkesenjangan. Perubahan dalam poin persentase sejak rekaman sebelumnya.", "Distribution: employees whose gap is 1 / 2 / 3 / 4 levels. The mean gap is over those with a gap. Change in percentage points since the previous snapshot.";
    GapsCompetency => "Kompetensi", "Competency";
    GapsAllCompetencies => "Semua kompetensi", "All competencies";
    GapsRequiredCount => "Dipersyaratkan", "Required";
    GapsAssessedCount => "Sudah dinilai", "Assessed";
    GapsMeetingCount => "Memenuhi standar", "Meeting the standard";
    GapsWithGapCount => "Berkesenjangan", "With a gap";
    GapsNotAssessedCount => "Belum dinilai", "Not assessed";
    GapsMeanGap => "Rata-rata kesenjangan", "Mean gap";
    GapsDistribution => "Sebaran (1/2/3/4)", "Distribution (1/2/3/4)";
    GapsChange => "Perubahan", "Change";
    GapsBackToDashboard => "Kembali ke peta kesenjangan", "Back to the gap map";
    GapsCellIntro => "Data terkini (level saat ini dan standar jabatan saat ini), bukan rekaman malam; pegawai dengan kesenjangan terbesar lebih dulu.", "Current data (today's levels and positions), not the nightly snapshot; largest gaps first.";
    GapsFilterNotMeeting => "Belum memenuhi (berkesenjangan atau belum dinilai)", "Not meeting (gap or not assessed)";
    GapsFilterWithGap => "Berkesenjangan", "With a gap";
    GapsFilterNotAssessed => "Belum dinilai", "Not assessed";
    GapsCellEmpty => "Tidak ada pegawai yang cocok.", "No employee matches.";
    GapsRequiredLevel => "Level standar", "Required level";
    GapsCurrentLevel => "Level saat ini", "Current level";
    GapsGap => "Kesenjangan", "Gap";
    GapsNotAssessed => "Belum dinilai", "Not assessed";
    GapsMet => "Memenuhi", "Met";
    GapsEmployeesTitle => "Kesenjangan pegawai", "Employees' gaps";
    GapsNoEmployees => "Tidak ada pegawai yang dapat ditampilkan.", "No employee to show.";
    GapsMatch => "Kesesuaian jabatan (JPM)", "Job–person match (JPM)";
    GapsMatchExplained => "Kesesuaian jabatan: jumlah level yang dimiliki (paling tinggi setinggi standar) dibagi jumlah level standar jabatan. Optimal ≥ {optimal}%, cukup optimal {adequate}–{optimal}%, kurang optimal < {adequate}%. Kompetensi yang belum dinilai bernilai 0.", "Job–person match: levels held (each at most the required one) divided by the levels the position requires. Optimal ≥ {optimal}%, cukup optimal (adequate) {adequate}–{optimal}%, kurang optimal (low) < {adequate}%. A competency never assessed counts 0.";
    GapsMatchDetail => "({met} dari {of} kompetensi memenuhi standar)", "({met} of {of} competencies meet the standard)";
    GapsBandOptimal => "optimal", "optimal";
    GapsBandAdequate => "cukup optimal", "adequate (cukup optimal)";
    GapsBandLow => "kurang optimal", "low (kurang optimal)";
    GapsNoStandard => "Jabatan pegawai ini belum mempunyai standar kompetensi.", "This employee's position has no competency standard.";
    GapsEmployeeTitle => "Profil kompetensi", "Competency profile";
    GapsOwnGapsTitle => "Kesenjangan terhadap standar jabatan", "Gaps against the position's standard";
    GapsCurrentFrom => "Level saat ini dari", "Current level from";
    GapsDevelopmentPlanTitle => "Rencana pengembangan individu", "Individual development plan";
    GapsDevelopmentPlanIntro => "Kesenjangan terbesar lebih dulu, lalu kompetensi yang belum dinilai; untuk masing-masing: angkatan yang dibuka dan menargetkannya, serta rekan yang levelnya lebih tinggi dan dapat menjadi mentor (satu perangkat daerah lebih dulu).", "Largest gaps first, then competencies never assessed; for each: open batches that target it, and colleagues with a higher level who could mentor (same agency first).";
    GapsNoDevelopmentNeeded => "Semua kompetensi yang dipersyaratkan sudah terpenuhi.", "Every required competency is met.";
    GapsGapOf => "kesenjangan {n} level", "a gap of {n} levels";
    GapsOpenBatches => "Angkatan yang dibuka", "Open batches";
    GapsNoOpenBatch => "Belum ada angkatan terbuka yang menargetkan kompetensi ini.", "No open batch targets this competency yet.";
    GapsTargetLevel => "target level {level}", "target level {level}";
    GapsFreeSeats => "{n} kursi tersisa", "{n} seats left";
    GapsPossibleMentors => "Calon mentor", "Possible mentors";
    GapsNoMentor => "Belum ada rekan dengan level lebih tinggi.", "No colleague with a higher level yet.";
    GapsLevelN => "level {level}", "level {level}";
    GapsSameAgency => "unit kerja yang sama", "same unit";
    GapsRecordTitle => "Catat penilaian", "Record an assessment";
    GapsChooseCompetency => "— pilih kompetensi —", "— choose a competency —";
    GapsLevel => "Level", "Level";
    GapsSource => "Jenis penilaian", "Kind of assessment";
    GapsAssessedOn => "Tanggal penilaian", "Date assessed";
    GapsAssessor => "Penilai", "Assessor";
    GapsNotes => "Catatan", "Notes";
    GapsRecordSubmit => "Simpan penilaian", "Save the assessment";
    GapsRecorded => "Penilaian disimpan.", "The assessment has been saved.";
    GapsHistoryTitle => "Riwayat penilaian", "Assessment history";
    GapsSelfHistoryTitle => "Penilaian diri", "Self-assessments";
    GapsSelfNotCounted => "Penilaian diri disimpan dan ditampilkan terpisah; tidak dihitung sebagai level saat ini.", "Self-assessments are kept and shown apart; they do not count as the current level.";
    GapsSelfCounts => "Penilaian diri dihitung sebagai level saat ini (pengaturan BKPSDM).", "Self-assessments count as the current level (BKPSDM's setting).";
    GapsNoHistory => "Belum ada penilaian.", "No assessments yet.";
    GapsCurrentTag => "saat ini", "current";
    GapsSourceAssessmentCentre => "Assessment center", "Assessment centre";
    GapsSourceSupervisor => "Penilaian atasan", "Supervisor rating";
    GapsSourceSelf => "Penilaian diri", "Self-assessment";
    GapsSourceCertification => "Sertifikasi", "Certification";
    GapsSourceMentoring => "Mentoring", "Mentoring";
    GapsSourcePostTraining => "Evaluasi pasca pelatihan", "Post-training evaluation";
    GapsPlanTitle => "Analisis kebutuhan pelatihan", "Training-needs plan";
    GapsPlanIntro => "Untuk setiap kompetensi dengan kesenjangan: program yang menargetkannya, jumlah pegawai berkesenjangan yang levelnya di bawah target program dan memenuhi syarat program, jumlah angkatan yang diperlukan menurut kuota lazim program (rata-rata kuota angkatannya, atau 30), dan angkatan yang sudah dibuka atau direncanakan. Unduh sebagai bahan kalender pelatihan tahun depan.", "For each competency with gaps: the programs that target it, how many employees with a gap below the program's target level (and eligible for it) each would serve, the batches needed at the program's typical quota (the mean quota of its batches, or 30), and the batches already open or planned. Download it as the input to next year's training calendar.";
    GapsExportCsv => "Unduh CSV", "Download CSV";
    GapsExportXlsx => "Unduh XLSX (Excel)", "Download XLSX (Excel)";
    GapsPlanEmpty => "Tidak ada kesenjangan: tidak ada kebutuhan pelatihan.", "No gaps: no training needs.";
    GapsPlanCounts => "{gap} dari {required} pegawai berkesenjangan; {not_assessed} belum dinilai.", "{gap} of {required} employees have a gap; {not_assessed} not assessed.";
    GapsNoProgram => "Belum ada program pelatihan yang menargetkan kompetensi ini.", "No training program targets this competency yet.";
    GapsProgram => "Program", "Program";
    GapsTargetLevelColumn => "Target level", "Target level";
    GapsServes => "Pegawai terlayani", "Employees served";
    GapsTypicalQuota => "Kuota lazim", "Typical quota";
    GapsBatchesNeeded => "Angkatan diperlukan", "Batches needed";
    GapsPlannedBatches => "Angkatan dibuka/direncanakan", "Open or planned batches";
    GapsBatchesToSchedule => "Angkatan masih perlu dijadwalkan", "Batches still to schedule";
    GapsExportCompetencyCode => "Kode kompetensi", "Competency code";
    GapsExportProgramCode => "Kode program", "Program code";
    GapsExportPlannedCount => "Jumlah angkatan dibuka/direncanakan", "Open or planned batches";
    GapsExportFreeSeats => "Kursi tersisa", "Free seats";
    GapsImportTitle => "Impor hasil assessment center", "Import assessment-centre results";
    GapsImportIntro => "Unggah berkas CSV hasil assessment center (UTF-8, pemisah koma atau titik koma, baris pertama berisi nama kolom; tanggal TTTT-BB-HH). Seluruh berkas diperiksa lebih dulu: data hanya disimpan jika tidak ada kesalahan sama sekali. Mengimpor ulang berkas yang sama tidak menggandakan penilaian.", "Upload a CSV file of assessment-centre results (UTF-8, comma or semicolon between cells, column names on the first line; dates YYYY-MM-DD). The whole file is checked first: data is saved only if there is no error at all. Importing the same file again does not duplicate assessments.";
    GapsImportDone => "Impor selesai: {rows} baris; {created} penilaian baru, {updated} diperbarui, {unchanged} tidak berubah.", "Import finished: {rows} lines; {created} new assessments, {updated} updated, {unchanged} unchanged.";
    // @gaps (insert this area's messages above this line)
    MentoringTooLong => "Terlalu panjang: paling banyak {max} karakter.", "Too long: at most {max} characters.";
    MentoringEmployeeRequired => "Isi NIP pegawai.", "Enter the employee's NIP.";
    MentoringUnknownEmployee => "Tidak ada pegawai aktif dengan NIP {nip} dalam jangkauan Anda.", "No active employee with NIP {nip} within your reach.";
    MentoringSelf => "Mentor dan mentee tidak boleh orang yang sama.", "A mentor cannot mentor themselves.";
    MentoringDateInvalid => "Tanggal tidak sah; gunakan format TTTT-BB-HH.", "Not a valid date; use YYYY-MM-DD.";
    MentoringEndBeforeStart => "Rencana selesai tidak boleh sebelum tanggal mulai.", "The planned end cannot be before the start.";
    MentoringUnknownCompetency => "Pilih kompetensi yang ada dalam kamus kompetensi.", "Choose a competency of the dictionary.";
    MentoringDuplicateCompetency => "Kompetensi {code} dipilih lebih dari sekali.", "Competency {code} is chosen more than once.";
    MentoringGoalRequired => "Tuliskan tujuan untuk kompetensi {code}.", "Write the goal for competency {code}.";
    MentoringLevelInvalid => "Level harus bilangan bulat 1–5.", "A level is a whole number from 1 to 5.";
    MentoringNoGoals => "Tambahkan paling sedikit satu kompetensi fokus dengan tujuan dan target levelnya.", "Add at least one focus competency with its goal and target level.";
    MentoringTooManyGoals => "Paling banyak {max} kompetensi fokus.", "At most {max} focus competencies.";
    MentoringMentorAtLimit => "{name} sudah membimbing {count} mentee aktif; batasnya {max}.", "{name} already mentors {count} active mentees; the limit is {max}.";
    MentoringAlreadyPaired => "Mentor ini sudah membimbing pegawai ini dalam pasangan yang aktif.", "This mentor already mentors this employee in an active pair.";
    MentoringPairClosed => "Pasangan mentoring ini sudah ditutup.", "This mentoring pair is closed.";
    MentoringRatingRequired => "Beri nilai 1–5 untuk kompetensi {code}.", "Rate competency {code} from 1 to 5.";
    MentoringSessionInFuture => "Tanggal sesi tidak boleh di masa depan.", "A session cannot be dated in the future.";
    MentoringSessionBeforeStart => "Tanggal sesi tidak boleh sebelum pasangan dimulai ({date}).", "A session cannot be dated before the pair started ({date}).";
    MentoringMinutesInvalid => "Durasi harus bilangan bulat 1–{max} menit.", "The duration is a whole number of minutes from 1 to {max}.";
    MentoringModeInvalid => "Pilih tatap muka atau daring.", "Choose face to face or online.";
    MentoringTopicRequired => "Tuliskan topik sesi.", "Write the session's topic.";
    MentoringReasonRequired => "Tuliskan alasan sanggahan.", "Write why you dispute the session.";
    MentoringNotPending => "Sesi ini tidak sedang menunggu konfirmasi.", "This session is not waiting for confirmation.";
    MentoringMailOpen => "Buka di Bangkom:", "Open in Bangkom:";
    MentoringMailIdleSubject => "Pengingat mentoring: belum ada sesi dengan {mentee}", "Mentoring reminder: no session with {mentee} lately";
    MentoringMailIdleBody => "Sesi mentoring terakhir Anda dengan {mentee} tercatat pada {since}. Jadwalkan sesi berikutnya dan catat hasilnya di Bangkom.", "Your last mentoring session with {mentee} was recorded on {since}. Plan the next session and record it in Bangkom.";
    MentoringMailPendingSubject => "Sesi mentoring menunggu konfirmasi Anda", "Mentoring sessions wait for your confirmation";
    MentoringMailPendingBody => "{count} sesi mentoring yang dicatat mentor Anda menunggu konfirmasi. Hanya sesi yang Anda konfirmasi yang dihitung sebagai JP.", "{count} mentoring sessions your mentor recorded wait for your confirmation. Only sessions you confirm count as JP.";
    MentoringNav => "Mentoring", "Mentoring";
    MentoringTitle => "Mentoring", "Mentoring";
    MentoringIntro => "Sesi mentoring yang dikonfirmasi mentee dihitung sebagai pengembangan kompetensi nonklasikal ({per} menit = 1 JP) pada tahun sesi diadakan.", "Mentoring sessions the mentee confirms count as non-classical competency development ({per} minutes = 1 JP) in the year they were held.";
    MentoringNewPair => "Pasangan mentoring baru", "New mentoring pair";
    MentoringOverviewTitle => "Ikhtisar mentoring", "Mentoring overview";
    MentoringMyMentees => "Mentee saya", "My mentees";
    MentoringMyMentors => "Mentoring saya sebagai mentee", "My mentoring as a mentee";
    MentoringNoMentees => "Anda belum membimbing siapa pun.", "You do not mentor anyone.";
    MentoringNoMentor => "Anda belum memiliki mentor.", "You have no mentor.";
    MentoringSupervised => "Mentoring bawahan langsung", "Mentoring of direct subordinates";
    MentoringMentee => "Mentee", "Mentee";
    MentoringMentor => "Mentor", "Mentor";
    MentoringStatus => "Status", "Status";
    MentoringStatusActive => "Aktif", "Active";
    MentoringStatusCompleted => "Selesai", "Completed";
    MentoringStatusCancelled => "Dibatalkan", "Cancelled";
    MentoringLastSession => "Sesi terakhir", "Last session";
    MentoringNoSessionYet => "Belum ada sesi", "No session yet";
    MentoringWaiting => "Menunggu konfirmasi", "Waiting for confirmation";
    MentoringWaitingYou => "{count} sesi menunggu konfirmasi Anda", "{count} sessions wait for your confirmation";
    MentoringPairWith => "Bersama mentor {name}", "With mentor {name}";
    MentoringIdle => "tanpa sesi > {days} hari", "no session for > {days} days";
    MentoringIdlePairs => "Pasangan aktif tanpa sesi dalam {days} hari terakhir", "Active pairs without a session in the last {days} days";
    MentoringActivePairs => "Pasangan aktif", "Active pairs";
    MentoringNoPairs => "Belum ada pasangan aktif.", "No active pairs yet.";
    MentoringPerMonth => "Sesi dan jam per bulan", "Sessions and hours per month";
    MentoringMonth => "Bulan", "Month";
    MentoringSessions => "Sesi", "Sessions";
    MentoringConfirmedSessions => "Sesi dikonfirmasi", "Confirmed sessions";
    MentoringHours => "Jam tercatat", "Hours recorded";
    MentoringConfirmedHours => "Jam dikonfirmasi", "Confirmed hours";
    MentoringHoursUnit => "jam", "hours";
    MentoringSuggestTitle => "Calon mentor", "Suggested mentors";
    MentoringSuggestIntro => "Untuk mentee dan kompetensi yang dipilih: rekan dengan level terukur lebih tinggi, satu perangkat daerah lebih dulu, lalu level tertinggi, lalu yang paling sedikit membimbing (batas {max} mentee aktif).", "For the chosen mentee and competency: colleagues with a higher assessed level, same agency first, then the highest level, then those with the fewest mentees (limit: {max} active mentees).";
    MentoringMenteeNip => "NIP mentee", "Mentee's NIP";
    MentoringMentorNip => "NIP mentor", "Mentor's NIP";
    MentoringCompetency => "Kompetensi", "Competency";
    MentoringSuggest => "Cari calon mentor", "Find mentors";
    MentoringNoSuggestion => "Belum ada rekan dengan level lebih tinggi pada kompetensi ini.", "No colleague holds a higher level in this competency yet.";
    MentoringCandidateFacts => "level {level}, {count} mentee aktif", "level {level}, {count} active mentees";
    MentoringAtLimit => "batas mentee tercapai", "at the mentee limit";
    MentoringChoose => "Pilih sebagai mentor", "Choose as mentor";
    MentoringPairForm => "Data pasangan", "The pair";
    MentoringStartsOn => "Tanggal mulai", "Start date";
    MentoringPlannedEnd => "Rencana selesai", "Planned end";
    MentoringFocus => "Kompetensi fokus {n}", "Focus competency {n}";
    MentoringGoal => "Tujuan", "Goal";
    MentoringTargetLevel => "Target level", "Target level";
    MentoringCreate => "Simpan pasangan", "Create the pair";
    MentoringPairTitle => "Mentoring {mentor} – {mentee}", "Mentoring {mentor} – {mentee}";
    MentoringPeriod => "Periode", "Period";
    MentoringPlanned => "rencana", "planned";
    MentoringSessionCounts => "{all} sesi, {confirmed} dikonfirmasi", "{all} sessions, {confirmed} confirmed";
    MentoringGoalsMet => "Tujuan tercapai", "Goals met";
    MentoringSummary => "Ringkasan", "Summary";
    MentoringGoals => "Kompetensi fokus dan tujuan", "Focus competencies and goals";
    MentoringMentorLevel => "Level mentor", "Mentor's level";
    MentoringMenteeLevel => "Level mentee", "Mentee's level";
    MentoringFinalRating => "Nilai akhir", "Final rating";
    MentoringLowLevelWarning => "Perhatian: level mentor pada {code} ({level}) di bawah target tujuan ({target}).", "Warning: the mentor's level in {code} ({level}) is below the goal's target ({target}).";
    MentoringNoSessions => "Belum ada sesi tercatat.", "No session recorded yet.";
    MentoringPending => "Menunggu konfirmasi", "Waiting for confirmation";
    MentoringConfirmed => "Dikonfirmasi", "Confirmed";
    MentoringDisputed => "Disanggah", "Disputed";
    MentoringModeFaceToFace => "Tatap muka", "Face to face";
    MentoringModeOnline => "Daring", "Online";
    MentoringNotes => "Catatan", "Notes";
    MentoringActions => "Tindak lanjut yang disepakati", "Agreed actions";
    MentoringDisputeReason => "Alasan sanggahan", "Why you dispute it";
    MentoringConfirm => "Konfirmasi sesi ini", "Confirm this session";
    MentoringDispute => "Sanggah", "Dispute";
    MentoringEditSession => "Ubah sesi", "Edit session";
    MentoringEditResets => "Sesi ini sudah ditanggapi mentee; setelah diubah, mentee perlu mengonfirmasinya lagi.", "The mentee has answered this session; once changed, the mentee needs to confirm it again.";
    MentoringRecordSession => "Catat sesi", "Record a session";
    MentoringRecord => "Simpan sesi", "Save the session";
    MentoringSave => "Simpan", "Save";
    MentoringBackToPair => "Kembali ke pasangan", "Back to the pair";
    MentoringHeldOn => "Tanggal sesi", "Date held";
    MentoringMinutes => "Durasi (menit, 1–{max})", "Duration (minutes, 1–{max})";
    MentoringMode => "Cara", "Mode";
    MentoringTopic => "Topik", "Topic";
    MentoringClose => "Tutup pasangan", "Close the pair";
    MentoringCloseIntro => "Beri nilai 1–5 untuk setiap kompetensi fokus. Setiap nilai dicatat sebagai penilaian kompetensi mentee dengan sumber mentoring.", "Rate every focus competency from 1 to 5. Each rating is recorded as an assessment of the mentee with source mentoring.";
    MentoringRatingFor => "Nilai {code} (target {target})", "Rating for {code} (target {target})";
    MentoringCloseButton => "Tutup dan simpan nilai", "Close and save the ratings";
    MentoringFlashCreated => "Pasangan mentoring dibuat.", "Mentoring pair created.";
    MentoringFlashCreatedWarning => "Pasangan mentoring dibuat, dengan peringatan level mentor (lihat di bawah).", "Mentoring pair created, with a warning about the mentor's level (see below).";
    MentoringFlashRecorded => "Sesi dicatat; menunggu konfirmasi mentee.", "Session recorded; waiting for the mentee's confirmation.";
    MentoringFlashEdited => "Sesi diubah; mentee perlu mengonfirmasinya.", "Session changed; the mentee needs to confirm it.";
    MentoringFlashConfirmed => "Sesi dikonfirmasi.", "Session confirmed.";
    MentoringFlashDisputed => "Sesi disanggah.", "Session disputed.";
    MentoringFlashClosed => "Pasangan ditutup; nilai dicatat sebagai penilaian kompetensi.", "Pair closed; the ratings are recorded as competency assessments.";
    TrainingRecapMentor => "mentor: {name}", "mentor: {name}";
    // @mentoring (insert this area's messages above this line)
    // @agencies-positions-competencies-audit (insert this area's messages above this line)
    EmployeeListTitle => "Data pegawai", "Employees";
    EmployeeSearch => "Cari nama atau NIP", "Search by name or NIP";
    EmployeeAllAgencies => "Semua perangkat daerah", "All agencies";
    EmployeePosition => "Jabatan", "Position";
    EmployeeAllPositions => "Semua jabatan", "All positions";
    EmployeeType => "Jenis kepegawaian", "Employment type";
    EmployeeAllTypes => "Semua jenis", "All types";
    EmployeeTypePns => "PNS", "PNS (civil servant)";
    EmployeeTypePppk => "PPPK", "PPPK (contract)";
    EmployeeStatus => "Status", "Status";
    EmployeeAllStatuses => "Semua status", "Any status";
    EmployeeActive => "Aktif", "Active";
    EmployeeInactive => "Nonaktif", "Inactive";
    EmployeeFilterSubmit => "Tampilkan", "Show";
    EmployeeFilterReset => "Hapus filter", "Clear filters";
    EmployeeNone => "Tidak ada pegawai yang cocok dengan pencarian ini.", "No employee matches this search.";
    EmployeeNew => "Tambah pegawai", "Add an employee";
    EmployeeNewTitle => "Tambah pegawai", "Add an employee";
    EmployeeEditTitle => "Ubah data pegawai", "Edit an employee";
    EmployeeEdit => "Ubah data", "Edit";
    EmployeeCancel => "Batal", "Cancel";
    EmployeeBackToList => "Kembali ke daftar pegawai", "Back to the employee list";
    EmployeeChooseAgency => "— pilih perangkat daerah —", "— choose an agency —";
    EmployeeGrade => "Golongan/ruang", "Grade";
    EmployeeNoGrade => "— tanpa golongan (PPPK) —", "— no grade (PPPK) —";
    EmployeeNoPosition => "— belum ada jabatan —", "— no position —";
    EmployeeSupervisor => "Atasan langsung", "Direct supervisor";
    EmployeeSupervisorNip => "NIP atasan langsung", "Direct supervisor's NIP";
    EmployeeSupervisorHint => "Kosongkan jika pegawai tidak memiliki atasan langsung.", "Leave empty if the employee has no direct supervisor.";
    EmployeeNipHint => "18 digit tanpa spasi, misalnya 199001152015031001.", "18 digits without spaces, e.g. 199001152015031001.";
    EmployeeEmailOptional => "Email (boleh kosong)", "E-mail (optional)";
    EmployeeIsActive => "Pegawai aktif", "Active employee";
    EmployeeCreated => "Data pegawai disimpan.", "The employee has been saved.";
    EmployeeUpdated => "Perubahan data pegawai disimpan.", "The changes to the employee have been saved.";
    EmployeeDeactivate => "Nonaktifkan", "Deactivate";
    EmployeeActivate => "Aktifkan kembali", "Reactivate";
    EmployeeDeactivated => "Pegawai dinonaktifkan.", "The employee has been deactivated.";
    EmployeeActivated => "Pegawai diaktifkan kembali.", "The employee has been reactivated.";
    EmployeeDeactivateNote => "Data pegawai tidak pernah dihapus: pegawai nonaktif tetap tercatat beserta riwayatnya.", "Employees are never deleted: an inactive employee's record and history are kept.";
    EmployeeBirthDate => "Tanggal lahir (dari NIP)", "Birth date (from the NIP)";
    EmployeeGender => "Jenis kelamin (dari NIP)", "Gender (from the NIP)";
    EmployeeMale => "Laki-laki", "Male";
    EmployeeFemale => "Perempuan", "Female";
    EmployeeSubordinates => "Bawahan langsung", "Direct subordinates";
    EmployeeNoSubordinates => "Tidak ada bawahan langsung.", "No direct subordinates.";
    EmployeeMoreSubordinates => "… dan {count} bawahan lainnya.", "… and {count} more.";
    EmployeeAccount => "Akun pengguna", "User account";
    EmployeeUpdatedAt => "Terakhir diubah:", "Last changed:";
    EmployeePersonalNote => "Halaman ini hanya untuk dibaca. Perubahan data dilakukan oleh operator OPD atau admin BKPSDM.", "This page is read-only. The agency operator or the BKPSDM admin changes the record.";
    EmployeeNipWrongLength => "NIP harus 18 digit; yang diisi {found} digit.", "A NIP has exactly 18 digits; this one has {found}.";
    EmployeeNipNotDigits => "NIP hanya berisi angka 0–9, tanpa spasi atau tanda baca.", "A NIP contains only the digits 0–9, without spaces or punctuation.";
    EmployeeNipBirthDate => "8 digit pertama NIP harus tanggal lahir yang valid (TTTTBBHH).", "The first 8 digits of a NIP must be a valid birth date (YYYYMMDD).";
    EmployeeNipAppointment => "Digit ke-9 sampai ke-14 NIP harus bulan pengangkatan CPNS yang valid (TTTTBB).", "Digits 9–14 of a NIP must be a valid CPNS appointment month (YYYYMM).";
    EmployeeNipAppointmentBeforeBirth => "Bulan pengangkatan CPNS dalam NIP tidak boleh sebelum bulan lahir.", "The appointment month in a NIP cannot be before the birth month.";
    EmployeeNipGender => "Digit ke-15 NIP adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan), bukan {digit}.", "Digit 15 of a NIP is the gender and must be 1 (male) or 2 (female), not {digit}.";
    EmployeeNipTaken => "NIP {nip} sudah terdaftar untuk pegawai lain.", "NIP {nip} is already registered for another employee.";
    EmployeeNameMissing => "Isi nama pegawai.", "Enter the employee's name.";
    EmployeeNameTooLong => "Nama paling panjang {max} karakter.", "The name can have at most {max} characters.";
    EmployeeEmailMissing => "Isi alamat email.", "Enter an e-mail address.";
    EmployeeEmailMalformed => "\"{value}\" bukan alamat email yang valid (contoh: nama@instansi.go.id).", "\"{value}\" is not an e-mail address (e.g. name@agency.go.id).";
    EmployeeEmailTaken => "Email {email} sudah dipakai pegawai lain.", "The e-mail {email} already belongs to another employee.";
    EmployeeTypeMissing => "Pilih jenis kepegawaian: PNS atau PPPK.", "Choose the employment type: pns (PNS) or pppk (PPPK).";
    EmployeeAgencyMissing => "Pilih perangkat daerah dari daftar.", "Choose an agency from the list (one within your reach).";
    EmployeePositionUnknown => "Jabatan tidak ditemukan; pilih dari daftar.", "No such position; choose one from the list.";
    EmployeePositionOtherAgency => "Jabatan ini milik perangkat daerah lain; pilih jabatan perangkat daerah pegawai.", "This position belongs to another agency; choose one of the employee's agency.";
    EmployeeGradeUnknown => "\"{value}\" bukan golongan/ruang (I/a sampai IV/e).", "\"{value}\" is not a grade (I/a to IV/e).";
    EmployeeGradePppk => "PPPK tidak memiliki golongan/ruang PNS; kosongkan golongan.", "PPPK employees have no PNS grade; leave the grade empty.";
    EmployeeSupervisorSelf => "Pegawai tidak dapat menjadi atasan langsung dirinya sendiri.", "An employee cannot be their own supervisor.";
    EmployeeSupervisorUnknown => "Tidak ada pegawai dengan NIP {nip}.", "No employee has the NIP {nip}.";
    EmployeeSupervisorCycle => "{name} berada di bawah pegawai ini dalam rantai atasan; memilihnya akan membuat lingkaran.", "{name} reports (directly or not) to this employee; choosing them would make a loop.";
    EmployeeApiBadNumber => "\"{value}\" bukan bilangan bulat positif.", "\"{value}\" is not a positive whole number.";
    EmployeeApiBadFlag => "\"{value}\" harus true atau false.", "\"{value}\" must be true or false.";
    UserListTitle => "Akun pengguna", "User accounts";
    UserSearch => "Cari email atau nama", "Search by e-mail or name";
    UserAllRoles => "Semua peran", "All roles";
    UserNew => "Buat akun", "Create an account";
    UserNewTitle => "Buat akun pengguna", "Create a user account";
    UserEditTitle => "Ubah akun", "Edit the account";
    UserNone => "Tidak ada akun yang cocok dengan pencarian ini.", "No account matches this search.";
    UserBackToList => "Kembali ke daftar akun", "Back to the account list";
    UserView => "Lihat akun", "View the account";
    UserEmployee => "Pegawai", "Employee";
    UserEmployeeNip => "NIP pegawai pemilik akun", "NIP of the account's employee";
    UserEmployeeNipHint => "Wajib untuk akun pegawai; boleh kosong untuk admin dan operator.", "Required for employee accounts; optional for admins and operators.";
    UserAgencyHint => "Hanya untuk operator OPD: perangkat daerah yang dikelolanya (beserta unitnya).", "Agency operators only: the agency they administer (with its units).";
    UserNoAgency => "— bukan operator —", "— not an operator —";
    UserLastLogin => "Terakhir masuk", "Last log-in";
    UserCreatedAt => "Dibuat", "Created";
    UserIsActive => "Akun aktif", "Active account";
    UserPasswordPolicy => "Kata sandi awal dibuat otomatis dan ditampilkan satu kali setelah akun disimpan. Serahkan langsung kepada pemilik akun; pemilik dapat menggantinya kapan saja melalui \"Lupa kata sandi?\" di halaman masuk.", "The initial password is generated and shown once, after the account is saved. Hand it to the account's owner in person; they can change it at any time with \"Forgot your password?\" on the log-in page.";
    UserCreatedTitle => "Akun dibuat", "Account created";
    UserCreatedPassword => "Kata sandi awal akun {email} (salin sekarang; tidak akan ditampilkan lagi):", "The initial password of {email} (copy it now; it will not be shown again):";
    UserUpdated => "Perubahan akun disimpan.", "The changes to the account have been saved.";
    UserDeactivated => "Akun dinonaktifkan; semua sesi masuknya telah diakhiri.", "The account has been deactivated; all its sessions have ended.";
    UserActivated => "Akun diaktifkan kembali.", "The account has been reactivated.";
    UserDeactivateNote => "Akun nonaktif tidak dapat masuk, sesinya langsung berakhir, dan token API-nya tidak berlaku lagi.", "An inactive account cannot log in, its sessions end at once and its API tokens stop working.";
    UserEmailTaken => "Email {email} sudah dipakai akun lain.", "The e-mail {email} already belongs to another account.";
    UserRoleMissing => "Pilih peran: admin, operator, atau pegawai.", "Choose a role: admin, operator or employee.";
    UserRoleNotAllowed => "Anda tidak dapat memberikan peran ini: operator OPD hanya mengelola akun pegawai.", "You cannot give this role: agency operators manage employee accounts only.";
    UserOwnRole => "Anda tidak dapat mengubah peran akun Anda sendiri.", "You cannot change the role of your own account.";
    UserOwnDeactivation => "Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot deactivate your own account.";
    UserAgencyMissing => "Akun operator memerlukan perangkat daerah; pilih dari daftar.", "An operator account needs an agency; choose one from the list.";
    UserEmployeeNipMissing => "Akun pegawai harus ditautkan ke data pegawai: isi NIP-nya.", "An employee account must belong to an employee: enter their NIP.";
    UserEmployeeUnknown => "Tidak ada pegawai dengan NIP {nip} yang dapat Anda kelola.", "No employee you manage has the NIP {nip}.";
    UserEmployeeHasAccount => "Pegawai dengan NIP {nip} sudah memiliki akun.", "The employee with NIP {nip} already has an account.";
    // @employees-users (insert this area's messages above this line)
    ImportTitle => "Impor data", "Import data";
    ImportIntro => "Unggah berkas CSV (UTF-8, pemisah koma atau titik koma, baris pertama berisi nama kolom). Seluruh berkas diperiksa lebih dulu: data hanya disimpan jika tidak ada kesalahan sama sekali. Mengimpor ulang berkas yang sama memperbarui data (berdasarkan NIP atau kode), tidak menggandakannya.", "Upload a CSV file (UTF-8, comma or semicolon between cells, column names on the first line). The whole file is checked first: data is saved only if there is no error at all. Importing the same file again updates the data (by NIP or code) rather than duplicating it.";
    ImportKindLabel => "Jenis data", "Kind of data";
    ImportKindEmployees => "Pegawai", "Employees";
    ImportKindCompetencies => "Kamus kompetensi", "Competency dictionary";
    ImportKindStandards => "Standar kompetensi jabatan", "Position competency standards";
    ImportFileLabel => "Berkas CSV", "CSV file";
    ImportSubmit => "Periksa dan impor", "Check and import";
    ImportNoFile => "Pilih berkas CSV yang akan diunggah.", "Choose the CSV file to upload.";
    ImportColumnsTitle => "Kolom berkas", "File columns";
    ImportColumnRequired => "wajib", "required";
    ImportColumnOptional => "boleh tidak ada", "may be left out";
    ImportExampleFile => "Unduh contoh berkas", "Download an example file";
    ImportRecentTitle => "Impor terakhir", "Recent imports";
    ImportNoRuns => "Belum ada impor.", "No imports yet.";
    ImportRunTitle => "Hasil impor", "Import result";
    ImportFileName => "Berkas", "File";
    ImportStartedAt => "Dimulai", "Started";
    ImportStatus => "Status", "Status";
    ImportStatusRunning => "Sedang diproses", "In progress";
    ImportStatusSucceeded => "Berhasil", "Succeeded";
    ImportStatusFailed => "Gagal, tidak ada data yang diubah", "Failed, nothing was changed";
    ImportProgressChecking => "Memeriksa baris: {checked} dari {total}.", "Checking lines: {checked} of {total}.";
    ImportProgressWriting => "Menyimpan: {written} dari {total} baris.", "Saving: {written} of {total} lines.";
    ImportProgressStarting => "Membaca berkas…", "Reading the file…";
    ImportRefreshNote => "Halaman ini diperbarui sendiri setiap 2 detik sampai impor selesai.", "This page refreshes itself every 2 seconds until the import is over.";
    ImportDone => "Impor selesai: {rows} baris diproses.", "Import finished: {rows} lines processed.";
    ImportCreated => "Data baru", "Created";
    ImportUpdated => "Diperbarui", "Updated";
    ImportUnchanged => "Tidak berubah", "Unchanged";
    ImportRemoved => "Standar dihapus (tidak tercantum lagi untuk jabatannya)", "Standard rows removed (no longer listed for their position)";
    ImportPositionsCreated => "Jabatan baru", "Positions created";
    ImportPositionsUpdated => "Jabatan diperbarui", "Positions updated";
    ImportRejected => "Berkas berisi {count} kesalahan. Tidak ada data yang diimpor: perbaiki berkas lalu unggah lagi.", "The file has {count} errors. Nothing was imported: correct the file and upload it again.";
    ImportInternalError => "Impor gagal karena kesalahan sistem. Tidak ada data yang diubah. Silakan coba lagi; jika berulang, hubungi admin BKPSDM.", "The import failed because of a system error. Nothing was changed. Please try again; if it keeps happening, contact the BKPSDM admin.";
    ImportInterrupted => "Impor terhenti sebelum selesai (server dihentikan). Tidak ada data yang diubah; unggah berkas lagi.", "The import stopped before it finished (the server was stopped). Nothing was changed; upload the file again.";
    ImportErrorLine => "Baris", "Line";
    ImportErrorColumn => "Kolom", "Column";
    ImportErrorReason => "Masalah", "Problem";
    ImportAnother => "Impor berkas lain", "Import another file";
    ImportNotUtf8 => "Berkas ini bukan teks UTF-8. Di Excel, simpan sebagai \"CSV UTF-8 (Comma delimited)\".", "This file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (Comma delimited)\".";
    ImportNoHeader => "Berkas kosong: baris pertama harus berisi nama kolom.", "The file is empty: its first line must name the columns.";
    ImportNoRows => "Berkas hanya berisi baris judul, tanpa data.", "The file has only the header line, no data.";
    ImportUnreadable => "Baris ini tidak dapat dibaca sebagai CSV (periksa tanda petik).", "This line cannot be read as CSV (check its quotes).";
    ImportMissingColumns => "Kolom wajib tidak ada di baris judul: {columns}.", "Required columns are missing from the header: {columns}.";
    ImportUnknownColumn => "Kolom ini tidak dikenal. Kolom yang dipakai: {allowed}.", "Unknown column. The columns are: {allowed}.";
    ImportDuplicateColumn => "Kolom ini muncul lebih dari sekali di baris judul.", "This column appears more than once in the header.";
    ImportCellCount => "Baris ini berisi {found} sel, baris judul {expected}.", "This line has {found} cells, the header {expected}.";
    ImportRequired => "Wajib diisi.", "Must not be empty.";
    ImportTooLong => "Terlalu panjang: paling banyak {max} karakter.", "Too long: at most {max} characters.";
    ImportNipLength => "NIP harus 18 digit, yang tertulis {found} digit.", "A NIP has 18 digits; this one has {found}.";
    ImportNipNotDigits => "NIP hanya boleh berisi angka 0–9, tanpa spasi atau tanda baca.", "A NIP contains only the digits 0–9, without spaces or punctuation.";
    ImportNipScientific => "NIP berubah menjadi angka berpangkat (mis. 1,99E+17) oleh spreadsheet. Format kolom NIP sebagai Teks lalu ketik ulang.", "A spreadsheet turned the NIP into a number (e.g. 1.99E+17). Format the NIP column as Text and type it again.";
    ImportNipBirthDate => "8 digit pertama NIP ({part}) bukan tanggal lahir yang sah (TTTTBBHH).", "The first 8 digits of the NIP ({part}) are not a valid birth date (YYYYMMDD).";
    ImportNipAppointment => "Digit 9–14 NIP ({part}) bukan bulan pengangkatan CPNS yang sah (TTTTBB).", "Digits 9–14 of the NIP ({part}) are not a valid CPNS appointment month (YYYYMM).";
    ImportNipAppointmentBeforeBirth => "Bulan pengangkatan dalam NIP ({part}) lebih awal dari tanggal lahirnya ({birth}).", "The appointment month in the NIP ({part}) is before its birth date ({birth}).";
    ImportNipGender => "Digit ke-15 NIP adalah jenis kelamin dan harus 1 atau 2, yang tertulis {digit}.", "Digit 15 of the NIP is the gender and must be 1 or 2; it is {digit}.";
    ImportEmailInvalid => "{value} bukan alamat email (contoh: nama@domain.go.id).", "{value} is not an e-mail address (e.g. name@domain.go.id).";
    ImportEmailTaken => "Email {value} sudah dipakai pegawai lain.", "E-mail {value} is already used by another employee.";
    ImportUnknownAgency => "Kode perangkat daerah {code} tidak dikenal.", "Unknown agency code {code}.";
    ImportAgencyOutOfScope => "Perangkat daerah {code} di luar kewenangan Anda.", "Agency {code} is outside your agencies.";
    ImportEmployeeOutOfScope => "NIP ini milik pegawai perangkat daerah lain, di luar kewenangan Anda.", "This NIP belongs to an employee of another agency, outside your agencies.";
    ImportUnknownPosition => "Kode jabatan {code} tidak dikenal.", "Unknown position code {code}.";
    ImportUnknownCompetency => "Kode kompetensi {code} tidak ada dalam kamus kompetensi.", "Competency code {code} is not in the competency dictionary.";
    ImportUnknownSupervisor => "Tidak ada pegawai dengan NIP {nip}, baik di basis data maupun di berkas ini.", "No employee has NIP {nip}, neither in the database nor in this file.";
    ImportOwnSupervisor => "Pegawai tidak dapat menjadi atasan dirinya sendiri.", "An employee cannot be their own supervisor.";
    ImportDuplicateNip => "NIP {value} sudah tercantum di baris {line}.", "NIP {value} is already on line {line}.";
    ImportDuplicateEmail => "Email {value} sudah tercantum di baris {line}.", "E-mail {value} is already on line {line}.";
    ImportDuplicateCode => "Kode {value} sudah tercantum di baris {line}.", "Code {value} is already on line {line}.";
    ImportDuplicateStandard => "Kompetensi {competency} untuk jabatan {position} sudah tercantum di baris {line}.", "Competency {competency} of position {position} is already on line {line}.";
    ImportPositionMismatch => "Jabatan {code} tertulis dengan nama atau jenis lain di baris {line}; samakan.", "Position {code} has another name or family on line {line}; make them the same.";
    ImportLevelNotNumber => "Level harus bilangan bulat 1–5, yang tertulis {value}.", "The level must be a whole number from 1 to 5; it is {value}.";
    ImportLevelOutOfRange => "Level {value} di luar rentang 1–5.", "Level {value} is outside the range 1–5.";
    ImportUnknownValue => "Nilai {value} tidak dikenal. Pilihan: {allowed}.", "Unknown value {value}. Allowed: {allowed}.";
    ImportGradeRequired => "Golongan wajib diisi untuk PNS (contoh: III/a).", "A PNS needs a grade (e.g. III/a).";
    ImportGradeNotForPppk => "Golongan PNS ({value}) tidak berlaku untuk PPPK; kosongkan sel ini.", "A PNS grade ({value}) does not apply to PPPK; leave this cell empty.";
    ImportFileTooLarge => "Berkas terlalu besar: paling besar {max} MB.", "The file is too large: at most {max} MB.";
    // @import (insert this area's messages above this line)
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
