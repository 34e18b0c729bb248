//! Rendering: the model (post, comments, blocks) to wrapped, styled lines. Knows no `App`:
//! the screens hand it a post, a width, a theme and the time.

pub mod blocks;
pub mod lines;
pub mod theme;
pub mod thread;
pub mod time;
pub mod wrap;
