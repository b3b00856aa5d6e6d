//! A made-up school (SPEC §4 "Try it with a made-up school", and benchmark files):
//! a deterministic, seeded generator of an England-like pupil list with the same
//! SIMS-style headings as the test fixtures.
//!
//! Pure: no IO, no clock, no OS randomness. Randomness comes from a small SplitMix64
//! generator of our own, and only `+ − × ÷` and comparisons are used on floating-point
//! numbers (IEEE-754 makes those exact everywhere), so the same [`SchoolSpec`] gives the
//! same school, byte for byte, on every machine and in wasm.
//!
//! The distributions follow national figures loosely: about 14% SEN support and 3% EHC
//! plans, 1% looked after, 20% EAL, 25% FSM, IDACI spread over all ten deciles,
//! attendance mostly 90–99% with about 15% persistently absent and a few severely
//! absent, and occasional suspensions (more in secondary). Factors correlate a little:
//! SEN and FSM go with lower attainment and attendance, SEMH with suspensions,
//! deprivation with FSM, recent arrivals with low English proficiency and school moves.

use crate::core::value::{format_uk_date, Upn};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashSet;

mod la;
mod terms;
pub use la::{generate_la, LaFile, LaSchool, LaSpec, SCHOOL_HEADINGS};
pub use terms::{drop_date, generate_drops, SchoolDrop, WithoutUpn};

// ---------------------------------------------------------------------------------------
// The specification and the result.
// ---------------------------------------------------------------------------------------

/// Which year groups the made-up school has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Reception to Year 6, with teacher-assessment columns.
    Primary,
    /// Year 7 to Year 11, with KS2 scaled scores and GCSE-style grades.
    Secondary,
    /// Reception to Year 11, with both sets of attainment columns (blank where they do
    /// not apply).
    AllThrough,
}

impl Phase {
    /// Reads "primary", "secondary" or "all-through" (any case; "allthrough" and
    /// "all_through" too).
    pub fn parse(text: &str) -> Option<Phase> {
        let squashed: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        match squashed.as_str() {
            "primary" => Some(Phase::Primary),
            "secondary" => Some(Phase::Secondary),
            "allthrough" | "all" => Some(Phase::AllThrough),
            _ => None,
        }
    }

    /// The school's year groups as numbers: 0 is Reception, 1–11 are Years 1–11.
    fn years(self) -> std::ops::RangeInclusive<u8> {
        match self {
            Phase::Primary => 0..=6,
            Phase::Secondary => 7..=11,
            Phase::AllThrough => 0..=11,
        }
    }

    fn has_primary(self) -> bool {
        self != Phase::Secondary
    }

    fn has_secondary(self) -> bool {
        self != Phase::Primary
    }
}

/// What school to make up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolSpec {
    /// The seed: the same spec gives the same school, byte for byte.
    pub seed: u64,
    /// Exactly how many pupils.
    pub pupils: usize,
    /// Primary, secondary or all-through.
    pub phase: Phase,
    /// "Today": dates of birth, entry dates and sessions are worked out from it.
    pub as_of: NaiveDate,
    /// The school's name, for titles and file names.
    pub name: String,
}

impl Default for SchoolSpec {
    /// Oakfield Primary (made-up): 210 pupils, seed 2026, as of 13 March 2026.
    fn default() -> Self {
        SchoolSpec {
            seed: 2026,
            pupils: 210,
            phase: Phase::Primary,
            as_of: ymd(2026, 3, 13),
            name: "Oakfield Primary (made-up)".to_string(),
        }
    }
}

/// A made-up pupil list as a spreadsheet would hold it: a header row and one row of
/// cell text per pupil (dates as dd/mm/yyyy, yes/no as the fixtures write them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyntheticSchool {
    /// The school's name, from the spec.
    pub name: String,
    /// SIMS-style column headings.
    pub headings: Vec<String>,
    /// One row per pupil, one cell per heading; an empty string is a blank cell.
    pub rows: Vec<Vec<String>>,
}

/// What a column holds, so a spreadsheet writer can store real dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    /// Text, kept as written (UPNs, names, codes).
    Text,
    /// A number when the cell reads as one (a KS2 column also holds codes such as `A`).
    Number,
    /// A date written dd/mm/yyyy.
    Date,
}

impl SyntheticSchool {
    /// The kind of each column, in heading order.
    pub fn column_kinds(&self) -> Vec<ColumnKind> {
        self.headings
            .iter()
            .map(|heading| column_kind(heading))
            .collect()
    }
}

/// The kind of a column the generator writes, by its heading.
pub fn column_kind(heading: &str) -> ColumnKind {
    match heading {
        "Date of Birth" | "Date of Entry" => ColumnKind::Date,
        "School Moves"
        | "IDACI Score"
        | "IDACI Decile"
        | "Possible Sessions"
        | "Attended Sessions"
        | "Attendance %"
        | "Suspensions"
        | "Suspension Sessions"
        | "KS2 Reading Scaled Score"
        | "KS2 Maths Scaled Score"
        | "English Working At"
        | "English Target"
        | "Maths Working At"
        | "Maths Target" => ColumnKind::Number,
        _ => ColumnKind::Text,
    }
}

const COMMON_HEADINGS: [&str; 26] = [
    "UPN",
    "Legal Surname",
    "Legal Forename",
    "Preferred Forename",
    "Gender",
    "Date of Birth",
    "Year Group",
    "Reg Group",
    "SEN Status",
    "SEN Primary Need",
    "Looked After",
    "EAL",
    "English Proficiency",
    "First Language",
    "Date of Entry",
    "School Moves",
    "FSM Eligible",
    "Pupil Premium",
    "IDACI Score",
    "IDACI Decile",
    "Possible Sessions",
    "Attended Sessions",
    "Attendance %",
    "Suspensions",
    "Suspension Sessions",
    "Permanent Exclusion",
];

const PRIMARY_HEADINGS: [&str; 3] = ["Reading TA", "Writing TA", "Maths TA"];

const SECONDARY_HEADINGS: [&str; 6] = [
    "KS2 Reading Scaled Score",
    "KS2 Maths Scaled Score",
    "English Working At",
    "English Target",
    "Maths Working At",
    "Maths Target",
];

/// The headings a school of this phase is written with: the 26 common SIMS-style
/// columns, then teacher assessments (primary), KS2 and GCSE-style columns (secondary),
/// or both (all-through, where "Maths TA" holds Years 7–11's maths grades too, because
/// the importer maps one current-attainment column per subject).
pub fn headings(phase: Phase) -> Vec<String> {
    let mut headings: Vec<String> = COMMON_HEADINGS.iter().map(|h| h.to_string()).collect();
    if phase.has_primary() {
        headings.extend(PRIMARY_HEADINGS.iter().map(|h| h.to_string()));
    }
    if phase.has_secondary() {
        // An all-through school keeps one Maths column: TA codes to Year 6, grades after.
        headings.extend(
            SECONDARY_HEADINGS
                .iter()
                .filter(|h| phase == Phase::Secondary || **h != "Maths Working At")
                .map(|h| h.to_string()),
        );
    }
    headings
}

/// The built-in made-up school behind "Try it with a made-up school": the default spec.
pub fn made_up_school() -> SyntheticSchool {
    generate(&SchoolSpec::default())
}

