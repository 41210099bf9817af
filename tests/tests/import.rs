//! CSV import: `bangkom import employees|competencies|standards FILE` and the page
//! `/admin/impor`. The whole file is checked first and imports entirely or not at all;
//! every error names its line and column; re-importing updates rather than duplicates.

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use bangkom_entities::enums::{AuditAction, EmploymentType, Grade, PositionFamily};
use bangkom_entities::schema::{
    agencies, audit_log, competencies, employees, position_standards, positions, users,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, run_ok, spawn_app};

on_both_backends!(
    a_good_employees_file_imports_from_the_command_line,
    a_mixed_pns_and_pppk_file_imports_without_a_false_error,
    a_file_with_errors_imports_nothing_and_names_every_error,
    importing_again_updates_instead_of_duplicating,
    excel_files_with_bom_crlf_and_semicolons_import,
    the_shipped_competency_dictionary_imports_as_it_is,
    standards_create_positions_and_replace_their_standard,
    an_admin_imports_on_the_page_and_sees_the_result,
    an_operator_imports_only_for_their_own_agencies,
    employees_do_not_see_the_import_page,
    imports_are_recorded_in_the_audit_log,
);

const HEADER: &str = "nip,name,email,employment_type,agency_code,position_code,grade,supervisor_nip,active";
/// Three new employees of Dinas Pendidikan; the second and third report to the first,
/// who comes later in the file.
const NEW_EMPLOYEES: &str = "\
nip,name,email,employment_type,agency_code,position_code,grade,supervisor_nip,active
199107222019032901,Rina Lestari,Rina.Lestari@Disdik.test,PNS,SWL-DISDIK-SD,SWL-PLK-UMUM,III/a,198203152006041902,ya
199512012022211903,Fajar Pratama,,pppk,SWL-DISDIK-SD,SWL-PLK-UMUM,,198203152006041902,tidak
198203152006041902,Hendra Saputra,hendra.saputra@disdik.test,PNS,SWL-DISDIK-SD,SWL-PGW-KASI,III/d,,
";

