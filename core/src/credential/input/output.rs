//! A diploma written back as issuer input JSON.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::credential::diploma::{Diploma, Lang, Localized, StudyForm};

/// The issuer input for a diploma: pretty JSON of the same shape, fields in the fixtures'
/// order. For a diploma returned by [`parse_issuer_input`](super::parse_issuer_input), parsing the output again gives the
/// same diploma.
pub fn to_issuer_input_json(d: &Diploma) -> String {
    let out = OutInput {
        issuer: &d.issuer,
        holder: OutHolder {
            family_name: &d.name.family,
            given_names: &d.name.given,
            family_name_latin: d.name_latin.as_ref().map(|n| n.family.as_str()),
            given_names_latin: d.name_latin.as_ref().map(|n| n.given.as_str()),
            birth_date: d.birth_date.to_string(),
            iin: d.iin.as_str(),
        },
        diploma: OutDiploma {
            degree_level: d.degree_level.name(),
            program_code: &d.program_code,
            program_name: OutLocalized(&d.program_name),
            qualification: OutLocalized(&d.qualification),
            honors: d.honors,
            issue_date: d.issue_date.to_string(),
            series: &d.series,
            number: &d.number,
            gpa: d.gpa.map(|g| f64::from(g.hundredths()) / 100.0),
            study_form: d.study_form.map(StudyForm::name),
        },
    };
    serde_json::to_string_pretty(&out).expect("plain structs with string keys always serialize to a String")
}

#[derive(Serialize)]
struct OutInput<'a> {
    issuer: &'a str,
    holder: OutHolder<'a>,
    diploma: OutDiploma<'a>,
}

#[derive(Serialize)]
struct OutHolder<'a> {
    family_name: &'a str,
    given_names: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_name_latin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_names_latin: Option<&'a str>,
    birth_date: String,
    iin: &'a str,
}

#[derive(Serialize)]
struct OutDiploma<'a> {
    degree_level: &'static str,
    program_code: &'a str,
    program_name: OutLocalized<'a>,
    qualification: OutLocalized<'a>,
    honors: bool,
    issue_date: String,
    series: &'a str,
    number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gpa: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    study_form: Option<&'static str>,
}

/// A by-language text as a JSON object, languages in `kk`, `ru`, `en` order.
struct OutLocalized<'a>(&'a Localized);

impl Serialize for OutLocalized<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let present: Vec<(Lang, &str)> = Lang::ALL.into_iter().filter_map(|l| Some((l, self.0.get(l)?))).collect();
        let mut map = s.serialize_map(Some(present.len()))?;
        for (lang, text) in present {
            map.serialize_entry(lang.tag(), text)?;
        }
        map.end()
    }
}
