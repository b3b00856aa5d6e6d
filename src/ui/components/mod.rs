//! Components shared by several pages.

pub mod chart;
pub mod data_panel;
pub mod delete_all;
pub mod empty_state;
pub mod export;
pub mod filter_bar;
pub mod form;
pub mod gap_analysis;
pub mod group_trends;
pub mod over_time;
pub mod passphrase_panel;
pub mod period_fields;
pub mod print;
pub mod pupil_grid;
pub mod pupil_targets;
pub mod restore_question;
pub mod saved_cohorts;
pub mod school_compare;
pub mod school_details;
pub mod selection_bar;
pub mod unlock;
pub mod upn_text;
pub mod workspaces;

pub use empty_state::EmptyState;
pub use export::ExportButtons;
pub use filter_bar::FilterBar;
pub use form::{EnumSelect, ErrorSummary, FieldError, YearKind, YearSelect};
pub use print::{PrintHeader, PrintPupilTable};
pub use pupil_grid::{PrivacyToggle, PupilGrid};
pub use pupil_targets::{MapTargets, PupilTargets};
pub use saved_cohorts::SavedCohorts;
pub use selection_bar::SelectionBar;
pub use upn_text::UpnText;