/// The school as CSV, as Excel saves "CSV UTF-8": a byte-order mark, CRLF line endings,
/// and RFC 4180 quoting (fields with a comma, quote or line break are quoted, quotes
/// doubled).
pub fn to_csv(school: &SyntheticSchool) -> String {
    let mut out = String::with_capacity(64 + school.rows.len() * 220);
    out.push('\u{feff}');
    for row in std::iter::once(&school.headings).chain(school.rows.iter()) {
        for (index, field) in row.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            if field.contains([',', '"', '\r', '\n']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    }
    out
}

// ---------------------------------------------------------------------------------------
// Randomness: SplitMix64, seeded, identical everywhere.
// ---------------------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and good enough for made-up data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_0F5C_4001_u64)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n` (0 when `n` is 0), without modulo bias worth noticing.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high.saturating_sub(low) + 1) as usize) as u32
    }

    /// Uniform in [0, 1), from 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly standard normal: the Irwin–Hall sum of twelve uniforms, less six.
    /// Additions only, so it is exact on every machine.
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }

    fn weighted<T: Copy + Default>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.below(total as usize) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        T::default()
    }
}

// ---------------------------------------------------------------------------------------
// Names and languages.
// ---------------------------------------------------------------------------------------

/// A heritage group: the names its families use, the languages they speak at home, how
/// many children have a first language other than English, and how many arrived recently.
struct Origin {
    weight: u32,
    surnames: &'static [&'static str],
    /// Surnames with a male and a female form (Ó Briain / Ní Bhriain, -ski / -ska).
    paired: &'static [(&'static str, &'static str)],
    boys: &'static [&'static str],
    girls: &'static [&'static str],
    languages: &'static [(&'static str, u32)],
    /// Percent of children with EAL.
    eal: u32,
    /// Percent of EAL children who arrived in England in the last two years.
    newcomers: u32,
}

const BRITISH_SURNAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Hughes",
    "Edwards",
    "Turner",
    "Hill",
    "Moore",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
    "Mitchell",
    "Kelly",
    "Cook",
    "Carter",
    "Richardson",
    "Bailey",
    "Collins",
    "Bell",
    "Shaw",
    "Murphy",
    "Miller",
    "Cox",
    "Richards",
    "Marshall",
    "Simpson",
    "Ellis",
    "Adams",
    "Wilkinson",
    "Foster",
    "Chapman",
    "Powell",
    "Webb",
    "Rogers",
    "Gray",
    "Mason",
    "Hunt",
    "Holmes",
    "Palmer",
    "Lloyd",
    "Ford",
    "Barnes",
    "Knight",
    "Pearson",
    "Fletcher",
    "Butler",
    "Stevens",
    "Dixon",
    "Fox",
    "Lawrence",
    "Russell",
    "Gibson",
    "Armstrong",
    "Hart",
    "Sutton",
    "Atkinson",
    "Heywood",
    "Ashworth",
    "Oakley",
    "Whitfield",
    "Crossley",
    "Sykes",
    "Brennan",
    "Lister",
    "Pickles",
    "Thornton",
];
const BRITISH_BOYS: &[&str] = &[
    "Oliver",
    "George",
    "Noah",
    "Arthur",
    "Harry",
    "Leo",
    "Jack",
    "Charlie",
    "Oscar",
    "Jacob",
    "Henry",
    "Thomas",
    "Freddie",
    "Alfie",
    "Theo",
    "William",
    "Theodore",
    "Archie",
    "Joshua",
    "Alexander",
    "James",
    "Isaac",
    "Edward",
    "Lucas",
    "Tommy",
    "Finley",
    "Max",
    "Logan",
    "Ethan",
    "Teddy",
    "Benjamin",
    "Arlo",
    "Joseph",
    "Sebastian",
    "Dylan",
    "Reuben",
    "Harvey",
    "Samuel",
    "Daniel",
    "Riley",
    "Jenson",
    "Albie",
    "Ronnie",
    "Rory",
    "Louie",
    "Jude",
    "Hugo",
    "Elijah",
    "Callum",
    "Jamie",
    "Kai",
    "Toby",
    "Zachary",
    "Mason",
    "Lewis",
    "Billy",
    "Stanley",
    "Tyler",
];
const BRITISH_GIRLS: &[&str] = &[
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Ivy",
    "Freya",
    "Lily",
    "Florence",
    "Mia",
    "Willow",
    "Rosie",
    "Sophia",
    "Isabella",
    "Grace",
    "Daisy",
    "Sienna",
    "Poppy",
    "Elsie",
    "Emily",
    "Ella",
    "Evelyn",
    "Phoebe",
    "Evie",
    "Charlotte",
    "Harper",
    "Millie",
    "Matilda",
    "Maisie",
    "Ruby",
    "Sophie",
    "Alice",
    "Hallie",
    "Ellie",
    "Bonnie",
    "Harriet",
    "Jessica",
    "Chloe",
    "Megan",
    "Erin",
    "Holly",
    "Lucy",
    "Zoë",
    "Chloë",
    "Esmé",
    "Beatrice",
    "Nancy",
    "Elizabeth",
    "Eleanor",
    "Katherine",
    "Margot",
    "Edith",
    "Orla",
    "Lottie",
    "Martha",
];

