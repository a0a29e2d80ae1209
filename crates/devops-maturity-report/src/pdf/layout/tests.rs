use super::*;

fn layout() -> Layout {
    Layout::new(Fonts::get().unwrap(), Paper::A4)
}

#[test]
fn wrapped_lines_fit_and_keep_every_word() {
    let l = layout();
    let text = "Ярослава and Zoë Ødegård agreed to merge to trunk daily, with a peer review instead of a change board. Supercalifragilisticexpialidociousnesses!";
    for width in [40.0, 90.0, 200.0] {
        let lines = l.wrap(text, &style::BODY, width);
        for line in &lines {
            assert!(
                l.text_width(line, &style::BODY) <= width + 1e-6,
                "{line:?} fits in {width}"
            );
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            text.replace(' ', ""),
            "nothing is lost at width {width}"
        );
    }
    assert_eq!(
        l.wrap("one\ntwo", &style::BODY, 400.0),
        ["one", "two"],
        "explicit breaks stay"
    );
    assert_eq!(l.wrap("a\u{7}b\tc", &style::BODY, 400.0), ["ab c"]);
}

#[test]
fn a_long_compound_breaks_after_its_hyphen_and_then_between_characters() {
    let l = layout();
    let head = "value-";
    let tail = "streammappingworkshopoutcomesforeveryteam";
    let width = l.text_width(head, &style::BODY) + 2.0;
    assert!(
        l.text_width(tail, &style::BODY) > 2.0 * width,
        "the tail needs cutting"
    );
    let lines = l.wrap(&format!("{head}{tail}"), &style::BODY, width);
    assert_eq!(lines[0], head, "the break comes after the hyphen");
    assert!(lines.len() > 2, "the tail is cut over lines: {lines:?}");
    for line in &lines {
        assert!(
            l.text_width(line, &style::BODY) <= width + 1e-6,
            "{line:?} fits"
        );
    }
    assert_eq!(lines[1..].concat(), tail, "nothing of the tail is lost");
}

fn table_of(rows: usize, text: &str) -> Table {
    Table {
        columns: vec![
            Column::new("Left", 1.0, Align::Left),
            Column::new("Right", 2.0, Align::Right),
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    Cell::text(format!("row {i}"), style::BODY),
                    Cell::text(text, style::BODY),
                ]
            })
            .collect(),
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    }
}

fn texts(page: &Page) -> Vec<&str> {
    page.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let mut l = layout();
    l.table(&table_of(120, "some value"));
    let (pages, _) = l.into_pages();
    assert!(pages.len() >= 3, "120 rows need several pages");
    for (i, page) in pages.iter().enumerate() {
        let t = texts(page);
        assert_eq!(t.first(), Some(&"Left"), "page {i} starts with the header");
    }
    let rows: usize = pages
        .iter()
        .map(|p| texts(p).iter().filter(|t| t.starts_with("row ")).count())
        .sum();
    assert_eq!(rows, 120, "every row is drawn exactly once");
}

#[test]
fn a_row_taller_than_a_page_is_split_not_cut() {
    let mut l = layout();
    let long = "evidence ".repeat(1500);
    l.table(&table_of(1, &long));
    let (pages, _) = l.into_pages();
    assert!(pages.len() >= 2, "the row continues on the next page");
    let words: usize = pages
        .iter()
        .map(|p| {
            texts(p)
                .iter()
                .map(|t| t.matches("evidence").count())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(words, 1500, "every word of the cell is drawn once");
    let height = l_height();
    for page in &pages {
        for shape in &page.shapes {
            if let Shape::Text { y, .. } = shape {
                assert!(
                    *y < height - 58.0 + 1e-6,
                    "text stays above the bottom margin"
                );
            }
        }
    }
}

fn l_height() -> f64 {
    Paper::A4.size_pt().1
}
