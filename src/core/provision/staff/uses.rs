//! What uses a staff role, and removing one only when nothing does: no bank item's usual
//! staff, no provision's own staff and no provision's staff change. A refusal names what
//! uses it, in plain English.

use crate::core::provision::staff::{StaffError, StaffRole, StaffRoleId};
use crate::core::provision::{InterventionId, ProvisionBook, ProvisionId};
use crate::core::value::format_uk_date;
use std::fmt;

/// What uses a staff role, which must change before it can be removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleUses {
    /// Bank items whose usual staff include it, in the bank's order.
    pub bank: Vec<InterventionId>,
    /// Provision whose own staff, or a staff change, include it, in the order added.
    pub provisions: Vec<ProvisionId>,
}

impl RoleUses {
    /// Nothing uses the role.
    pub fn is_empty(&self) -> bool {
        self.bank.is_empty() && self.provisions.is_empty()
    }
}

/// A role that cannot be removed, with the names of what uses it, ready to say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleInUse {
    /// The role's name.
    pub role: String,
    /// The bank items that have it as usual staff, by name.
    pub bank: Vec<String>,
    /// The provision that has it as staff, as "FLS from 01/09/2025".
    pub provisions: Vec<String>,
}

impl fmt::Display for RoleInUse {
    /// "“TA” cannot be removed while it is in use: it is the usual staff of Daily report,
    /// FLS, Lunchtime Club and 2 more in the bank, and staff on FLS from 01/09/2025.
    /// Choose other staff for them first."
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.bank.is_empty() {
            parts.push(format!(
                "it is the usual staff of {} in the bank",
                listed_names(&self.bank)
            ));
        }
        if !self.provisions.is_empty() {
            let lead = if parts.is_empty() { "it is " } else { "" };
            parts.push(format!("{lead}staff on {}", listed_names(&self.provisions)));
        }
        write!(
            f,
            "“{}” cannot be removed while it is in use: {}. Choose other staff for them first.",
            self.role,
            parts.join(", and ")
        )
    }
}

/// Names as a sentence: "A", "A and B", "A, B and C", else the first three and how many
/// more ("A, B, C and 4 more").
fn listed_names(names: &[String]) -> String {
    const LISTED: usize = 3;
    match names {
        [] => String::new(),
        [one] => one.clone(),
        _ if names.len() <= LISTED => {
            let last = names.len() - 1;
            format!("{} and {}", names[..last].join(", "), names[last])
        }
        _ => format!(
            "{} and {} more",
            names[..LISTED].join(", "),
            names.len() - LISTED
        ),
    }
}

/// What uses role `id`: bank items' usual staff (archived ones too, since provision may
/// still use them), and provision's own staff or staff changes.
pub fn role_uses(book: &ProvisionBook, id: StaffRoleId) -> RoleUses {
    RoleUses {
        bank: book
            .bank
            .items
            .iter()
            .filter(|item| item.delivery.staff.contains(&id))
            .map(|item| item.id)
            .collect(),
        provisions: book
            .provisions
            .iter()
            .filter(|p| {
                p.staff.as_ref().is_some_and(|staff| staff.contains(&id))
                    || p.staff_changes.iter().any(|c| c.staff.contains(&id))
            })
            .map(|p| p.id)
            .collect(),
    }
}

/// Whether role `id` can be removed: `Ok` when nothing uses it, else the refusal naming
/// what does ([`role_uses`]). Asking changes nothing.
pub fn check_removal(book: &ProvisionBook, id: StaffRoleId) -> Result<(), StaffError> {
    let role = book.staff.get(id).ok_or(StaffError::NotFound)?;
    let uses = role_uses(book, id);
    if !uses.is_empty() {
        let bank = uses
            .bank
            .iter()
            .filter_map(|item| book.bank.get(*item))
            .map(|item| item.name.clone())
            .collect();
        let provisions = uses
            .provisions
            .iter()
            .filter_map(|p| book.provision(*p))
            .map(|p| {
                let name = book
                    .bank
                    .get(p.intervention)
                    .map_or("Unknown intervention", |i| i.name.as_str());
                format!("{name} from {}", format_uk_date(p.start))
            })
            .collect();
        return Err(StaffError::InUse(RoleInUse {
            role: role.name.clone(),
            bank,
            provisions,
        }));
    }
    Ok(())
}

