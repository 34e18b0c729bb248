//! Signing in to GitHub with the OAuth device flow (for replies on giscus and utterances).
//! (Being built: see issue #14.)

use super::Account;
use crate::net::Client;

/// Signs in by GitHub's device flow with `client_id` (parlor's own when `None`), telling the
/// user the code and address through `say`; returns the account to save.
pub fn login(
    client: &Client,
    client_id: Option<&str>,
    say: &mut dyn FnMut(&str),
) -> Result<Account, String> {
    let _ = (client, client_id, say);
    Err("signing in to GitHub is not available in this build yet".into())
}
