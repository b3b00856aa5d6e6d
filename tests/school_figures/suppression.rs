//! Suppression on crafted tables: primary, secondary where a total would reveal a hidden
//! cell, chained relations, a small total, and zeros.

use planner::core::figures::suppress::{suppress, Relation};
use planner::core::figures::Figure;

use Figure::{FewerThanFive as Small, Number as N, Withheld as W};

// ---------------------------------------------------------------------------------------
// Suppression on crafted tables
// ---------------------------------------------------------------------------------------

fn check(values: &[u64], relations: &[(usize, &[usize])], expected: &[Figure]) {
    let relations: Vec<Relation> = relations
        .iter()
        .map(|&(total, parts)| Relation {
            total,
            parts: parts.to_vec(),
        })
        .collect();
    assert_eq!(suppress(values, &relations), expected, "{values:?}");
}

#[test]
fn primary_suppression_hides_every_count_from_one_to_four_and_nothing_else() {
    check(
        &[0, 1, 2, 3, 4, 5, 6, 29, 1_000],
        &[],
        &[
            N(0),
            Small,
            Small,
            Small,
            Small,
            N(5),
            N(6),
            N(29),
            N(1_000),
        ],
    );
}

#[test]
fn a_total_that_would_reveal_a_hidden_part_hides_the_smallest_other_part_too() {
    // Pupils 30 = red 3 + amber 12 + green 15: red is "<5"; from 30 − 12 − 15 it could be
    // worked out, so amber (the smallest other) is suppressed as well.
    check(
        &[30, 3, 12, 15],
        &[(0, &[1, 2, 3])],
        &[N(30), Small, W, N(15)],
    );
    // The same with the parts listed in another order.
    check(
        &[30, 15, 3, 12],
        &[(0, &[1, 2, 3])],
        &[N(30), N(15), Small, W],
    );
}

#[test]
fn chained_relations_are_followed_until_no_set_has_exactly_one_hidden_cell() {
    // Rows: whole school, Year 1, Year 2; columns pupils, red, amber, green.
    // Year 2 red is 2. Its row hides amber 9; the red column hides Year 1's red 6; the
    // amber column hides Year 1's amber 11 (smaller than the whole's 20); Year 1's row then
    // has two hidden cells and every set has none or two.
    let values = [
        50, 8, 20, 22, // whole
        27, 6, 11, 10, // Year 1
        23, 2, 9, 12, // Year 2
    ];
    let relations: &[(usize, &[usize])] = &[
        (0, &[1, 2, 3]),
        (4, &[5, 6, 7]),
        (8, &[9, 10, 11]),
        (0, &[4, 8]),
        (1, &[5, 9]),
        (2, &[6, 10]),
        (3, &[7, 11]),
    ];
    check(
        &values,
        relations,
        &[
            N(50),
            N(8),
            N(20),
            N(22),
            N(27),
            W,
            W,
            N(10),
            N(23),
            Small,
            W,
            N(12),
        ],
    );
}

#[test]
fn a_total_of_one_to_four_is_hidden_itself() {
    // A year group of 4: pupils 4 = red 0 + amber 1 + green 3; the whole school 34 = 30 + 4.
    check(
        &[4, 0, 1, 3, 34, 30],
        &[(0, &[1, 2, 3]), (4, &[5, 0])],
        &[Small, N(0), Small, Small, N(34), W],
    );
}

#[test]
fn zeros_are_shown_and_never_hidden_to_protect_another() {
    // Red 0 stays 0; amber 3 is hidden; green 0 is not a candidate, so the total's other
    // non-zero part (green 17) is withheld.
    check(
        &[20, 0, 3, 17],
        &[(0, &[1, 2, 3])],
        &[N(20), N(0), Small, W],
    );
    // A row of zeros is all shown.
    check(&[0, 0, 0, 0], &[(0, &[1, 2, 3])], &[N(0), N(0), N(0), N(0)]);
}

#[test]
fn two_small_parts_protect_each_other() {
    check(
        &[30, 3, 4, 23],
        &[(0, &[1, 2, 3])],
        &[N(30), Small, Small, N(23)],
    );
}

#[test]
fn a_small_total_is_hidden_and_so_are_its_small_parts() {
    // Pupils 4 = red 0 + amber 1 + green 3.
    check(
        &[4, 0, 1, 3],
        &[(0, &[1, 2, 3])],
        &[Small, N(0), Small, Small],
    );
}

#[test]
fn a_withheld_part_chains_into_every_set_it_is_in_and_may_take_a_total_with_it() {
    // Set one: 8 = 5 + 3; set two: 20 = 5 + 15. The 3 is small, so set one hides the
    // 5; set two then has one hidden cell, so it hides the 15 as well.
    check(
        &[8, 5, 3, 20, 15],
        &[(0, &[1, 2]), (3, &[1, 4])],
        &[N(8), W, Small, N(20), W],
    );
    // Set one: 12 = 12 + 0; set two: 15 = 12 + 3. Set two hides the 12 (smaller than
    // its total 15); in set one the only other cell that is not 0 is the total 12,
    // which would show the hidden part, so the total is hidden too.
    check(
        &[12, 12, 0, 15, 3],
        &[(0, &[1, 2]), (3, &[1, 4])],
        &[W, W, N(0), N(15), Small],
    );
}

#[test]
fn a_relation_naming_cells_outside_the_table_is_ignored_there() {
    check(&[7, 3], &[(0, &[1, 9])], &[W, Small]);
}
