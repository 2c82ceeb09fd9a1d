//! Typed configuration from the environment (a `.env` file is read first when present).

use app::crypto::KeyRing;
use std::fmt;
use std::time::Duration;

/// Application settings. Leptos' own settings (address, site root) come from `LEPTOS_*`.
#[derive(Clone)]
pub struct Config {
    /// `sqlite://data/autoport.db` (default) or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// The address people use, e.g. `https://autoport.example.dk`. Session cookies are
    /// `Secure` when it is https.
    pub public_url: String,
    /// Loads the demo consortium into an empty database and prints its sign-ins.
    pub demo: bool,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy (`AUTOPORT_SESSION_MAX_DAYS`, 1–90).
    pub session_max: Duration,
    /// Keys for values encrypted at rest, from `AUTOPORT_DATA_KEYS` (`id:base64,…`, current
    /// first). In demo mode without that variable: the public development key.
    pub data_keys: KeyRing,
    /// True when `data_keys` is the development key (logged loudly at start).
    pub development_key: bool,
    /// E-mail notifications, from `AUTOPORT_SMTP_URL` and `AUTOPORT_MAIL_FROM`; `None`: no mail.
    pub mail: Option<crate::mail::MailConfig>,
    /// The largest attachment accepted, in megabytes (`AUTOPORT_ATTACHMENT_MAX_MB`, 1–100).
    pub attachment_max_mb: u32,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`AUTOPORT_TRUSTED_PROXIES`); from
    /// any other peer the socket's address is the client's.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Single sign-on may reach a provider on this machine (`AUTOPORT_SSO_ALLOW_LOOPBACK`; tests
    /// and development only). Private and link-local addresses are never reached.
    pub sso_allow_loopback: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can configure without touching the process
    /// environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = lookup("DATABASE_URL").unwrap_or_else(|| "sqlite://data/autoport.db".to_owned());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(ConfigError::Invalid {
                name: "DATABASE_URL",
                reason: "must start with sqlite:// or postgres://".into(),
            });
        }
        let public_url = lookup("AUTOPORT_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:3000".to_owned());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::Invalid {
                name: "AUTOPORT_PUBLIC_URL",
                reason: "must start with http:// or https://".into(),
            });
        }
        let demo = match lookup("AUTOPORT_DEMO").as_deref().map(str::trim) {
            None | Some("") | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "AUTOPORT_DEMO",
                    reason: format!("{other:?} is not 1/true or 0/false"),
                })
            }
        };
        let idle_minutes = match lookup("AUTOPORT_SESSION_IDLE_MINUTES") {
            None => 480,
            Some(v) => {
                v.trim().parse::<u64>().ok().filter(|m| (5..=43_200).contains(m)).ok_or(ConfigError::Invalid {
                    name: "AUTOPORT_SESSION_IDLE_MINUTES",
                    reason: "must be a whole number of minutes from 5 to 43200".into(),
                })?
            }
        };
        let max_days = match lookup("AUTOPORT_SESSION_MAX_DAYS") {
            None => 7,
            Some(v) => v.trim().parse::<u64>().ok().filter(|d| (1..=90).contains(d)).ok_or(ConfigError::Invalid {
                name: "AUTOPORT_SESSION_MAX_DAYS",
                reason: "must be a whole number of days from 1 to 90".into(),
            })?,
        };
        let attachment_max_mb = match lookup("AUTOPORT_ATTACHMENT_MAX_MB") {
            None => 10,
            Some(v) => v.trim().parse::<u32>().ok().filter(|m| (1..=100).contains(m)).ok_or(ConfigError::Invalid {
                name: "AUTOPORT_ATTACHMENT_MAX_MB",
                reason: "must be a whole number of megabytes from 1 to 100".into(),
            })?,
        };
        let sso_allow_loopback = match lookup("AUTOPORT_SSO_ALLOW_LOOPBACK").as_deref().map(str::trim) {
            None | Some("") | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "AUTOPORT_SSO_ALLOW_LOOPBACK",
                    reason: format!("{other:?} is not 1/true or 0/false"),
                })
            }
        };
        let trusted_proxies = lookup("AUTOPORT_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<std::net::IpAddr>().map_err(|_| ConfigError::Invalid {
                    name: "AUTOPORT_TRUSTED_PROXIES",
                    reason: format!("{p:?} is not an IP address (a comma-separated list of them)"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let public_url = public_url.trim_end_matches('/').to_owned();
        let spec = lookup("AUTOPORT_DATA_KEYS").filter(|s| !s.trim().is_empty());
        let (data_keys, development_key) = match spec {
            Some(spec) => (
                KeyRing::parse(&spec)
                    .map_err(|e| ConfigError::Invalid { name: "AUTOPORT_DATA_KEYS", reason: e.to_string() })?,
                false,
            ),
            None if demo => (KeyRing::development(), true),
            None => (KeyRing::default(), false),
        };
        let mail = crate::mail::MailConfig::from_lookup(&lookup)
            .map_err(|(name, reason)| ConfigError::Invalid { name, reason })?;
        Ok(Config {
            sso_allow_loopback,
            trusted_proxies,
            mail,
            attachment_max_mb,
            database_url,
            public_url,
            demo,
            session_idle: Duration::from_secs(idle_minutes * 60),
            session_max: Duration::from_secs(max_days * 24 * 3600),
            data_keys,
            development_key,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The attachment size limit in bytes.
    pub fn attachment_max_bytes(&self) -> u64 {
        u64::from(self.attachment_max_mb) * app::candidates::attachments::MB
    }
}

/// The URL with any password replaced, for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:[redacted]{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("demo", &self.demo)
            .field("session_idle", &self.session_idle)
            .field("session_max", &self.session_max)
            .field("data_keys", &self.data_keys)
            .field("mail", &self.mail)
            .field("attachment_max_mb", &self.attachment_max_mb)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("sso_allow_loopback", &self.sso_allow_loopback)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_to_embedded_sqlite() {
        let c = config(&[]).expect("defaults");
        assert_eq!(c.database_url, "sqlite://data/autoport.db");
        assert!(!c.demo);
        assert!(!c.secure_cookies());
        assert_eq!(c.session_idle, Duration::from_secs(8 * 3600));
        assert_eq!(c.session_max, Duration::from_secs(7 * 24 * 3600));
        assert_eq!(c.attachment_max_mb, 10);
        assert_eq!(c.attachment_max_bytes(), 10 * 1024 * 1024);
    }

    #[test]
    fn refuses_bad_values() {
        assert!(config(&[("DATABASE_URL", "mysql://x")]).is_err());
        assert!(config(&[("AUTOPORT_DEMO", "yes please")]).is_err());
        assert!(config(&[("AUTOPORT_SESSION_IDLE_MINUTES", "0")]).is_err());
        for bad in ["0", "91", "a week", "-1"] {
            let Err(ConfigError::Invalid { name, .. }) = config(&[("AUTOPORT_SESSION_MAX_DAYS", bad)]) else {
                panic!("{bad} refused")
            };
            assert_eq!(name, "AUTOPORT_SESSION_MAX_DAYS");
        }
        let days = config(&[("AUTOPORT_SESSION_MAX_DAYS", " 30 ")]).expect("ok").session_max;
        assert_eq!(days, Duration::from_secs(30 * 24 * 3600));
        assert!(config(&[("AUTOPORT_PUBLIC_URL", "autoport.example")]).is_err());
        assert!(config(&[("AUTOPORT_ATTACHMENT_MAX_MB", "0")]).is_err());
        assert!(config(&[("AUTOPORT_ATTACHMENT_MAX_MB", "101")]).is_err());
        assert!(config(&[("AUTOPORT_ATTACHMENT_MAX_MB", "ten")]).is_err());
        assert_eq!(config(&[("AUTOPORT_ATTACHMENT_MAX_MB", " 25 ")]).expect("ok").attachment_max_mb, 25);
        assert!(config(&[("AUTOPORT_PUBLIC_URL", "https://autoport.example")]).expect("ok").secure_cookies());
    }

    #[test]
    fn data_keys_come_from_the_environment_or_demo_mode() {
        let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        let c = config(&[("AUTOPORT_DATA_KEYS", &format!("k2:{key},k1:{key}"))]).expect("ok");
        assert_eq!(c.data_keys.current_key_id(), Some("k2"));
        assert!(!format!("{c:?}").contains(key));
        assert!(config(&[("AUTOPORT_DATA_KEYS", "k1:tooshort")]).is_err());
        assert!(config(&[]).expect("ok").data_keys.is_empty());
        let demo = config(&[("AUTOPORT_DEMO", "1")]).expect("ok");
        assert!(demo.development_key && !demo.data_keys.is_empty());
    }

    #[test]
    fn mail_is_off_without_smtp_and_needs_a_sender_with_it() {
        assert!(config(&[]).expect("ok").mail.is_none());
        assert!(config(&[("AUTOPORT_MAIL_FROM", "noreply@autoport.example")]).expect("ok").mail.is_none());
        assert!(config(&[("AUTOPORT_SMTP_URL", "smtp://mail.example.org")]).is_err(), "no sender");
        assert!(config(&[("AUTOPORT_SMTP_URL", "smtp://mail.example.org"), ("AUTOPORT_MAIL_FROM", "nobody")]).is_err());
        assert!(config(&[
            ("AUTOPORT_SMTP_URL", "smtp://mail.example.org?tls=none"),
            ("AUTOPORT_MAIL_FROM", "a@b.example")
        ])
        .is_err());
        let c = config(&[
            ("AUTOPORT_SMTP_URL", "smtp://autoport:m41lpw@mail.example.org:587"),
            ("AUTOPORT_MAIL_FROM", "Autoport <noreply@autoport.example>"),
        ])
        .expect("ok");
        let mail = c.mail.as_ref().expect("mail on");
        assert_eq!(mail.smtp.port, 587);
        let shown = format!("{c:?}");
        assert!(!shown.contains("m41lpw"), "{shown}");
    }

    #[test]
    fn debug_hides_the_database_password() {
        let c = config(&[("DATABASE_URL", "postgres://autoport:s3cret@db:5432/autoport")]).expect("ok");
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://autoport:[redacted]@db:5432/autoport"));
    }
}
