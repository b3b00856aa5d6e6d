//! The app's state, in context, in two parts: the saved [`Workspace`] (a reactive store of
//! plain core types: what `ui::persistence` writes) and the [`Session`] (how it is being
//! kept and shown: never saved), plus memos that call core functions for derived data
//! (scores, shortlist). Pages read it through [`use_app_state`]; nothing here talks to
//! the browser.

use crate::core::cohort::Cohort;
use crate::core::drop::DataDrop;
use crate::core::import::mapping::MappingMemory;
use crate::core::privacy::Shown;
use crate::core::profile::Profile;
use crate::core::scoring::{score_all, shortlist, PupilScore, ScoringContext};
use crate::core::tracking::timeline::{placement, Period, Placement, Timeline};
use crate::core::tracking::trends::ScoredDrop;
use crate::web::timing;
use leptos::prelude::*;
use reactive_stores::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Scores for every pupil of the current data drop, in the drop's pupil order, plus the
/// shortlist (indices into the pupils, best first). Compared by pointer: recomputed only
/// when the drop or the profile changes.
#[derive(Debug, Clone, Default)]
pub struct Scored {
    /// One score per pupil.
    pub scores: Arc<Vec<PupilScore>>,
    /// Pupil indices on the shortlist, in rank order.
    pub shortlist: Arc<Vec<usize>>,
}

impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.scores, &other.scores) && Arc::ptr_eq(&self.shortlist, &other.shortlist)
    }
}

/// One of the workspace's data drops, held in memory.
#[derive(Debug, Clone)]
pub struct HeldDrop {
    /// Its record's id (its IndexedDB key), given when it was imported.
    pub id: String,
    /// The drop, filed under its term now (relabelled, perhaps).
    pub drop: Arc<DataDrop>,
    /// The term its record was written under: a relabel is kept in the workspace record
    /// (`storage::schema::DropEntry`), never by rewriting the pupils.
    pub recorded: Period,
}

impl HeldDrop {
    /// A drop just imported, to be written under its own term.
    pub fn new(id: String, drop: DataDrop) -> HeldDrop {
        let recorded = Period::of(&drop);
        HeldDrop {
            id,
            drop: Arc::new(drop),
            recorded,
        }
    }

    /// The term it is filed under now.
    pub fn period(&self) -> Period {
        Period::of(&self.drop)
    }

    /// The same drop filed under another term (a relabel: a copy of the drop in memory;
    /// its record is not rewritten).
    pub fn filed_under(&self, period: Period) -> HeldDrop {
        let mut drop = (*self.drop).clone();
        drop.academic_year = period.academic_year;
        drop.term = period.term;
        HeldDrop {
            id: self.id.clone(),
            drop: Arc::new(drop),
            recorded: self.recorded,
        }
    }
}

/// Compared by id and terms: a drop's pupils never change once imported (a new import is
/// a new id), and comparing 50,000 pupils field by field on every change would be wasted.
impl PartialEq for HeldDrop {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.recorded == other.recorded && self.period() == other.period()
    }
}

/// A pupil's key for school-owned notes and flags: the UPN when there is one, otherwise
/// surname, forename and date of birth (the SPEC §3 fallback).
pub type PupilKey = String;

