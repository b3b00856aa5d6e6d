//! The intervention bank: Tameside's four lists (attendance, EBSD, curriculum, other),
//! pre-filled with its starting items, which a school adds to, renames, archives and
//! sorts alphabetically (SPEC §7).
//!
//! The pre-filled items carry **defaults a school is expected to edit**: a wave, a need
//! area and a typical delivery (who, group size, sessions a week, minutes a session,
//! weeks) chosen to be plausible for an English primary or secondary school, not taken
//! from any source document. The Tameside planner gives only the names.
//!
//! Every field of an item is edited through the **Edit intervention** form as data,
//! [`draft::InterventionDraft`].

pub mod draft;

pub use draft::{BankField, BankProblem, InterventionDraft};

use crate::core::provision::staff::StaffRoleId;
use crate::core::value::Money;
use std::fmt;

/// The id of an intervention in the bank; never reused (archived items keep theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct InterventionId(pub u32);

/// The bank's four lists, as in the Tameside planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Category {
    /// Attendance interventions.
    Attendance,
    /// Emotional, behavioural and social difficulties.
    Ebsd,
    /// Curriculum interventions.
    Curriculum,
    /// Everything else.
    #[default]
    Other,
}

impl Category {
    /// The four categories in Tameside's order.
    pub const ALL: [Category; 4] = [
        Category::Attendance,
        Category::Ebsd,
        Category::Curriculum,
        Category::Other,
    ];

    /// "Attendance", "EBSD (social, emotional, behavioural)", "Curriculum", "Other".
    pub fn label(&self) -> &'static str {
        match self {
            Category::Attendance => "Attendance",
            Category::Ebsd => "EBSD (social, emotional, behavioural)",
            Category::Curriculum => "Curriculum",
            Category::Other => "Other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The wave of intervention: 1 quality-first teaching for all (never costed), 2
/// additional small-group catch-up, 3 individual and intensive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Wave {
    /// Quality-first teaching: universal provision, never costed.
    One,
    /// Additional, small-group, time-limited catch-up.
    #[default]
    Two,
    /// Individual, intensive.
    Three,
}

impl Wave {
    /// Waves 1, 2 and 3.
    pub const ALL: [Wave; 3] = [Wave::One, Wave::Two, Wave::Three];

    /// 1, 2 or 3.
    pub fn number(&self) -> u8 {
        match self {
            Wave::One => 1,
            Wave::Two => 2,
            Wave::Three => 3,
        }
    }
}

impl fmt::Display for Wave {
    /// "Wave 2".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Wave {}", self.number())
    }
}

/// The area of need an intervention addresses, also used by the need audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum NeedArea {
    /// Reading, writing, spelling.
    Literacy,
    /// Number and mathematics.
    Mathematics,
    /// Speech, language and communication.
    Language,
    /// Social, emotional and mental health.
    Semh,
    /// English as an additional language.
    Eal,
    /// Sensory and/or physical needs.
    SensoryPhysical,
    /// Attendance.
    Attendance,
    /// Anything else.
    #[default]
    Other,
}

impl NeedArea {
    /// Every need area, in display order.
    pub const ALL: [NeedArea; 8] = [
        NeedArea::Literacy,
        NeedArea::Mathematics,
        NeedArea::Language,
        NeedArea::Semh,
        NeedArea::Eal,
        NeedArea::SensoryPhysical,
        NeedArea::Attendance,
        NeedArea::Other,
    ];

    /// "Literacy", "Mathematics", "Language and communication", "SEMH", "EAL",
    /// "Sensory and physical", "Attendance", "Other".
    pub fn label(&self) -> &'static str {
        match self {
            NeedArea::Literacy => "Literacy",
            NeedArea::Mathematics => "Mathematics",
            NeedArea::Language => "Language and communication",
            NeedArea::Semh => "SEMH",
            NeedArea::Eal => "EAL",
            NeedArea::SensoryPhysical => "Sensory and physical",
            NeedArea::Attendance => "Attendance",
            NeedArea::Other => "Other",
        }
    }

    /// The row of the whole-school provision map this area is shown in: sensory and
    /// physical, attendance and other needs share the Ealing map's "other" row.
    pub fn map_area(&self) -> MapArea {
        match self {
            NeedArea::Literacy => MapArea::Literacy,
            NeedArea::Mathematics => MapArea::Mathematics,
            NeedArea::Language => MapArea::Language,
            NeedArea::Semh => MapArea::Semh,
            NeedArea::Eal => MapArea::Eal,
            NeedArea::SensoryPhysical | NeedArea::Attendance | NeedArea::Other => MapArea::Other,
        }
    }
}

