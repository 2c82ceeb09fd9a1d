//! Municipalities and their department trees.

use super::SeedResult;
use app::admin::store::{self, Op, Parent};
use app::db::Db;

/// A municipality without people; returns its id.
pub async fn municipality(db: &Db, code: &str, name: &str) -> SeedResult<i64> {
    Ok(store::insert_municipality(db, code, name).await?)
}

/// A department tree, written in one transaction by the admin store (which keeps the paths
/// the department limits read).
///
/// ```ignore
/// let mut tree = Departments::new();
/// let citizens = tree.top("Borgerservice");
/// tree.under(citizens, "Pas og kørekort");
/// let ids = tree.create(db, municipality).await?; // in the order added
/// ```
#[derive(Default)]
pub struct Departments {
    ops: Vec<Op>,
}

impl Departments {
    pub fn new() -> Departments {
        Departments::default()
    }

    /// A department at the top of the tree; returns its place, for [`Departments::under`].
    pub fn top(&mut self, name: &str) -> usize {
        self.add(name, Parent::Top)
    }

    /// A department under the one added at `parent`; returns its place.
    pub fn under(&mut self, parent: usize, name: &str) -> usize {
        self.add(name, Parent::Planned(parent))
    }

    fn add(&mut self, name: &str, parent: Parent) -> usize {
        self.ops.push(Op::CreateDepartment { name: name.to_owned(), parent });
        self.ops.len() - 1
    }

    /// Writes the tree; returns the ids in the order the departments were added.
    pub async fn create(self, db: &Db, municipality_id: i64) -> SeedResult<Vec<i64>> {
        Ok(store::apply(db, municipality_id, &self.ops).await?)
    }
}