/// The saved work of the open workspace: everything here is written to storage when it
/// changes (`ui::persistence`). A reactive store, so each field is its own subscription:
/// editing a note wakes what reads the notes, not the provision memos.
#[derive(Debug, Clone, Store)]
pub struct Workspace {
    /// The workspace's name (usually the school's), as the user gave it.
    pub name: String,
    /// Every data drop, in term order (oldest first), one per term.
    pub drops: Vec<HeldDrop>,
    /// The drop the planner shows, by id; `None` shows the latest.
    pub shown_drop: Option<String>,
    /// True when the current drop is the built-in made-up school.
    pub synthetic: bool,
    /// The scoring profile in use.
    pub profile: Profile,
    /// Column mappings the user has confirmed, reused for files with the same headings.
    pub mapping_memory: MappingMemory,
    /// Pupils staff have flagged for focus.
    pub focus: BTreeSet<PupilKey>,
    /// Staff notes per pupil.
    pub notes: BTreeMap<PupilKey, String>,
    /// Saved, named cohorts.
    pub cohorts: Vec<Cohort>,
    /// The school's provision: bank, staff roles, provisions, costs and individual maps.
    pub provision: crate::core::provision::ProvisionBook,
    /// The school's targets at every level and pupils' curricular targets.
    pub targets: crate::core::targets::TargetBook,
    /// The school's self-evaluation against the practical guide's nine features.
    pub self_evaluation: crate::core::self_evaluation::SelfEvaluation,
    /// The school's details (name, URN, DfE number, phase, local authority).
    pub details: crate::core::school::SchoolDetails,
    /// With a passphrase set, lock after this many minutes without use.
    pub lock_after_minutes: u32,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            name: "My school".to_string(),
            drops: Vec::new(),
            shown_drop: None,
            synthetic: false,
            profile: Profile::universal(),
            mapping_memory: MappingMemory::default(),
            focus: BTreeSet::new(),
            notes: BTreeMap::new(),
            cohorts: Vec::new(),
            provision: crate::core::provision::ProvisionBook::default(),
            targets: crate::core::targets::TargetBook::default(),
            self_evaluation: crate::core::self_evaluation::SelfEvaluation::default(),
            details: crate::core::school::SchoolDetails::default(),
            lock_after_minutes: crate::storage::schema::DEFAULT_LOCK_AFTER_MINUTES,
        }
    }
}

/// This tab's session: how the saved work is being kept and shown, never saved with it.
#[derive(Clone, Copy)]
pub struct Session {
    /// Privacy display mode, for projecting in a staff meeting: initials, masked UPNs, no
    /// date of birth or class (the rule is `core::privacy`; read it through [`AppState::shown`]).
    pub privacy_mode: RwSignal<bool>,
    /// Whether the workspace is saved on this computer, or locked ([`SaveState::Locked`]:
    /// protected with a passphrase and not yet unlocked, so the unlock screen shows).
    pub save_state: RwSignal<SaveState>,
    /// True once the saved workspace has been loaded (saving starts only then).
    pub loaded: RwSignal<bool>,
    /// Set when another tab saved this workspace: this tab must reload before saving.
    pub stale: RwSignal<bool>,
    /// The saved workspace is protected with a passphrase (its records are encrypted).
    pub protected: RwSignal<bool>,
    /// When a backup of the open workspace was last downloaded in this browser (kept in
    /// web storage beside the workspace, not in it, so a backup restores exactly).
    pub last_backup: RwSignal<Option<chrono::NaiveDate>>,
    /// The revision of the workspace record last written or read: rises with every save.
    /// The header carries it (`data-revision`), so a browser test can wait for the save
    /// its own action caused rather than a "Saved" that was already showing.
    pub saved_revision: RwSignal<u64>,
    /// Saved work that could not be read (a field this build does not know, a record that
    /// could not be migrated): kept as stored, never written over, offered for download.
    pub unreadable: RwSignal<Option<Arc<Unreadable>>>,
    /// Whether the browser has agreed to keep the planner's data (`None`: not known yet,
    /// or the browser does not say). Asked of the browser at start-up.
    pub storage_kept: RwSignal<Option<bool>>,
    /// Saved work noted as saved on this computer that IndexedDB no longer holds (or holds
    /// older): said plainly at start-up (`storage::marker`).
    pub missing: RwSignal<Option<Arc<MissingWork>>>,
}

