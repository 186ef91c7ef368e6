//! How the window's web view is set up on Linux, where WebKitGTK draws it.

/// Environment variable that, set to `1`, keeps WebKit's GPU compositing on (for a
/// machine where it is wanted despite the cost below).
pub const COMPOSITING_ENV: &str = "FACTDESK_GPU_COMPOSITING";

/// Whether GPU compositing is asked for (`FACTDESK_GPU_COMPOSITING=1`).
#[cfg(target_os = "linux")]
fn compositing_asked() -> bool {
    std::env::var(COMPOSITING_ENV).is_ok_and(|v| v == "1")
}

/// Prepares the process environment before any window exists (call first in `main`'s
/// thread, before other threads start): unless GPU compositing is asked for, GTK is told
/// not to set up OpenGL for the window (`GDK_GL=disable`), which it would load and
/// initialise (Mesa, and LLVM for software rendering) only for compositing Factdesk turns
/// off. A `GDK_GL` the user set is kept.
#[cfg(target_os = "linux")]
pub fn prepare_environment() {
    if !compositing_asked() && std::env::var_os("GDK_GL").is_none() {
        std::env::set_var("GDK_GL", "disable");
    }
}

/// Other platforms need nothing prepared.
#[cfg(not(target_os = "linux"))]
pub fn prepare_environment() {}

/// Sets the web view up for Factdesk's pages: text, lists and forms, served from inside the
/// binary.
///
/// - Accelerated compositing off: the pages have no video, 3D or animation that would use
///   it, and on the machines an editor's app often runs on without a GPU (virtual machines,
///   remote desktops) WebKit composites with software OpenGL, which held about 70 MB in the
///   web process and made scrolled frames slower.
/// - The document-viewer cache model: every resource comes from the binary, so WebKit's
///   memory and disk caches for web browsing only hold copies.
#[cfg(target_os = "linux")]
pub fn configure(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    let keep_compositing = compositing_asked();
    window.with_webview(move |webview| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = webview.inner();
        if !keep_compositing {
            if let Some(settings) = view.settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    })
}

/// Other platforms draw with their own web views, which need nothing set.
#[cfg(not(target_os = "linux"))]
pub fn configure(_window: &tauri::WebviewWindow) -> tauri::Result<()> {
    Ok(())
}
