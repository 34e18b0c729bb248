//! The built-in welcome post: its source name, base URL and HTML, and the test that a URL is
//! the welcome post (a practice blog: replies there are neither sent nor kept).

use crate::model::Post;
use url::Url;

/// The source name of the built-in welcome post.
pub const WELCOME: &str = "parlor:welcome";
/// The base URL the welcome post is extracted against.
pub const WELCOME_URL: &str = "https://parlor.invalid/welcome/";
/// The welcome post's HTML.
pub const WELCOME_HTML: &str = include_str!("../../assets/welcome.html");

/// True for the welcome post's URL (a practice blog: nothing is sent or kept).
pub fn is_welcome(url: &str) -> bool {
    Url::parse(url).is_ok_and(|u| u.host_str() == Some("parlor.invalid"))
}

/// The welcome post, extracted from the embedded HTML.
pub fn welcome_post() -> Post {
    Url::parse(WELCOME_URL)
        .map(|base| crate::extract::extract(WELCOME_HTML, &base))
        .unwrap_or_default()
}
