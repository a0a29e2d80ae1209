//! The crate against the real `content/` folder: broken course material fails the build.

mod real_content;