const ORIGINS: &[Origin] = &[
    Origin {
        weight: 640,
        surnames: BRITISH_SURNAMES,
        paired: &[],
        boys: BRITISH_BOYS,
        girls: BRITISH_GIRLS,
        languages: &[("English", 1)],
        eal: 0,
        newcomers: 0,
    },
    Origin {
        weight: 20,
        surnames: &[
            "Jones",
            "Davies",
            "Evans",
            "Thomas",
            "Roberts",
            "Lewis",
            "Hughes",
            "Morgan",
            "Griffiths",
            "Llewellyn",
            "ap Rhys",
            "Pritchard",
            "Vaughan",
            "Price",
            "ap Dafydd",
        ],
        paired: &[],
        boys: &[
            "Rhys", "Owain", "Dafydd", "Gethin", "Iolo", "Osian", "Ioan", "Tomos",
        ],
        girls: &[
            "Ffion",
            "Cerys",
            "Seren",
            "Carys",
            "Mali",
            "Elin",
            "Siân",
            "Nia",
            "Gwenllïan",
        ],
        languages: &[("English", 9), ("Welsh", 1)],
        eal: 5,
        newcomers: 0,
    },
    Origin {
        weight: 15,
        surnames: &[
            "MacDonald",
            "McLeod",
            "Campbell",
            "Stewart",
            "Fraser",
            "Mackenzie",
            "Robertson",
            "Murray",
            "McGregor",
            "Ross",
            "MacKinnon",
            "Sinclair",
        ],
        paired: &[],
        boys: &[
            "Ewan", "Fraser", "Callum", "Lachlan", "Finlay", "Angus", "Euan", "Ruaridh",
        ],
        girls: &[
            "Eilidh", "Iona", "Skye", "Isla", "Morag", "Kirsty", "Ailsa", "Mhairi",
        ],
        languages: &[("English", 1)],
        eal: 0,
        newcomers: 0,
    },
    Origin {
        weight: 30,
        surnames: &[
            "O'Connor",
            "O'Brien",
            "Murphy",
            "Kelly",
            "Byrne",
            "Ryan",
            "O'Sullivan",
            "Walsh",
            "McCarthy",
            "Doyle",
            "O'Neill",
            "Gallagher",
            "Quinn",
            "McLaughlin",
            "Keane",
        ],
        paired: &[
            ("Ó Briain", "Ní Bhriain"),
            ("Ó Súilleabháin", "Ní Shúilleabháin"),
            ("Mac Cárthaigh", "Nic Cárthaigh"),
            ("Ó Ceallaigh", "Ní Cheallaigh"),
        ],
        boys: &[
            "Seán", "Oisín", "Cian", "Darragh", "Conor", "Liam", "Ciarán", "Pádraig", "Eoin",
            "Tadhg",
        ],
        girls: &[
            "Aoife", "Niamh", "Saoirse", "Siobhán", "Róisín", "Caoimhe", "Clodagh", "Orla",
            "Sinéad", "Méabh",
        ],
        languages: &[("English", 9), ("Irish", 1)],
        eal: 3,
        newcomers: 5,
    },
    Origin {
        weight: 20,
        surnames: &[
            "Campbell", "Brown", "Williams", "Thomas", "Francis", "Grant", "Clarke", "Reid",
            "Johnson", "Henry", "Samuels", "Gordon", "Bailey", "Forbes",
        ],
        paired: &[],
        boys: &[
            "Jayden", "Tyrese", "Kai", "Malachi", "Josiah", "Elijah", "Reuben", "Andre",
        ],
        girls: &[
            "Nia", "Amara", "Tia", "Keisha", "Jada", "Kiara", "Destiny", "Imani",
        ],
        languages: &[("English", 1)],
        eal: 0,
        newcomers: 0,
    },
    Origin {
        weight: 60,
        surnames: &[
            "Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Akhtar", "Mahmood", "Shah", "Butt",
            "Raja", "Malik", "Riaz", "Rashid", "Aslam", "Javed",
        ],
        paired: &[],
        boys: &[
            "Muhammad", "Ibrahim", "Yusuf", "Hamza", "Ayaan", "Zayn", "Ismail", "Zakariya", "Musa",
            "Rayyan", "Haris", "Abdullah", "Bilal", "Arham",
        ],
        girls: &[
            "Maryam", "Aisha", "Fatima", "Zara", "Hafsa", "Inaaya", "Khadija", "Anaya", "Zainab",
            "Eman", "Hania", "Noor",
        ],
        languages: &[("Urdu", 5), ("Panjabi", 3), ("Pahari", 1), ("Pashto", 1)],
        eal: 55,
        newcomers: 4,
    },
    Origin {
        weight: 25,
        surnames: &[
            "Rahman",
            "Begum",
            "Uddin",
            "Miah",
            "Islam",
            "Ahmed",
            "Hoque",
            "Chowdhury",
            "Hossain",
            "Alam",
        ],
        paired: &[],
        boys: &[
            "Rafi", "Tahmid", "Ayaan", "Arif", "Sami", "Zubair", "Nabil", "Mahir", "Rayan",
        ],
        girls: &[
            "Nusrat", "Tasnim", "Sumaiya", "Ruqayyah", "Jannat", "Ayesha", "Tahmina", "Safa",
        ],
        languages: &[("Bengali", 4), ("Sylheti", 1)],
        eal: 70,
        newcomers: 4,
    },
    Origin {
        weight: 35,
        surnames: &[
            "Patel", "Singh", "Sharma", "Gill", "Sandhu", "Kumar", "Shah", "Mistry", "Krishnan",
            "Nair", "Reddy", "Pillai", "Desai", "Chauhan",
        ],
        paired: &[("Singh", "Kaur")],
        boys: &[
            "Arjun", "Aarav", "Rohan", "Dev", "Karthik", "Jaskaran", "Harjot", "Vihaan", "Krish",
            "Aryan", "Ishaan",
        ],
        girls: &[
            "Priya", "Anaya", "Divya", "Simran", "Jasleen", "Aadhya", "Ishani", "Saanvi", "Kavya",
            "Meera", "Harleen",
        ],
        languages: &[
            ("Panjabi", 4),
            ("Gujarati", 3),
            ("Tamil", 2),
            ("Hindi", 2),
            ("Malayalam", 1),
            ("Telugu", 1),
        ],
        eal: 45,
        newcomers: 10,
    },
    Origin {
        weight: 20,
        surnames: &[
            "Okafor", "Adeyemi", "Okonkwo", "Nwosu", "Adebayo", "Eze", "Balogun", "Oyelaran",
            "Olawale", "Ogunleye",
        ],
        paired: &[],
        boys: &[
            "Oluwaseun",
            "Chidi",
            "Emeka",
            "Tobi",
            "David",
            "Daniel",
            "Ayodeji",
            "Chukwuemeka",
        ],
        girls: &[
            "Chiamaka",
            "Adaeze",
            "Temitope",
            "Ifeoma",
            "Blessing",
            "Esther",
            "Oluwatoyin",
            "Precious",
        ],
        languages: &[("Yoruba", 3), ("Igbo", 2)],
        eal: 35,
        newcomers: 15,
    },
    Origin {
        weight: 8,
        surnames: &[
            "Mensah", "Osei", "Boateng", "Asante", "Owusu", "Appiah", "Agyeman",
        ],
        paired: &[],
        boys: &["Kwame", "Kofi", "Kwabena", "Nana", "Jeffrey"],
        girls: &["Abena", "Ama", "Akosua", "Efua", "Adwoa"],
        languages: &[("Twi", 1)],
        eal: 40,
        newcomers: 10,
    },
    Origin {
        weight: 10,
        surnames: &[
            "Abdi", "Mohamed", "Warsame", "Hassan", "Farah", "Osman", "Jama", "Yusuf",
        ],
        paired: &[],
        boys: &["Abdirahman", "Mahad", "Liban", "Guled", "Zakaria"],
        girls: &["Nasra", "Hodan", "Fardowsa", "Hamdi", "Ayaan", "Ikran"],
        languages: &[("Somali", 1)],
        eal: 85,
        newcomers: 10,
    },
    Origin {
        weight: 4,
        surnames: &["Tesfaye", "Haile", "Gebremedhin", "Tekle", "Berhane"],
        paired: &[],
        boys: &["Yonas", "Dawit", "Abel", "Samuel"],
        girls: &["Selam", "Hiwet", "Rahel", "Saba"],
        languages: &[("Tigrinya", 2), ("Amharic", 1)],
        eal: 90,
        newcomers: 40,
    },
    Origin {
        weight: 30,
        surnames: &[
            "Nowak",
            "Wójcik",
            "Woźniak",
            "Kaczmarek",
            "Mazur",
            "Krawczyk",
        ],
        paired: &[
            ("Kowalski", "Kowalska"),
            ("Wiśniewski", "Wiśniewska"),
            ("Kamiński", "Kamińska"),
            ("Lewandowski", "Lewandowska"),
            ("Zieliński", "Zielińska"),
            ("Dąbrowski", "Dąbrowska"),
            ("Szymański", "Szymańska"),
        ],
        boys: &[
            "Jakub",
            "Szymon",
            "Filip",
            "Kacper",
            "Antoni",
            "Mikołaj",
            "Wojciech",
            "Jan",
            "Franciszek",
            "Aleksander",
        ],
        girls: &[
            "Zuzanna",
            "Julia",
            "Zofia",
            "Hanna",
            "Maja",
            "Lena",
            "Alicja",
            "Oliwia",
            "Wiktoria",
            "Aleksandra",
        ],
        languages: &[("Polish", 1)],
        eal: 90,
        newcomers: 8,
    },
    Origin {
        weight: 25,
        surnames: &[
            "Popescu",
            "Ionescu",
            "Dumitru",
            "Stan",
            "Stoica",
            "Gheorghe",
            "Rusu",
            "Munteanu",
            "Țăranu",
            "Constantin",
            "Marin",
            "Lungu",
        ],
        paired: &[],
        boys: &[
            "Andrei",
            "Ștefan",
            "Mihai",
            "Alexandru",
            "David",
            "Luca",
            "Matei",
            "Ionuț",
        ],
        girls: &[
            "Ioana", "Maria", "Elena", "Andreea", "Bianca", "Ana", "Daria", "Sofia",
        ],
        languages: &[("Romanian", 1)],
        eal: 90,
        newcomers: 25,
    },
    Origin {
        weight: 10,
        surnames: &[],
        paired: &[
            ("Kazlauskas", "Kazlauskaitė"),
            ("Jankauskas", "Jankauskaitė"),
            ("Petrauskas", "Petrauskaitė"),
            ("Žukauskas", "Žukauskaitė"),
            ("Stankevičius", "Stankevičiūtė"),
            ("Vasiliauskas", "Vasiliauskaitė"),
        ],
        boys: &[
            "Lukas",
            "Matas",
            "Dominykas",
            "Žygimantas",
            "Jokūbas",
            "Kajus",
        ],
        girls: &["Emilija", "Gabrielė", "Ūla", "Austėja", "Kamilė", "Urtė"],
        languages: &[("Lithuanian", 1)],
        eal: 90,
        newcomers: 15,
    },
    Origin {
        weight: 10,
        surnames: &[
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Tkachenko",
            "Melnyk",
            "Kravchenko",
            "Boyko",
        ],
        paired: &[],
        boys: &["Maksym", "Artem", "Oleksandr", "Danylo", "Bohdan"],
        girls: &["Solomiia", "Sofiia", "Anastasiia", "Viktoriia", "Yeva"],
        languages: &[("Ukrainian", 3), ("Russian", 1)],
        eal: 97,
        newcomers: 60,
    },
    Origin {
        weight: 8,
        surnames: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Costa",
            "Rodrigues",
            "Gonçalves",
        ],
        paired: &[],
        boys: &["João", "Tomás", "Rodrigo", "Afonso", "Duarte"],
        girls: &["Leonor", "Beatriz", "Mariana", "Inês", "Matilde"],
        languages: &[("Portuguese", 1)],
        eal: 85,
        newcomers: 15,
    },
    Origin {
        weight: 6,
        surnames: &[
            "García",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Muñoz",
            "Pérez",
        ],
        paired: &[],
        boys: &["Hugo", "Mateo", "Pablo", "Álvaro", "Martín"],
        girls: &["Lucía", "Sofía", "Inés", "Martina", "Paula"],
        languages: &[("Spanish", 1)],
        eal: 85,
        newcomers: 15,
    },
    Origin {
        weight: 5,
        surnames: &[
            "Rossi", "Esposito", "Russo", "Bianchi", "Romano", "Ricci", "D'Angelo",
        ],
        paired: &[],
        boys: &["Niccolò", "Lorenzo", "Matteo", "Francesco", "Leonardo"],
        girls: &["Giulia", "Chiara", "Aurora", "Ginevra", "Beatrice"],
        languages: &[("Italian", 1)],
        eal: 85,
        newcomers: 15,
    },
    Origin {
        weight: 5,
        surnames: &["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard"],
        paired: &[],
        boys: &["Raphaël", "Théo", "Gabriel", "Louis", "Noé", "Jules"],
        girls: &["Anaïs", "Chloé", "Léa", "Manon", "Inès", "Élodie"],
        languages: &[("French", 1)],
        eal: 85,
        newcomers: 15,
    },
    Origin {
        weight: 15,
        surnames: &[
            "Al-Masri", "Al-Sayed", "Haddad", "Mansour", "Hassan", "Abdullah", "Saleh", "Nasser",
            "Khalil", "Darwish",
        ],
        paired: &[],
        boys: &["Omar", "Yousef", "Adam", "Karim", "Tariq", "Ahmad", "Ali"],
        girls: &["Layla", "Mariam", "Nour", "Jana", "Lina", "Salma", "Hala"],
        languages: &[("Arabic", 1)],
        eal: 85,
        newcomers: 25,
    },
    Origin {
        weight: 6,
        surnames: &["Ahmadi", "Rahimi", "Karimi", "Hakimi", "Noori", "Sultani"],
        paired: &[],
        boys: &["Ahmad", "Mustafa", "Farhad", "Elyas", "Sohail"],
        girls: &["Maryam", "Parwana", "Mursal", "Zahra", "Sana"],
        languages: &[("Dari", 2), ("Pashto", 1)],
        eal: 95,
        newcomers: 45,
    },
    Origin {
        weight: 10,
        surnames: &[
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan",
        ],
        paired: &[],
        boys: &["Emir", "Yusuf", "Eymen", "Kerem", "Mert", "Çağan"],
        girls: &["Zeynep", "Elif", "Defne", "Özge", "Ecem", "Asya"],
        languages: &[("Turkish", 4), ("Kurdish", 1)],
        eal: 80,
        newcomers: 10,
    },
    Origin {
        weight: 10,
        surnames: &[
            "Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Chan", "Lam", "Cheung", "Ng", "Lin",
        ],
        paired: &[],
        boys: &["Hao", "Jun", "Wei", "Ethan", "Ryan", "Zihan", "Yuxuan"],
        girls: &["Mei", "Xinyi", "Yutong", "Chloe", "Grace", "Ka Yan"],
        languages: &[("Chinese", 3), ("Cantonese", 1)],
        eal: 70,
        newcomers: 20,
    },
    Origin {
        weight: 5,
        surnames: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"],
        paired: &[],
        boys: &["Minh", "Bảo", "Khang", "Huy", "Đức"],
        girls: &["Phương", "Ngọc", "Trâm", "Linh", "Thảo"],
        languages: &[("Vietnamese", 1)],
        eal: 80,
        newcomers: 10,
    },
    Origin {
        weight: 5,
        surnames: &["Hoxha", "Krasniqi", "Berisha", "Gashi", "Shehu"],
        paired: &[],
        boys: &["Arlind", "Dritan", "Erion", "Luan"],
        girls: &["Arta", "Blerta", "Elira", "Sara"],
        languages: &[("Albanian", 1)],
        eal: 90,
        newcomers: 20,
    },
];

