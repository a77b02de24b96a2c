//! Printing a verification report for a person (in kk/ru/en) or as JSON.

use qujat_core::credential::labels::{claim_label, value_text};
use qujat_core::credential::{Date, Lang};
use qujat_core::platform::UnixTime;
use qujat_core::verifier::{Verdict, VerificationReport};
use serde_json::{Value, json};

/// A UTC timestamp as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn time(t: UnixTime) -> String {
    let date = Date::from_unix(t).map_or_else(|| "?".to_owned(), |d| d.to_string());
    let s = t.rem_euclid(86_400);
    format!("{date} {:02}:{:02}:{:02} UTC", s / 3600, s / 60 % 60, s % 60)
}

/// A human-readable report; its last line is `verdict: CODE`.
pub fn text(r: &VerificationReport, lang: Lang) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(i) = &r.issuer {
        rows.push(("issuer".into(), format!("{} ({})", i.name.best(lang).unwrap_or(&i.id), i.id)));
    }
    for (c, v) in &r.claims.values {
        rows.push((claim_label(*c, lang).to_owned(), value_text(v, lang)));
    }
    for c in &r.claims.not_stated {
        rows.push((claim_label(*c, lang).to_owned(), "—".into()));
    }
    if let Some(k) = &r.kind {
        rows.push(("kind".into(), r.document_line().unwrap_or_else(|| k.code().to_owned())));
    }
    if let (Some(c), Some(e)) = (r.created_at, r.expires_at) {
        rows.push(("presented".into(), format!("{} (expires {})", time(c), time(e))));
    }
    if let Some(ch) = r.challenge {
        rows.push(("challenge".into(), ch.to_string()));
    }
    if let Some(s) = &r.status {
        rows.push((
            "status list".into(),
            format!(
                "of {}, current until {}, {} h old",
                time(s.list_issued_at),
                time(s.valid_until),
                s.age_secs / 3600
            ),
        ));
    }
    if let Some(seq) = r.trust_list_sequence {
        rows.push(("trust list".into(), format!("sequence {seq}")));
    }
    rows.push(("reason".into(), explain(&r.verdict)));
    let width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).min(24) + 1;
    let mut out = String::new();
    for (k, v) in rows {
        let pad = width.saturating_sub(k.chars().count());
        out.push_str(&format!("{k}:{} {v}\n", " ".repeat(pad)));
    }
    out.push_str(&format!("verdict: {}\n", r.verdict.code()));
    out
}

/// One sentence for each verdict.
pub fn explain(v: &Verdict) -> String {
    match v {
        Verdict::Valid => "genuine, presented by its holder, fresh, not revoked".into(),
        Verdict::Revoked => "the issuer has revoked this diploma".into(),
        Verdict::Expired { expired_at } => format!("this QR code expired at {}: ask for a new one", time(*expired_at)),
        Verdict::NotYetValid { created_at } => {
            format!("made in the future ({}): a phone's clock is wrong", time(*created_at))
        }
        Verdict::ChallengeMismatch => "made for another challenge code (or none)".into(),
        Verdict::DocumentNotLive => {
            "a printed/e-mailed copy cannot answer a challenge: ask for the live QR code from the app".into()
        }
        Verdict::ChallengeReused => "this challenge was already answered: a replay".into(),
        Verdict::UnknownIssuer { claimed_id } => {
            format!("issuer `{claimed_id}` is not in the trust list")
        }
        Verdict::ForgedIssuerSignature => "the issuer's signature is forged".into(),
        Verdict::IssuerKeyNotValid => "signed with an issuer key outside its validity period".into(),
        Verdict::ForgedHolderSignature => "not presented by the holder the diploma was issued to".into(),
        Verdict::DisclosureMismatch => "a disclosed value does not match what the issuer signed".into(),
        Verdict::TrustListExpired { expired_at } => {
            format!("the trust list expired at {}: update it", time(*expired_at))
        }
        Verdict::NoTrustList => "no trust list installed".into(),
        Verdict::StatusUnknown => "genuine, but no status list covers it: revocation unknown".into(),
        Verdict::StatusStale { valid_until } => {
            format!("genuine, but the status list is out of date since {}", time(*valid_until))
        }
        Verdict::Malformed(reason) => format!("not a readable presentation: {reason}"),
        Verdict::StateUnavailable => {
            "the verifier's state could not be written, so nothing is accepted: check the state directory".into()
        }
    }
}