impl fmt::Display for NeedArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The rows of the Ealing whole-school provision map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapArea {
    /// Literacy interventions.
    Literacy,
    /// Mathematics interventions.
    Mathematics,
    /// Structured language programmes.
    Language,
    /// Social, emotional and behavioural support.
    Semh,
    /// EAL (EMA) provision.
    Eal,
    /// Everything else.
    Other,
}

impl MapArea {
    /// The map's rows, in order.
    pub const ALL: [MapArea; 6] = [
        MapArea::Literacy,
        MapArea::Mathematics,
        MapArea::Language,
        MapArea::Semh,
        MapArea::Eal,
        MapArea::Other,
    ];

    /// "Literacy", "Mathematics", "Language", "SEMH", "EAL", "Other".
    pub fn label(&self) -> &'static str {
        match self {
            MapArea::Literacy => "Literacy",
            MapArea::Mathematics => "Mathematics",
            MapArea::Language => "Language",
            MapArea::Semh => "SEMH",
            MapArea::Eal => "EAL",
            MapArea::Other => "Other",
        }
    }
}

/// How an intervention is delivered: who, to how many, how often and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The staff delivering each session; two TAs are two entries. Empty for an
    /// intervention that is only a resource (a laptop).
    pub staff: Vec<StaffRoleId>,
    /// Pupils in a group (1 for one-to-one).
    pub group_size: u32,
    /// Sessions a week.
    pub sessions_per_week: u32,
    /// Minutes a session.
    pub minutes_per_session: u32,
    /// Weeks it runs; `None` for the whole school year (the settings' weeks in the year).
    pub weeks: Option<u32>,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            staff: Vec::new(),
            group_size: 1,
            sessions_per_week: 1,
            minutes_per_session: 30,
            weeks: None,
        }
    }
}

/// One item of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Intervention {
    /// Its id.
    pub id: InterventionId,
    /// Its name, as the school writes it.
    pub name: String,
    /// Which of the four lists it is in.
    pub category: Category,
    /// Its wave.
    pub wave: Wave,
    /// The need area it addresses.
    pub need_area: NeedArea,
    /// How it is usually delivered; a provision can override any of it.
    pub delivery: Delivery,
    /// Resources for a year of one group (books, licences, equipment), in pence.
    pub resource_cost: Money,
    /// What it is, for staff.
    pub description: String,
    /// Whether staff need training to deliver it with fidelity.
    pub trained_staff_required: bool,
    /// Archived items stay for history but are not offered for new provision.
    pub archived: bool,
}

/// Why a change to the bank was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    /// The name was blank.
    #[error("Give the intervention a name.")]
    EmptyName,
    /// Another item in the same list already has this name (ignoring case).
    #[error("There is already an intervention called \"{0}\" in this list.")]
    Duplicate(String),
    /// No item has this id.
    #[error("That intervention is no longer in the bank.")]
    NotFound,
}

/// The intervention bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterventionBank {
    /// Every item, archived or not, in the order shown within each category.
    pub items: Vec<Intervention>,
}

impl Default for InterventionBank {
    /// The Tameside starting items.
    fn default() -> Self {
        InterventionBank {
            items: tameside_items(),
        }
    }
}

impl InterventionBank {
    /// An empty bank.
    pub fn empty() -> InterventionBank {
        InterventionBank { items: Vec::new() }
    }

    /// The item with this id.
    pub fn get(&self, id: InterventionId) -> Option<&Intervention> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The item with this id, to edit.
    pub fn get_mut(&mut self, id: InterventionId) -> Option<&mut Intervention> {
        self.items.iter_mut().find(|item| item.id == id)
    }

    /// The items of one list, archived or not, in the bank's order.
    pub fn in_category(&self, category: Category) -> impl Iterator<Item = &Intervention> {
        self.items
            .iter()
            .filter(move |item| item.category == category)
    }

