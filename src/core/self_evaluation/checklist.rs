//! The guide's words: each feature's title (its chapter's heading) and its "Developing
//! practice checklist" prompts, which in the guide follow "How effective is current
//! practice in:". Taken from the chapters, not the Annex 1 grid, which lists only five
//! features and rewords them; a test checks them against the guide itself.
//!
//! Also where the planner holds evidence for a feature ([`Feature::evidence`]), which the
//! page links to beside the prompts.

use super::Feature;

/// The words the guide puts before every checklist.
pub const CHECKLIST_INTRODUCTION: &str = "How effective is current practice in:";

/// A page of the planner that holds evidence for a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidencePage {
    /// Targets at every level, and pupils off trajectory.
    Targets,
    /// What works: the gain and cost of each intervention.
    WhatWorks,
    /// Data drops: the school's termly assessment data over time.
    DataDrops,
}

/// Evidence the planner holds for a feature: which page, the link's words and what it
/// shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The page it is on.
    pub page: EvidencePage,
    /// The link's words: "Targets".
    pub link: &'static str,
    /// What the page shows that bears on the feature, as a sentence.
    pub shows: &'static str,
}

impl Feature {
    /// The feature's name, exactly as its chapter's heading gives it.
    pub fn title(self) -> &'static str {
        match self {
            Feature::HighQualityTeaching => "High quality teaching and learning",
            Feature::TargetSetting => "Target setting and tracking",
            Feature::FocusedAssessment => "Focused assessment",
            Feature::Intervention => "Intervention",
            Feature::PupilGrouping => "Pupil grouping",
            Feature::LearningEnvironment => "The learning environment",
            Feature::CurriculumOrganisation => "Curriculum organisation",
            Feature::ExtendedCurriculum => "The extended curriculum",
            Feature::WiderNeeds => "Supporting children's wider needs",
        }
    }

    /// The chapter's "Developing practice checklist" prompts, in the guide's words and
    /// order (each completes "How effective is current practice in:").
    pub fn prompts(self) -> &'static [&'static str] {
        match self {
            Feature::HighQualityTeaching => &[
                "Designing highly focused teaching sequence/lesson plans with high demands of pupil engagement?",
                "Designing reasonable adjustments and special educational provision into lesson plans?",
                "Focusing on questioning, modelling and explaining?",
                "Promoting pupil talk, both individually and in groups?",
                "Supporting pupil independence in their learning?",
            ],
            Feature::TargetSetting => &[
                "Translating National Curriculum or GCSE targets into curricular targets?",
                "Using progress data to identify individuals and groups who are off trajectory?",
                "Adjusting teaching and intervention programmes in the light of tracking information?",
                "Providing regular feedback to pupils and their parents/carers?",
            ],
            Feature::FocusedAssessment => &[
                "Incorporating learning objectives, learning outcomes and success criteria into day to day practice?",
                "Supporting pupils in assessing and evaluating their learning through peer and self-assessment?",
                "Using Assessing Pupils' Progress (APP) as a central part of periodic assessment?",
            ],
            Feature::Intervention => &[
                "Linking the learning developed in intervention programmes into mainstream lessons?",
                "Incorporating individual tuition into the overall approach to intervention?",
                "Evaluating the quality and impact of current intervention programmes?",
            ],
            Feature::PupilGrouping => &[
                "Evaluating the impact of class/teaching groupings (sets, bands, mixed ability, gender)?",
                "Incorporating a range of pupil grouping options (whole class, small groups, pairs) in lessons?",
                "Developing guided learning as an integral part of lesson organisation?",
            ],
            Feature::LearningEnvironment => &[
                "Adapting the organisation of the classroom/ learning environment to the pupils' learning needs?",
                "Developing the use of learning resources and particularly ICT?",
                "Ensuring ICT is used to support access for disabled pupils and those with special educational needs?",
                "Making effective use of the 'outdoor classroom'?",
            ],
            Feature::CurriculumOrganisation => &[
                "Choosing an overall curriculum model/structure that caters for the needs of all pupils?",
                "Providing specific support for certain groups of pupils including pupils with SEN, EAL and gifted and talented learners?",
                "Incorporating flexibility into curriculum organisation and delivery to ensure greater coherence from the pupils' perspectives?",
            ],
            Feature::ExtendedCurriculum => &[
                "Offering a full range of 'out of hours' activities which enhance and extend the basic curriculum?",
                "Ensuring access for all groups of pupils?",
                "Involving parents and carers, as well as the wider community, in extended provision?",
                "Providing access to other services, including health and social services?",
            ],
            Feature::WiderNeeds => &[
                "Maintaining close communication with parents and carers?",
                "Developing multi-agency links to support vulnerable children and active partnerships with Children's Trusts?",
                "Developing the role of the 'personal tutor' as a first point of contact for parents and carers (secondary context)?",
            ],
        }
    }

    /// Where the planner holds evidence for this feature (none for most features).
    pub fn evidence(self) -> &'static [Evidence] {
        match self {
            Feature::TargetSetting => &[Evidence {
                page: EvidencePage::Targets,
                link: "Targets",
                shows:
                    "Targets at every level measured at each data drop, and pupils off trajectory.",
            }],
            Feature::FocusedAssessment => &[Evidence {
                page: EvidencePage::DataDrops,
                link: "Data drops",
                shows:
                    "Each term's assessment data, with pupils followed from one drop to the next.",
            }],
            Feature::Intervention => &[Evidence {
                page: EvidencePage::WhatWorks,
                link: "What works",
                shows:
                    "The gain and cost of each intervention, from pupils' entry and exit measures.",
            }],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guide (DCSF, Personalised Learning – A Practical Guide, 2008) as the project
    /// holds it.
    const GUIDE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/001_bb5b8b04b821f101.txt"
    );

    /// A heading's text without its #s, bold marks or chapter number ("9. ").
    fn heading(line: &str) -> Option<String> {
        let text = line.strip_prefix('#')?.trim_start_matches('#').trim();
        let text = text.trim_matches('*').trim();
        let text = match text.split_once(". ") {
            Some((number, rest)) if number.bytes().all(|b| b.is_ascii_digit()) => rest,
            _ => text,
        };
        Some(text.to_string())
    }

    /// Each chapter's heading and checklist, in the guide's order: a checklist belongs to
    /// the heading just before the chapter's "Rationale".
    fn checklists(guide: &str) -> Vec<(String, Vec<String>)> {
        let lines: Vec<&str> = guide.lines().collect();
        let mut found = Vec::new();
        for (at, line) in lines.iter().enumerate() {
            if heading(line).as_deref() != Some("Developing practice checklist") {
                continue;
            }
            let rationale = (0..at)
                .rev()
                .find(|i| heading(lines[*i]).as_deref() == Some("Rationale"))
                .expect("a Rationale before each checklist");
            let title = (0..rationale)
                .rev()
                .find_map(|i| heading(lines[i]))
                .expect("a chapter heading before its Rationale");
            let mut prompts = Vec::new();
            let mut introduced = false;
            for line in &lines[at + 1..] {
                let line = line.trim();
                if line == CHECKLIST_INTRODUCTION {
                    introduced = true;
                } else if let Some(prompt) = line.strip_prefix("- ") {
                    prompts.push(prompt.trim().to_string());
                } else if heading(line).is_some() {
                    break;
                }
            }
            assert!(introduced, "{title}: no \"{CHECKLIST_INTRODUCTION}\"");
            found.push((title, prompts));
        }
        found
    }

    #[test]
    fn each_features_prompts_are_its_chapters_checklist_in_the_guide() {
        let guide = std::fs::read_to_string(GUIDE)
            .unwrap_or_else(|error| panic!("the guide at {GUIDE}: {error}"));
        let from_guide = checklists(&guide);
        let ours: Vec<(String, Vec<String>)> = Feature::ALL
            .iter()
            .map(|f| {
                (
                    f.title().to_string(),
                    f.prompts().iter().map(|p| p.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(ours, from_guide);
    }

    #[test]
    fn evidence_is_where_the_planner_holds_it() {
        let pages =
            |f: Feature| -> Vec<EvidencePage> { f.evidence().iter().map(|e| e.page).collect() };
        assert_eq!(pages(Feature::TargetSetting), [EvidencePage::Targets]);
        assert_eq!(pages(Feature::Intervention), [EvidencePage::WhatWorks]);
        assert_eq!(pages(Feature::FocusedAssessment), [EvidencePage::DataDrops]);
        assert!(pages(Feature::PupilGrouping).is_empty());
        for feature in Feature::ALL {
            for evidence in feature.evidence() {
                assert!(evidence.shows.ends_with('.'));
            }
        }
    }
}
