//! What people expect from a command line like this one: completions, a manual page, help
//! with examples and exit codes, errors that name the path.

use std::process::{Command, Output};

fn errdex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run errdex")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn completions_for_every_shell_and_a_manual_page() {
    for (shell, marker) in [
        ("bash", "_errdex()"),
        ("zsh", "#compdef errdex"),
        ("fish", "complete -c errdex"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[errdex]"),
    ] {
        let output = errdex(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(
            script.contains(marker),
            "{shell}: {}",
            &script[..script.len().min(200)]
        );
        assert!(
            script.contains("baseline"),
            "{shell} completes check's flags"
        );
    }
    let man = stdout(&errdex(&["man"]));
    assert!(
        man.contains(".TH errdex 1"),
        "{}",
        &man[..man.len().min(200)]
    );
    for section in [".SH \"ERRDEX BUILD\"", ".SH \"ERRDEX CHECK\"", "Exit codes"] {
        assert!(man.contains(section), "{section}");
    }
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let help = stdout(&errdex(&["--help"]));
    assert!(
        help.contains("Examples:") && help.contains("Exit codes:"),
        "{help}"
    );
    for command in ["build", "check"] {
        let help = stdout(&errdex(&[command, "--help"]));
        assert!(
            help.contains("Examples:") && help.contains("Exit codes:"),
            "{command}: {help}"
        );
    }
}

#[test]
fn errors_name_the_path() {
    for args in [
        vec!["dump", "no/such/page.md"],
        vec!["annotate", "no/such/tasks.json"],
        vec!["build", "no/such/folder", "--out", "target/never-written"],
    ] {
        let output = errdex(&args);
        assert_ne!(output.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("no/such/"), "{args:?}: {stderr}");
    }
}
