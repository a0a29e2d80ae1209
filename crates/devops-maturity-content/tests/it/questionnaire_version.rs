//! A questionnaire version is never edited once released: stores keep the first snapshot of a
//! version they see and never replace it (`Store::start_assessment`), so a changed text under
//! an old version number would be asked in some databases and not in others. Version 1.0.0 was
//! edited after release (its leadership and quick marks), which is why 1.1.0 is pinned here.

use devops_maturity_content::load_embedded;

/// FNV-1a over the questionnaire's JSON: stable across Rust versions, unlike `DefaultHasher`.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Each released version and the fingerprint of its questionnaire.
const RELEASED: &[(&str, u64)] = &[("1.1.0", 5_813_927_585_548_727_542)];

#[test]
fn a_released_questionnaire_version_is_never_edited() {
    let content = load_embedded().unwrap();
    let q = &content.assessment.questionnaire;
    let now = fingerprint(&serde_json::to_vec(q).unwrap());
    if let Some(&(version, pinned)) = RELEASED.iter().find(|(v, _)| *v == q.version) {
        assert_eq!(
            now, pinned,
            "questionnaire.toml changed but its version is still {version}: give it a new \
             version (and add that version here with the fingerprint {now})"
        );
    } else {
        panic!(
            "questionnaire version {} is not in RELEASED: add (\"{}\", {now}) when it ships",
            q.version, q.version
        );
    }
}
