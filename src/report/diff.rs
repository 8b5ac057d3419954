//! `errdex diff`: human (grouped by service like a compiler's messages, colour on request),
//! JSON (the [`KbDiff`], schema `diff.schema.json`) and Markdown (a changelog or pull-request
//! comment).
//!
//! ```text
//! CSS: breaking
//! breaking[code-removed]: CSS.4 removed: its ErrorCode variant is gone
//!   --> docs/a.md:4 (old)
//!    = was: Failed to delete the volume.
//! patch[meaning-changed]: CSS.2 means something else now (similarity 0.12)
//!   - docs/a.md:2  Failed to reset the password.
//!   + docs/a.md:2  Failed to restart the node.
//!
//! 1 breaking, 0 minor, 1 patch change: the generated crate needs a major version
//! ```

use std::fmt::Write;

use super::{Format, pretty_json};
use errdex_core::diff::{Change, ChangeKind, Impact, KbDiff};

/// Renders a diff. `color` applies to [`Format::Human`] only; SARIF is not a diff format and
/// prints as human.
pub fn render(format: Format, diff: &KbDiff, color: bool) -> String {
    match format {
        Format::Json => pretty_json(diff),
        Format::Markdown => markdown(diff),
        Format::Human | Format::Sarif => human(diff, color),
    }
}

/// One sentence for a change, shared by the human and Markdown printers.
pub fn headline(change: &Change) -> String {
    let subject = &change.subject;
    let item = change.item.as_deref().unwrap_or("");
    let new_text = change.new.as_ref().map_or("", |s| s.text.as_str());
    let old_text = change.old.as_ref().map_or("", |s| s.text.as_str());
    let similarity = change
        .similarity
        .map_or(String::new(), |s| format!(" (similarity {s:.2})"));
    match change.kind {
        ChangeKind::CodeAdded => format!("{subject} added"),
        ChangeKind::CodeRemoved => format!("{subject} removed: its ErrorCode variant is gone"),
        ChangeKind::CodeRetired => format!("{subject} retired: kept as a deprecated variant"),
        ChangeKind::CodeRestored => format!("{subject} documented again"),
        ChangeKind::MeaningChanged => {
            format!("{subject} means something else now{similarity}")
        }
        ChangeKind::MeaningUnclear => format!(
            "{subject} is worded so differently that its meaning may have changed{similarity}"
        ),
        ChangeKind::Reworded => format!("{subject} reworded, same meaning{similarity}"),
        ChangeKind::StatusChanged => format!(
            "{subject} HTTP status {} → {}",
            or_none(old_text),
            or_none(new_text)
        ),
        ChangeKind::SolutionChanged => format!("{subject} solution changed"),
        ChangeKind::Renumbered => {
            format!("the text of {subject} now stands under {item}{similarity}")
        }
        ChangeKind::EnumAdded => format!("enumeration {subject} added"),
        ChangeKind::EnumRemoved => format!("enumeration {subject} removed: its type is gone"),
        ChangeKind::ValueAdded => format!("{subject}: value `{item}` added"),
        ChangeKind::ValueRemoved => format!("{subject}: value `{item}` removed"),
        ChangeKind::ValueRetired => {
            format!("{subject}: value `{item}` retired: kept as a deprecated variant")
        }
        ChangeKind::ValueRenamed => {
            format!("{subject}: value `{item}` renamed to `{new_text}`")
        }
        ChangeKind::ValueDescribed => format!("{subject}: value `{item}` described otherwise"),
        ChangeKind::OperationAdded => format!("operation {subject} added"),
        ChangeKind::OperationRemoved => format!("operation {subject} removed"),
        ChangeKind::ParameterAdded => {
            let required = match change.impact {
                Impact::Breaking => "mandatory",
                _ => "optional",
            };
            format!("{subject}: {required} parameter {item} added")
        }
        ChangeKind::ParameterRemoved => format!("{subject}: parameter {item} removed"),
        ChangeKind::ParameterRequired => format!("{subject}: parameter {item} made mandatory"),
        ChangeKind::ParameterOptional => format!("{subject}: parameter {item} made optional"),
        ChangeKind::ParameterTypeChanged => {
            format!("{subject}: parameter {item} type {old_text} → {new_text}")
        }
        ChangeKind::FieldAdded => format!("{subject}: field {item} added"),
        ChangeKind::FieldRemoved => format!("{subject}: field {item} removed"),
        ChangeKind::FieldTypeChanged => {
            format!("{subject}: field {item} type {old_text} → {new_text}")
        }
    }
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}

