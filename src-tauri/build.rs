//! Compiles the app's config and capabilities into the binary. The config sits at the
//! repository root beside the package's Cargo.toml; the capabilities live in src-tauri/.

/// The app's own commands. Listing them makes each one need an explicit `allow-…`
/// permission in a capability, instead of every command being open to every window.
const COMMANDS: &[&str] = &[
    "library",
    "open_article",
    "import_text",
    "import_files",
    "import_version",
    "mark",
    "add_source",
    "add_claim",
    "set_dismissed",
    "correct_speaker",
    "undo",
    "history",
    "claim_memory",
    "reuse_verdict",
    "search",
    "report_formats",
    "export_report",
    "reextract",
    "get_settings",
    "save_settings",
    "app_info",
    "desk_status",
    "join_desk",
    "publish_to_desk",
    "sync_desk",
    "mark_seen",
    "desk_queue",
    "comments",
    "add_comment",
    "sign_off",
    "sign_offs",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri.conf.json and src-tauri/capabilities are valid");
}
