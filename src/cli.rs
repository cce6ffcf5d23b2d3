//! The command line: argument definitions and the exit codes.
//!
//! Only definitions live here; `main.rs` runs them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Check the numbers in the news: extract numeric claims from articles.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
pub struct Cli {
    /// No progress bar (it shows only on a terminal, outside CI, for runs
    /// longer than a second).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Pass over article files larger than this many MiB, with a warning.
    #[arg(long, global = true, value_name = "MIB", default_value_t = 32,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: u64,

    /// The claims.yaml to use [default: the nearest claims.yaml or
    /// .claimcheck.yaml in this folder or a parent, up to the repository
    /// root, merged over the built-in defaults; else the built-in defaults]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Leave out files and folders that match GLOB, a line of a .gitignore
    /// (`drafts/old/`, `*.txt`, `archive/**/2019-*.md`), relative to the
    /// current folder; repeat it for more. Adds to `exclude:` in claims.yaml.
    #[arg(long, global = true, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Read what .gitignore and .ignore files leave out, and hidden files
    /// and folders (names that start with `.`); excludes still apply.
    #[arg(long, global = true)]
    pub no_ignore: bool,

    /// Also read the paths listed in FILE, one a line (`-`: standard
    /// input); listed files that are not articles (.md, .markdown, .txt) are
    /// passed over. With it, no default corpus is read.
    #[arg(long, global = true, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// The name shown for the article read from standard input (the path
    /// `-`) [default: <stdin>]
    #[arg(long, global = true, value_name = "NAME")]
    pub stdin_name: Option<String>,

    /// Colour in text output: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, value_name = "WHEN",
          default_value_t = Color::Auto)]
    pub color: Color,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless the NO_COLOR variable is set.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare the figures across articles: where they agree, diverge, and
    /// how they evolve.
    Report {
        /// Articles or folders of articles (.md, .markdown, .txt); `-` reads
        /// one article from standard input [default: the `corpus` paths of
        /// claims.yaml, else corpus/, else the current folder]
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,

        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,

        /// Write the report to this file instead of standard output (written
        /// whole or not at all, through a symbolic link, keeping the file's
        /// permissions; never over a folder, a device or a file the run
        /// reads; `-` is standard output).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// Report on claims extracted earlier with `extract --format jsonl`
        /// (shards of a corpus, run anywhere) instead of reading articles;
        /// gives the same report as one run over the whole corpus.
        #[arg(long, num_args = 1.., value_name = "SHARD.jsonl", conflicts_with = "paths")]
        claims: Vec<PathBuf>,
    },
    /// Check drafts against pinned facts and each other, for pre-commit and
    /// CI: exit 1 if a figure contradicts a fact in claims.yaml or two
    /// articles disagree without the difference being accepted.
    Check {
        /// Articles or folders of articles (.md, .markdown, .txt); `-` reads
        /// one article from standard input [default: the `corpus` paths of
        /// claims.yaml, else corpus/, else the current folder]
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,

        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,

        /// A stored report (`report --format json` or --write-baseline):
        /// fail only on problems that are new since it.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,

        /// Write the checked claims as a baseline to this file (as `report
        /// --output` writes; it may be the --baseline file itself).
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
    },
    /// List every numeric claim in the articles, with its bounds and key.
    Extract {
        /// Articles or folders of articles (.md, .markdown, .txt); `-` reads
        /// one article from standard input [default: the `corpus` paths of
        /// claims.yaml, else corpus/, else the current folder]
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,

        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
    },
    /// Show which configuration file is used and the configuration in
    /// effect (the file merged over the built-in defaults), as YAML.
    Config,
    /// List the measures, actors and places of the configuration in effect
    /// with their words, to see why a figure is counted as it is.
    Measures {
        /// Show only the entries whose name or one of whose words contains
        /// this (case-insensitively): `troops`, `kyiv`, `death toll`.
        #[arg(value_name = "WORD")]
        filter: Option<String>,
    },
    /// Explain the claims on one line of an article: their slots and where
    /// each came from, the group each joined and why.
    Explain {
        /// The article and line (`corpus/a.md:14`, or `corpus/a.md:14:22`
        /// for the claim at column 22 alone).
        #[arg(value_name = "FILE:LINE")]
        at: String,

        /// The articles the report is run over [default: the `corpus` paths
        /// of claims.yaml, else corpus/, else the current folder]; FILE is
        /// added if they do not hold it.
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
    },
    /// Print a completion script for a shell (`claimcheck completions bash
    /// > /etc/bash_completion.d/claimcheck`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`claimcheck man > claimcheck.1`).
    Man,
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For the terminal: headlines, members, word diffs.
    Text,
    /// Tables for a pull request comment or a memo.
    Markdown,
    /// `{"version": 2, "groups": [...], "unlinked": [...]}`.
    Json,
    /// One self-contained page with timeline charts.
    Html,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics for people, with the figure underlined.
    Text,
    /// `{"version": 2, "problems": [...]}`.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// A table for reading.
    Text,
    /// `{"version": 2, "claims": [...]}`.
    Json,
    /// One claim a line, as JSON (no version: a line is a claim).
    Jsonl,
}

/// Exit codes (README: "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything went fine.
    Ok = 0,
    /// `check` found a problem.
    Problems = 1,
    /// Bad usage, unreadable input, an invalid claims.yaml, or output that
    /// could not be written. (SIGINT, SIGTERM and SIGHUP end a run with 128
    /// plus the signal's number: 130, 143, 129.)
    Error = 2,
}
