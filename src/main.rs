use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = spar::cli::Cli::parse();
    let lang = spar::i18n::Lang::resolve(cli.global.lang);
    match spar::commands::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("spar: {}", spar::error::one_line(&err, lang));
            ExitCode::from(spar::error::exit_code(&err))
        }
    }
}
