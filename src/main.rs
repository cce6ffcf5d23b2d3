//! The `claimcheck` binary: parse arguments, run the library, print, and
//! map the outcome to an exit code.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use claimcheck::{report, Config};
use cli::{Cli, Command, Exit, ExtractFormat};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::from(Exit::Ok as u8)
                }
                _ => ExitCode::from(Exit::Error as u8),
            };
        }
    };
    ExitCode::from(run(cli) as u8)
}

fn run(cli: Cli) -> Exit {
    let config = match Config::discover(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Error;
        }
    };
    match cli.command {
        Command::Extract { paths, format } => {
            let paths = claimcheck::input_paths(&paths, &config);
            let run = claimcheck::extract_paths(&paths, &config);
            for w in &run.warnings {
                eprintln!("warning: {w}");
            }
            for e in &run.errors {
                eprintln!("error: {e}");
            }
            let out = match format {
                ExtractFormat::Text => report::extract::text(&run.claims, run.articles),
                ExtractFormat::Json => report::extract::json(&run.claims),
                ExtractFormat::Jsonl => report::extract::jsonl(&run.claims),
            };
            if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("error: could not write the output: {e}");
                    return Exit::Error;
                }
            }
            if run.errors.is_empty() {
                Exit::Ok
            } else {
                Exit::Error
            }
        }
    }
}
