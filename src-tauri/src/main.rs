//! The Factdesk desktop app's entry point; everything else is in the library.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    factdesk_app::run();
}
