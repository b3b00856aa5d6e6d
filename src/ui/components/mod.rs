//! Components shared by several pages.

pub mod chart;
pub mod data_panel;
pub mod empty_state;
pub mod passphrase_panel;
pub mod pupil_grid;
pub mod unlock;
pub mod workspaces;

pub use empty_state::EmptyState;
pub use pupil_grid::{PrivacyToggle, PupilGrid};
