//! The `loclint` command: everything is in the library; this only runs it.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = loclint::cli::Cli::parse();
    match loclint::cli::run(cli) {
        Ok(code) => code,
        // A closed pipe (`loclint rules | head`) is the reader's choice, not a failure.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(loclint::cli::TROUBLE)
        }
    }
}
