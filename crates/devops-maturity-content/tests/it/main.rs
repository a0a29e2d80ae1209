//! The crate against the real `content/` folder: broken course material fails the build.

mod hostile;
mod real_content;
mod recommendations;