    /// The items not archived: those offered for new provision.
    pub fn active(&self) -> impl Iterator<Item = &Intervention> {
        self.items.iter().filter(|item| !item.archived)
    }

    /// Adds an item called `name` (trimmed) at the end of `category`'s list, with a
    /// one-to-one, weekly, half-hour, whole-year delivery by no staff yet, and returns its
    /// id. Refused when the name is blank or already in that list (ignoring case).
    pub fn add(&mut self, name: &str, category: Category) -> Result<InterventionId, BankError> {
        let name = self.check_name(name, category, None)?;
        let id = InterventionId(
            self.items
                .iter()
                .map(|item| item.id.0)
                .max()
                .map_or(1, |max| max.saturating_add(1)),
        );
        self.items.push(Intervention {
            id,
            name,
            category,
            need_area: match category {
                Category::Attendance => NeedArea::Attendance,
                Category::Ebsd => NeedArea::Semh,
                Category::Curriculum | Category::Other => NeedArea::Other,
            },
            ..Intervention::default()
        });
        Ok(id)
    }

    /// Renames an item; refused like [`InterventionBank::add`]. Provision keeps
    /// referring to it by id, so it shows the new name everywhere.
    pub fn rename(&mut self, id: InterventionId, name: &str) -> Result<(), BankError> {
        let category = self.get(id).ok_or(BankError::NotFound)?.category;
        let name = self.check_name(name, category, Some(id))?;
        if let Some(item) = self.get_mut(id) {
            item.name = name;
        }
        Ok(())
    }

    /// Archives (`true`) or brings back (`false`) an item.
    pub fn set_archived(&mut self, id: InterventionId, archived: bool) -> Result<(), BankError> {
        self.get_mut(id).ok_or(BankError::NotFound)?.archived = archived;
        Ok(())
    }

    /// Sorts every list alphabetically, ignoring case, as Tameside's "Click To Sort
    /// Interventions Alphabetically" does. Items whose names differ only in case keep
    /// their order (the sort is stable); the lists stay in category order.
    pub fn sort_alphabetically(&mut self) {
        self.items
            .sort_by_cached_key(|item| (item.category, item.name.to_lowercase()));
    }

    fn check_name(
        &self,
        name: &str,
        category: Category,
        except: Option<InterventionId>,
    ) -> Result<String, BankError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(BankError::EmptyName);
        }
        let lower = name.to_lowercase();
        let taken = self.items.iter().any(|item| {
            Some(item.id) != except
                && item.category == category
                && item.name.trim().to_lowercase() == lower
        });
        if taken {
            return Err(BankError::Duplicate(name.to_string()));
        }
        Ok(name.to_string())
    }
}

/// One starting item: (category, name, wave, area, staff, group size, sessions a week,
/// minutes, weeks, resource pence, trained staff, description).
type Seed = (
    Category,
    &'static str,
    Wave,
    NeedArea,
    &'static [StaffRoleId],
    u32,
    u32,
    u32,
    Option<u32>,
    i64,
    bool,
    &'static str,
);

const TEACHER: &[StaffRoleId] = &[StaffRoleId::TEACHER];
const TA: &[StaffRoleId] = &[StaffRoleId::TA];
const MENTOR: &[StaffRoleId] = &[StaffRoleId::LEARNING_MENTOR];
const NOBODY: &[StaffRoleId] = &[];

