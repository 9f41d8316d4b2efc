use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = spar::cli::Cli::parse();
    match spar::commands::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("spar: {}", spar::error::one_line(&err));
            ExitCode::from(spar::error::exit_code(&err))
        }
    }
}