impl Session {
    fn new() -> Session {
        Session {
            privacy_mode: RwSignal::new(false),
            save_state: RwSignal::new(SaveState::Loading),
            loaded: RwSignal::new(false),
            stale: RwSignal::new(false),
            protected: RwSignal::new(false),
            last_backup: RwSignal::new(None),
            saved_revision: RwSignal::new(0),
            unreadable: RwSignal::new(None),
            storage_kept: RwSignal::new(None),
            missing: RwSignal::new(None),
        }
    }

    /// Whether the saved work is protected and not yet unlocked (tracked).
    pub fn locked(&self) -> bool {
        self.save_state.with(|state| *state == SaveState::Locked)
    }
}

/// Everything the pages share: the saved work, the session, and what is derived.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The open workspace's saved work.
    pub work: Store<Workspace>,
    /// This tab's session.
    pub session: Session,
    /// Derived: the data drop the planner shows (the chosen one, else the latest).
    pub data_drop: Memo<Option<Arc<DataDrop>>>,
    /// Derived: scores and the shortlist.
    pub scored: Memo<Scored>,
    /// Derived: every drop's pupils followed through time (in `work.drops` order), and
    /// every drop scored with the current profile. Worked out only when a page reads it.
    pub tracking: Memo<Tracking>,
    /// The pupils ticked in the Shortlist and All pupils grids (one set, by pupil key,
    /// shared by both), for **Add provision for N selected**. Never saved; emptied when the
    /// data drop shown (or the workspace) changes.
    pub selected: RwSignal<BTreeSet<PupilKey>>,
}

/// Every drop followed and scored, for the Data drops page, a pupil's Over time, group
/// trends, year-on-year and the indicator's hindsight. Compared by pointer.
#[derive(Debug, Clone)]
pub struct Tracking {
    /// The drops, in term order (the timeline's order).
    pub drops: Arc<Vec<HeldDrop>>,
    /// Who is who across them.
    pub timeline: Arc<Timeline>,
    /// Each drop's scores with the current profile, in its pupils' order.
    pub scores: Arc<Vec<Arc<Vec<PupilScore>>>>,
}

impl PartialEq for Tracking {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.timeline, &other.timeline) && Arc::ptr_eq(&self.scores, &other.scores)
    }
}

impl Tracking {
    /// The drops scored, as the trend and hindsight rules read them.
    pub fn scored(&self) -> Vec<ScoredDrop<'_>> {
        self.drops
            .iter()
            .zip(self.scores.iter())
            .map(|(held, scores)| ScoredDrop {
                pupils: &held.drop.pupils,
                scores,
            })
            .collect()
    }

    /// Where `drop` (the one the planner shows, say) is in the timeline's order.
    pub fn position_of(&self, drop: &DataDrop) -> Option<usize> {
        self.drops
            .iter()
            .position(|held| std::ptr::eq(held.drop.as_ref(), drop))
    }
}

/// Saved work gone missing from this browser's storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingWork {
    /// What is missing, and what to do, in plain English.
    pub message: String,
    /// The missing workspace's id (its note is forgotten when the school starts afresh).
    pub id: String,
}

/// Stored records the planner could not read, exactly as stored (an encrypted record stays
/// encrypted), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// What went wrong and what to do, in plain English.
    pub message: String,
    /// (object store, key, the record's text as stored).
    pub records: Vec<(String, String, String)>,
}

/// Whether the user's work is safely stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Opening the saved workspace.
    Loading,
    /// Everything shown is stored on this computer.
    Saved,
    /// A change is being written.
    Saving,
    /// The last change could not be written; the message says why and what to do.
    Failed(String),
    /// The saved work is protected with a passphrase and not yet unlocked.
    Locked,
}

