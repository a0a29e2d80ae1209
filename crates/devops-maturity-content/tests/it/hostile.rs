//! Content packs written to attack the app: raw HTML, script links, remote images. The
//! renderer's exact output shows each neutralised, and `content check` names each with its
//! line, so such a pack never ships unnoticed.

use devops_maturity_content::markdown::render_fragment;
use devops_maturity_content::{parse, Files};

fn check(markdown: &str, expected_html: &str) {
    assert_eq!(
        render_fragment(markdown),
        expected_html,
        "rendering {markdown:?}"
    );
}

#[test]
fn raw_html_becomes_visible_text() {
    check(
        "Hello <script>alert(1)</script> there",
        "<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; there</p>\n",
    );
    check(
        "<img src=x onerror=alert(1)>",
        "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n",
    );
    check(
        "<div onclick=\"steal()\">block</div>",
        "<p>&lt;div onclick=\"steal()\"&gt;block&lt;/div&gt;</p>\n",
    );
    check(
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p>&lt;iframe src=\"https://evil.example\"&gt;&lt;/iframe&gt;</p>\n",
    );
    check("<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>\n");
    check(
        "```\n<script>x</script>\n```",
        "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n",
    );
}

#[test]
fn script_and_other_schemes_keep_only_the_link_text() {
    for scheme in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "mailto:a@example.com",
        "//evil.example/path",
    ] {
        check(&format!("[click]({scheme})"), "<p>click</p>\n");
    }
}

#[test]
fn remote_images_show_their_alt_text_and_web_links_are_inert() {
    check(
        "![logo](https://evil.example/x.png)",
        "<p><span class=\"image-alt\">logo</span></p>\n",
    );
    check(
        "![](https://evil.example/pixel.gif)",
        "<p><span class=\"image-alt\"></span></p>\n",
    );
    check(
        "[site](https://example.org \"a title\")",
        "<p><span class=\"external-link\" title=\"https://example.org\">site</span></p>\n",
    );
    check(
        "<https://auto.example>",
        "<p><span class=\"external-link\" title=\"https://auto.example\">https://auto.example</span></p>\n",
    );
    check(
        "[x](https://example.org/\"onmouseover=\"alert(1))",
        "<p><span class=\"external-link\" title=\"https://example.org/&quot;onmouseover=&quot;alert(1)\">x</span></p>\n",
    );
}

#[test]
fn content_check_names_every_hostile_construct_with_its_line() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../devops-maturity-cli/tests/fixtures/valid");
    let (files, problems) = Files::read_dir(&root);
    assert!(problems.is_empty(), "{problems:?}");
    let chapter = "---\nid: first\ntitle: The first chapter\nminutes: 5\n---\n\n## Details\n\n\
        Hello <script>alert(1)</script>.\n\n\
        <img src=\"https://evil.example/x.png\">\n\n\
        [click](javascript:alert(1))\n\n\
        ![logo](https://evil.example/x.png)\n\n\
        [site](https://example.org)\n";
    let files = Files::from_pairs(files.paths().map(|p| {
        let text = if p == "course/01-basics/first.md" {
            chapter
        } else {
            files.get(p).unwrap()
        };
        (p.to_string(), text.to_string())
    }));
    let problems = parse(&files).expect_err("a hostile chapter is refused");
    assert_eq!(
        problems.to_string(),
        "course/01-basics/first.md:9: raw HTML is not allowed in content; it is shown as text\n\
         course/01-basics/first.md:11: raw HTML is not allowed in content; it is shown as text\n\
         course/01-basics/first.md:13: link target `javascript:alert(1)` is not allowed; link to a chapter (`file.md`), a glossary term (`glossary:id`) or an `https://` address\n\
         course/01-basics/first.md:15: images are not supported; the alt text is shown instead"
    );
}
