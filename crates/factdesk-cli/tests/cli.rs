//! End-to-end tests of the review commands: the real `factdesk` binary on temporary
//! databases, with articles from the development corpus.

mod cli {
    mod bad_databases;
    mod bad_files;
    mod concurrency;
    mod crash;
    mod injection;
    mod round_trips;
    mod util;
}
