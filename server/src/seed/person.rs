//! People with roles.

use super::SeedResult;
use app::admin::store::{self, Op};
use app::db::Db;
use app::identity::model::{Actor, Role};

/// A person of a municipality; by default named after the part of the address before `@`,
/// without password (no sign-in) and without roles.
#[derive(Clone, Debug)]
pub struct Person {
    email: String,
    name: Option<String>,
    password_hash: Option<String>,
    roles: Vec<Role>,
    limited_to: Vec<i64>,
}

impl Person {
    pub fn new(email: &str) -> Person {
        Person { email: email.to_owned(), name: None, password_hash: None, roles: Vec::new(), limited_to: Vec::new() }
    }

    pub fn named(mut self, name: &str) -> Person {
        self.name = Some(name.to_owned());
        self
    }

    /// A hash from [`super::password_hash`], so the person can sign in.
    pub fn password_hash(mut self, hash: &str) -> Person {
        self.password_hash = Some(hash.to_owned());
        self
    }

    pub fn roles(mut self, roles: &[Role]) -> Person {
        self.roles = roles.to_vec();
        self
    }

    /// A coordinator's departments (none: the whole municipality).
    pub fn limited_to(mut self, departments: &[i64]) -> Person {
        self.limited_to = departments.to_vec();
        self
    }

    /// Writes the person; the actor has no coordinator scope loaded (`identity::store::load_user`
    /// gives the one a request would have).
    pub async fn create(self, db: &Db, municipality_id: i64) -> SeedResult<Actor> {
        let mut actors = people(db, municipality_id, vec![self]).await?;
        Ok(actors.remove(0))
    }

    fn into_op(self) -> Op {
        let display_name = self.name.unwrap_or_else(|| self.email.split('@').next().unwrap_or_default().to_owned());
        Op::CreateUser {
            email: self.email,
            display_name,
            password_hash: self.password_hash,
            roles: self.roles,
            limited_to: self.limited_to,
        }
    }
}

/// Several people of one municipality in one transaction, in order.
pub async fn people(db: &Db, municipality_id: i64, people: Vec<Person>) -> SeedResult<Vec<Actor>> {
    let roles: Vec<Vec<Role>> = people.iter().map(|p| p.roles.clone()).collect();
    let ops: Vec<Op> = people.into_iter().map(Person::into_op).collect();
    let ids = store::apply(db, municipality_id, &ops).await?;
    Ok(ids.into_iter().zip(roles).map(|(id, roles)| Actor::new(id, municipality_id, roles)).collect())
}
