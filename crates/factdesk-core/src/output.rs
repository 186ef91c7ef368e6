//! Writing the files an editor names (reports, exports, backups) without ever destroying
//! what is already there by mistake.
//!
//! - An output is never the open database, its `-wal`, `-shm` or `-verified` files, nor
//!   any existing SQLite database or write-ahead log: those are refused, untouched.
//! - A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written in
//!   place: it is never replaced by a regular file. A symbolic link is followed, and the
//!   file it points to is replaced; the link stays a link.
//! - A regular file is written to a temporary file beside it, unique to the process and
//!   the moment, and renamed into place when complete: the old file stays whole until the
//!   new one is. A write that fails removes the temporary file; so does an interrupted
//!   one, when the program calls [`remove_partial_files`] from its signal handler; one
//!   left by a killed process is removed by the next write to the same name.
//! - [`Output::finish_new`] never replaces an existing file, atomically: two backups to
//!   one name cannot both succeed.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Why an output could not be written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path is one Factdesk never writes over.
    #[error("{path}: {why}; nothing was written")]
    Refused {
        /// The path given.
        path: PathBuf,
        /// Why it is refused.
        why: String,
    },
    /// The file exists and the output never replaces a file.
    #[error("{path}: already exists; choose a new name (nothing was overwritten)")]
    Exists {
        /// The path given.
        path: PathBuf,
    },
    /// The operating system refused a step.
    #[error("{path}: {source}")]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
}

/// Where the bytes of an output go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (the path `-`).
    Stdout,
    /// A device, FIFO or socket, written in place.
    InPlace(PathBuf),
    /// A regular file (existing or new), written whole through a temporary file beside it.
    File(PathBuf),
}