/// Whether the change's texts are worth printing under the headline (they are in it for
/// statuses, types and renames).
fn shows_texts(kind: ChangeKind) -> bool {
    !matches!(
        kind,
        ChangeKind::StatusChanged
            | ChangeKind::ParameterTypeChanged
            | ChangeKind::FieldTypeChanged
            | ChangeKind::ValueRenamed
            | ChangeKind::ParameterRequired
            | ChangeKind::ParameterOptional
    )
}

#[derive(Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        match self.color {
            true => format!("\x1b[{code}m{text}\x1b[0m"),
            false => text.to_string(),
        }
    }

    fn impact(self, impact: Impact) -> String {
        let code = match impact {
            Impact::Breaking => "1;31",
            Impact::Minor => "1;33",
            Impact::Patch => "1;36",
            Impact::None => "1",
        };
        let word = match impact {
            Impact::None => "note",
            other => other.as_str(),
        };
        self.wrap(code, word)
    }
}

fn human(diff: &KbDiff, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    for service in &diff.services {
        let _ = writeln!(
            out,
            "{}: {}",
            paint.wrap("1", &service.service),
            paint.impact(service.impact)
        );
        for change in &service.changes {
            let _ = writeln!(
                out,
                "{}{}: {}",
                paint.impact(change.impact),
                paint.wrap("1", &format!("[{}]", change.kind.id())),
                paint.wrap("1", &headline(change))
            );
            let arrow = paint.wrap("1;34", "-->");
            match (&change.old, &change.new) {
                (Some(old), Some(new)) if shows_texts(change.kind) => {
                    let _ = writeln!(
                        out,
                        "  {} {}:{}  {}",
                        paint.wrap("31", "-"),
                        old.path,
                        old.line,
                        one_line(&old.text)
                    );
                    let _ = writeln!(
                        out,
                        "  {} {}:{}  {}",
                        paint.wrap("32", "+"),
                        new.path,
                        new.line,
                        one_line(&new.text)
                    );
                }
                (Some(old), Some(new)) => {
                    let _ = writeln!(out, "  {arrow} {}:{} (old)", old.path, old.line);
                    let _ = writeln!(out, "  {arrow} {}:{} (new)", new.path, new.line);
                }
                (Some(old), None) => {
                    let _ = writeln!(out, "  {arrow} {}:{} (old)", old.path, old.line);
                    if shows_texts(change.kind) && change.item.is_none() {
                        let _ = writeln!(out, "   = was: {}", one_line(&old.text));
                    }
                }
                (None, Some(new)) => {
                    let _ = writeln!(out, "  {arrow} {}:{}", new.path, new.line);
                    if shows_texts(change.kind) && change.item.is_none() {
                        let _ = writeln!(out, "   = now: {}", one_line(&new.text));
                    }
                }
                (None, None) => {}
            }
            if let Some(note) = &change.note {
                let _ = writeln!(out, "   = {note}");
            }
        }
        out.push('\n');
    }
    out.push_str(&verdict(diff));
    out.push('\n');
    out
}