/// Shortened forenames some pupils go by.
const NICKNAMES: &[(&str, &str)] = &[
    ("Alexander", "Alex"),
    ("William", "Will"),
    ("Joshua", "Josh"),
    ("Samuel", "Sam"),
    ("Benjamin", "Ben"),
    ("Thomas", "Tom"),
    ("Joseph", "Joe"),
    ("Daniel", "Dan"),
    ("Edward", "Ted"),
    ("Zachary", "Zach"),
    ("Theodore", "Theo"),
    ("Charlotte", "Lottie"),
    ("Elizabeth", "Beth"),
    ("Jessica", "Jess"),
    ("Harriet", "Hattie"),
    ("Matilda", "Tilly"),
    ("Isabella", "Bella"),
    ("Katherine", "Kate"),
    ("Eleanor", "Nell"),
    ("Muhammad", "Mo"),
    ("Oluwaseun", "Seun"),
    ("Oluwatoyin", "Toyin"),
    ("Aleksandra", "Ola"),
    ("Wojciech", "Wojtek"),
    ("Oleksandr", "Sasha"),
    ("Chukwuemeka", "Emeka"),
    ("Abdirahman", "Abdi"),
    ("Francesco", "Franco"),
];

// ---------------------------------------------------------------------------------------
// The school calendar.
// ---------------------------------------------------------------------------------------

