//! `AUTOPORT_SMTP_URL` and `AUTOPORT_MAIL_FROM`: parsed and checked at start, so a typo stops
//! the server instead of silently losing mail; and the lettre transport and message built
//! from them.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Message, Tokio1Executor};
use std::fmt;
use std::time::Duration;

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain connect, then STARTTLS, which the server must offer (no silent fallback).
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Implicit,
    /// `smtp://…?tls=none`: no TLS at all; only to a loopback host (a local relay or test sink).
    None,
}

/// Where and how to send mail.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    password: Option<String>,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// Mail settings of the server: present only when `AUTOPORT_SMTP_URL` is set.
#[derive(Clone, Debug)]
pub struct MailConfig {
    pub smtp: SmtpSettings,
    pub from: Mailbox,
    /// How often each node looks for mail to send.
    pub interval: Duration,
}

impl MailConfig {
    /// `None` when `AUTOPORT_SMTP_URL` is unset or empty: then no mail is sent.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<MailConfig>, (&'static str, String)> {
        let Some(url) = lookup("AUTOPORT_SMTP_URL").filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let smtp = SmtpSettings::parse(url.trim()).map_err(|reason| ("AUTOPORT_SMTP_URL", reason))?;
        let from = lookup("AUTOPORT_MAIL_FROM")
            .filter(|f| !f.trim().is_empty())
            .ok_or(("AUTOPORT_MAIL_FROM", "must be set when AUTOPORT_SMTP_URL is".to_owned()))?;
        let from = parse_mailbox(&from).map_err(|reason| ("AUTOPORT_MAIL_FROM", reason))?;
        Ok(Some(MailConfig { smtp, from, interval: Duration::from_secs(15) }))
    }
}

/// An address like `noreply@autoport.example` or `Autoport <noreply@autoport.example>`.
pub fn parse_mailbox(text: &str) -> Result<Mailbox, String> {
    if text.contains(['\r', '\n']) {
        return Err("must be one line".into());
    }
    text.trim().parse::<Mailbox>().map_err(|_| format!("{:?} is not an e-mail address", text.trim()))
}

impl SmtpSettings {
    /// `smtp://[user[:password]@]host[:port]` (STARTTLS required, port 587),
    /// `smtps://…` (implicit TLS, port 465), `smtp://127.0.0.1:2525?tls=none` (loopback only).
    /// User and password are percent-decoded.
    ///
    /// Not lettre's `from_url`: its `smtp://host` means plain text on port 25 (ours: STARTTLS
    /// required, 587), it knows no `tls=none`, takes a path as the HELO name, and returns a
    /// builder we could not check for the loopback rule or show redacted.
    pub fn parse(text: &str) -> Result<SmtpSettings, String> {
        let url = url::Url::parse(text).map_err(|e| format!("not a URL ({e})"))?;
        let mut tls_none = false;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "none") => tls_none = true,
                ("tls", "required") => {}
                _ => return Err(format!("unknown option {key}={value}; the only one is tls=none")),
            }
        }
        let security = match (url.scheme(), tls_none) {
            ("smtp", false) => Security::StartTls,
            ("smtp", true) => Security::None,
            ("smtps", false) => Security::Implicit,
            ("smtps", true) => return Err("smtps:// is TLS; tls=none contradicts it".into()),
            _ => return Err("must start with smtp:// or smtps://".into()),
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_owned(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            _ => return Err("names no host".into()),
        };
        // smtp: is no "special" scheme to the URL parser, so an IPv4 address arrives as a name.
        let loopback = match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => {
                d.eq_ignore_ascii_case("localhost") || d.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
            }
            None => false,
        };
        if security == Security::None && !loopback {
            return Err("tls=none is allowed only for a loopback host (127.0.0.1, ::1, localhost)".into());
        }
        if !matches!(url.path(), "" | "/") || url.fragment().is_some() {
            return Err("must not have a path".into());
        }
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8().map(|c| c.into_owned());
        let user = Some(url.username()).filter(|u| !u.is_empty()).map(decode).transpose();
        let password = url.password().map(decode).transpose();
        let (Ok(user), Ok(password)) = (user, password) else {
            return Err("user or password is not valid UTF-8 after percent-decoding".into());
        };
        if password.is_some() && user.is_none() {
            return Err("has a password but no user".into());
        }
        let port = url.port().unwrap_or(if security == Security::Implicit { 465 } else { 587 });
        Ok(SmtpSettings { host, port, security, user, password })
    }

    /// The lettre transport: connects per send (no pool), 30 s timeout per step.
    pub fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let tls = |host: &str| TlsParameters::new(host.to_owned()).map_err(|e| format!("TLS setup: {e}"));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .timeout(Some(Duration::from_secs(30)));
        builder = match self.security {
            Security::StartTls => builder.tls(Tls::Required(tls(&self.host)?)),
            Security::Implicit => builder.tls(Tls::Wrapper(tls(&self.host)?)),
            Security::None => builder.tls(Tls::None),
        };
        if let (Some(user), password) = (&self.user, &self.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone().unwrap_or_default()));
        }
        Ok(builder.build())
    }
}

