//! Text fields that save as the user types: the pupil's notes and every field of the
//! individual provision map. What is typed is kept in the workspace (so the autosaver
//! writes it) at the first keystroke, then at most once a pause while typing goes on, at
//! once when the field is left, and at once when the page is hidden or left. The header
//! says "Saving…" while typed text is held back for the pause. Leaving the page while
//! typed text is held back, or while a form holds text not yet added, asks first.

use crate::ui::state::{AppState, SaveState};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::time::Duration;

/// While typing goes on, what is typed is kept at most once in this long.
pub const PAUSE_MS: u64 = 400;

/// A field's typing since it was last kept.
struct Held {
    /// Keeps the text in the workspace.
    keep: Callback<String>,
    /// Text typed since it was last kept, not kept yet.
    latest: Option<String>,
    /// Ends the pause.
    timer: Option<TimeoutHandle>,
}

thread_local! {
    /// The fields in a pause after typing, by id.
    static HELD: RefCell<BTreeMap<u64, Held>> = const { RefCell::new(BTreeMap::new()) };
    /// Forms whose typed text is not part of the work until a button adds it, by id.
    static DRAFTS: RefCell<BTreeMap<u64, Signal<bool>>> = const { RefCell::new(BTreeMap::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

fn next_id() -> u64 {
    NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    })
}

/// Ends a field's pause: keeps the text typed during it, if any.
fn end_pause(id: u64) {
    let held = HELD.with(|held| held.borrow_mut().remove(&id));
    if let Some(Held {
        keep,
        latest: Some(text),
        timer: _,
    }) = held
    {
        keep.try_run(text);
    }
}

/// Keeps every field's held-back text now. True when there was any.
fn keep_all_held() -> bool {
    let held = HELD.with(|held| std::mem::take(&mut *held.borrow_mut()));
    let mut any = false;
    for (_, held) in held {
        if let Some(timer) = held.timer {
            timer.clear();
        }
        if let Some(text) = held.latest {
            any = true;
            held.keep.try_run(text);
        }
    }
    any
}

/// Whether any field holds typed text not yet kept.
fn holding() -> bool {
    HELD.with(|held| held.borrow().values().any(|held| held.latest.is_some()))
}

/// Whether any form holds typed text not yet added.
fn drafting() -> bool {
    DRAFTS.with(|drafts| {
        drafts
            .borrow()
            .values()
            .any(|draft| draft.try_get_untracked().unwrap_or(false))
    })
}

/// One text field that saves as the user types. Call [`TypedText::input`] from `on:input`
/// and [`TypedText::change`] from `on:change`, and show [`TypedText::shown`] as its value.
#[derive(Clone, Copy)]
pub struct TypedText {
    id: u64,
    keep: Callback<String>,
    /// The text in the field while it is being edited; `None` once it has been left.
    typing: RwSignal<Option<String>>,
    state: AppState,
}

impl TypedText {
    /// A field whose text `keep` puts into the workspace. Text held back when the field
    /// goes (the page changes) is kept then.
    pub fn new(state: AppState, keep: impl Fn(String) + Send + Sync + 'static) -> TypedText {
        let id = next_id();
        on_cleanup(move || end_pause(id));
        TypedText {
            id,
            keep: Callback::new(keep),
            typing: RwSignal::new(None),
            state,
        }
    }

    /// A keystroke: the first is kept at once, later ones at the end of the pause.
    pub fn input(self, text: String) {
        self.typing.set(Some(text.clone()));
        let text = HELD.with(|held| match held.borrow_mut().get_mut(&self.id) {
            Some(held) => {
                held.latest = Some(text);
                None
            }
            None => Some(text),
        });
        let Some(text) = text else {
            // Not over a failure: its message stays until a save succeeds.
            let save_state = self.state.session.save_state;
            if save_state.with_untracked(|now| *now == SaveState::Saved) {
                save_state.set(SaveState::Saving);
            }
            return;
        };
        self.keep.try_run(text);
        let id = self.id;
        let timer =
            set_timeout_with_handle(move || end_pause(id), Duration::from_millis(PAUSE_MS)).ok();
        HELD.with(|held| {
            held.borrow_mut().insert(
                id,
                Held {
                    keep: self.keep,
                    latest: None,
                    timer,
                },
            )
        });
    }

    /// The field was left: its text is kept now, and it shows the text as the workspace
    /// holds it again.
    pub fn change(self, text: String) {
        let held = HELD.with(|held| held.borrow_mut().remove(&self.id));
        if let Some(timer) = held.and_then(|held| held.timer) {
            timer.clear();
        }
        self.keep.try_run(text);
        self.typing.set(None);
    }

    /// What the field shows: while it is being edited, exactly what was typed (so keeping
    /// a tidied form of it never moves the cursor or eats a space), else `kept`.
    pub fn shown(self, kept: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
        let typing = self.typing;
        Signal::derive(move || typing.get().unwrap_or_else(&kept))
    }
}

/// The leave-warning also covers a form whose typed text is not added yet (`unadded` is
/// true while it holds some), for as long as the form is on the page.
pub fn warn_while(unadded: Signal<bool>) {
    let id = next_id();
    DRAFTS.with(|drafts| drafts.borrow_mut().insert(id, unadded));
    on_cleanup(move || {
        DRAFTS.with(|drafts| drafts.borrow_mut().remove(&id));
    });
}

/// Keeps typed text when the page is hidden or left, asks before leaving while any is
/// not yet kept or a form holds text not yet added, and keeps the header saying "Saving…"
/// while typed text is held back. Call once, from `App`.
pub fn watch(state: AppState) {
    let keep_now = move || {
        keep_all_held();
        crate::ui::persistence::note_unsaved(state);
        crate::ui::persistence::save_now(state);
    };
    crate::web::leaving::watch(keep_now, move || {
        let held = keep_all_held();
        if held {
            crate::ui::persistence::save_now(state);
        }
        held || drafting()
    });
    // A save that finished while more typing was held back has not saved that typing.
    Effect::new(move |_| {
        if state.session.save_state.get() == SaveState::Saved && holding() {
            state.session.save_state.set(SaveState::Saving);
        }
    });
}