/// Decides where an output named `path` goes, refusing a path that is (or belongs to) one
/// of the `databases` given, or any existing SQLite database or write-ahead log.
pub fn destination(path: &Path, databases: &[&Path]) -> Result<Destination, OutputError> {
    if path.as_os_str() == "-" {
        return Ok(Destination::Stdout);
    }
    let refused = |why: String| OutputError::Refused {
        path: path.to_path_buf(),
        why,
    };
    if path.as_os_str().is_empty() {
        return Err(refused("an empty path is no file name".into()));
    }
    let target = follow_links(path)?;
    for db in databases {
        if is_database_or_companion(&target, db) {
            return Err(refused(format!(
                "is the review database {} or one of its files; a report or backup never \
                 goes there",
                db.display()
            )));
        }
    }
    match std::fs::metadata(&target) {
        Ok(meta) => {
            let kind = meta.file_type();
            if kind.is_dir() {
                return Err(refused("is a folder; give a file name".into()));
            }
            if !kind.is_file() {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::FileTypeExt;
                    if kind.is_block_device() {
                        return Err(refused("is a disk device".into()));
                    }
                }
                return Ok(Destination::InPlace(target));
            }
            if let Some(what) = sqlite_kind(&target) {
                return Err(refused(format!(
                    "is {what}; Factdesk never writes over one (choose another name)"
                )));
            }
            Ok(Destination::File(target))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = parent(&target);
            if !dir.is_dir() {
                return Err(refused(format!(
                    "the folder {} does not exist",
                    dir.display()
                )));
            }
            Ok(Destination::File(target))
        }
        Err(source) => Err(OutputError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The file a path finally names, following symbolic links (also to a file that does not
/// exist yet).
fn follow_links(path: &Path) -> Result<PathBuf, OutputError> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current).map_err(|source| OutputError::Io {
                    path: current.clone(),
                    source,
                })?;
                current = if to.is_absolute() {
                    to
                } else {
                    parent(&current).join(to)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(OutputError::Refused {
        path: path.to_path_buf(),
        why: "too many levels of symbolic links".into(),
    })
}

/// The folder a file is in ("." for a bare name).
fn parent(path: &Path) -> PathBuf {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// True when `target` is the database `db` or one of the files SQLite and Factdesk keep
/// beside it, compared as the files they are (links, `..` and relative paths resolved).
fn is_database_or_companion(target: &Path, db: &Path) -> bool {
    let mut names = vec![db.to_path_buf()];
    names.extend(crate::store::check::companion_paths(db));
    names.iter().any(|name| same_file(target, name))
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    // One or both do not exist yet: compare where they would be.
    let resolve = |p: &Path| -> Option<PathBuf> {
        let dir = std::fs::canonicalize(parent(p)).ok()?;
        Some(dir.join(p.file_name()?))
    };
    match (resolve(a), resolve(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// "an SQLite database" or "an SQLite write-ahead log" when the file starts like one.
fn sqlite_kind(path: &Path) -> Option<&'static str> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let n = File::open(path)
        .and_then(|f| f.take(16).read(&mut head))
        .ok()?;
    let head = &head[..n];
    if head.starts_with(b"SQLite format 3\0") {
        Some("an SQLite database")
    } else if head.starts_with(&[0x37, 0x7f, 0x06, 0x82])
        || head.starts_with(&[0x37, 0x7f, 0x06, 0x83])
    {
        Some("an SQLite write-ahead log")
    } else {
        None
    }
}

/// An output being written. Write to it, then call [`Output::finish`] (or
/// [`Output::finish_new`]); dropped unfinished, it leaves no temporary file behind and the
/// destination as it was.
pub struct Output {
    target: Destination,
    sink: Sink,
}

enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    Direct(BufWriter<File>),
    Temporary {
        file: BufWriter<File>,
        partial: Partial,
    },
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("target", &self.target)
            .finish()
    }
}

impl Output {
    /// Starts writing the output named `path` (see [`destination`] for what is refused).
    pub fn create(path: &Path, databases: &[&Path]) -> Result<Output, OutputError> {
        let target = destination(path, databases)?;
        let sink =
            match &target {
                Destination::Stdout => Sink::Stdout(std::io::stdout().lock()),
                Destination::InPlace(p) => {
                    let file = OpenOptions::new().write(true).open(p).map_err(|source| {
                        OutputError::Io {
                            path: p.clone(),
                            source,
                        }
                    })?;
                    Sink::Direct(BufWriter::new(file))
                }
                Destination::File(p) => {
                    let partial = Partial::beside(p)?;
                    let file = OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&partial.path)
                        .map_err(|source| OutputError::Io {
                            path: p.clone(),
                            source,
                        })?;
                    Sink::Temporary {
                        file: BufWriter::new(file),
                        partial,
                    }
                }
            };
        Ok(Output { target, sink })
    }

    /// Where the output goes.
    pub fn destination(&self) -> &Destination {
        &self.target
    }

    /// Completes the output: flushed, synced, and a regular file renamed into place over
    /// any file of that name.
    pub fn finish(self) -> Result<(), OutputError> {
        self.complete(false)
    }

    /// Completes the output like [`Output::finish`], but fails with
    /// [`OutputError::Exists`] if a file of that name appeared in the meantime; the check
    /// and the rename are one atomic step.
    pub fn finish_new(self) -> Result<(), OutputError> {
        self.complete(true)
    }

    fn complete(self, no_replace: bool) -> Result<(), OutputError> {
        let shown = match &self.target {
            Destination::Stdout => PathBuf::from("-"),
            Destination::InPlace(p) | Destination::File(p) => p.clone(),
        };
        let io = |source: std::io::Error| OutputError::Io {
            path: shown.clone(),
            source,
        };
        match self.sink {
            Sink::Stdout(mut out) => out.flush().map_err(io),
            Sink::Direct(mut file) => file.flush().map_err(io),
            Sink::Temporary { file, partial } => {
                let file = file.into_inner().map_err(|e| io(e.into_error()))?;
                file.sync_all().map_err(io)?;
                drop(file);
                partial.place(&shown, no_replace)
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(out) => out.write(buf),
            Sink::Direct(file) | Sink::Temporary { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(out) => out.flush(),
            Sink::Direct(file) | Sink::Temporary { file, .. } => file.flush(),
        }
    }
}

/// A temporary file beside a destination: removed when dropped unless placed, and
/// registered so [`remove_partial_files`] can remove it when the program is interrupted.
#[derive(Debug)]
pub struct Partial {
    path: PathBuf,
    placed: bool,
}

static PARTIALS: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn partials() -> MutexGuard<'static, Option<HashSet<PathBuf>>> {
    PARTIALS.lock().unwrap_or_else(|p| p.into_inner())
}

impl Partial {
    /// A new, unused temporary name beside `target` (the file itself is not created).
    /// Temporary files of the same name left by processes that no longer run are removed.
    pub fn beside(target: &Path) -> Result<Partial, OutputError> {
        let name = target
            .file_name()
            .ok_or_else(|| OutputError::Refused {
                path: target.to_path_buf(),
                why: "not a file name".into(),
            })?
            .to_string_lossy()
            .into_owned();
        let dir = parent(target);
        sweep_stale(&dir);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = dir.join(format!(".{name}.{}-{nanos:09}.partial", std::process::id()));
        partials()
            .get_or_insert_with(HashSet::new)
            .insert(path.clone());
        Ok(Partial {
            path,
            placed: false,
        })
    }

    /// The temporary file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the temporary file to `target`: over an existing file, or, with
    /// `no_replace`, only if there is none (atomically).
    pub fn place(mut self, target: &Path, no_replace: bool) -> Result<(), OutputError> {
        let io = |source: std::io::Error| OutputError::Io {
            path: target.to_path_buf(),
            source,
        };
        if no_replace {
            rename_no_replace(&self.path, target).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    OutputError::Exists {
                        path: target.to_path_buf(),
                    }
                } else {
                    io(e)
                }
            })?;
        } else {
            std::fs::rename(&self.path, target).map_err(io)?;
        }
        self.placed = true;
        sync_dir(&parent(target));
        Ok(())
    }
}

