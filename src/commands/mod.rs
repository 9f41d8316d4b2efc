//! One module per command; `dispatch` hands the parsed command line to the right one.

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = cli.global;
    match cli.command {
        None => todo!("start screen"),
        Some(Command::List) => todo!("list"),
        Some(Command::Check { .. }) => todo!("check"),
        Some(Command::Run { .. }) => todo!("run"),
        Some(Command::Join { .. }) => todo!("join"),
        Some(Command::Runs) => todo!("runs"),
        Some(Command::Review { .. }) => todo!("review"),
        Some(Command::Export { .. }) => todo!("export"),
    }
}
