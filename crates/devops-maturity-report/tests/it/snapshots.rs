//! The JSON of the two commands that return the report crate's own types: handout_list, on the
//! views' small fixed course (the built-in course changes with every edit of its text), and
//! report_settings, before the first export and after one.

use devops_maturity_report::{export, handout};
use devops_maturity_store::{settings, Store};

#[test]
fn the_handout_list_and_the_report_settings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../devops-maturity-views/tests/fixtures/mini");
    let content = devops_maturity_content::load_dir(&dir).unwrap();
    insta::assert_json_snapshot!("handout_list", handout::list(&content));

    let store = Store::open_in_memory().unwrap();
    let first = export::remembered(&store).unwrap();
    store.set_setting(settings::REPORT_PAPER, "letter").unwrap();
    store
        .set_setting(settings::ORGANISATION, "EJ Airways")
        .unwrap();
    insta::assert_json_snapshot!(
        "report_settings",
        [first, export::remembered(&store).unwrap()]
    );
}