impl AppState {
    /// A fresh state with the universal profile and no pupils.
    pub fn new() -> AppState {
        let work = Store::new(Workspace::default());
        let data_drop = Memo::new_with_compare(
            move |_| {
                let chosen = work.shown_drop().get();
                work.drops().with(|drops| {
                    shown_index(drops, chosen.as_deref()).map(|at| drops[at].drop.clone())
                })
            },
            |old: Option<&Option<Arc<DataDrop>>>, new: Option<&Option<Arc<DataDrop>>>| {
                !matches!((old, new), (Some(Some(a)), Some(Some(b))) if Arc::ptr_eq(a, b))
                    && !matches!((old, new), (Some(None), Some(None)))
            },
        );
        let scored = Memo::new(move |_| {
            let profile = work.profile().get();
            data_drop.with(|drop| match drop {
                Some(drop) => timing::measure("planner:score", || {
                    let context = ScoringContext::for_drop(drop);
                    let scores = score_all(&drop.pupils, &profile, &context);
                    let shortlist = shortlist(&drop.pupils, &scores, &profile);
                    Scored {
                        scores: Arc::new(scores),
                        shortlist: Arc::new(shortlist),
                    }
                }),
                None => Scored::default(),
            })
        });
        let tracking = Memo::new(move |_| {
            let profile = work.profile().get();
            let drops = work.drops().get();
            timing::measure("planner:tracking", || {
                let periods: Vec<(Period, &[crate::core::pupil::Pupil])> = drops
                    .iter()
                    .map(|held| (held.period(), held.drop.pupils.as_slice()))
                    .collect();
                let timeline = Timeline::follow(&periods);
                let scores = drops
                    .iter()
                    .map(|held| {
                        let context = ScoringContext::for_drop(&held.drop);
                        Arc::new(score_all(&held.drop.pupils, &profile, &context))
                    })
                    .collect();
                Tracking {
                    drops: Arc::new(drops.clone()),
                    timeline: Arc::new(timeline),
                    scores: Arc::new(scores),
                }
            })
        });
        let selected = RwSignal::new(BTreeSet::new());
        // Another drop shown, or another workspace opened: the ticks were for those pupils.
        Effect::new(move |_| {
            data_drop.track();
            if selected.with_untracked(|s| !s.is_empty()) {
                selected.set(BTreeSet::new());
            }
        });
        AppState {
            work,
            session: Session::new(),
            data_drop,
            scored,
            tracking,
            selected,
        }
    }

    /// How pupils' details are shown now: in full, or in privacy display mode. Tracked, so
    /// a view that calls it follows the toggle.
    pub fn shown(&self) -> Shown {
        Shown::from_privacy_mode(self.session.privacy_mode.get())
    }

    /// The number of pupils in the current drop.
    pub fn pupil_count(&self) -> usize {
        self.data_drop
            .with(|drop| drop.as_ref().map_or(0, |drop| drop.pupils.len()))
    }

    /// Files an imported drop under its term: it replaces the drop held for that term, if
    /// there is one (the school's notes, flags and provision are kept by pupil, so they
    /// stay), and the planner shows the latest drop. Returns the drop it replaced.
    pub fn file_drop(&self, held: HeldDrop) -> Option<HeldDrop> {
        let mut replaced = None;
        self.work.drops().update(|drops| {
            let periods: Vec<Period> = drops.iter().map(HeldDrop::period).collect();
            if let Placement::Replaces(at) = placement(&periods, held.period()) {
                replaced = Some(drops.remove(at));
            }
            drops.push(held);
            drops.sort_by_key(HeldDrop::period);
        });
        self.work.shown_drop().set(None);
        replaced
    }
}

/// Where in `drops` (term order) the planner's shown drop is: `chosen` while it is held,
/// else the latest.
pub fn shown_index(drops: &[HeldDrop], chosen: Option<&str>) -> Option<usize> {
    chosen
        .and_then(|id| drops.iter().position(|held| held.id == id))
        .or_else(|| drops.len().checked_sub(1))
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// The app state from context. Panics only if called outside `App`, a programming error.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// The key notes and flags are kept under for a pupil (`core::pupil::PupilKey`, as
/// stored).
pub fn pupil_key(pupil: &crate::core::pupil::Pupil) -> PupilKey {
    crate::core::pupil::PupilKey::of(pupil).into_string()
}
