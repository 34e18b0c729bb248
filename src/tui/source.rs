//! What a source names: a web page the library keeps (http and https), else the welcome post
//! or a file.

/// True for sources the library keeps (http and https URLs).
pub fn is_web(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}
