//! One module per page. Pages end in `Page`.

mod all_pupils;
mod cohorts;
mod data_drops;
mod help;
mod import;
mod pupil;
mod settings;
mod shortlist;

pub use all_pupils::AllPupilsPage;
pub use cohorts::CohortsPage;
pub use data_drops::DataDropsPage;
pub use help::HelpPage;
pub use import::ImportPage;
pub use pupil::PupilPage;
pub use settings::SettingsPage;
pub use shortlist::ShortlistPage;
