//! The model the portal ships as version 1, so that a consortium can assess from the first
//! day and adjust later: the criteria the peer systems agree on (UiPath's idea score, the
//! German WiBe and the RPA four-field matrix; ../shared/reference/peer-systems.md).

use crate::scoring::model::{Axis, Band, Criterion, Definition, Kind, Source, Translated};

fn t(en: &str, da: &str, de: &str, sv: &str) -> Translated {
    Translated::new(en, da, de, sv)
}

fn scale(levels: [[&str; 4]; 5]) -> Kind {
    Kind::Scale { levels: levels.map(|[en, da, de, sv]| t(en, da, de, sv)) }
}

fn bands(unit: Translated, bands: &[(f64, u8)]) -> Kind {
    Kind::Number { unit, bands: bands.iter().map(|&(min, points)| Band { min, points }).collect() }
}

#[allow(clippy::too_many_arguments)]
fn criterion(
    key: &str,
    axis: Axis,
    weight: f64,
    ko: bool,
    prefill: Option<Source>,
    label: Translated,
    help: Translated,
    kind: Kind,
) -> Criterion {
    Criterion { key: key.into(), label, help, axis, kind, weight, ko, prefill }
}

/// The default model: value from volume, handling time, benefit for citizens and staff and
/// strategic fit; feasibility from rules, input, stability, exceptions, systems and legal
/// clarity. Rule-based work and legal clarity are knock-outs: a robot cannot exercise
/// judgement, nor act without a legal basis.
pub fn definition() -> Definition {
    let cases = t("cases a year", "sager om året", "Fälle pro Jahr", "ärenden per år");
    let minutes = t("minutes per case", "minutter pr. sag", "Minuten pro Fall", "minuter per ärende");
    let percent = t("% of cases", "% af sagerne", "% der Fälle", "% av ärendena");
    let systems = t("IT systems", "it-systemer", "IT-Systeme", "it-system");
    Definition {
        value_blend_pct: 50.0,
        value_threshold: 50.0,
        feasibility_threshold: 50.0,
        criteria: vec![
            criterion(
                "volume", Axis::Value, 3.0, false, Some(Source::AnnualVolume),
                t("Volume", "Volumen", "Fallzahl", "Volym"),
                t("How many cases a year the process handles.",
                  "Hvor mange sager processen behandler om året.",
                  "Wie viele Fälle der Prozess im Jahr bearbeitet.",
                  "Hur många ärenden processen hanterar per år."),
                bands(cases, &[(0.0, 1), (500.0, 2), (2000.0, 3), (10000.0, 4), (50000.0, 5)]),
            ),
            criterion(
                "handling_time", Axis::Value, 2.0, false, Some(Source::HandlingMinutes),
                t("Handling time", "Behandlingstid", "Bearbeitungszeit", "Handläggningstid"),
                t("Minutes of manual work one case takes.",
                  "Minutters manuelt arbejde pr. sag.",
                  "Minuten manueller Arbeit pro Fall.",
                  "Minuter manuellt arbete per ärende."),
                bands(minutes, &[(0.0, 1), (2.0, 2), (5.0, 3), (15.0, 4), (30.0, 5)]),
            ),
            criterion(
                "benefit", Axis::Value, 2.0, false, None,
                t("Benefit for citizens and staff", "Gevinst for borgere og medarbejdere",
                  "Nutzen für Bürger und Beschäftigte", "Nytta för invånare och medarbetare"),
                t("Faster answers, fewer errors, less monotonous work.",
                  "Hurtigere svar, færre fejl, mindre ensformigt arbejde.",
                  "Schnellere Antworten, weniger Fehler, weniger monotone Arbeit.",
                  "Snabbare svar, färre fel, mindre enformigt arbete."),
                scale([
                    ["None noticeable", "Ingen mærkbar", "Kein spürbarer", "Ingen märkbar"],
                    ["Small", "Lille", "Gering", "Liten"],
                    ["Moderate", "Moderat", "Mittel", "Måttlig"],
                    ["Large", "Stor", "Groß", "Stor"],
                    ["Very large: a clear change for citizens or staff", "Meget stor: en tydelig forandring for borgere eller medarbejdere",
                     "Sehr groß: eine deutliche Veränderung für Bürger oder Beschäftigte", "Mycket stor: en tydlig förändring för invånare eller medarbetare"],
                ]),
            ),
            criterion(
                "strategic_fit", Axis::Value, 1.0, false, None,
                t("Strategic fit", "Strategisk sammenhæng", "Strategische Passung", "Strategisk passform"),
                t("How well it serves the digitalisation strategy of the municipality or the consortium.",
                  "Hvor godt det understøtter kommunens eller fællesskabets digitaliseringsstrategi.",
                  "Wie gut es der Digitalisierungsstrategie der Kommune oder des Verbunds dient.",
                  "Hur väl det stöder kommunens eller samverkans digitaliseringsstrategi."),
                scale([
                    ["Unrelated to the strategy", "Uden sammenhæng med strategien", "Ohne Bezug zur Strategie", "Utan koppling till strategin"],
                    ["Loosely related", "Løst relateret", "Lose verbunden", "Löst kopplad"],
                    ["Supports it", "Understøtter den", "Unterstützt sie", "Stöder den"],
                    ["A stated goal", "Et udtalt mål", "Ein erklärtes Ziel", "Ett uttalat mål"],
                    ["A top priority", "En topprioritet", "Eine Top-Priorität", "En toppprioritet"],
                ]),
            ),
            criterion(
                "rule_based", Axis::Feasibility, 3.0, true, Some(Source::RuleBased),
                t("Rule-based", "Regelbaseret", "Regelbasiert", "Regelstyrd"),
                t("Can every decision be written down as a rule? A knock-out: a robot cannot exercise judgement.",
                  "Kan hver beslutning skrives ned som en regel? Et stopkriterium: en robot kan ikke udøve skøn.",
                  "Lässt sich jede Entscheidung als Regel aufschreiben? Ein K.-o.-Kriterium: ein Roboter kann kein Ermessen ausüben.",
                  "Kan varje beslut skrivas ner som en regel? Ett stoppkriterium: en robot kan inte göra bedömningar."),
                scale([
                    ["Mostly judgement", "Mest skøn", "Überwiegend Ermessen", "Mest bedömning"],
                    ["Much judgement, some rules", "Meget skøn, nogle regler", "Viel Ermessen, einige Regeln", "Mycket bedömning, vissa regler"],
                    ["Half rules, half judgement", "Halvt regler, halvt skøn", "Halb Regeln, halb Ermessen", "Hälften regler, hälften bedömning"],
                    ["Mostly rules", "Mest regler", "Überwiegend Regeln", "Mest regler"],
                    ["Fully rule-based", "Helt regelbaseret", "Vollständig regelbasiert", "Helt regelstyrd"],
                ]),
            ),
            criterion(
                "digital_input", Axis::Feasibility, 2.0, false, Some(Source::InputDigitalStructured),
                t("Digital, structured input", "Digitalt, struktureret input", "Digitale, strukturierte Eingaben", "Digital, strukturerad indata"),
                t("Does the work start from digital data in fixed fields, or from paper and free text?",
                  "Starter arbejdet fra digitale data i faste felter eller fra papir og fritekst?",
                  "Beginnt die Arbeit mit digitalen Daten in festen Feldern oder mit Papier und Freitext?",
                  "Börjar arbetet med digitala data i fasta fält eller med papper och fritext?"),
                scale([
                    ["Paper or free text", "Papir eller fritekst", "Papier oder Freitext", "Papper eller fritext"],
                    ["Mostly paper, some digital", "Mest papir, noget digitalt", "Überwiegend Papier, teils digital", "Mest papper, en del digitalt"],
                    ["Digital but unstructured", "Digitalt men ustruktureret", "Digital, aber unstrukturiert", "Digitalt men ostrukturerat"],
                    ["Digital, mostly structured", "Digitalt, mest struktureret", "Digital, überwiegend strukturiert", "Digitalt, mest strukturerat"],
                    ["Digital and fully structured", "Digitalt og helt struktureret", "Digital und vollständig strukturiert", "Digitalt och helt strukturerat"],
                ]),
            ),
            criterion(
                "stability", Axis::Feasibility, 2.0, false, Some(Source::Stable),
                t("Stable process", "Stabil proces", "Stabiler Prozess", "Stabil process"),
                t("No change to the process, its rules or its systems expected within six months.",
                  "Ingen ændring af processen, dens regler eller systemer forventet inden for seks måneder.",
                  "Keine Änderung des Prozesses, seiner Regeln oder Systeme in den nächsten sechs Monaten erwartet.",
                  "Ingen ändring av processen, dess regler eller system väntas inom sex månader."),
                Kind::YesNo {
                    yes: t("Stable for at least six months", "Stabil i mindst seks måneder", "Mindestens sechs Monate stabil", "Stabil i minst sex månader"),
                    no: t("Changes are expected", "Der forventes ændringer", "Änderungen sind zu erwarten", "Ändringar väntas"),
                },
            ),
            criterion(
                "exceptions", Axis::Feasibility, 2.0, false, Some(Source::ExceptionsPct),
                t("Exceptions", "Undtagelser", "Ausnahmen", "Undantag"),
                t("Share of cases that need a person because they do not follow the usual path. Fewer is better.",
                  "Andel af sager, der kræver en person, fordi de ikke følger det sædvanlige forløb. Færre er bedre.",
                  "Anteil der Fälle, die einen Menschen brauchen, weil sie vom üblichen Weg abweichen. Weniger ist besser.",
                  "Andel ärenden som kräver en människa eftersom de avviker från det vanliga flödet. Färre är bättre."),
                bands(percent, &[(0.0, 5), (5.0, 4), (10.0, 3), (20.0, 2), (40.0, 1)]),
            ),
            criterion(
                "systems", Axis::Feasibility, 1.0, false, Some(Source::SystemsCount),
                t("IT systems touched", "Berørte it-systemer", "Berührte IT-Systeme", "Berörda it-system"),
                t("How many IT systems the work uses. Fewer is easier.",
                  "Hvor mange it-systemer arbejdet bruger. Færre er lettere.",
                  "Wie viele IT-Systeme die Arbeit nutzt. Weniger ist einfacher.",
                  "Hur många it-system arbetet använder. Färre är enklare."),
                bands(systems, &[(0.0, 5), (2.0, 4), (3.0, 3), (5.0, 2), (8.0, 1)]),
            ),
            criterion(
                "legal_clarity", Axis::Feasibility, 2.0, true, None,
                t("Legal clarity", "Juridisk klarhed", "Rechtliche Klarheit", "Juridisk tydlighet"),
                t("Is there a clear legal basis for automated handling? A knock-out: without one, no robot.",
                  "Er der klar hjemmel til automatiseret behandling? Et stopkriterium: uden hjemmel ingen robot.",
                  "Gibt es eine klare Rechtsgrundlage für die automatisierte Bearbeitung? Ein K.-o.-Kriterium: ohne sie kein Roboter.",
                  "Finns det tydligt lagstöd för automatiserad handläggning? Ett stoppkriterium: utan lagstöd ingen robot."),
                scale([
                    ["No legal basis, or it forbids automation", "Ingen hjemmel, eller den forbyder automatisering",
                     "Keine Rechtsgrundlage, oder sie verbietet Automatisierung", "Inget lagstöd, eller det förbjuder automatisering"],
                    ["Unclear; needs a legal opinion", "Uklar; kræver en juridisk vurdering", "Unklar; braucht ein Rechtsgutachten", "Oklar; kräver en juridisk bedömning"],
                    ["Probably allowed", "Formentlig tilladt", "Vermutlich zulässig", "Troligen tillåtet"],
                    ["Allowed, with conditions", "Tilladt, med betingelser", "Zulässig, mit Auflagen", "Tillåtet, med villkor"],
                    ["Clearly allowed", "Klart tilladt", "Eindeutig zulässig", "Tydligt tillåtet"],
                ]),
            ),
        ],
    }
}