fn write(app: &TestApp, name: &str, content: &[u8]) -> PathBuf {
    let path = app.work_dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn import_command(app: &TestApp, kind: &str, path: &std::path::Path) -> std::process::Command {
    let mut command = app.cli();
    command.arg("import").arg(kind).arg(path);
    command
}

/// `bangkom import KIND FILE`, whatever its exit.
fn import(app: &TestApp, kind: &str, path: &std::path::Path) -> Output {
    import_command(app, kind, path).output().expect("the CLI runs")
}

/// `bangkom import KIND FILE`, which must succeed.
fn import_ok(app: &TestApp, kind: &str, path: &std::path::Path) -> Output {
    run_ok(&mut import_command(app, kind, path))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn employee(db: &DatabaseConnection, nip: &str) -> Option<employees::Model> {
    employees::Entity::find().filter(employees::Column::Nip.eq(nip)).one(db).await.unwrap()
}

async fn employee_count(db: &DatabaseConnection) -> u64 {
    employees::Entity::find().count(db).await.unwrap()
}

async fn agency_id(db: &DatabaseConnection, code: &str) -> i64 {
    agencies::Entity::find().filter(agencies::Column::Code.eq(code)).one(db).await.unwrap().unwrap().id
}

async fn a_good_employees_file_imports_from_the_command_line(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let before = employee_count(&app.db).await;

    let out = import_ok(&app, "employees", &write(&app, "pegawai.csv", NEW_EMPLOYEES.as_bytes()));
    assert!(stdout(&out).contains("3 created, 0 updated, 0 unchanged"), "{}", stdout(&out));
    assert_eq!(employee_count(&app.db).await, before + 3);

    let head = employee(&app.db, "198203152006041902").await.unwrap();
    let rina = employee(&app.db, "199107222019032901").await.unwrap();
    let fajar = employee(&app.db, "199512012022211903").await.unwrap();
    assert_eq!(rina.name, "Rina Lestari");
    assert_eq!(rina.email.as_deref(), Some("rina.lestari@disdik.test"), "addresses are kept in lower case");
    assert_eq!(rina.grade, Some(Grade::IIIa));
    assert_eq!(rina.agency_id, agency_id(&app.db, "SWL-DISDIK-SD").await);
    assert_eq!(rina.supervisor_id, Some(head.id), "a supervisor further down the file is linked");
    assert_eq!(fajar.supervisor_id, Some(head.id));
    assert_eq!((fajar.employment_type, fajar.grade, fajar.email), (EmploymentType::Pppk, None, None));
    assert!(!fajar.is_active && head.is_active, "tidak is inactive; an empty cell means active");
    assert_eq!(head.supervisor_id, None);
    let kasi = positions::Entity::find()
        .filter(positions::Column::Code.eq("SWL-PGW-KASI"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(head.position_id, Some(kasi.id));

    // Two new employees who are each other's supervisor are linked all the same.
    let pair = format!(
        "{HEADER}\n199001152015031907,Ayu Permata,,PNS,SWL-DISDIK,,III/c,199202202016032908,\n\
         199202202016032908,Bayu Nugroho,,PNS,SWL-DISDIK,,III/c,199001152015031907,\n"
    );
    import_ok(&app, "employees", &write(&app, "pasangan.csv", pair.as_bytes()));
    let ayu = employee(&app.db, "199001152015031907").await.unwrap();
    let bayu = employee(&app.db, "199202202016032908").await.unwrap();
    assert_eq!((ayu.supervisor_id, bayu.supervisor_id), (Some(bayu.id), Some(ayu.id)));

    // A missing file is one clear error.
    let out = import(&app, "employees", &app.work_dir.path().join("tidak-ada.csv"));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("cannot read") && stderr(&out).contains("tidak-ada.csv"),
        "{}",
        stderr(&out)
    );
}

/// An agency's staff as a BKPSDM holds them: PNS with golongan/ruang (one still CPNS), PPPK
/// with NI PPPK numbers, grades I–XVII and contracts, in any order and any case.
const MIXED: &str = "\
nip,name,email,employment_type,agency_code,position_code,grade,supervisor_nip,active,contract_start,contract_end,cpns_appointed_on
197805122003121002,Bambang Sutrisno,,PNS,SWL-DISDIK-SD,SWL-PGW-KASI,IV/a,,ya,,,
198902252024211013,Agus Salim,,PPPK,SWL-DISDIK-SD,SWL-PLK-UMUM,IX,197805122003121002,ya,2024-03-01,2029-02-28,
199505142023222004,Putri Handayani,,pppk,SWL-DISDIK-SD,,vii,197805122003121002,ya,2023-03-01,2028-02-29,
200001012025031001,Rizky Ramadhan,,PNS,SWL-DISDIK-SD,,II/a,197805122003121002,ya,,,2025-03-01
199811112024212007,Dewi Anggraini,,PPPK,SWL-DISDIK-SD,,I,,ya,,,
198001012021211005,Hasan Basri,,PPPK,SWL-DISDIK-SD,,XVII,,tidak,2021-01-01,2025-12-31,
";

async fn a_mixed_pns_and_pppk_file_imports_without_a_false_error(backend: Backend) {
    use bangkom_entities::enums::PppkGrade;
    let app = spawn_app(backend).await;
    app.seed_demo();
    let out = import_ok(&app, "employees", &write(&app, "campuran.csv", MIXED.as_bytes()));
    assert!(stdout(&out).contains("6 created, 0 updated, 0 unchanged"), "{}", stdout(&out));
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();

    let head = employee(&app.db, "197805122003121002").await.unwrap();
    assert_eq!((head.grade, head.pppk_grade), (Some(Grade::IVa), None));
    let agus = employee(&app.db, "198902252024211013").await.unwrap();
    assert_eq!(
        (agus.employment_type, agus.grade, agus.pppk_grade, agus.supervisor_id),
        (EmploymentType::Pppk, None, Some(PppkGrade::IX), Some(head.id))
    );
    assert_eq!((agus.contract_start, agus.contract_end), (Some(d("2024-03-01")), Some(d("2029-02-28"))));
    let putri = employee(&app.db, "199505142023222004").await.unwrap();
    assert_eq!(putri.pppk_grade, Some(PppkGrade::VII), "grades match without regard to case");
    let rizky = employee(&app.db, "200001012025031001").await.unwrap();
    assert_eq!((rizky.grade, rizky.cpns_appointed_on), (Some(Grade::IIa), Some(d("2025-03-01"))));
    let dewi = employee(&app.db, "199811112024212007").await.unwrap();
    assert_eq!((dewi.pppk_grade, dewi.contract_end), (Some(PppkGrade::I), None));
    let hasan = employee(&app.db, "198001012021211005").await.unwrap();
    assert_eq!((hasan.pppk_grade, hasan.is_active), (Some(PppkGrade::XVII), false));

    // Imported again: nothing changes.
    let out = import_ok(&app, "employees", &write(&app, "campuran.csv", MIXED.as_bytes()));
    assert!(stdout(&out).contains("0 created, 0 updated, 6 unchanged"), "{}", stdout(&out));

    // Each type accepts only its own grades and terms, and says so.
    let wrong = "nip,name,employment_type,agency_code,grade,contract_start,contract_end,cpns_appointed_on
198902252024211013,Agus Salim,PPPK,SWL-DISDIK-SD,III/a,2029-01-01,2024-01-01,
197805122003121002,Bambang Sutrisno,PNS,SWL-DISDIK-SD,IX,2024-01-01,,2003-11-01
199505142023222004,Putri Handayani,PPPK,SWL-DISDIK-SD,VII,31-12-2024,,2023-03-01
";
    let out = import(&app, "employees", &write(&app, "salah-golongan.csv", wrong.as_bytes()));
    assert!(!out.status.success());
    let err = stderr(&out);
    for expected in [
        "line 2, column grade: A PNS grade (III/a) does not apply to PPPK; PPPK grades are I to XVII.",
        "line 2, column contract_end: The contract ends (2024-01-01) before it starts (2029-01-01).",
        "line 3, column grade: A PPPK grade (IX) does not apply to PNS; PNS grades are I/a to IV/e.",
        "line 3, column contract_start: Only PPPK have a contract",
        "line 3, column cpns_appointed_on: The CPNS date (2003-11-01) is not in the appointment month the NIP records (200312).",
        "line 4, column contract_start: \"31-12-2024\" is not a date; write YYYY-MM-DD",
        "line 4, column cpns_appointed_on: Only a PNS can be a CPNS",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("has 7 error(s)"), "{err}");
}

async fn a_file_with_errors_imports_nothing_and_names_every_error(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let before = employee_count(&app.db).await;
    let audit_before = audit_log::Entity::find().count(&app.db).await.unwrap();

    let file = format!(
        "{HEADER}
199107222019032911,Baris Baik,baik@disdik.test,PNS,SWL-DISDIK,SWL-PLK-UMUM,III/a,,ya
19910722201903291,NIP Pendek,pendek@disdik.test,PNS,SWL-DISDIK,,III/a,,ya
199107222019033912,Digit Kelamin,kelamin@disdik.test,PNS,SWL-DISDIK,,III/a,,ya
199113222019032913,Tanggal Lahir,tanggal@disdik.test,PNS,SWL-DISDIK,,III/a,,ya
199107222019032914,Email Rusak,bukan-email,PNS,SWL-DISDIK,,III/a,,ya
199107222019032915,OPD Asing,asing@disdik.test,PNS,SWL-TIDAKADA,SWL-JAB-TIDAKADA,III/a,199001012015011999,ya
199107222019032911,NIP Ganda,baik@disdik.test,PNS,SWL-DISDIK,,III/a,,ya
199107222019032916,Email Terpakai,admin@bangkom.test,honorer,SWL-DISDIK,,V/a,,mungkin
199107222019032917,,kosong@disdik.test,PNS,,,,,
199107222019212918,PPPK Bergolongan,pppk@disdik.test,PPPK,SWL-DISDIK,,II/b,199107222019212918,ya
1.99107E+17,Angka Excel,excel@disdik.test,PNS,SWL-DISDIK,,III/a,,ya
199107222019032919,NIP untuk PPPK,,PPPK,SWL-DISDIK,,,,ya
198902252024211920,NI PPPK untuk PNS,,PNS,SWL-DISDIK,,III/a,,ya
199107222009032921,Terlalu Muda,,PNS,SWL-DISDIK,,III/a,,ya
199107222019032000,Urut Nol,,PNS,SWL-DISDIK,,III/a,,ya
"
    );
    let out = import(&app, "employees", &write(&app, "salah.csv", file.as_bytes()));
    let err = stderr(&out);
    assert!(!out.status.success(), "{}", stdout(&out));
    for expected in [
        "line 3, column nip: A NIP has 18 digits; this one has 17.",
        "line 4, column nip: Digit 15 of the NIP is the gender and must be 1 or 2; it is 3.",
        "line 5, column nip: The first 8 digits of the NIP (19911322) are not a valid birth date",
        "line 6, column email: bukan-email is not an e-mail address",
        "line 7, column agency_code: Unknown agency code SWL-TIDAKADA.",
        "line 7, column position_code: Unknown position code SWL-JAB-TIDAKADA.",
        "line 7, column supervisor_nip: No employee has NIP 199001012015011999",
        "line 8, column nip: NIP 199107222019032911 is already on line 2.",
        "line 8, column email: E-mail baik@disdik.test is already on line 2.",
        "line 9, column email: E-mail admin@bangkom.test is already used by another employee.",
        "line 9, column employment_type: Unknown value honorer. Allowed: PNS, PPPK.",
        "line 9, column grade: Unknown value V/a.",
        "line 9, column active: Unknown value mungkin.",
        "line 10, column name: Must not be empty.",
        "line 10, column agency_code: Must not be empty.",
        "line 10, column grade: A PNS needs a grade",
        "line 11, column grade: A PNS grade (II/b) does not apply to PPPK",
        "line 11, column supervisor_nip: An employee cannot be their own supervisor.",
        "line 12, column nip: A spreadsheet turned the NIP into a number",
        "line 13, column nip: Digits 13–14 (03) are an appointment month, so this is a PNS NIP, but the employment type is PPPK",
        "line 14, column nip: Digits 13–14 (21) begin with 2, so this is an NI PPPK, but the employment type is PNS",
        "line 15, column nip: The appointment in the NIP (200903) is less than 18 years after its birth date (19910722).",
        "line 16, column nip: The sequence number of the NIP (digits 16–18) cannot be 000.",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("salah.csv has 23 error(s); nothing was imported"), "{err}");
    assert!(!err.contains("line 2,"), "the good line has no error:\n{err}");
    // Nothing was written, not even the good line.
    assert_eq!(employee_count(&app.db).await, before);
    assert!(employee(&app.db, "199107222019032911").await.is_none());
    assert_eq!(audit_log::Entity::find().count(&app.db).await.unwrap(), audit_before);

    // A header without a required column is one error for the file.
    let out = import(
        &app,
        "employees",
        &write(&app, "kolom.csv", b"nip,nama,email\n199107222019032911,A,a@b.test\n"),
    );
    let err = stderr(&out);
    assert!(err.contains("line 1, column name, employment_type, agency_code: Required columns are missing from the header: name, employment_type, agency_code."), "{err}");
    assert!(err.contains("line 1, column nama: Unknown column."), "{err}");
}

async fn importing_again_updates_instead_of_duplicating(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let path = write(&app, "pegawai.csv", NEW_EMPLOYEES.as_bytes());
    import_ok(&app, "employees", &path);
    let count = employee_count(&app.db).await;
    let first = employee(&app.db, "199107222019032901").await.unwrap();

    let out = import_ok(&app, "employees", &path);
    assert!(stdout(&out).contains("0 created, 0 updated, 3 unchanged"), "{}", stdout(&out));
    assert_eq!(employee_count(&app.db).await, count);
    assert_eq!(
        employee(&app.db, "199107222019032901").await.unwrap(),
        first,
        "an identical file changes nothing"
    );

    // A changed name (and a supervisor cleared) updates the same employees.
    let changed = NEW_EMPLOYEES.replace("Rina Lestari", "Rina Lestari Putri").replace(
        "PNS,SWL-DISDIK-SD,SWL-PLK-UMUM,III/a,198203152006041902",
        "PNS,SWL-DISDIK-SD,SWL-PLK-UMUM,III/b,",
    );
    let out = import_ok(&app, "employees", &write(&app, "pegawai-2.csv", changed.as_bytes()));
    assert!(stdout(&out).contains("0 created, 1 updated, 2 unchanged"), "{}", stdout(&out));
    assert_eq!(employee_count(&app.db).await, count);
    let rina = employee(&app.db, "199107222019032901").await.unwrap();
    assert_eq!((rina.id, rina.name.as_str()), (first.id, "Rina Lestari Putri"));
    assert_eq!((rina.grade, rina.supervisor_id), (Some(Grade::IIIb), None));

    // Columns left out of the file keep what is stored; two employees may swap addresses.
    let demo = employee(&app.db, "198203152006041902").await.unwrap();
    let swap = "nip,name,employment_type,agency_code,email
198203152006041902,Hendra Saputra,PNS,SWL-DISDIK-SD,rina.lestari@disdik.test
199107222019032901,Rina Lestari Putri,PNS,SWL-DISDIK-SD,hendra.saputra@disdik.test
";
    let out = import_ok(&app, "employees", &write(&app, "tukar.csv", swap.as_bytes()));
    assert!(stdout(&out).contains("0 created, 2 updated, 0 unchanged"), "{}", stdout(&out));
    let hendra = employee(&app.db, "198203152006041902").await.unwrap();
    assert_eq!(hendra.email.as_deref(), Some("rina.lestari@disdik.test"));
    assert_eq!((hendra.position_id, hendra.grade, hendra.is_active), (demo.position_id, demo.grade, true));
}

async fn excel_files_with_bom_crlf_and_semicolons_import(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let file = "\u{feff}NIP ; Name ; Email ; Employment_Type ; Agency_Code ; Position_Code ; Grade ; Supervisor_NIP ; Active\r\n\
                198811302014022904 ; Siti Rahmawati ; siti.r@disdik.test ; PNS ; swl-disdik-smp ; SWL-FNG-PERENC ; iii/b ;  ; Ya\r\n\
                \"199203142016211905\";\"Dedi; Kurniawan\";;PPPK;SWL-DISDIK;;;198811302014022904;0\r\n\
                ;;;;;;;;\r\n";
    let out = import_ok(&app, "employees", &write(&app, "excel.csv", file.as_bytes()));
    assert!(stdout(&out).contains("2 created"), "{}", stdout(&out));
    let siti = employee(&app.db, "198811302014022904").await.unwrap();
    assert_eq!((siti.name.as_str(), siti.grade), ("Siti Rahmawati", Some(Grade::IIIb)));
    assert_eq!(
        siti.agency_id,
        agency_id(&app.db, "SWL-DISDIK-SMP").await,
        "codes match without regard to case"
    );
    let dedi = employee(&app.db, "199203142016211905").await.unwrap();
    assert_eq!(
        (dedi.name.as_str(), dedi.is_active, dedi.supervisor_id),
        ("Dedi; Kurniawan", false, Some(siti.id))
    );

    // Errors in such a file are reported on the lines a spreadsheet shows.
    let bad = "\u{feff}nip;name;employment_type;agency_code\r\n\r\n198811302014022904;Siti;PNS;SWL-DISDIK-SMP\r\n1988;X;PNS;SWL-DISDIK\r\n";
    let out = import(&app, "employees", &write(&app, "excel-salah.csv", bad.as_bytes()));
    assert!(
        stderr(&out).contains("line 4, column nip: A NIP has 18 digits; this one has 4."),
        "{}",
        stderr(&out)
    );
}

async fn the_shipped_competency_dictionary_imports_as_it_is(backend: Backend) {
    let app = spawn_app(backend).await;
    let dictionary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server/data/competencies.csv");
    let out = import_ok(&app, "competencies", &dictionary);
    assert!(stdout(&out).contains("15 created, 0 updated, 0 unchanged"), "{}", stdout(&out));
    assert_eq!(competencies::Entity::find().count(&app.db).await.unwrap(), 15);
    let integrity = competencies::Entity::find()
        .filter(competencies::Column::Code.eq("MJ-01"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((integrity.name_id.as_str(), integrity.name_en.as_str()), ("Integritas", "Integrity"));
    assert_eq!(integrity.source.as_deref(), Some("PermenPANRB 38/2017"));
    assert!(integrity.description.unwrap().starts_with("Acts consistently with the values"));

    let out = import_ok(&app, "competencies", &dictionary);
    assert!(stdout(&out).contains("0 created, 0 updated, 15 unchanged"), "{}", stdout(&out));

    // A kind that is not one of the three is an error naming the choices.
    let bad = "code,kind,name_id,name_en\nTK-99,teknik,Contoh,Example\nMJ-01,manajerial,,Integrity\n";
    let out = import(&app, "competencies", &write(&app, "kamus.csv", bad.as_bytes()));
    let err = stderr(&out);
    assert!(
        err.contains(
            "line 2, column kind: Unknown value teknik. Allowed: teknis, manajerial, sosial_kultural."
        ),
        "{err}"
    );
    assert!(err.contains("line 3, column name_id: Must not be empty."), "{err}");
    assert_eq!(competencies::Entity::find().count(&app.db).await.unwrap(), 15);
}

async fn standards_create_positions_and_replace_their_standard(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let file = "position_code,position_name,position_family,competency_code,required_level
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,MJ-01,3
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,MJ-03,3
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,TK-06,2
";
    let out = import_ok(&app, "standards", &write(&app, "standar.csv", file.as_bytes()));
    let text = stdout(&out);
    assert!(
        text.contains("3 created, 0 updated, 0 unchanged") && text.contains("Positions: 1 created"),
        "{text}"
    );
    let guru = positions::Entity::find()
        .filter(positions::Column::Code.eq("SWL-FNG-GURU"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (guru.name.as_str(), guru.family, guru.agency_id),
        ("Guru Ahli Pertama", PositionFamily::Fungsional, None)
    );
    assert_eq!(
        standard_of(&app.db, guru.id).await,
        [("MJ-01".into(), 3), ("MJ-03".into(), 3), ("TK-06".into(), 2)]
    );

    // The file is the position's whole standard: a level raised, a row dropped, a new one.
    let file = "position_code,position_name,position_family,competency_code,required_level
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,MJ-01,4
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,TK-06,2
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,SK-01,3
";
    let out = import_ok(&app, "standards", &write(&app, "standar-2.csv", file.as_bytes()));
    let text = stdout(&out);
    assert!(text.contains("1 created, 1 updated, 1 unchanged") && text.contains("removed: 1"), "{text}");
    assert_eq!(
        standard_of(&app.db, guru.id).await,
        [("MJ-01".into(), 4), ("SK-01".into(), 3), ("TK-06".into(), 2)]
    );
    let out = import_ok(&app, "standards", &write(&app, "standar-2.csv", file.as_bytes()));
    assert!(stdout(&out).contains("0 created, 0 updated, 3 unchanged"), "{}", stdout(&out));

    // Levels out of range, unknown competencies and inconsistent positions are errors.
    let bad = "position_code,position_name,position_family,competency_code,required_level
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,MJ-01,6
SWL-FNG-GURU,Guru Ahli Pertama,fungsional,MJ-02,tiga
SWL-FNG-GURU,Guru Ahli Muda,fungsional,XX-01,2
SWL-FNG-GURU,Guru Ahli Pertama,guru,MJ-01,2
";
    let out = import(&app, "standards", &write(&app, "standar-salah.csv", bad.as_bytes()));
    let err = stderr(&out);
    for expected in [
        "line 2, column required_level: Level 6 is outside the range 1–5.",
        "line 3, column required_level: The level must be a whole number from 1 to 5; it is tiga.",
        "line 4, column position_name: Position SWL-FNG-GURU has another name or family on line 2",
        "line 4, column competency_code: Competency code XX-01 is not in the competency dictionary.",
        "line 5, column position_family: Unknown value guru.",
        "line 5, column competency_code: Competency MJ-01 of position SWL-FNG-GURU is already on line 2.",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(
        standard_of(&app.db, guru.id).await,
        [("MJ-01".into(), 4), ("SK-01".into(), 3), ("TK-06".into(), 2)]
    );
}

/// A position's standard as (competency code, level), sorted.
async fn standard_of(db: &DatabaseConnection, position_id: i64) -> Vec<(String, i16)> {
    let rows = position_standards::Entity::find()
        .filter(position_standards::Column::PositionId.eq(position_id))
        .all(db)
        .await
        .unwrap();
    let mut levels = Vec::new();
    for row in rows {
        let c = competencies::Entity::find_by_id(row.competency_id).one(db).await.unwrap().unwrap();
        levels.push((c.code, row.required_level));
    }
    levels.sort();
    levels
}

/// Uploads a file on the import page as a browser does.
async fn upload(app: &TestApp, kind: &str, name: &str, content: &str) -> reqwest::Response {
    let csrf = app.csrf().await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).text("kind", kind.to_owned()).part(
        "file",
        reqwest::multipart::Part::bytes(content.as_bytes().to_vec())
            .file_name(name.to_owned())
            .mime_str("text/csv")
            .unwrap(),
    );
    app.client.post(app.url("/admin/impor")).multipart(form).send().await.unwrap()
}

/// Follows the upload's redirect to the run's page and waits (as the page's refresh does)
/// until the import is over; returns the run's path and the final page.
async fn result_of(app: &TestApp, response: reqwest::Response) -> (String, String) {
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/admin/impor/"), "{location}");
    for _ in 0..300 {
        let page = app.get(&location).await;
        assert_eq!(page.status(), 200);
        let refreshes = page.headers().contains_key("refresh");
        let body = page.text().await.unwrap();
        if !refreshes {
            assert!(!body.contains("http-equiv=\"refresh\""));
            return (location, body);
        }
        assert!(body.contains("http-equiv=\"refresh\" content=\"2\""), "{body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the import did not finish");
}

async fn an_admin_imports_on_the_page_and_sees_the_result(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;

    let page = app.get("/admin/impor").await.text().await.unwrap();
    assert!(
        page.contains("enctype=\"multipart/form-data\"") && page.contains("Standar kompetensi jabatan"),
        "{page}"
    );
    let example = app.get("/admin/impor/contoh/employees.csv").await;
    assert_eq!(example.status(), 200);
    assert!(example.text().await.unwrap().starts_with(HEADER));

    let (_, result) = result_of(&app, upload(&app, "employees", "pegawai.csv", NEW_EMPLOYEES).await).await;
    assert!(result.contains("Impor selesai: 3 baris diproses."), "{result}");
    assert!(
        result.contains("data-count=\"created\">3<") && result.contains("data-count=\"unchanged\">0<"),
        "{result}"
    );
    assert!(employee(&app.db, "198203152006041902").await.is_some());

    // A file with errors: a table of line, column and reason in the user's language.
    let bad = format!(
        "{HEADER}\n1990,Pendek,,PNS,SWL-DISDIK,,III/a,,\n199107222019032911,Asing,,PNS,SWL-X,,III/a,,\n"
    );
    let (path, result) = result_of(&app, upload(&app, "employees", "salah.csv", &bad).await).await;
    assert!(result.contains("Berkas berisi 2 kesalahan. Tidak ada data yang diimpor"), "{result}");
    assert!(
        result.contains(
            "<td>2</td><td><code>nip</code></td><td>NIP harus 18 digit, yang tertulis 4 digit.</td>"
        ),
        "{result}"
    );
    assert!(
        result.contains(
            "<td>3</td><td><code>agency_code</code></td><td>Kode perangkat daerah SWL-X tidak dikenal.</td>"
        ),
        "{result}"
    );
    assert!(employee(&app.db, "199107222019032911").await.is_none());
    // The same result in English.
    let english = app.new_browser();
    english.login("admin@bangkom.test", DEMO_PASSWORD).await;
    english.get("/bahasa?to=en").await;
    let result = english.get(&path).await.text().await.unwrap();
    assert!(result.contains("A NIP has 18 digits; this one has 4."), "{result}");

    // The form refuses an upload without its CSRF token, and a missing file is a field error.
    let form = reqwest::multipart::Form::new().text("kind", "employees").text("file", "x");
    let response = app.client.post(app.url("/admin/impor")).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 403);
    let csrf = app.csrf().await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).text("kind", "employees");
    let response = app.client.post(app.url("/admin/impor")).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Pilih berkas CSV yang akan diunggah."));

    // Admins import the dictionary too.
    let (_, result) = result_of(
        &app,
        upload(
            &app,
            "competencies",
            "kamus.csv",
            "code,kind,name_id,name_en\nTK-07,teknis,Kearsipan,Records management\n",
        )
        .await,
    )
    .await;
    assert!(result.contains("data-count=\"created\">1<"), "{result}");
}

async fn an_operator_imports_only_for_their_own_agencies(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("operator@bangkom.test", DEMO_PASSWORD).await;

    // The page offers employees only; the dictionary and standards do not exist for them.
    let page = app.get("/admin/impor").await.text().await.unwrap();
    assert!(page.contains("value=\"employees\"") && !page.contains("value=\"competencies\""), "{page}");
    let response =
        upload(&app, "competencies", "kamus.csv", "code,kind,name_id,name_en\nTK-07,teknis,A,B\n").await;
    assert_eq!(response.status(), 404);
    assert_eq!(upload(&app, "standards", "s.csv", "x").await.status(), 404);
    assert_eq!(app.get("/admin/impor/contoh/standards.csv").await.status(), 404);

    // A line for another agency (Dinas Kesehatan) is an error naming it; nothing is imported.
    let file = format!(
        "{HEADER}\n199107222019032921,Guru SD,,PNS,SWL-DISDIK-SD,,III/a,,\n199107222019032922,Perawat,,PNS,SWL-DINKES,,III/a,,\n"
    );
    let (path, result) = result_of(&app, upload(&app, "employees", "pegawai.csv", &file).await).await;
    assert!(
        result.contains("<td>3</td><td><code>agency_code</code></td><td>Perangkat daerah SWL-DINKES di luar kewenangan Anda.</td>"),
        "{result}"
    );
    assert!(employee(&app.db, "199107222019032921").await.is_none());

    // Nor may an operator move another agency's employee into their own.
    let nurse = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(agency_id(&app.db, "SWL-DINKES").await))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let file = format!("{HEADER}\n{},Pindahan,,PNS,SWL-DISDIK,,III/a,,\n", nurse.nip);
    let (_, result) = result_of(&app, upload(&app, "employees", "pindah.csv", &file).await).await;
    assert!(
        result.contains("NIP ini milik pegawai perangkat daerah lain, di luar kewenangan Anda."),
        "{result}"
    );

    // Their own agency's lines import.
    let file = format!("{HEADER}\n199107222019032921,Guru SD,,PNS,SWL-DISDIK-SD,,III/a,,\n");
    let (_, result) = result_of(&app, upload(&app, "employees", "pegawai.csv", &file).await).await;
    assert!(result.contains("data-count=\"created\">1<"), "{result}");

    // A run is seen by whoever started it and by admins, by nobody else.
    let admin = app.new_browser();
    admin.login("admin@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(admin.get(&path).await.status(), 200);
    let pegawai = app.new_browser();
    pegawai.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(pegawai.get(&path).await.status(), 404);
    let (admin_run, _) = result_of(&admin, upload(&admin, "employees", "a.csv", &file).await).await;
    assert_eq!(app.get(&admin_run).await.status(), 404, "an operator does not see an admin's run");
}

async fn employees_do_not_see_the_import_page(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(app.get("/admin/impor").await.status(), 404);
    assert_eq!(upload(&app, "employees", "pegawai.csv", NEW_EMPLOYEES).await.status(), 404);
    assert!(employee(&app.db, "198203152006041902").await.is_none());
    assert_eq!(app.get("/admin/impor/contoh/employees.csv").await.status(), 404);
}

async fn imports_are_recorded_in_the_audit_log(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    import_ok(&app, "employees", &write(&app, "pegawai.csv", NEW_EMPLOYEES.as_bytes()));
    let rina = employee(&app.db, "199107222019032901").await.unwrap();
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq("employees"))
        .filter(audit_log::Column::EntityId.eq(rina.id.to_string()))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].action, rows[0].user_id, rows[0].before.as_ref()), (AuditAction::Create, None, None));
    let after: serde_json::Value = serde_json::from_str(rows[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(after["nip"], "199107222019032901");
    assert!(after["supervisor_id"].is_i64(), "the audited state has the supervisor link: {after}");
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("employees"))
            .count(&app.db)
            .await
            .unwrap(),
        3
    );

    // A change made on the page names the admin who made it, with before and after.
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;
    let changed = NEW_EMPLOYEES.replace("Rina Lestari", "Rina Lestari Putri");
    result_of(&app, upload(&app, "employees", "pegawai.csv", &changed).await).await;
    let admin = users::Entity::find()
        .filter(users::Column::Email.eq("admin@bangkom.test"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let update = audit_log::Entity::find()
        .filter(audit_log::Column::EntityId.eq(rina.id.to_string()))
        .filter(audit_log::Column::Action.eq(AuditAction::Update))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an update row");
    assert_eq!(update.user_id, Some(admin.id));
    assert!(update.before.unwrap().contains("\"Rina Lestari\""));
    assert!(update.after.unwrap().contains("\"Rina Lestari Putri\""));
}
