//! Writing files so that a reader never sees half of one: write beside, then rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// A file written beside its path and renamed into place by [`AtomicFile::commit`]: a reader never
/// sees half of it, and one dropped before (an error half-way) is removed, leaving nothing behind.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::fs::File>,
}

impl AtomicFile {
    /// Errors name `path`, the file the user asked for (the one beside it is ours).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(Error::invalid(
                Diagnostic::error(
                    "missing-directory",
                    format!(
                        "cannot write `{}`: the folder `{}` does not exist",
                        path.display(),
                        dir.display()
                    ),
                )
                .help("create the folder first, or give another output path"),
            ));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io("create", path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(file),
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        match self.file.as_mut() {
            Some(f) => f.write_all(bytes).map_err(|e| Error::io("write", &self.path, e)),
            // Only `commit` takes the file, and it consumes `self`.
            None => Ok(()),
        }
    }

    /// The file on disk, then in place.
    pub fn commit(mut self) -> Result<()> {
        if let Some(f) = self.file.take() {
            f.sync_all().map_err(|e| Error::io("write", &self.path, e))?;
        }
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io("replace", &self.path, e))?;
        self.tmp = PathBuf::new();
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed (or the rename failed): the partial file goes.
        self.file.take();
        if !self.tmp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_file_is_in_place_only_when_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("values.csv");
        std::fs::write(&path, "old").unwrap();
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"a,b\n").unwrap();
        f.write_all(b"1,2\n").unwrap();
        // Half-way, readers still see the old file.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n1,2\n");
        assert_eq!(names(dir.path()), ["values.csv"]);
    }

    #[test]
    fn a_file_given_up_half_way_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("values.json");
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"[\n").unwrap();
        drop(f);
        assert!(names(dir.path()).is_empty());
        // An older file of the same name is left as it was.
        std::fs::write(&path, "[]").unwrap();
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"[\n  {").unwrap();
        drop(f);
        assert_eq!(names(dir.path()), ["values.json"]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[]");
    }

    #[test]
    fn a_missing_folder_is_named_with_the_file_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("values.csv");
        let err = AtomicFile::create(&path).err().expect("an error").to_string();
        assert!(err.contains("values.csv") && err.contains("no-such-folder"), "{err}");
        assert!(
            err.contains("does not exist") && err.contains("create the folder"),
            "{err}"
        );
        assert!(!err.contains(".tmp-"), "{err}");
    }
}