/// A plain-text UTF-8 mail. The builder encodes the headers; a subject with a line break is
/// refused here as well (the composer never makes one) so nothing typed can add a header.
pub fn message(from: &Mailbox, to: &str, subject: &str, body: String) -> Result<Message, String> {
    if subject.contains(['\r', '\n']) {
        return Err("subject with a line break".into());
    }
    let to = parse_mailbox(to)?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| format!("message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starttls_is_the_default_and_required() {
        let s = SmtpSettings::parse("smtp://user:p%40ss@mail.example.org").expect("ok");
        assert_eq!((s.host.as_str(), s.port, s.security), ("mail.example.org", 587, Security::StartTls));
        assert_eq!(s.user.as_deref(), Some("user"));
        assert_eq!(s.password.as_deref(), Some("p@ss"));
        let s = SmtpSettings::parse("smtp://mail.example.org:2587?tls=required").expect("ok");
        assert_eq!((s.port, s.security, s.user), (2587, Security::StartTls, None));
    }

    #[test]
    fn smtps_is_implicit_tls_on_465() {
        let s = SmtpSettings::parse("smtps://u:p@mail.example.org").expect("ok");
        assert_eq!((s.port, s.security), (465, Security::Implicit));
        assert!(SmtpSettings::parse("smtps://mail.example.org?tls=none").is_err());
    }

    #[test]
    fn plain_text_only_to_loopback() {
        for ok in ["smtp://127.0.0.1:2525?tls=none", "smtp://[::1]:25?tls=none", "smtp://localhost?tls=none"] {
            assert_eq!(SmtpSettings::parse(ok).expect(ok).security, Security::None);
        }
        for bad in
            ["smtp://mail.example.org?tls=none", "smtp://10.0.0.1:25?tls=none", "smtp://127.0.0.1.example?tls=none"]
        {
            assert!(SmtpSettings::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_smtp_url() {
        for bad in [
            "mail.example.org",
            "http://mail.example.org",
            "smtp://",
            "smtp://mail.example.org/inbox",
            "smtp://mail.example.org?tls=maybe",
            "smtp://:secret@mail.example.org",
        ] {
            assert!(SmtpSettings::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_password() {
        let s = SmtpSettings::parse("smtp://user:s3cret@mail.example.org").expect("ok");
        let shown = format!("{s:?}");
        assert!(!shown.contains("s3cret") && shown.contains("[redacted]"), "{shown}");
    }

    #[test]
    fn sender_addresses_are_checked() {
        assert!(parse_mailbox("Autoport <noreply@autoport.example>").is_ok());
        assert!(parse_mailbox("noreply@autoport.example").is_ok());
        assert!(parse_mailbox("not an address").is_err());
        assert!(parse_mailbox("a@b.example\r\nBcc: c@d.example").is_err());
    }

    #[test]
    fn messages_refuse_header_injection_and_encode_utf8() {
        let from = parse_mailbox("noreply@autoport.example").expect("from");
        assert!(message(&from, "b@home.test", "Hi\r\nBcc: x@evil.example", "body".into()).is_err());
        assert!(message(&from, "not an address", "Hi", "body".into()).is_err());
        let m = message(&from, "b@home.test", "Autoport: Rejseafregning – Anna kommenterede", "Hej 😀".into())
            .expect("message");
        let raw = String::from_utf8(m.formatted()).expect("ascii on the wire");
        let subject = raw.lines().find(|l| l.starts_with("Subject: ")).unwrap_or_default();
        assert!(subject.contains("=?utf-8?") && subject.is_ascii(), "non-ASCII words are encoded: {raw}");
        assert!(raw.contains("Content-Type: text/plain; charset=utf-8"), "{raw}");
    }
}
