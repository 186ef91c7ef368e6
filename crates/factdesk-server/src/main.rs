//! `factdesk-server`: the desk server, and its user administration.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use factdesk_server::config::{Config, Flags};
use factdesk_server::store::Desk;

/// The Factdesk desk: a newsroom's checkers share one claim history on PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "factdesk-server", version, about)]
struct Cli {
    /// The configuration file (TOML: `database_url`, `listen`, `tls_certificate`,
    /// `tls_key`).
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
    /// Serve the desk, bringing the database schema up to date first: HTTPS on any address
    /// when given a certificate and key, else plain HTTP on loopback only.
    Serve {
        /// The address to listen on [default: 127.0.0.1:7700].
        #[arg(long, value_name = "ADDR")]
        listen: Option<SocketAddr>,
        /// The server's certificate chain, PEM (overrides the file's `tls_certificate`).
        #[arg(long = "tls-cert", value_name = "FILE")]
        tls_certificate: Option<PathBuf>,
        /// The certificate's private key, PEM (overrides the file's `tls_key`).
        #[arg(long = "tls-key", value_name = "FILE")]
        tls_key: Option<PathBuf>,
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
    let mut flags = Flags {
        database_url: cli.database_url.clone(),
        ..Flags::default()
    };
    if let Command::Serve {
        listen,
        tls_certificate,
        tls_key,
    } = &cli.command
    {
        flags.listen = *listen;
        flags.tls_certificate = tls_certificate.clone();
        flags.tls_key = tls_key.clone();
    }
    let config = Config::load(cli.config.as_deref(), flags)?;
    // Read before touching the database, so a bad file is reported at once.
    let tls = match (&cli.command, &config.tls) {
        (Command::Serve { .. }, Some(files)) => Some(factdesk_server::tls::server_config(files)?),
        _ => None,
    };
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
            let address = listener.local_addr()?;
            let router = factdesk_server::api::router(desk);
            match tls {
                Some(tls) => {
                    println!("factdesk-server: serving the desk on https://{address}");
                    let handle = axum_server::Handle::new();
                    let stopping = handle.clone();
                    tokio::spawn(async move {
                        stop_requested().await;
                        stopping.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
                    });
                    axum_server::from_tcp_rustls(
                        listener.into_std()?,
                        axum_server::tls_rustls::RustlsConfig::from_config(tls),
                    )?
                    .handle(handle)
                    .serve(router.into_make_service())
                    .await?;
                }
                None => {
                    println!("factdesk-server: serving the desk on http://{address}");
                    axum::serve(listener, router)
                        .with_graceful_shutdown(stop_requested())
                        .await?;
                }
            }
        }
    }
    Ok(())
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM (what systemd sends to stop the service).
async fn stop_requested() {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match terminate.as_mut() {
                Some(t) => { t.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}
