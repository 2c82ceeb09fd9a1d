//! `autoport add-municipality`: the operator's way to the first municipality and its admin
//! (after that, consortium admins add members in the UI).
//!
//! ```text
//! AUTOPORT_INITIAL_PASSWORD=… autoport add-municipality CODE NAME ADMIN_EMAIL ADMIN_NAME [--consortium-admin]
//! ```
//! Without AUTOPORT_INITIAL_PASSWORD a random password is made and printed once.

use crate::config::Config;
use app::admin::model::MunicipalityForm;
use app::common::error::AppError;
use app::db::Db;
use app::identity::model::Role;

pub struct AddMunicipality {
    pub form: MunicipalityForm,
    pub consortium_admin: bool,
    pub generated_password: bool,
}

const USAGE: &str = "usage: autoport add-municipality CODE NAME ADMIN_EMAIL ADMIN_NAME [--consortium-admin]\n\
    (the admin's password comes from AUTOPORT_INITIAL_PASSWORD, or is generated and printed once)";

impl AddMunicipality {
    pub fn from_args(args: &[String]) -> Result<Self, String> {
        let consortium_admin = args.iter().any(|a| a == "--consortium-admin");
        let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
        if args.iter().any(|a| a.starts_with("--") && a != "--consortium-admin") || positional.len() != 4 {
            return Err(USAGE.to_owned());
        }
        let given = std::env::var("AUTOPORT_INITIAL_PASSWORD").ok().filter(|p| !p.is_empty());
        let generated_password = given.is_none();
        let admin_password = match given {
            Some(password) => password,
            // 18 random bytes: 24 characters, 144 bits.
            None => app::crypto::random_secret(18).map_err(|_| "the random source failed".to_owned())?,
        };
        Ok(AddMunicipality {
            form: MunicipalityForm {
                code: positional[0].clone(),
                name: positional[1].clone(),
                admin_email: positional[2].clone(),
                admin_name: positional[3].clone(),
                admin_password,
            },
            consortium_admin,
            generated_password,
        })
    }
}

pub async fn add_municipality(config: &Config, request: AddMunicipality) -> Result<String, String> {
    let db = Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let mut roles = vec![Role::Reporter, Role::MunicipalityAdmin];
    if request.consortium_admin {
        roles.push(Role::ConsortiumAdmin);
    }
    let outcome = app::admin::service::create_municipality(&db, &request.form, &roles).await;
    db.close().await;
    let (municipality, user) = outcome.map_err(|e| match e {
        AppError::Invalid(errors) => {
            let problems: Vec<String> = errors
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e.field,
                        app::common::texts::texts(app::common::locale::Locale::En).invalid(e.problem)
                    )
                })
                .collect();
            format!("nothing was added: {}", problems.join("; "))
        }
        other => format!("nothing was added: {other}"),
    })?;
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let mut report = format!(
        "added municipality {} ({}) as #{municipality}, and its admin {} as #{user} ({})",
        request.form.name.trim(),
        request.form.code.trim(),
        request.form.admin_email.trim().to_lowercase(),
        roles.join(", ")
    );
    if request.generated_password {
        report.push_str(&format!(
            "\ninitial password (shown once; give it on another channel): {}",
            request.form.admin_password
        ));
    }
    Ok(report)
}
