//! The words of a notification e-mail: pure, so every language and every edge (withheld names,
//! line breaks in titles) is unit-tested without a database or an SMTP server.
//!
//! One mail per notification, not a digest: each row then succeeds, fails and is retried on
//! its own, and the subject can say what happened on which candidate.

use crate::candidates::activity::notifications::describe;
use crate::candidates::model::{Notification, NotificationKind};
use crate::common::locale::Locale;

/// Subject and plain-text body of one mail, in the recipient's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailText {
    /// One line: never a CR or LF (see [`one_line`]).
    pub subject: String,
    pub body: String,
}

/// How many characters of a title the subject keeps; the body has it whole.
const SUBJECT_TITLE_MAX: usize = 80;

/// Composes the mail about `n` for a reader of `locale`. `n.actor` must already be as the
/// recipient may see it (names of other municipalities' people withheld), as the outbox query
/// and the in-app list both do. `public_url` has no trailing slash.
pub fn compose(locale: Locale, n: &Notification, public_url: &str) -> MailText {
    let t = crate::candidates::texts::texts(locale);
    let what = describe(t, n);
    let short_title: String = n.candidate_title.chars().take(SUBJECT_TITLE_MAX).collect();
    let short_title =
        if short_title.len() < n.candidate_title.len() { format!("{short_title}…") } else { short_title };
    let subject = one_line(&t.mail_subject(&short_title, &what));
    let mut body = t.mail_intro(&n.candidate_title, &what);
    body.push_str("\n\n");
    if n.kind == NotificationKind::Comment {
        if let Some(comment) = n.detail.as_deref().filter(|c| !c.trim().is_empty()) {
            for line in comment.lines() {
                body.push_str("> ");
                body.push_str(line);
                body.push('\n');
            }
            body.push('\n');
        }
    }
    body.push_str(t.mail_open);
    body.push('\n');
    body.push_str(&format!("{public_url}/candidates/{}\n\n-- \n", n.candidate_id));
    body.push_str(&t.mail_footer(format!("{public_url}/notifications")));
    body.push('\n');
    MailText { subject, body }
}

/// Folds control characters (CR, LF, tabs, …) and runs of spaces into single spaces, so text
/// typed by people can never start a new header line.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::model::PersonRef;
    use time::macros::datetime;

    fn note(kind: NotificationKind, actor: PersonRef, detail: &str) -> Notification {
        Notification {
            id: 1,
            candidate_id: 42,
            candidate_title: "Travel claims".into(),
            kind,
            actor,
            detail: Some(detail.into()),
            at: datetime!(2026-11-23 10:00 UTC),
            unread: true,
        }
    }

    #[test]
    fn a_comment_mail_names_the_candidate_the_author_quotes_and_links() {
        let n = note(NotificationKind::Comment, PersonRef::Named("Anna".into()), "First line\nsecond line");
        let m = compose(Locale::En, &n, "https://autoport.example");
        assert!(m.subject.contains("Travel claims") && m.subject.contains("Anna commented"), "{}", m.subject);
        assert!(m.body.contains("> First line\n> second line\n"), "{}", m.body);
        assert!(m.body.contains("https://autoport.example/candidates/42\n"), "{}", m.body);
        assert!(m.body.contains("https://autoport.example/notifications"), "{}", m.body);
    }

    #[test]
    fn phases_and_statuses_are_translated_and_names_withheld_as_in_the_app() {
        let n = note(NotificationKind::Phase, PersonRef::Withheld, "analysis");
        let m = compose(Locale::De, &n, "https://a.example");
        let t = crate::candidates::texts::texts(Locale::De);
        assert!(m.subject.contains(t.person_withheld), "{}", m.subject);
        assert!(m.subject.contains("Analyse"), "{}", m.subject);
        assert!(!m.body.contains("analysis"), "{}", m.body);
        let n = note(NotificationKind::Status, PersonRef::FormerEmployee, "on_hold");
        let m = compose(Locale::Da, &n, "https://a.example");
        let t = crate::candidates::texts::texts(Locale::Da);
        assert!(m.subject.contains(t.former_employee), "{}", m.subject);
        assert!(
            m.subject
                .contains(crate::candidates::model::Status::label(crate::candidates::model::Status::OnHold, t.locale)),
            "{}",
            m.subject
        );
        assert!(!m.body.contains("> "), "only comments are quoted");
    }

    #[test]
    fn every_language_has_its_own_words() {
        let n = note(NotificationKind::Comment, PersonRef::Named("Anna".into()), "Hej");
        let subjects: Vec<String> = Locale::ALL.iter().map(|l| compose(*l, &n, "https://a.example").subject).collect();
        for (i, s) in subjects.iter().enumerate() {
            assert!(subjects.iter().skip(i + 1).all(|other| other != s), "{subjects:?}");
        }
    }

    #[test]
    fn subjects_stay_on_one_line() {
        let mut n = note(NotificationKind::Comment, PersonRef::Named("Eve\r\nBcc: x@evil.example".into()), "");
        n.candidate_title = format!("Title\r\nX-Injected: yes {}", "long ".repeat(40));
        let m = compose(Locale::Sv, &n, "https://a.example");
        assert!(!m.subject.contains(['\r', '\n']), "{:?}", m.subject);
        assert!(m.subject.contains('…'), "long titles are shortened: {}", m.subject);
        assert_eq!(one_line(" a\t\tb\r\n c  "), "a b c");
    }
}
