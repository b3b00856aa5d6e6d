//! Whether a large write fits: before the pupils of an import are written, the browser's
//! own estimate of the space used and allowed is checked, so a nearly full disk refuses
//! the import plainly (and keeps the pupils already saved) instead of failing half-way
//! through a write the browser may then throw away as damaged.

use super::error::StorageError;

/// How much the browser says the planner uses and may use, in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Space {
    /// Bytes used now.
    pub usage: f64,
    /// Bytes the planner may use (the browser lowers this as the disk fills).
    pub quota: f64,
}

/// Room always left free beyond the write itself: the browser's database needs space of
/// its own to commit (its log, compaction), and a disk filled to the last byte is where
/// it starts losing data.
pub const SPARE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// How many bytes writing `text_bytes` of stored text may need. IndexedDB keeps the old
/// record until the new one is committed, and stores text in up to two bytes a
/// character, so twice the text is asked for.
pub fn bytes_needed(text_bytes: usize) -> f64 {
    2.0 * text_bytes as f64
}

/// Whether writing `text_bytes` of stored text for `pupils` pupils fits in `space` with
/// [`SPARE_BYTES`] to spare. Where the browser gives no estimate (`None`) the write is
/// tried, and a full disk is then reported by the write itself.
pub fn room_for(
    space: Option<Space>,
    text_bytes: usize,
    pupils: usize,
) -> Result<(), StorageError> {
    let Some(space) = space else {
        return Ok(());
    };
    let free = space.quota - space.usage;
    if bytes_needed(text_bytes) + SPARE_BYTES <= free {
        Ok(())
    } else {
        Err(StorageError::NoRoom { pupils })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: f64 = 1024.0 * 1024.0;

    #[test]
    fn a_write_that_fits_with_room_to_spare_goes_ahead() {
        let space = Space {
            usage: 10.0 * MB,
            quota: 100.0 * MB,
        };
        assert_eq!(room_for(Some(space), 5_000_000, 2000), Ok(()));
    }

    #[test]
    fn a_write_that_would_leave_less_than_the_spare_room_is_refused() {
        // 20 MB free; 6 MB of text needs 12 MB, plus 8 MB spare: 20 MB, just fits.
        let space = Space {
            usage: 80.0 * MB,
            quota: 100.0 * MB,
        };
        assert_eq!(room_for(Some(space), (6.0 * MB) as usize, 2000), Ok(()));
        assert_eq!(
            room_for(Some(space), (6.0 * MB) as usize + 1, 2000),
            Err(StorageError::NoRoom { pupils: 2000 })
        );
    }

    #[test]
    fn a_nearly_full_disk_refuses_even_a_small_write() {
        let space = Space {
            usage: 1.0 * MB,
            quota: 1.0 * MB + 100.0 * 1024.0,
        };
        assert_eq!(
            room_for(Some(space), 1000, 12),
            Err(StorageError::NoRoom { pupils: 12 })
        );
    }

    #[test]
    fn without_an_estimate_the_write_is_tried() {
        assert_eq!(room_for(None, usize::MAX / 4, 50_000), Ok(()));
    }

    #[test]
    fn the_refusal_names_the_pupils_and_what_to_do() {
        let message = StorageError::NoRoom { pupils: 2000 }.to_string();
        assert!(
            message.contains("There isn't enough space on this computer to save 2,000 pupils"),
            "{message}"
        );
        assert!(
            message.contains("Free some space or download a backup first"),
            "{message}"
        );
        assert!(
            message.contains("pupils you had before are still saved"),
            "{message}"
        );
    }
}
