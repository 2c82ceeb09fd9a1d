//! Ranking a backlog (DESIGN.md, "Utility matrix"): by utility, with a coordinator's manual
//! position on top. The backlog pages and the re-score preview rank the same way.

use std::cmp::Ordering;

/// What ranking needs of a scored candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    pub id: i64,
    pub utility: f64,
    pub value: f64,
    pub knocked_out: bool,
}

/// The computed order: utility, highest first; ties by value, then the older candidate (lower
/// id) first. Knocked-out candidates are not ranked and are left out.
pub fn computed(rows: &[Scored]) -> Vec<i64> {
    let mut ranked: Vec<&Scored> = rows.iter().filter(|r| !r.knocked_out).collect();
    ranked.sort_by(|a, b| {
        b.utility
            .partial_cmp(&a.utility)
            .unwrap_or(Ordering::Equal)
            .then(b.value.partial_cmp(&a.value).unwrap_or(Ordering::Equal))
            .then(a.id.cmp(&b.id))
    });
    ranked.into_iter().map(|r| r.id).collect()
}

/// The final order: each overridden candidate (id, 1-based position) at its position, the others
/// in `order` around them. Overrides of candidates not in `order` are ignored; two overrides of
/// the same position keep their order in `order`; a position beyond the end puts the candidate
/// last.
pub fn with_overrides(order: &[i64], overrides: &[(i64, u32)]) -> Vec<i64> {
    let mut pinned: Vec<(u32, usize, i64)> = overrides
        .iter()
        .filter_map(|&(id, position)| order.iter().position(|&o| o == id).map(|at| (position.max(1), at, id)))
        .collect();
    pinned.sort_unstable();
    pinned.dedup_by_key(|p| p.2);
    let pinned_ids: Vec<i64> = pinned.iter().map(|p| p.2).collect();
    let mut rest = order.iter().copied().filter(|id| !pinned_ids.contains(id));
    let mut result = Vec::with_capacity(order.len());
    let mut pins = pinned.into_iter().peekable();
    while result.len() < order.len() {
        let next_place = u32::try_from(result.len() + 1).unwrap_or(u32::MAX);
        match pins.peek() {
            Some(&(position, _, id)) if position <= next_place => {
                result.push(id);
                pins.next();
            }
            _ => match rest.next() {
                Some(id) => result.push(id),
                None => result.extend(pins.by_ref().map(|p| p.2)),
            },
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(id: i64, utility: f64, value: f64, knocked_out: bool) -> Scored {
        Scored { id, utility, value, knocked_out }
    }

    #[test]
    fn by_utility_then_value_then_age() {
        let rows = [
            s(1, 50.0, 10.0, false),
            s(2, 70.0, 0.0, false),
            s(3, 50.0, 20.0, false),
            s(4, 90.0, 90.0, true),
            s(5, 50.0, 20.0, false),
        ];
        assert_eq!(computed(&rows), vec![2, 3, 5, 1]);
    }

    #[test]
    fn overrides_take_their_place() {
        let order = [10, 20, 30, 40, 50];
        assert_eq!(with_overrides(&order, &[]), order.to_vec());
        assert_eq!(with_overrides(&order, &[(50, 1)]), vec![50, 10, 20, 30, 40]);
        assert_eq!(with_overrides(&order, &[(10, 3)]), vec![20, 30, 10, 40, 50]);
        // Beyond the end: last. Unknown candidates: ignored. Position 0 counts as 1.
        assert_eq!(with_overrides(&order, &[(20, 99), (77, 1)]), vec![10, 30, 40, 50, 20]);
        assert_eq!(with_overrides(&order, &[(30, 0)]), vec![30, 10, 20, 40, 50]);
        // Two at the same position: in computed order, one after the other.
        assert_eq!(with_overrides(&order, &[(50, 2), (40, 2)]), vec![10, 40, 50, 20, 30]);
        // Everything pinned.
        assert_eq!(with_overrides(&[1, 2], &[(1, 2), (2, 1)]), vec![2, 1]);
    }
}