/// A date that is always valid when called with the constants below; 1 January 1970 if
/// not (only reachable with a year far outside chrono's range).
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    add_days(date, i64::from(ahead))
}

/// The calendar year an academic year starts in: 2025 for 13 March 2026.
fn academic_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 9 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The school days (Monday–Friday in term) of the academic year starting in September
/// of `year`, with typical English term dates: start in the first week of September,
/// a week at October half term, two at Christmas, a week in February, two at Easter, the
/// May bank holiday and a week at May half term, ending around 22 July.
fn school_days(year: i32) -> Vec<NaiveDate> {
    let start = match ymd(year, 9, 3).weekday() {
        Weekday::Sat | Weekday::Sun => on_or_after(ymd(year, 9, 3), Weekday::Mon),
        _ => ymd(year, 9, 3),
    };
    let end = ymd(year + 1, 7, 22);
    let week = |monday: NaiveDate| (monday, add_days(monday, 4));
    let last_monday = |y: i32, m: u32, last_day: u32| {
        let monday = on_or_after(ymd(y, m, last_day - 6), Weekday::Mon);
        week(monday)
    };
    let holidays = [
        last_monday(year, 10, 31),
        (
            ymd(year, 12, 20),
            add_days(on_or_after(ymd(year + 1, 1, 3), Weekday::Mon), -1),
        ),
        week(on_or_after(ymd(year + 1, 2, 14), Weekday::Mon)),
        {
            let monday = on_or_after(ymd(year + 1, 3, 30), Weekday::Mon);
            (monday, add_days(monday, 11))
        },
        {
            let monday = on_or_after(ymd(year + 1, 5, 1), Weekday::Mon);
            (monday, monday)
        },
        last_monday(year + 1, 5, 31),
    ];
    let mut days = Vec::with_capacity(200);
    let mut day = start;
    while day <= end {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let holiday = holidays
            .iter()
            .any(|(first, last)| *first <= day && day <= *last);
        if !weekend && !holiday {
            days.push(day);
        }
        let next = add_days(day, 1);
        if next == day {
            break;
        }
        day = next;
    }
    days
}

/// School days of academic years `first..=last`, looked up by year.
struct Calendar {
    first: i32,
    years: Vec<Vec<NaiveDate>>,
    /// School days of the current year before "today".
    so_far: Vec<NaiveDate>,
}

impl Calendar {
    fn new(first: i32, current: i32, as_of: NaiveDate) -> Calendar {
        let years: Vec<Vec<NaiveDate>> = (first..=current).map(school_days).collect();
        let so_far = years
            .last()
            .map(|days| days.iter().copied().filter(|day| *day < as_of).collect())
            .unwrap_or_default();
        Calendar {
            first,
            years,
            so_far,
        }
    }

    /// The school days of an academic year (only those before "today" for this year).
    fn days(&self, year: i32) -> &[NaiveDate] {
        let index = (year - self.first).max(0) as usize;
        if index + 1 >= self.years.len() {
            &self.so_far
        } else {
            self.years.get(index).map_or(&[], |days| days.as_slice())
        }
    }

    /// The first day of term of an academic year.
    fn first_day(&self, year: i32) -> NaiveDate {
        let index = (year - self.first).max(0) as usize;
        self.years
            .get(index)
            .and_then(|days| days.first().copied())
            .unwrap_or_else(|| ymd(year, 9, 3))
    }

    /// Sessions (two a day) this year from `entry` (or the start of term) to "today".
    fn sessions_since(&self, entry: NaiveDate) -> u32 {
        let before = self.so_far.partition_point(|day| *day < entry);
        2 * (self.so_far.len() - before) as u32
    }
}

// ---------------------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------------------

/// Lower bounds of the IDACI score (thousandths) for deciles 1 (most deprived) to 10.
const DECILE_FLOORS: [u16; 10] = [441, 350, 289, 240, 199, 162, 127, 93, 57, 2];
/// The chance a pupil is eligible for FSM, by IDACI decile 1–10.
const FSM_BY_DECILE: [f64; 10] = [0.52, 0.44, 0.36, 0.30, 0.25, 0.20, 0.15, 0.11, 0.08, 0.06];

const PRIMARY_CLASS_NAMES: [&str; 7] = [
    "Robins",
    "Owls",
    "Kestrels",
    "Falcons",
    "Herons",
    "Kingfishers",
    "Eagles",
];
const TREE_NAMES: [&str; 12] = [
    "Willow", "Oak", "Ash", "Beech", "Rowan", "Hazel", "Elm", "Birch", "Cedar", "Maple", "Holly",
    "Alder",
];

/// English local-authority numbers the made-up school and its feeders may be in.
const LA_CODES: [u16; 24] = [
    201, 204, 206, 209, 213, 305, 316, 330, 335, 340, 344, 353, 358, 370, 373, 380, 383, 390, 822,
    855, 873, 886, 919, 936,
];