/// Removes role `id` and gives it back, or refuses while anything uses it
/// ([`check_removal`]), naming what does.
pub fn remove_role(book: &mut ProvisionBook, id: StaffRoleId) -> Result<StaffRole, StaffError> {
    check_removal(book, id)?;
    let role = book.staff.get(id).ok_or(StaffError::NotFound)?.clone();
    book.staff.roles.retain(|r| r.id != id);
    Ok(role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::HourlyRate;

    #[test]
    fn a_role_is_removed_only_when_nothing_uses_it_and_the_refusal_names_what_does() {
        use crate::core::provision::{Provision, StaffChange};
        use chrono::NaiveDate;
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).expect("a date");
        let mut book = ProvisionBook::default();
        // HLTA is nobody's usual staff in the starting bank: it can go.
        assert!(role_uses(&book, StaffRoleId::HLTA).is_empty());
        // Teacher is the usual staff of Individual teaching (30) and Maths challenge (34).
        let uses = role_uses(&book, StaffRoleId::TEACHER);
        assert_eq!(uses.bank, [InterventionId(30), InterventionId(34)]);
        assert_eq!(
            remove_role(&mut book, StaffRoleId::TEACHER)
                .expect_err("in use")
                .to_string(),
            "“Teacher” cannot be removed while it is in use: it is the usual staff of \
             Individual teaching and Maths challenge in the bank. Choose other staff for \
             them first."
        );

        // A new role used only by a provision's own staff, then only by a staff change.
        let senior = book
            .staff
            .add_role("Senior TA", HourlyRate::default())
            .expect("added");
        let fls = book.bank.get(InterventionId(20)).expect("FLS").clone();
        let mut provision = Provision::new(&fls, day(9, 1), day(12, 19));
        provision.staff = Some(vec![StaffRoleId::TA, senior]);
        let id = book.add_provision(provision);
        assert_eq!(role_uses(&book, senior).provisions, [id]);
        assert_eq!(
            remove_role(&mut book, senior)
                .expect_err("in use")
                .to_string(),
            "“Senior TA” cannot be removed while it is in use: it is staff on FLS from \
             01/09/2025. Choose other staff for them first."
        );
        if let Some(p) = book.provision_mut(id) {
            p.staff = Some(vec![StaffRoleId::TA]);
            p.staff_changes.push(StaffChange {
                from: day(11, 3),
                staff: vec![senior],
            });
        }
        assert_eq!(role_uses(&book, senior).provisions, [id]);
        assert!(matches!(
            remove_role(&mut book, senior),
            Err(StaffError::InUse(_))
        ));
        if let Some(p) = book.provision_mut(id) {
            p.staff_changes.clear();
        }
        assert_eq!(check_removal(&book, senior), Ok(()));
        let removed = remove_role(&mut book, senior).expect("unused now");
        assert_eq!(removed.name, "Senior TA");
        assert!(book.staff.get(senior).is_none());
        assert_eq!(remove_role(&mut book, senior), Err(StaffError::NotFound));
        // The TA is used by the bank and by that provision: both are named, the bank's
        // long list cut short.
        let message = remove_role(&mut book, StaffRoleId::TA)
            .expect_err("in use")
            .to_string();
        assert!(
            message.starts_with(
                "“TA” cannot be removed while it is in use: it is the usual staff of Daily \
                 report, Meet and greet, Behaviour support and "
            ),
            "{message}"
        );
        assert!(
            message.ends_with(
                " more in the bank, and staff on FLS from 01/09/2025. Choose other staff for \
                 them first."
            ),
            "{message}"
        );
        assert!(remove_role(&mut book, StaffRoleId::HLTA).is_ok());
        assert_eq!(book.staff.roles.len(), 3);
    }
}
