//! Components shared by several pages.

pub mod chart;
pub mod data_panel;
pub mod empty_state;
pub mod pupil_grid;

pub use empty_state::EmptyState;
pub use pupil_grid::{PrivacyToggle, PupilGrid};