/// The Tameside planner's starting lists, with default delivery a school edits.
#[rustfmt::skip]
const TAMESIDE: [Seed; 34] = {
    use Category::{Attendance as A, Curriculum as C, Ebsd as E, Other as O};
    use NeedArea::{
        Attendance as Att, Eal, Language as Lang, Literacy as Lit, Other as Oth, Semh,
        SensoryPhysical as Sens,
    };
    use Wave::{Three as W3, Two as W2};
    [
        (A, "Daily report", W2, Att, TA, 1, 5, 5, Some(6), 0, false,
         "A daily report card checked with the pupil at the start and end of each day."),
        (A, "EWO monitoring", W3, Att, MENTOR, 1, 1, 30, Some(12), 0, true,
         "Attendance monitored with the education welfare officer; weekly check-ins."),
        (A, "Meet and greet", W2, Att, TA, 4, 5, 10, None, 0, false,
         "A familiar adult meets the pupil on arrival each morning."),
        (A, "Parent Support", W2, Att, MENTOR, 1, 1, 60, Some(12), 0, false,
         "Regular meetings with parents or carers to support attendance."),
        (A, "Transition Support", W2, Att, MENTOR, 6, 1, 45, Some(6), 0, false,
         "Extra visits and sessions before and after a move between schools or phases."),
        (E, "Behaviour support", W3, Semh, TA, 1, 3, 30, Some(12), 0, true,
         "Individual support with a behaviour plan agreed with the pupil."),
        (E, "BLISS support", W2, Semh, TA, 6, 1, 45, Some(10), 0, true,
         "Small-group work on self-esteem and emotional wellbeing."),
        (E, "Circle of Friends", W3, Semh, MENTOR, 8, 1, 30, Some(8), 0, true,
         "A group of peers meets weekly to support one pupil's inclusion."),
        (E, "Friends programme", W2, Semh, MENTOR, 8, 1, 60, Some(10), 5_000, true,
         "A structured programme building resilience and coping with worry."),
        (E, "Group Circle time", W2, Semh, TA, 8, 1, 30, Some(10), 0, false,
         "Small-group circle time on feelings, friendships and turn-taking."),
        (E, "Home/school bags", W2, Semh, TA, 1, 1, 15, Some(12), 2_000, false,
         "Activities taken home and shared with parents or carers."),
        (E, "In-class support (behaviour)", W2, Semh, TA, 3, 5, 60, None, 0, false,
         "An adult in class helping pupils manage behaviour and stay on task."),
        (E, "Learning mentor", W3, Semh, MENTOR, 1, 2, 45, Some(12), 0, true,
         "Individual mentoring on engagement, aspirations and learning."),
        (E, "Lunchtime Club", W2, Semh, TA, 8, 5, 30, None, 0, false,
         "A supervised club for pupils who find lunchtimes hard."),
        (C, "Accelerread", W2, Lit, TA, 1, 4, 15, Some(10), 0, false,
         "Talking-computer reading practice."),
        (C, "Accelewrite", W2, Lit, TA, 1, 4, 15, Some(10), 0, false,
         "Talking-computer writing practice."),
        (C, "Additional Guided Reading", W2, Lit, TA, 6, 3, 20, Some(12), 0, false,
         "Extra guided reading sessions in a small group."),
        (C, "Beat Dyslexia", W3, Lit, TA, 1, 3, 20, Some(20), 6_000, true,
         "A structured, multisensory literacy programme."),
        (C, "FFT Wave 3", W3, Lit, TA, 1, 5, 20, Some(10), 0, true,
         "Fischer Family Trust one-to-one daily reading and writing."),
        (C, "FLS", W2, Lit, TA, 6, 3, 20, Some(12), 0, false,
         "Further Literacy Support in a small group."),
        (C, "Handwriting programme", W2, Lit, TA, 6, 3, 15, Some(10), 0, false,
         "Short, frequent handwriting practice."),
        (C, "In-class support (learning)", W2, Oth, TA, 3, 5, 60, None, 0, false,
         "An adult in class supporting access to lessons."),
        (C, "Lexia reading programme", W2, Lit, TA, 6, 3, 20, Some(20), 20_000, false,
         "Computer-based reading practice (licence in the resource cost)."),
        (O, "CLASS Support", W3, Lang, TA, 1, 2, 30, Some(12), 0, true,
         "Communication, language and social skills support."),
        (O, "EAL support", W2, Eal, TA, 4, 3, 30, Some(12), 0, false,
         "Small-group English language support."),
        (O, "exam arrangements", W3, Oth, TA, 1, 1, 60, Some(2), 0, true,
         "Access arrangements such as a reader, scribe or extra time."),
        (O, "HI support", W3, Sens, TA, 1, 5, 30, None, 0, true,
         "Support for a pupil with a hearing impairment."),
        (O, "Individual laptop", W3, Sens, NOBODY, 1, 0, 0, None, 30_000, false,
         "A laptop for the pupil's own use."),
        (O, "Individual spellchecker", W3, Lit, NOBODY, 1, 0, 0, None, 3_000, false,
         "A handheld spellchecker for the pupil's own use."),
        (O, "Individual teaching", W3, Oth, TEACHER, 1, 2, 30, Some(12), 0, false,
         "One-to-one teaching by a teacher."),
        (O, "Keyboard skills", W2, Sens, TA, 4, 2, 20, Some(10), 0, false,
         "Touch-typing practice."),
        (O, "Language enrichment group", W2, Lang, TA, 6, 2, 30, Some(12), 0, false,
         "Small-group talk and vocabulary work."),
        // Used on the Tameside sheet's provision columns though not in its lists; added
        // in stored format 5 (ids 33 and 34 in every bank that did not have them).
        (E, "Peer support", W2, Semh, TA, 6, 1, 30, Some(10), 0, true,
         "Trained older pupils support younger ones, supervised by an adult."),
        (C, "Maths challenge", W2, Oth, TEACHER, 6, 1, 45, Some(10), 0, false,
         "Small-group problem solving to stretch and catch up in maths."),
    ]
};