/// `2 breaking, 1 minor, 3 patch changes (1 note): the generated crate needs a major version`.
pub fn verdict(diff: &KbDiff) -> String {
    let count = |impact: Impact| diff.changes().filter(|c| c.impact == impact).count();
    let notes = count(Impact::None);
    let notes = match notes {
        0 => String::new(),
        1 => " (1 note)".to_string(),
        n => format!(" ({n} notes)"),
    };
    let total = diff.changes().count() - count(Impact::None);
    let bump = match diff.impact {
        Impact::Breaking => "the generated crate needs a major version",
        Impact::Minor => "the generated crate needs a minor version",
        Impact::Patch => "the generated crate needs a patch version",
        Impact::None => "the generated crate is unchanged",
    };
    format!(
        "{} breaking, {} minor, {} patch {}{notes}: {bump}",
        count(Impact::Breaking),
        count(Impact::Minor),
        count(Impact::Patch),
        if total == 1 { "change" } else { "changes" },
    )
}

fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        "(none)".to_string()
    } else {
        line
    }
}

/// A Markdown table cell: one line, pipes escaped, no HTML (`Option<i64>` stays text).
fn cell(text: &str) -> String {
    one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

fn markdown(diff: &KbDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Documentation changes: `{}` → `{}`\n",
        diff.old.replace('`', "'"),
        diff.new.replace('`', "'")
    );
    let _ = writeln!(
        out,
        "**Semver impact on the generated crate: {}.** {}.\n",
        diff.impact.as_str(),
        verdict(diff)
    );
    for service in &diff.services {
        let _ = writeln!(
            out,
            "### {} ({})\n",
            cell(&service.service),
            service.impact.as_str()
        );
        out.push_str("| impact | change | what | old | new |\n| --- | --- | --- | --- | --- |\n");
        for change in &service.changes {
            let side = |side: &Option<errdex_core::diff::Side>| match side {
                Some(s) => format!(
                    "{} (`{}:{}`)",
                    cell(&s.text),
                    s.path.replace('`', "'"),
                    s.line
                ),
                None => String::new(),
            };
            let mut what = cell(&headline(change));
            if let Some(note) = &change.note {
                what.push_str(&format!(" — {}", cell(note)));
            }
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} |",
                match change.impact {
                    Impact::None => "note",
                    other => other.as_str(),
                },
                change.kind.id(),
                what,
                side(&change.old),
                side(&change.new)
            );
        }
        out.push('\n');
    }
    if diff.services.is_empty() {
        out.push_str("No change.\n");
    }
    out
}

/// `errdex explain CODE --history`: each era of the code's meaning, oldest first.
pub fn history(format: Format, histories: &[errdex_core::diff::CodeHistory]) -> String {
    match format {
        Format::Json | Format::Sarif => match histories {
            [one] => pretty_json(one),
            all => pretty_json(&all),
        },
        Format::Human | Format::Markdown => {
            let mut out = String::new();
            for history in histories {
                let releases: usize = history.eras.iter().map(|e| e.releases).sum();
                let _ = writeln!(
                    out,
                    "{}: {} {} over {releases} {}",
                    history.code,
                    history.eras.len(),
                    if history.eras.len() == 1 {
                        "meaning"
                    } else {
                        "eras"
                    },
                    if releases == 1 { "release" } else { "releases" }
                );
                for era in &history.eras {
                    let span = match era.first == era.last {
                        true => era.first.clone(),
                        false => format!("{} .. {}", era.first, era.last),
                    };
                    match &era.meaning {
                        Some(meaning) => {
                            let status = match era.status.as_str() {
                                "" => String::new(),
                                s => format!(" [{s}]"),
                            };
                            let _ = writeln!(
                                out,
                                "  first documented {}, last {}{status}: {}",
                                era.first,
                                era.last,
                                one_line(meaning)
                            );
                            if let Some(place) = &era.place {
                                let _ = writeln!(out, "    --> {place}");
                            }
                            if let Some(last) = &era.last_wording {
                                let _ = writeln!(out, "    = last worded: {}", one_line(last));
                            }
                        }
                        None => {
                            let _ = writeln!(out, "  not documented: {span}");
                        }
                    }
                }
                out.push('\n');
            }
            out
        }
    }
}