/// Removes a temporary file and the journal files SQLite may have made beside it.
fn remove_with_journals(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.placed {
            remove_with_journals(&self.path);
        }
        if let Some(set) = partials().as_mut() {
            set.remove(&self.path);
        }
    }
}

/// Removes every temporary file this process is writing. For a signal handler: the
/// program is about to end without finishing them.
pub fn remove_partial_files() {
    if let Some(set) = partials().as_ref() {
        for path in set {
            remove_with_journals(path);
        }
    }
}

/// Renames `from` to `to` only if `to` does not exist, in one step.
fn rename_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::EXIST => {
                return Err(std::io::ErrorKind::AlreadyExists.into())
            }
            // Filesystems without RENAME_NOREPLACE: a hard link is as atomic.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            let _ = std::fs::remove_file(from);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // Filesystems without hard links (FAT on a USB stick): check, then rename.
        Err(_) if !to.exists() => std::fs::rename(from, to),
        Err(_) => Err(std::io::ErrorKind::AlreadyExists.into()),
    }
}

/// Makes a rename durable (best effort: not every platform can sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary files (`.NAME.PID-NANOS.partial`, and SQLite's journals beside
/// them) that processes which no longer run left in `dir`: a report or backup killed
/// before it could clean up.
fn sweep_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        if let Some(pid) = partial_owner(&file.to_string_lossy()) {
            if pid != std::process::id() && !process_alive(pid) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The process that made a temporary file named `.NAME.PID-NANOS.partial` (or that name
/// with `-journal`, `-wal` or `-shm`); `None` for any other name.
fn partial_owner(file: &str) -> Option<u32> {
    let rest = file.strip_prefix('.')?;
    let stem = ["", "-journal", "-wal", "-shm"]
        .iter()
        .find_map(|j| rest.strip_suffix(&format!(".partial{j}")))?;
    let (_, tag) = stem.rsplit_once('.')?;
    let (pid, nanos) = tag.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && nanos.len() == 9 && digits(nanos))
        .then(|| pid.parse().ok())
        .flatten()
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Elsewhere nobody can tell cheaply; keep the file.
#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_replaces_a_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        std::fs::write(&path, "old").unwrap();
        let mut out = Output::create(&path, &[]).unwrap();
        out.write_all(b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unfinished_output_leaves_the_old_file_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, "old").unwrap();
        let mut out = Output::create(&path, &[]).unwrap();
        out.write_all(b"half").unwrap();
        drop(out);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn only_factdesk_temporary_names_are_swept() {
        assert_eq!(partial_owner(".r.html.4242-000000017.partial"), Some(4242));
        assert_eq!(partial_owner(".b.db.7-123456789.partial-journal"), Some(7));
        assert_eq!(partial_owner(".r.html.partial"), None);
        assert_eq!(partial_owner("notes.4242-000000017.partial"), None);
        assert_eq!(partial_owner(".x.12-34.partial"), None);
    }

    #[test]
    fn finish_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.db");
        let first = Output::create(&path, &[]).unwrap();
        let second = Output::create(&path, &[]).unwrap();
        first.finish_new().unwrap();
        assert!(matches!(
            second.finish_new(),
            Err(OutputError::Exists { .. })
        ));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_database_its_companions_and_sqlite_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        std::fs::write(&db, b"SQLite format 3\0rest").unwrap();
        for name in ["desk.db", "desk.db-wal", "desk.db-shm", "./desk.db"] {
            let p = dir.path().join(name);
            assert!(
                matches!(destination(&p, &[&db]), Err(OutputError::Refused { .. })),
                "{name}"
            );
        }
        let other = dir.path().join("other.sqlite");
        std::fs::write(&other, b"SQLite format 3\0rest").unwrap();
        assert!(destination(&other, &[&db]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_a_device_stays_a_device() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut out = Output::create(&link, &[]).unwrap();
        out.write_all(b"new").unwrap();
        out.finish().unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            destination(Path::new("/dev/null"), &[]).unwrap(),
            Destination::InPlace(PathBuf::from("/dev/null"))
        );
    }
}
