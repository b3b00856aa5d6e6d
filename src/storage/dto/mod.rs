//! The stored shapes: what the planner writes to IndexedDB and backup files, as types of
//! their own (issue 11 §1). The core's types carry no serde; each shape here converts
//! from its core type (`From<&Core>`) and back (`TryFrom`, or `From` where nothing can be
//! wrong), so a field renamed in the core cannot change what is stored: the conversion
//! stops compiling instead, and the frozen records in `tests/fixtures/stored/` say whether
//! the JSON changed.
//!
//! Reading back checks what serde cannot: a UPN's check letter, a year group, a
//! percentage no more than 100%. A value that fails is [`StorageError::Damaged`], saying
//! which value and why, never a panic.
//!
//! By domain: [`pupil`] (a pupil and the values in it), [`mapping`] (column mappings),
//! [`drop`] (a data drop and its import plan), [`cohort`] (saved cohorts), [`provision`]
//! (the provision book), [`targets`] (the target book), [`self_evaluation`] (the
//! school's self-evaluation), [`school`] (the school's details), [`workspace`] (the two
//! records themselves).

pub mod bank;
pub mod cohort;
pub mod drop;
pub mod mapping;
pub mod provision;
pub mod pupil;
pub mod school;
pub mod self_evaluation;
pub mod targets;
pub mod workspace;

use crate::storage::schema::StorageError;

/// A stored value the core refuses, as [`StorageError::Damaged`]: `what` names the value
/// ("a pupil's UPN"), `value` is what was stored and `why` the core's reason.
pub(crate) fn refused(
    what: &str,
    value: impl std::fmt::Display,
    why: impl std::fmt::Display,
) -> StorageError {
    StorageError::Damaged(format!("{what} “{value}” is not valid: {why}"))
}

/// Converts every item of a stored list back to the core, stopping at the first that
/// cannot be.
pub(crate) fn all_to_core<D, C>(items: Vec<D>) -> Result<Vec<C>, StorageError>
where
    C: TryFrom<D, Error = StorageError>,
{
    items.into_iter().map(C::try_from).collect()
}

/// A stored enum of unit variants mirroring a core enum variant for variant, with the
/// conversions both ways. The variant names are the stored text, so they must never be
/// renamed without a migration. Attributes given (a doc comment, or
/// `#[serde(rename_all = "snake_case")]` for the shapes that store snake-case words) go
/// on the stored enum.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $dto:ident => $core:ident { $($variant:ident),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        $(#[$meta])*
        pub enum $dto {
            $($variant),+
        }

        impl From<$core> for $dto {
            fn from(value: $core) -> $dto {
                match value {
                    $($core::$variant => $dto::$variant),+
                }
            }
        }

        impl From<$dto> for $core {
            fn from(value: $dto) -> $core {
                match value {
                    $($dto::$variant => $core::$variant),+
                }
            }
        }
    };
}
pub(crate) use mirror_enum;

/// `Default` for a stored shape that is the core type's default, written out: so a field
/// missing from an older record reads as the core's default for it, as it always has.
macro_rules! default_from_core {
    ($dto:ident, $core:ident) => {
        impl Default for $dto {
            fn default() -> $dto {
                $dto::from(&$core::default())
            }
        }
    };
}
pub(crate) use default_from_core;