/// One pupil while being made up; turned into a row at the end.
#[derive(Default)]
struct Made {
    year: u8,
    class: String,
    upn: String,
    surname: String,
    forename: String,
    preferred: String,
    male: bool,
    birth: NaiveDate,
    sen: char,
    need: &'static str,
    looked_after: bool,
    eal: bool,
    proficiency: char,
    language: &'static str,
    entry: NaiveDate,
    moves: u32,
    fsm: bool,
    pupil_premium: bool,
    idaci: u16,
    decile: u8,
    possible: u32,
    attended: u32,
    suspensions: u32,
    suspension_sessions: u32,
    permanent_exclusion: bool,
    attainment: Vec<(&'static str, String)>,
    // Hidden, for carrying the pupil on to later terms (`terms`); never written out.
    /// Underlying attainment (about standard normal), as the attainment cells were drawn.
    ability: f64,
    /// Arrived in England recently with little English (so sat no KS2 tests here).
    newcomer: bool,
    /// The share of sessions the pupil misses.
    absence: f64,
    /// The chance of being suspended in a year.
    suspension_chance: f64,
}

/// Makes up the school `spec` describes: exactly `spec.pupils` pupils spread evenly over
/// the phase's year groups, in classes of about 30, with valid, unique UPNs. The same
/// spec always gives the same school.
pub fn generate(spec: &SchoolSpec) -> SyntheticSchool {
    found(spec).school(spec)
}

/// A made-up school while it is being made: its pupils (in file order), what they share,
/// the UPNs ever given out and the random numbers still to come, so that
/// [`terms`] can carry the same school on from one term to the next.
struct Roll {
    rng: Rng,
    home_la: u16,
    home_school: u16,
    feeders: Vec<u16>,
    /// Every UPN given out so far, leavers' too: none is given out twice.
    upns: HashSet<String>,
    pupils: Vec<Made>,
}

impl Roll {
    /// The pupil list as a spreadsheet would hold it.
    fn school(&self, spec: &SchoolSpec) -> SyntheticSchool {
        let headings = headings(spec.phase);
        let rows = self
            .pupils
            .iter()
            .map(|pupil| row(pupil, &headings))
            .collect();
        SyntheticSchool {
            name: spec.name.clone(),
            headings,
            rows,
        }
    }
}

/// The school as of `spec.as_of`, made up from nothing.
fn found(spec: &SchoolSpec) -> Roll {
    let mut rng = Rng::new(spec.seed);
    let current = academic_year_of(spec.as_of);
    let years: Vec<u8> = spec.phase.years().collect();
    let oldest = years.last().copied().unwrap_or(0);
    let calendar = Calendar::new(current - i32::from(oldest), current, spec.as_of);
    let home_la = rng.pick(&LA_CODES);
    let home_school = if spec.phase.has_primary() {
        rng.between(2000, 3999)
    } else {
        rng.between(4000, 4999)
    } as u16;
    let per_year = spec.pupils / years.len().max(1);
    let feeders: Vec<u16> = (0..(per_year / 25).max(6))
        .map(|_| rng.between(2000, 3999) as u16)
        .collect();
    let mut upns = HashSet::with_capacity(spec.pupils);
    let mut pupils: Vec<Made> = Vec::with_capacity(spec.pupils);

    for (index, year) in years.iter().copied().enumerate() {
        let count = per_year + usize::from(index < spec.pupils % years.len().max(1));
        let classes = class_names(year, count, spec.phase);
        let mut cohort: Vec<Made> = (0..count)
            .map(|_| {
                let context = Context {
                    spec,
                    calendar: &calendar,
                    current,
                    home_la,
                    home_school,
                    feeders: &feeders,
                    joining: None,
                };
                make_pupil(&mut rng, &context, year, &mut upns)
            })
            .collect();
        // Balanced classes: deal the (randomly ordered) cohort round the classes.
        deal_classes(&mut cohort, &classes);
        sort_pupils(&mut cohort);
        pupils.extend(cohort);
    }

    Roll {
        rng,
        home_la,
        home_school,
        feeders,
        upns,
        pupils,
    }
}

/// Deals `pupils`, in their order, round `classes`: the first to the first class, the
/// second to the second, and so on.
fn deal_classes(pupils: &mut [Made], classes: &[String]) {
    for (at, pupil) in pupils.iter_mut().enumerate() {
        pupil.class = classes
            .get(at % classes.len().max(1))
            .cloned()
            .unwrap_or_default();
    }
}

/// File order: by year group, then class, legal surname, forename and UPN.
fn sort_pupils(pupils: &mut [Made]) {
    pupils.sort_by(|a, b| {
        (a.year, &a.class, &a.surname, &a.forename, &a.upn).cmp(&(
            b.year,
            &b.class,
            &b.surname,
            &b.forename,
            &b.upn,
        ))
    });
}

/// Class (registration group) names for one year group of `count` pupils.
fn class_names(year: u8, count: usize, phase: Phase) -> Vec<String> {
    if year >= 7 {
        let forms = count.div_ceil(30).max(1);
        return (0..forms)
            .map(|form| format!("{year}{}", letters(form)))
            .collect();
    }
    let classes = count.div_ceil(32).max(1);
    let short = if year == 0 {
        "R".to_string()
    } else {
        year.to_string()
    };
    if classes == 1 && phase == Phase::Primary {
        let name = PRIMARY_CLASS_NAMES
            .get(usize::from(year))
            .copied()
            .unwrap_or("Robins");
        return vec![name.to_string()];
    }
    (0..classes)
        .map(|class| {
            let tree = TREE_NAMES
                .get(class % TREE_NAMES.len())
                .copied()
                .unwrap_or("Oak");
            match class / TREE_NAMES.len() {
                0 => format!("{short} {tree}"),
                round => format!("{short} {tree} {}", round + 1),
            }
        })
        .collect()
}

/// A, B, …, Z, AA, AB, … for form `index` (0-based).
fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// What every pupil of the school shares.
struct Context<'a> {
    spec: &'a SchoolSpec,
    calendar: &'a Calendar,
    current: i32,
    home_la: u16,
    home_school: u16,
    feeders: &'a [u16],
    /// For a pupil joining between two data drops: the first drop's date and the second's
    /// (the pupil starts on a school day after the first and before the second). `None`
    /// for the school as first made up, and for a new Reception or Year 7 intake.
    joining: Option<(NaiveDate, NaiveDate)>,
}

