use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = loclint::cli::Cli::parse();
    match loclint::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(loclint::cli::TROUBLE)
        }
    }
}
