//! Every handout the built-in content makes, in both paper sizes, read back by qpdf and poppler:
//! a sane number of pages, every part's heading and every footer in the text. And text that no
//! font has is named with the part it is in.

use devops_maturity_content::Block;
use devops_maturity_report::export::Exported;
use devops_maturity_report::handout::{self, Handout, Item, Part};
use devops_maturity_report::{pdf, Paper};

use crate::poppler::flat;
use crate::{assert_size, checked};

#[test]
fn every_handout_reads_back_in_both_paper_sizes() {
    let content = devops_maturity_content::load_embedded().unwrap();
    let entries = handout::list(&content);
    assert!(entries.len() >= 20, "{} handouts", entries.len());
    for entry in &entries {
        let h = handout::build(&content, &entry.name, &Default::default()).unwrap();
        for paper in [Paper::A4, Paper::Letter] {
            let rendered = pdf::handout(&h, paper).unwrap();
            assert!(
                rendered.unshown.is_empty(),
                "{}: the fonts show all the course's text: {:?}",
                entry.name,
                rendered.unshown
            );
            let c = checked(&rendered.bytes, "handout.pdf");
            assert_size(&c, paper);
            // A handout fits a few sheets (7 at most today: the ITSM summary and the run-sheet on
            // Letter); a runaway layout would take dozens.
            assert!(
                (1..=10).contains(&c.pages),
                "{} on {paper:?} has {} pages",
                entry.name,
                c.pages
            );
            let text = flat(&c.text);
            for part in &h.parts {
                assert!(
                    text.contains(&flat(&part.title)),
                    "{}: the part {:?} is printed",
                    entry.name,
                    part.title
                );
            }
            for n in 1..=c.pages {
                let label = format!("Page {n} of {}", c.pages);
                assert!(text.contains(&label), "{}: {label:?}", entry.name);
            }
        }
    }
}

#[test]
fn a_character_no_font_has_is_named_with_its_part() {
    let h = Handout {
        name: "test".into(),
        title: "A test".into(),
        subtitle: "Only for this test".into(),
        parts: vec![Part {
            title: "Odd text".into(),
            page_break: false,
            items: vec![Item::Block(Block::Paragraph("Ask the \u{378} team".into()))],
        }],
    };
    let rendered = pdf::handout(&h, Paper::A4).unwrap();
    assert_eq!(rendered.unshown.len(), 1);
    let message = rendered.unshown[0].to_string();
    assert!(
        message.contains("the part “Odd text” of test") && message.contains("U+0378"),
        "{message}"
    );
    let c = checked(&rendered.bytes, "odd.pdf");
    assert!(flat(&c.text).contains("Ask the"), "the rest still prints");

    // What handout_export answers; the size follows the fonts, so only that there is one.
    let exported = Exported::new(std::path::Path::new("/home/marta/test.pdf"), &rendered);
    assert_eq!(exported.bytes, rendered.bytes.len());
    let mut value = serde_json::to_value(&exported).unwrap();
    value["bytes"] = "[bytes]".into();
    insta::assert_json_snapshot!("handout_export", value);
}