fn make_pupil(rng: &mut Rng, context: &Context<'_>, year: u8, upns: &mut HashSet<String>) -> Made {
    let spec = context.spec;
    let calendar = context.calendar;
    let current = context.current;
    let secondary = year >= 7;
    let mut pupil = Made {
        year,
        male: rng.chance(0.51),
        ..Made::default()
    };

    // Names and language.
    let origin_weights: Vec<(usize, u32)> = ORIGINS
        .iter()
        .enumerate()
        .map(|(at, origin)| (at, origin.weight))
        .collect();
    let origin = ORIGINS
        .get(rng.weighted(&origin_weights))
        .unwrap_or(&ORIGINS[0]);
    pupil.surname = surname(rng, origin, pupil.male);
    if rng.chance(0.05) {
        // A double-barrelled surname, often across heritages.
        let other = surname(rng, &ORIGINS[0], pupil.male);
        if other != pupil.surname && !pupil.surname.contains(' ') {
            pupil.surname = format!("{}-{other}", pupil.surname);
        }
    }
    let forenames = if pupil.male {
        origin.boys
    } else {
        origin.girls
    };
    let mut forename = rng.pick(forenames).to_string();
    if rng.chance(0.07) {
        let second = rng.pick(forenames);
        if second != forename {
            forename = format!("{forename} {second}");
        }
    }
    pupil.preferred = forename.clone();
    if let Some((_, short)) = NICKNAMES.iter().find(|(full, _)| *full == forename) {
        if rng.chance(0.3) {
            pupil.preferred = short.to_string();
        }
    }
    pupil.forename = forename;
    pupil.eal = rng.chance(f64::from(origin.eal) / 100.0);
    let newcomer = pupil.eal && rng.chance(f64::from(origin.newcomers) / 100.0);
    pupil.language = if pupil.eal {
        let language = rng.weighted(origin.languages);
        if language == "English" {
            "Other than English"
        } else {
            language
        }
    } else {
        "English"
    };

    // Date of birth: born in the right academic year for the year group.
    let birth_year = current - 5 - i32::from(year);
    let first = ymd(birth_year, 9, 1);
    let span = (ymd(birth_year + 1, 8, 31) - first).num_days() + 1;
    pupil.birth = add_days(first, rng.below(span as usize) as i64);
    let summer_born = (4..=8).contains(&pupil.birth.month());

    // Deprivation.
    let decile = rng.between(1, 10) as u8;
    let floor = DECILE_FLOORS
        .get(usize::from(decile) - 1)
        .copied()
        .unwrap_or(2);
    let ceiling = if decile == 1 {
        800
    } else {
        DECILE_FLOORS
            .get(usize::from(decile) - 2)
            .copied()
            .unwrap_or(800)
            - 1
    };
    let u = rng.unit();
    let spread = if decile == 1 { u * u } else { u };
    pupil.idaci = floor + (spread * f64::from(ceiling - floor)) as u16;
    pupil.decile = decile;
    let fsm_chance = FSM_BY_DECILE
        .get(usize::from(decile) - 1)
        .copied()
        .unwrap_or(0.2);
    pupil.looked_after = rng.chance(0.01);
    pupil.fsm = rng.chance(fsm_chance * if newcomer { 1.5 } else { 1.0 });
    pupil.pupil_premium =
        pupil.fsm || pupil.looked_after || rng.chance(if decile <= 5 { 0.1 } else { 0.04 });

    // Underlying attainment, then SEN (more likely for lower attainers, boys, FSM, CLA).
    let mut ability = rng.normal() - if pupil.fsm { 0.3 } else { 0.0 };
    let mut sen_weight = if pupil.male { 1.3 } else { 0.7 };
    sen_weight *= if ability < -1.0 {
        2.2
    } else if ability < -0.4 {
        1.4
    } else if ability > 0.6 {
        0.45
    } else {
        0.85
    };
    if pupil.fsm {
        sen_weight *= 1.4;
    }
    if pupil.looked_after {
        sen_weight *= 3.0;
    }
    if year == 0 {
        sen_weight *= 0.6;
    }
    let roll = rng.unit();
    pupil.sen = if roll < 0.027 * sen_weight * if pupil.male { 1.3 } else { 0.6 } {
        'E'
    } else if roll < 0.145 * sen_weight {
        'K'
    } else {
        'N'
    };
    pupil.need = match pupil.sen {
        'E' => rng.weighted(&[
            ("ASD", 34),
            ("SLCN", 20),
            ("SEMH", 14),
            ("SLD", 8),
            ("MLD", 8),
            ("PD", 4),
            ("HI", 2),
            ("VI", 1),
            ("MSI", 1),
            ("PMLD", 2),
            ("SpLD", 3),
            ("OTH", 3),
        ]),
        'K' if secondary => rng.weighted(&[
            ("SEMH", 24),
            ("SpLD", 20),
            ("SLCN", 15),
            ("MLD", 14),
            ("ASD", 12),
            ("OTH", 5),
            ("HI", 2),
            ("VI", 1),
            ("PD", 2),
            ("NSA", 2),
        ]),
        'K' => rng.weighted(&[
            ("SLCN", 32),
            ("SEMH", 20),
            ("MLD", 14),
            ("SpLD", 11),
            ("ASD", 10),
            ("OTH", 4),
            ("HI", 2),
            ("VI", 1),
            ("PD", 2),
            ("NSA", 3),
            ("MSI", 1),
        ]),
        _ => "",
    };
    ability -= match pupil.sen {
        'E' => 1.3,
        'K' => 0.5,
        _ => 0.0,
    };
    if summer_born && year <= 2 {
        ability -= 0.25;
    }

    // Entry to the school and moves.
    let intake_year = if secondary && spec.phase == Phase::Secondary {
        current - (i32::from(year) - 7)
    } else {
        current - i32::from(year)
    };
    let joining = context.joining;
    let mover =
        joining.is_some() || newcomer || rng.chance(if pupil.looked_after { 0.5 } else { 0.11 });
    if mover {
        pupil.moves = if newcomer {
            rng.weighted(&[(1, 7), (2, 3)])
        } else if pupil.looked_after {
            rng.weighted(&[(1, 4), (2, 3), (3, 2), (4, 1)])
        } else {
            rng.weighted(&[(1, 70), (2, 20), (3, 7), (4, 3)])
        };
        if let Some((after, before)) = joining {
            // Joining between two drops: on a school day after the one, before the other.
            let days: Vec<NaiveDate> = calendar
                .days(current)
                .iter()
                .copied()
                .filter(|day| after < *day && *day < before)
                .collect();
            pupil.entry = if days.is_empty() {
                add_days(before, -1)
            } else {
                rng.pick(&days)
            };
        } else {
            let joined_year = if newcomer {
                (current - rng.below(2) as i32).max(intake_year)
            } else {
                intake_year + rng.below((current - intake_year + 1).max(1) as usize) as i32
            };
            let days = calendar.days(joined_year);
            pupil.entry = if (joined_year > intake_year && rng.chance(0.3)) || days.is_empty() {
                calendar
                    .first_day(joined_year)
                    .min(add_days(spec.as_of, -1))
            } else {
                rng.pick(days)
            };
        }
    } else {
        pupil.entry = calendar.first_day(intake_year);
    }

    // English proficiency.
    if pupil.eal {
        pupil.proficiency = if newcomer {
            rng.weighted(&[('A', 45), ('B', 35), ('C', 15), ('D', 5)])
        } else if year <= 2 {
            rng.weighted(&[('A', 6), ('B', 26), ('C', 34), ('D', 20), ('E', 14)])
        } else {
            rng.weighted(&[('A', 2), ('B', 10), ('C', 30), ('D', 30), ('E', 28)])
        };
        if matches!(pupil.proficiency, 'A' | 'B') {
            ability -= 0.6;
        }
    }

    // Attendance and suspensions.
    let first_of_year = calendar.first_day(current);
    pupil.possible = calendar.sessions_since(pupil.entry.max(first_of_year));
    let mut risk = 1.0;
    if pupil.fsm {
        risk *= 1.7;
    }
    match pupil.sen {
        'E' => risk *= 1.7,
        'K' => risk *= 1.4,
        _ => {}
    }
    if pupil.looked_after {
        risk *= 1.3;
    }
    if secondary {
        risk *= 1.2;
    }
    let severe = rng.chance(0.006 * risk * risk);
    let u = rng.unit();
    let absence = if severe {
        0.5 + 0.45 * rng.unit()
    } else {
        let v = rng.unit();
        0.11 * risk * u * u * u + 0.04 * v * v
    };
    let absence = absence.min(0.97);
    pupil.absence = absence;

    let mut suspension_chance: f64 = if secondary { 0.045 } else { 0.006 };
    if pupil.male {
        suspension_chance *= 1.5;
    }
    if pupil.fsm {
        suspension_chance *= 2.0;
    }
    if pupil.sen != 'N' {
        suspension_chance *= 1.6;
    }
    if pupil.need == "SEMH" {
        suspension_chance *= 3.0;
    }
    if pupil.looked_after {
        suspension_chance *= 2.0;
    }
    if year <= 2 {
        suspension_chance *= 0.3;
    }
    pupil.suspension_chance = suspension_chance.min(0.6);
    if pupil.possible > 0 && rng.chance(suspension_chance.min(0.6)) {
        pupil.suspensions = 1;
        while pupil.suspensions < 8 && rng.chance(0.35) {
            pupil.suspensions += 1;
        }
        for _ in 0..pupil.suspensions {
            pupil.suspension_sessions +=
                rng.weighted(&[(1, 10), (2, 45), (4, 15), (6, 15), (10, 15)]);
        }
        pupil.permanent_exclusion = secondary && pupil.suspensions >= 3 && rng.chance(0.12);
    }
    let absent = ((f64::from(pupil.possible) * absence + 0.5) as u32)
        .max(pupil.suspension_sessions)
        .min(pupil.possible);
    pupil.attended = pupil.possible - absent;
    let low_attendance = f64::from(absent) > 0.1 * f64::from(pupil.possible);
    if low_attendance {
        ability -= 0.2;
    }

    // Attainment.
    pupil.ability = ability;
    pupil.newcomer = newcomer;
    pupil.attainment = attainment(rng, &pupil, ability, context, !newcomer);

    pupil.upn = upn(rng, context, &pupil, upns);
    pupil
}

fn surname(rng: &mut Rng, origin: &Origin, male: bool) -> String {
    let at = rng.below(origin.surnames.len() + origin.paired.len());
    match origin.surnames.get(at) {
        Some(surname) => surname.to_string(),
        None => {
            let (his, hers) = origin
                .paired
                .get(at - origin.surnames.len())
                .copied()
                .unwrap_or(("Smith", "Smith"));
            if male { his } else { hers }.to_string()
        }
    }
}

