//! JSON parsed with duplicate keys detected: a plain `serde_json::Value` would silently keep
//! the last of two equal keys.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::path::shown_key;

/// One step of a path inside the document.
enum Step {
    Key(String),
    Index(usize),
}

/// A path inside the document, outermost step first.
pub(super) struct StepPath(Vec<Step>);

impl StepPath {
    pub(super) fn render(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(shown_key(k));
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

/// A parsed JSON value and the path of its first duplicate key, if any.
pub(super) struct Checked {
    pub(super) value: Value,
    pub(super) duplicate: Option<StepPath>,
}

impl Checked {
    fn leaf(value: Value) -> Self {
        Self { value, duplicate: None }
    }
}

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Bool(b)))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Number(n.into())))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Number(n.into())))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Checked, E> {
        Ok(Checked::leaf(Number::from_f64(n).map_or(Value::Null, Value::Number)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::String(s.to_owned())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::String(s)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        let mut items = Vec::new();
        let mut duplicate = None;
        while let Some(item) = seq.next_element::<Checked>()? {
            if duplicate.is_none()
                && let Some(StepPath(mut inner)) = item.duplicate
            {
                inner.insert(0, Step::Index(items.len()));
                duplicate = Some(StepPath(inner));
            }
            items.push(item.value);
        }
        Ok(Checked { value: Value::Array(items), duplicate })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        let mut object = Map::new();
        let mut duplicate = None;
        while let Some(key) = map.next_key::<String>()? {
            let item = map.next_value::<Checked>()?;
            if duplicate.is_none() {
                if object.contains_key(&key) {
                    duplicate = Some(StepPath(vec![Step::Key(key.clone())]));
                } else if let Some(StepPath(mut inner)) = item.duplicate {
                    inner.insert(0, Step::Key(key.clone()));
                    duplicate = Some(StepPath(inner));
                }
            }
            object.insert(key, item.value);
        }
        Ok(Checked { value: Value::Object(object), duplicate })
    }
}
