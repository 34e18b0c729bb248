//! Signing in to the user's own Mastodon instance: app registration and OAuth in the terminal.
//! (Being built: see issue #14.)

use super::Account;
use crate::net::Client;

/// Registers parlor on `instance`, shows the authorization address through `say`, reads the
/// code the user pastes through `read`, and returns the account to save.
pub fn login(
    client: &Client,
    instance: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    say: &mut dyn FnMut(&str),
) -> Result<Account, String> {
    let _ = (client, instance, read, say);
    Err("signing in to Mastodon is not available in this build yet".into())
}
