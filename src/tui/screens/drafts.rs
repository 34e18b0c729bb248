//! The Drafts screen: unsent drafts, most recently edited first. Enter opens the post at the
//! comment the draft answers (`r` there resumes it), `s` sends it as it is, `x` deletes it
//! (after y/n), `q`/Esc go back.

use super::{list_motion, step};
use super::{Ctx, Nav, Outcome};
use crate::store::Draft;
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crossterm::event::KeyCode;

/// What the Drafts screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftsView {
    pub drafts: Vec<Draft>,
    pub selected: usize,
    /// The rows are still being read.
    pub loading: bool,
    /// A delete waiting for y/n: the row.
    pub confirm: Option<usize>,
}

impl DraftsView {
    /// A view waiting for its rows, and the job that reads them.
    pub fn loading() -> (DraftsView, Effect) {
        let view = DraftsView {
            loading: true,
            ..DraftsView::default()
        };
        (view, Effect::LoadDrafts)
    }

    pub fn selected_draft(&self) -> Option<&Draft> {
        self.drafts
            .get(self.selected.min(self.drafts.len().saturating_sub(1)))
    }

    /// The drafts arrived (the selection stays on the same draft).
    pub fn set(&mut self, drafts: Vec<Draft>) {
        let was = self
            .selected_draft()
            .map(|d| (d.post_key.clone(), d.parent_id.clone()));
        self.selected = was
            .and_then(|(k, p)| {
                drafts
                    .iter()
                    .position(|d| d.post_key == k && d.parent_id == p)
            })
            .unwrap_or(0);
        self.drafts = drafts;
        self.loading = false;
    }
}

/// A key on the Drafts screen. `identity` is who a sent draft is from.
pub fn on_key(
    view: &mut DraftsView,
    code: KeyCode,
    action: Option<Action>,
    identity: &crate::reply::Identity,
    ctx: &mut Ctx,
) -> Outcome {
    if let Some(row) = view.confirm.take() {
        let Some(d) = view
            .drafts
            .get(row)
            .cloned()
            .filter(|_| code == KeyCode::Char('y'))
        else {
            ctx.status.info("kept");
            return Outcome::default();
        };
        view.drafts.remove(row);
        view.selected = step(view.selected, 0, view.drafts.len());
        ctx.status.info("draft deleted");
        return Outcome::effects(vec![Effect::SaveDraft {
            post_key: d.post_key,
            parent: d.parent_id,
            body: String::new(),
        }]);
    }
    let page = isize::try_from(ctx.page).unwrap_or(isize::MAX);
    if let Some(delta) = action.and_then(|a| list_motion(a, page)) {
        view.selected = step(view.selected, delta, view.drafts.len());
        return Outcome::default();
    }
    if code == KeyCode::Enter {
        return open(view, ctx);
    }
    match action {
        Some(Action::OpenPost | Action::ToggleFold) => open(view, ctx),
        Some(Action::SendDraft) => send(view, identity, ctx),
        Some(Action::DeletePost) => {
            match view.selected_draft() {
                Some(d) => {
                    let title = d.post_title.clone().unwrap_or_else(|| d.post_key.clone());
                    view.confirm = Some(view.selected.min(view.drafts.len() - 1));
                    ctx.status
                        .info(format!("delete the draft on “{title}”? y/n"));
                }
                None => ctx.status.info("no draft selected"),
            }
            Outcome::default()
        }
        Some(Action::Reload) => {
            view.loading = true;
            Outcome::effects(vec![Effect::LoadDrafts])
        }
        Some(Action::Quit | Action::Cancel | Action::Drafts) => Outcome::nav(Nav::Pop),
        _ => Outcome::default(),
    }
}

fn open(view: &DraftsView, ctx: &mut Ctx) -> Outcome {
    match view.selected_draft() {
        Some(d) => {
            let hint = match d.parent_id {
                Some(_) => "the draft answers the selected comment: r resumes it",
                None => "the draft is a comment on the post: c resumes it",
            };
            ctx.status.info(hint);
            Outcome::nav(Nav::Open(d.post_key.clone()))
        }
        None => {
            ctx.status.info("no draft selected");
            Outcome::default()
        }
    }
}

fn send(view: &DraftsView, identity: &crate::reply::Identity, ctx: &mut Ctx) -> Outcome {
    let Some(d) = view.selected_draft() else {
        ctx.status.info("no draft selected");
        return Outcome::default();
    };
    if ctx.offline {
        ctx.status.error("offline (--offline): the draft is kept");
        return Outcome::default();
    }
    if d.body.trim().is_empty() {
        ctx.status
            .error("the draft is empty: open it and write something first");
        return Outcome::default();
    }
    ctx.status.info("sending…");
    Outcome::effects(vec![Effect::Submit {
        post_url: d.post_key.clone(),
        parent: d.parent_id.clone(),
        body: d.body.clone(),
        identity: identity.clone(),
    }])
}
