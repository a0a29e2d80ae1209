//! The Markdown renderer on its own: whatever the text, the HTML holds only what the renderer
//! writes itself (no raw HTML, no remote images, no links out of the app).
#![no_main]

use devops_maturity_fuzz::check_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check_html(&devops_maturity_content::markdown::render_fragment(&text));
});