/// The report as JSON.
pub fn json(r: &VerificationReport) -> Value {
    let claims: serde_json::Map<String, Value> =
        r.claims.values.iter().map(|(c, v)| (c.key().to_owned(), Value::String(value_text(v, Lang::En)))).collect();
    json!({
        "verdict": r.verdict.code(),
        "reason": explain(&r.verdict),
        "issuer": r.issuer.as_ref().map(|i| json!({"id": i.id, "name": {"kk": i.name.kk, "ru": i.name.ru, "en": i.name.en}})),
        "kind": r.kind.as_ref().map(|k| k.code()),
        "audience": r.kind.as_ref().and_then(|k| k.audience()),
        "claims": claims,
        "not_stated": r.claims.not_stated.iter().map(|c| c.key()).collect::<Vec<_>>(),
        "created_at": r.created_at,
        "expires_at": r.expires_at,
        "challenge": r.challenge.map(|c| c.to_string()),
        "status": r.status.as_ref().map(|s| json!({"issued_at": s.list_issued_at, "valid_until": s.valid_until, "age_secs": s.age_secs})),
        "trust_list_sequence": r.trust_list_sequence,
        "verified_at": r.verified_at,
    })
}

/// A QR code for this terminal: black on white with ANSI colours when stdout is a terminal
/// (so it scans on dark and light themes alike), plain block characters otherwise.
pub fn terminal_qr(m: &qujat_core::qr::QrMatrix) -> String {
    use std::io::IsTerminal;
    let theme = if std::io::stdout().is_terminal() {
        qujat_core::qr::TerminalTheme::Ansi
    } else {
        qujat_core::qr::TerminalTheme::DarkOnLight
    };
    m.to_terminal_for(theme)
}

#[cfg(test)]
mod tests {
    use qujat_core::credential::DisclosedClaims;
    use qujat_core::verifier::PresentationKind;

    use super::*;

    fn report(kind: Option<PresentationKind>) -> VerificationReport {
        VerificationReport {
            verdict: Verdict::Valid,
            issuer: None,
            kind,
            claims: DisclosedClaims::default(),
            created_at: Some(1_795_608_000),
            expires_at: Some(1_795_608_000 + 30 * 86_400),
            challenge: None,
            status: None,
            trust_list_sequence: None,
            verified_at: 1_795_608_030,
        }
    }

    #[test]
    fn a_document_says_what_it_is_in_text_and_json() {
        let r = report(Some(PresentationKind::Document { audience: "Kaspi Bank HR".into() }));
        let t = text(&r, Lang::En);
        let kind = |t: &str| t.lines().find(|l| l.starts_with("kind:")).map(|l| l[5..].trim().to_owned());
        assert_eq!(
            kind(&t).as_deref(),
            Some("printed/e-mailed copy for Kaspi Bank HR, made on 2026-11-25, valid until 2026-12-25"),
            "{t}"
        );
        let j = json(&r);
        assert_eq!((j["kind"].as_str(), j["audience"].as_str()), (Some("document"), Some("Kaspi Bank HR")));
        let live = report(Some(PresentationKind::Live));
        assert_eq!(kind(&text(&live, Lang::En)).as_deref(), Some("live"));
        assert_eq!((json(&live)["kind"].as_str(), json(&live)["audience"].as_str()), (Some("live"), None));
        assert_eq!(kind(&text(&report(None), Lang::En)), None);
    }
}
