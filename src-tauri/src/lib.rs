//! Factdesk's desktop shell: a Tauri window over `factdesk-core`.
//!
//! The shell only adapts. [`commands`] are a few lines each over the review store;
//! [`dto`] holds the transfer types the UI receives (generated into TypeScript);
//! [`error`] is the one error type, sent to the UI as `{ code, message }`; [`state`]
//! is opened once at start-up and managed by Tauri; [`desk`] syncs it with a desk server
//! in the background. Extraction, storage and reports all
//! live in the core.

pub mod commands;
pub mod desk;
pub mod dto;
pub mod error;
pub mod report;
pub mod state;
pub mod store;
pub mod webview;

use tauri::Manager;

/// Starts the app and blocks until its window closes.
pub fn run() {
    webview::prepare_environment();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                webview::configure(&window)?;
            }
            let config_dir = app.path().app_config_dir()?;
            app.manage(state::AppState::open(&config_dir));
            app.manage(desk::DeskSync::start(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::library,
            commands::open_article,
            commands::import_text,
            commands::import_files,
            commands::import_version,
            commands::mark,
            commands::add_source,
            commands::add_claim,
            commands::set_dismissed,
            commands::correct_speaker,
            commands::undo,
            commands::history,
            commands::claim_memory,
            commands::reuse_verdict,
            commands::search,
            commands::report_formats,
            commands::export_report,
            commands::reextract,
            commands::get_settings,
            commands::save_settings,
            commands::app_info,
            commands::desk_status,
            commands::join_desk,
            commands::publish_to_desk,
            commands::sync_desk,
            commands::mark_seen,
            commands::desk_queue,
            commands::comments,
            commands::add_comment,
            commands::sign_off,
            commands::sign_offs,
        ])
        .build(tauri::generate_context!())
        .expect("the Factdesk window opens")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<state::AppState>().close();
            }
        });
}