/// The attainment cells, each with its heading; `row` puts them in heading order.
fn attainment(
    rng: &mut Rng,
    pupil: &Made,
    ability: f64,
    context: &Context<'_>,
    sat_ks2: bool,
) -> Vec<(&'static str, String)> {
    let year = pupil.year;
    let mut cells = Vec::new();
    if year < 7 {
        for heading in PRIMARY_HEADINGS {
            let score = ability + 0.45 * rng.normal();
            let code = match year {
                0 if score < -0.55 => "Emerging",
                0 => "Expected",
                _ if pupil.sen == 'E' && score < -2.4 => "PKF",
                _ if score < -0.75 => "WTS",
                _ if score > 0.95 => "GDS",
                _ => "EXS",
            };
            cells.push((heading, code.to_string()));
        }
        return cells;
    }
    // KS2 tests were cancelled in 2020 and 2021.
    let ks2_summer = context.current + 1 - (i32::from(year) - 6);
    let tested = sat_ks2 && ks2_summer != 2020 && ks2_summer != 2021;
    let prior = [ability + 0.35 * rng.normal(), ability + 0.35 * rng.normal()];
    for (heading, score) in ["KS2 Reading Scaled Score", "KS2 Maths Scaled Score"]
        .into_iter()
        .zip(prior)
    {
        let cell = if !tested {
            String::new()
        } else if rng.chance(0.01) {
            "A".to_string()
        } else if rng.chance(0.004) {
            "M".to_string()
        } else if pupil.sen == 'E' && score < -2.3 {
            "B".to_string()
        } else {
            let scaled = (104.0 + 7.0 * score + 0.5).floor().clamp(80.0, 120.0);
            format!("{scaled}")
        };
        cells.push((heading, cell));
    }
    // GCSE-style grades on this year's flight path: the target from prior attainment,
    // working-at from now, both scaled back for younger years.
    let gap = match year {
        7 => 2.6,
        8 => 2.0,
        9 => 1.4,
        10 => 0.8,
        _ => 0.3,
    };
    let maths_now = if context.spec.phase == Phase::AllThrough {
        "Maths TA"
    } else {
        "Maths Working At"
    };
    let subjects = [
        ("English Working At", "English Target"),
        (maths_now, "Maths Target"),
    ];
    for ((now_heading, target_heading), prior_score) in subjects.into_iter().zip(prior) {
        let now = prior_score + 0.35 * rng.normal();
        let grade = |z: f64| (4.9 + 1.6 * z - gap + 0.5).floor().clamp(1.0, 9.0);
        cells.push((now_heading, format!("{}", grade(now))));
        cells.push((target_heading, format!("{}", grade(prior_score + 0.25))));
    }
    cells
}

/// A unique UPN with a valid check letter: the allocating school's LA and DfE numbers
/// (this school for most primary pupils, a feeder primary for secondary pupils, somewhere
/// else for pupils who moved), the year it was allocated (their Reception year) and a
/// serial number.
fn upn(rng: &mut Rng, context: &Context<'_>, pupil: &Made, upns: &mut HashSet<String>) -> String {
    let reception_year = context.current - i32::from(pupil.year);
    let allocated = (reception_year.rem_euclid(100)) as u16;
    let local = pupil.moves == 0 || rng.chance(0.5);
    for attempt in 0..64u32 {
        let (la, school) = if !local || attempt >= 24 {
            (rng.pick(&LA_CODES), rng.between(2000, 3999) as u16)
        } else if pupil.year >= 7 && context.spec.phase == Phase::Secondary {
            (context.home_la, rng.pick(context.feeders))
        } else {
            (context.home_la, context.home_school)
        };
        let serial = rng.below(1000);
        let rest = format!("{la:03}{school:04}{allocated:02}{serial:03}");
        if let Some(letter) = Upn::check_letter(&rest) {
            let upn = format!("{letter}{rest}");
            if upns.insert(upn.clone()) {
                return upn;
            }
        }
    }
    // Practically unreachable: walk an otherwise unused school number until one is free.
    let mut serial = 0u32;
    loop {
        let rest = format!("{:03}9{:06}{:02}", context.home_la, serial, allocated);
        let rest = rest.get(..12).unwrap_or(&rest).to_string();
        if let Some(letter) = Upn::check_letter(&rest) {
            let upn = format!("{letter}{rest}");
            if upns.insert(upn.clone()) {
                return upn;
            }
        }
        serial += 1;
    }
}

fn yes_no(value: bool, yes: &str, no: &str) -> String {
    if value { yes } else { no }.to_string()
}

/// One pupil's row in heading order.
fn row(pupil: &Made, headings: &[String]) -> Vec<String> {
    let year_group = match pupil.year {
        0 => "Reception".to_string(),
        n => format!("Year {n}"),
    };
    let attendance = if pupil.possible == 0 {
        String::new()
    } else {
        // Tenths of a percent, rounded half up.
        let tenths = (u64::from(pupil.attended) * 2000 + u64::from(pupil.possible))
            / (2 * u64::from(pupil.possible));
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let mut cells = vec![
        pupil.upn.clone(),
        pupil.surname.clone(),
        pupil.forename.clone(),
        pupil.preferred.clone(),
        yes_no(pupil.male, "M", "F"),
        format_uk_date(pupil.birth),
        year_group,
        pupil.class.clone(),
        pupil.sen.to_string(),
        pupil.need.to_string(),
        yes_no(pupil.looked_after, "Yes", "No"),
        yes_no(pupil.eal, "Y", "N"),
        if pupil.eal {
            pupil.proficiency.to_string()
        } else {
            String::new()
        },
        pupil.language.to_string(),
        format_uk_date(pupil.entry),
        pupil.moves.to_string(),
        yes_no(pupil.fsm, "Y", "N"),
        yes_no(pupil.pupil_premium, "Y", "N"),
        format!("{}.{:03}", pupil.idaci / 1000, pupil.idaci % 1000),
        pupil.decile.to_string(),
        pupil.possible.to_string(),
        pupil.attended.to_string(),
        attendance,
        pupil.suspensions.to_string(),
        pupil.suspension_sessions.to_string(),
        yes_no(pupil.permanent_exclusion, "Y", "N"),
    ];
    for heading in headings.iter().skip(COMMON_HEADINGS.len()) {
        let cell = pupil
            .attainment
            .iter()
            .find(|(name, _)| name == heading)
            .map(|(_, cell)| cell.clone())
            .unwrap_or_default();
        cells.push(cell);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_dates_give_about_240_sessions_by_mid_march() {
        let calendar = Calendar::new(2025, 2025, ymd(2026, 3, 13));
        let sessions = calendar.sessions_since(ymd(2025, 9, 1));
        assert!((230..=250).contains(&sessions), "{sessions}");
        assert_eq!(calendar.first_day(2025), ymd(2025, 9, 3));
        let full_year = school_days(2024).len();
        assert!((185..=200).contains(&full_year), "{full_year}");
    }

    #[test]
    fn form_letters_run_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }

    #[test]
    fn phases_parse_from_command_line_words() {
        assert_eq!(Phase::parse("Secondary"), Some(Phase::Secondary));
        assert_eq!(Phase::parse("all-through"), Some(Phase::AllThrough));
        assert_eq!(Phase::parse("nursery"), None);
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let school = SyntheticSchool {
            name: String::new(),
            headings: vec!["A".into(), "B".into()],
            rows: vec![vec!["O'Connor".into(), "say \"hi\", then\ngo".into()]],
        };
        assert_eq!(
            to_csv(&school),
            "\u{feff}A,B\r\nO'Connor,\"say \"\"hi\"\", then\ngo\"\r\n"
        );
    }
}
