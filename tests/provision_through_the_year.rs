//! Provision that changes during the year (issue 14, SPEC §8.2): pupils join and leave on
//! dates, staff change part-way, and the bank's defaults are corrected. Every figure is
//! worked out by hand in the comments, to the penny.

use chrono::NaiveDate;
use planner::core::drop::AcademicYear;
use planner::core::provision::bank::InterventionId;
use planner::core::provision::costs::{cost_line, totals, FinancialYear};
use planner::core::provision::{Period, Provision, ProvisionBook, StaffRoleId};
use planner::core::value::Money;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn pence(p: i64) -> Money {
    Money::from_pence(p)
}

/// FLS (TA £18, 3 sessions × 20 minutes, 12 weeks, groups of 6) from 1 February to 31 May
/// 2026: 120 days (28 + 31 + 30 + 31). P1–P3 from the start; the TA is replaced by a
/// Teacher (£45) from 1 April, and P4 joins that day.
fn changing_group() -> (ProvisionBook, Provision) {
    let mut book = ProvisionBook::default();
    let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
    let mut provision = Provision::new(&fls, date(2026, 2, 1), date(2026, 5, 31));
    provision.add_pupils(["P1", "P2", "P3"]);
    provision.change_staff_from(date(2026, 4, 1), vec![StaffRoleId::TEACHER]);
    assert!(provision.join("P4", date(2026, 4, 1)));
    let id = book.add_provision(provision);
    let provision = book.provision(id).cloned().expect("added");
    (book, provision)
}

#[test]
fn a_change_of_staff_part_way_costs_each_rate_for_its_own_days() {
    let (book, provision) = changing_group();
    // A whole run would be 720 staff-minutes: £216 with a TA, £540 with a Teacher.
    // 1 Feb – 31 Mar is 59 of the 120 days: £216 × 59/120 = £106.20.
    // 1 Apr – 31 May is 61 days:               £540 × 61/120 = £274.50.
    let line = cost_line(&book, &provision, None);
    assert_eq!(line.cost, pence(38_070));
    // Financial years: 2025-26 ends on 31 March, 2026-27 starts on 1 April.
    let fy = |y| Some(Period::financial(FinancialYear { start_year: y }));
    assert_eq!(cost_line(&book, &provision, fy(2025)).cost, pence(10_620));
    assert_eq!(cost_line(&book, &provision, fy(2026)).cost, pence(27_450));
    // All of it falls in academic year 2025/26.
    let ay = |y| Some(Period::academic(AcademicYear { start_year: y }));
    assert_eq!(cost_line(&book, &provision, ay(2025)).cost, pence(38_070));
    assert_eq!(cost_line(&book, &provision, ay(2026)).cost, Money::ZERO);
}

#[test]
fn a_pupil_who_joins_mid_way_pays_a_share_of_the_days_they_were_in_the_group() {
    let (book, provision) = changing_group();
    // P1–P3: a third of £106.20 (£35.40) + a quarter of £274.50 (£68.625) = £104.025.
    // P4: a quarter of £274.50 = £68.625. Running totals rounded half up:
    // 10,402.5 → 10,403; 20,805; 31,207.5 → 31,208; 38,070.
    let line = cost_line(&book, &provision, None);
    let shares: Vec<(&str, i64)> = line
        .pupil_shares
        .iter()
        .map(|(pupil, share)| (pupil.as_str(), share.pence()))
        .collect();
    assert_eq!(
        shares,
        [
            ("P1", 10_403),
            ("P2", 10_402),
            ("P3", 10_403),
            ("P4", 6_862)
        ]
    );
    // In financial year 2026-27 the four were all in the group: £274.50 ÷ 4 each.
    let fy = Some(Period::financial(FinancialYear { start_year: 2026 }));
    let spring: Vec<i64> = cost_line(&book, &provision, fy)
        .pupil_shares
        .iter()
        .map(|(_, share)| share.pence())
        .collect();
    assert_eq!(spring, [6_863, 6_862, 6_863, 6_862]);
    // In 2025-26 P4 had not joined: £106.20 ÷ 3 = £35.40 each, and nothing for P4.
    let fy = Some(Period::financial(FinancialYear { start_year: 2025 }));
    let winter: Vec<i64> = cost_line(&book, &provision, fy)
        .pupil_shares
        .iter()
        .map(|(_, share)| share.pence())
        .collect();
    assert_eq!(winter, [3_540, 3_540, 3_540, 0]);
    // The pupils' totals add up to the whole.
    let all = totals(&book, &[], None);
    assert_eq!(all.by_pupil.values().copied().sum::<Money>(), pence(38_070));
}

#[test]
fn a_pupil_leaving_can_bring_the_groups_run_down() {
    // Groups of 2: three pupils run 2 groups (£432 for a whole run), two run 1 (£216).
    let book = ProvisionBook::default();
    let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
    let mut provision = Provision::new(&fls, date(2026, 2, 1), date(2026, 5, 31));
    provision.overrides.group_size = Some(2);
    provision.add_pupils(["P1", "P2", "P3"]);
    // P3's last day is 31 March: 59 days of 2 groups, 61 days of 1.
    assert!(provision.leave("P3", date(2026, 3, 31)));
    // £432 × 59/120 = £212.40; £216 × 61/120 = £109.80. Total £322.20.
    let line = cost_line(&book, &provision, None);
    assert_eq!(line.cost, pence(32_220));
    assert_eq!(line.groups, 2);
    // P3 was only in the first stretch: a third of £212.40 = £70.80.
    assert_eq!(line.share_of("P3"), pence(7_080));
    // P1 and P2: £70.80 + half of £109.80 = £125.70 each.
    assert_eq!(line.share_of("P1"), pence(12_570));
    assert_eq!(line.share_of("P2"), pence(12_570));
}

#[test]
fn places_planned_before_names_are_known_are_costed_per_place() {
    let mut book = ProvisionBook::default();
    let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
    let mut provision = Provision::new(&fls, date(2026, 2, 1), date(2026, 5, 31));
    provision.places = Some(4);
    let line = cost_line(&book, &provision, None);
    // One group of places, £216, shared among 4 places: £54 each.
    assert_eq!(
        (line.cost, line.shared_among, line.per_pupil),
        (pence(21_600), 4, pence(5_400))
    );
    book.add_provision(provision);
    assert_eq!(totals(&book, &[], None).unassigned, pence(21_600));
}

#[test]
fn editing_a_bank_items_delivery_changes_only_provision_that_uses_the_default() {
    let mut book = ProvisionBook::default();
    let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
    let mut uses_default = Provision::new(&fls, date(2025, 9, 8), date(2025, 12, 12));
    uses_default.add_pupils(["A"]);
    let mut overrides = uses_default.clone();
    overrides.overrides.minutes_per_session = Some(20);
    overrides.overrides.sessions_per_week = Some(3);
    let default_id = book.add_provision(uses_default);
    let override_id = book.add_provision(overrides);
    let cost =
        |book: &ProvisionBook, id| cost_line(book, book.provision(id).expect("there"), None).cost;
    assert_eq!(cost(&book, default_id), pence(21_600));
    assert_eq!(cost(&book, override_id), pence(21_600));
    // The bank's FLS becomes 30-minute sessions: 3 × 30 × 12 = 1,080 min × £18 = £324.
    book.bank
        .get_mut(InterventionId(20))
        .expect("FLS")
        .delivery
        .minutes_per_session = 30;
    assert_eq!(cost(&book, default_id), pence(32_400));
    assert_eq!(cost(&book, override_id), pence(21_600));
}
