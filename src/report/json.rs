//! The findings array as pretty JSON with a final newline.

use errdex_core::kb::Finding;

/// Renders findings as a JSON array.
pub fn render(findings: &[Finding]) -> String {
    let mut out = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use errdex_core::check::at;
    use errdex_core::kb::{Finding, FindingKind};

    #[test]
    fn kinds_are_kebab_case() {
        let finding =
            Finding::new(FindingKind::MeaningConflict, "m", vec![at("a", 3)]).with_code("X.1");
        let value: serde_json::Value = serde_json::from_str(&render(&[finding])).expect("json");
        assert_eq!(value[0]["kind"], "meaning-conflict");
        assert_eq!(value[0]["severity"], "error");
        assert_eq!(value[0]["locations"][0]["line"], 3);
        assert_eq!(value[0]["code"], "X.1");
    }
}