/// The Tameside starting items with ids 1 to 34, in its lists' order (Peer support and
/// Maths challenge, 33 and 34, last).
pub fn tameside_items() -> Vec<Intervention> {
    TAMESIDE
        .iter()
        .zip(1..)
        .map(
            |(
                &(
                    category,
                    name,
                    wave,
                    need_area,
                    staff,
                    group_size,
                    sessions_per_week,
                    minutes_per_session,
                    weeks,
                    resource,
                    trained_staff_required,
                    description,
                ),
                id,
            )| Intervention {
                id: InterventionId(id),
                name: name.to_string(),
                category,
                wave,
                need_area,
                delivery: Delivery {
                    staff: staff.to_vec(),
                    group_size,
                    sessions_per_week,
                    minutes_per_session,
                    weeks,
                },
                resource_cost: Money::from_pence(resource),
                description: description.to_string(),
                trained_staff_required,
                archived: false,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(bank: &InterventionBank, category: Category) -> Vec<&str> {
        bank.in_category(category)
            .map(|item| item.name.as_str())
            .collect()
    }

    #[test]
    fn the_bank_starts_with_exactly_the_tameside_lists() {
        let bank = InterventionBank::default();
        assert_eq!(
            names(&bank, Category::Attendance),
            [
                "Daily report",
                "EWO monitoring",
                "Meet and greet",
                "Parent Support",
                "Transition Support"
            ]
        );
        assert_eq!(
            names(&bank, Category::Ebsd),
            [
                "Behaviour support",
                "BLISS support",
                "Circle of Friends",
                "Friends programme",
                "Group Circle time",
                "Home/school bags",
                "In-class support (behaviour)",
                "Learning mentor",
                "Lunchtime Club",
                "Peer support"
            ]
        );
        assert_eq!(
            names(&bank, Category::Curriculum),
            [
                "Accelerread",
                "Accelewrite",
                "Additional Guided Reading",
                "Beat Dyslexia",
                "FFT Wave 3",
                "FLS",
                "Handwriting programme",
                "In-class support (learning)",
                "Lexia reading programme",
                "Maths challenge"
            ]
        );
        assert_eq!(
            names(&bank, Category::Other),
            [
                "CLASS Support",
                "EAL support",
                "exam arrangements",
                "HI support",
                "Individual laptop",
                "Individual spellchecker",
                "Individual teaching",
                "Keyboard skills",
                "Language enrichment group"
            ]
        );
        let ids: Vec<u32> = bank.items.iter().map(|item| item.id.0).collect();
        assert_eq!(ids, (1..=34).collect::<Vec<_>>());
        assert!(bank.items.iter().all(|item| !item.archived));
    }

    #[test]
    fn adding_appends_to_its_list_and_refuses_blank_or_duplicate_names() {
        let mut bank = InterventionBank::default();
        let id = bank
            .add("  Zones of Regulation ", Category::Ebsd)
            .expect("added");
        assert_eq!(id, InterventionId(35));
        let item = bank.get(id).expect("there");
        assert_eq!(item.name, "Zones of Regulation");
        assert_eq!(item.need_area, NeedArea::Semh);
        assert_eq!(
            names(&bank, Category::Ebsd).last(),
            Some(&"Zones of Regulation")
        );
        assert_eq!(bank.add("   ", Category::Other), Err(BankError::EmptyName));
        assert_eq!(
            bank.add("daily REPORT", Category::Attendance),
            Err(BankError::Duplicate("daily REPORT".into()))
        );
        // The same name in another list is allowed (Tameside lists "In-class support" in
        // two lists; the starting bank names them apart so a SENCO can tell them apart).
        assert!(bank.add("Daily report", Category::Other).is_ok());
    }

    #[test]
    fn renaming_checks_the_name_but_allows_a_change_of_case() {
        let mut bank = InterventionBank::default();
        let fls = InterventionId(20);
        assert_eq!(bank.get(fls).map(|i| i.name.as_str()), Some("FLS"));
        bank.rename(fls, "Further Literacy Support")
            .expect("renamed");
        assert_eq!(
            bank.get(fls).map(|i| i.name.as_str()),
            Some("Further Literacy Support")
        );
        bank.rename(fls, "further literacy support")
            .expect("own name, other case");
        assert_eq!(
            bank.rename(fls, "Accelerread"),
            Err(BankError::Duplicate("Accelerread".into()))
        );
        assert_eq!(
            bank.rename(InterventionId(999), "x"),
            Err(BankError::NotFound)
        );
    }

    #[test]
    fn archiving_hides_an_item_from_new_provision_and_unarchiving_brings_it_back() {
        let mut bank = InterventionBank::default();
        let lunch = InterventionId(14);
        bank.set_archived(lunch, true).expect("archived");
        assert_eq!(bank.active().count(), 33);
        assert!(bank.active().all(|item| item.id != lunch));
        assert_eq!(bank.get(lunch).map(|i| i.archived), Some(true));
        bank.set_archived(lunch, false).expect("back");
        assert_eq!(bank.active().count(), 34);
        assert_eq!(
            bank.set_archived(InterventionId(0), true),
            Err(BankError::NotFound)
        );
    }

    #[test]
    fn sorting_ignores_case_is_stable_and_keeps_lists_apart() {
        let mut bank = InterventionBank::default();
        let late = bank
            .add("aardvark reading", Category::Curriculum)
            .expect("added");
        let twin = bank.add("Zebra", Category::Other).expect("added");
        let other_twin = bank.add("ZEBRA maths", Category::Other).expect("added");
        bank.add("zebra", Category::Curriculum).expect("added");
        bank.add("Zebra", Category::Curriculum)
            .expect_err("duplicate, any case");
        bank.sort_alphabetically();
        assert_eq!(
            names(&bank, Category::Curriculum),
            [
                "aardvark reading",
                "Accelerread",
                "Accelewrite",
                "Additional Guided Reading",
                "Beat Dyslexia",
                "FFT Wave 3",
                "FLS",
                "Handwriting programme",
                "In-class support (learning)",
                "Lexia reading programme",
                "Maths challenge",
                "zebra"
            ]
        );
        assert_eq!(
            names(&bank, Category::Other),
            [
                "CLASS Support",
                "EAL support",
                "exam arrangements",
                "HI support",
                "Individual laptop",
                "Individual spellchecker",
                "Individual teaching",
                "Keyboard skills",
                "Language enrichment group",
                "Zebra",
                "ZEBRA maths"
            ]
        );
        assert_eq!(bank.items[0].category, Category::Attendance);
        assert_eq!(
            bank.get(late).map(|i| i.category),
            Some(Category::Curriculum)
        );
        assert!(bank.get(twin).is_some() && bank.get(other_twin).is_some());
    }

    #[test]
    fn sorting_keeps_names_equal_but_for_case_in_their_order() {
        let mut bank = InterventionBank::empty();
        // Bypass the duplicate check to test the sort's stability directly.
        for (id, name) in [(1, "b"), (2, "Beta"), (3, "BETA"), (4, "a"), (5, "beta")] {
            bank.items.push(Intervention {
                id: InterventionId(id),
                name: name.into(),
                ..Intervention::default()
            });
        }
        bank.sort_alphabetically();
        let ids: Vec<u32> = bank.items.iter().map(|item| item.id.0).collect();
        assert_eq!(ids, [4, 1, 2, 3, 5]);
    }
}
