//! `factdesk-server`: the desk server, and its user administration.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use factdesk_server::config::Config;
use factdesk_server::store::Desk;

/// The Factdesk desk: a newsroom's checkers share one claim history on PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "factdesk-server", version, about)]
struct Cli {
    /// The configuration file (TOML: `database_url`, `listen`).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "FACTDESK_SERVER_CONFIG"
    )]
    config: Option<PathBuf>,
    /// The PostgreSQL connection string (overrides the file's `database_url`).
    #[arg(long, global = true, value_name = "URL", env = "FACTDESK_DATABASE_URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the desk (plain HTTP, loopback only), bringing the database schema up to date
    /// first.
    Serve {
        /// The address to listen on [default: 127.0.0.1:7700].
        #[arg(long, value_name = "ADDR")]
        listen: Option<SocketAddr>,
    },
    /// Bring the database schema up to date and stop.
    Migrate,
    /// Manage users and their tokens.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user and print their token (shown once; only its hash is kept).
    Add {
        /// The user's name, as the history shows it.
        name: String,
        /// checker (marks claims), editor (assigns, signs off) or admin (users).
        #[arg(long)]
        role: String,
    },
    /// Revoke every token of a user, at once.
    Revoke {
        /// The user's name.
        name: String,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("factdesk-server: cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdesk-server: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    let listen = match &cli.command {
        Command::Serve { listen } => *listen,
        _ => None,
    };
    let config = Config::load(cli.config.as_deref(), cli.database_url.clone(), listen)?;
    let desk = Desk::connect(&config.database_url)?;
    desk.migrate()
        .await
        .context("bringing the desk database up to date")?;
    match cli.command {
        Command::Migrate => {
            println!("the desk database is up to date");
        }
        Command::User { command } => match command {
            UserCommand::Add { name, role } => {
                let token = desk.add_user(&name, &role).await?;
                eprintln!("added {name} ({role}); their token, shown only now:");
                println!("{token}");
            }
            UserCommand::Revoke { name } => {
                let n = desk.revoke(&name).await?;
                println!("revoked {n} token(s) of {name}");
            }
        },
        Command::Serve { .. } => {
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("listening on {}", config.listen))?;
            println!(
                "factdesk-server: serving the desk on http://{}",
                listener.local_addr()?
            );
            axum::serve(listener, factdesk_server::api::router(desk))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
        }
    }
    Ok(())
}
