//! End-to-end tests of the desk: a throwaway PostgreSQL cluster, the real
//! `factdesk-server` process and real `factdesk` processes on separate SQLite files.
//!
//! - `harness`: the cluster (initdb/pg_ctl in a temporary folder, as the postgres user
//!   when run as root), the server process and the clients;
//! - `converge`: two and three clients' marks, notes, sources and undo converge; a client
//!   offline for 200 changes catches up;
//! - `crash`: the server SIGKILLed mid-sync and restarted loses and duplicates nothing;
//! - `postgres_restart`: PostgreSQL restarted while clients sync loses and duplicates
//!   nothing, and the server carries on without a restart;
//! - `records`: assignments, sign-offs and comments through the CLI reach every client
//!   with the stream (queue by deadline, one thread, reports naming the sign-off), and a
//!   client offline through all of it catches up in one sync;
//! - `roles`: role boundaries, revoked tokens, and a history that cannot be rewritten;
//! - `tls`: HTTPS on a certificate from a throwaway authority; which addresses need one;
//! - `catch_up`: the time a client takes to apply 10,000 events (a measurement, ignored in
//!   the normal run);
//! - `load`: many simulated clients pushing and pulling for a bounded time (a measurement,
//!   ignored in the normal run).

mod desk {
    mod catch_up;
    mod converge;
    mod crash;
    pub mod harness;
    mod load;
    mod postgres_restart;
    mod records;
    mod roles;
    mod tls;
}
