use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match spar::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version, on standard output.
        Err(err) if !err.use_stderr() => err.exit(),
        Err(err) => {
            let args: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            let (usage, command) = spar::usage::read(&err, &args);
            let words = spar::usage::lang_of(&args).text().usage(&usage, &command);
            eprintln!("spar: {}", spar::text::clean_line(&words));
            return ExitCode::from(2);
        }
    };
    let lang = spar::i18n::Lang::resolve(cli.global.lang);
    match spar::commands::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("spar: {}", spar::error::one_line(&err, lang));
            ExitCode::from(spar::error::exit_code(&err))
        }
    }
}
