//! One module per page. Pages end in `Page`.

mod add_provision;
mod all_pupils;
mod cohorts;
mod costs;
mod data_drops;
mod help;
mod import;
mod individual_map;
pub(crate) mod provision;
mod provision_bank;
mod pupil;
mod settings;
mod shortlist;

pub use all_pupils::AllPupilsPage;
pub use cohorts::CohortsPage;
pub use costs::CostsPage;
pub use data_drops::DataDropsPage;
pub use help::HelpPage;
pub use import::ImportPage;
pub use provision::ProvisionPage;
pub use pupil::PupilPage;
pub use settings::SettingsPage;
pub use shortlist::ShortlistPage;
