"""Small file-system helpers shared by the store: private folders, durable writes, and
the sentence a person reads when the file system says no.

Rules: everything the store creates is private to its owner (files 0o600, folders
0o700), and a write that must survive a crash is fsynced, file and folder both. An
OSError never leaves the store as such: `explain` turns it into a StoreError that says
what could not be done, why, and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from facilitator.errors import StoreError
from facilitator.i18n import N_, _

FILE_MODE = 0o600
DIR_MODE = 0o700

# What to do about each kind of refusal from the file system.
_REMEDIES = {
    errno.ENOSPC: N_("the disk is full. Free some space, then try again"),
    errno.EDQUOT: N_("your disk quota is used up. Free some space, then try again"),
    errno.EROFS: N_("the file system is read-only. Make it writable, or use a group folder "
                    "you can write to (--group DIR)"),
    errno.EACCES: N_("permission was denied. Check the folder's owner and permissions, or use "
                     "another group folder (--group DIR)"),
    errno.EPERM: N_("the operation was not permitted. Check the folder's owner and "
                    "permissions, or use another group folder (--group DIR)"),
    errno.ENOTDIR: N_("a file stands where a folder belongs. Move that file away, or use "
                      "another group folder (--group DIR)"),
    errno.EISDIR: N_("a folder stands where a file belongs. Move that folder away"),
    errno.EMFILE: N_("too many files are open. Close some programs, then try again"),
    errno.ENAMETOOLONG: N_("the path is too long. Use a group folder with a shorter path"),
}


def explain(error: OSError, what: str | None = None,
            where: str | None = None) -> StoreError:
    """The StoreError a person reads for `error`: `what` (a clause such as "The minutes
    could not be written"), the file concerned (`where`, else the error's own, "" for
    none), why, and what to do."""
    if what is None:
        what = _("A file of the group could not be used")
    where = error.filename if where is None else where
    where = f" ({where})" if where else ""
    remedy = _REMEDIES.get(error.errno or 0)
    if remedy is None:
        detail = error.strerror or type(error).__name__  # the system's words, as it said them
        reason = _("the system said: {detail}. Check the group's folder, then try "
                   "again").format(detail=detail)
    else:
        reason = _(remedy)
    return StoreError(f"{what}{where}: {reason}.")


@contextlib.contextmanager
def explained(what: str, where: str | None = None) -> Iterator[None]:
    """Inside the block, an OSError becomes the StoreError `explain` makes of it."""
    try:
        yield
    except OSError as error:
        raise explain(error, what, where) from error


def ensure_dir(path: Path) -> None:
    """Create `path` and any missing parents as private folders (0o700)."""
    with explained(_("The folder {path} could not be created").format(path=path)):
        missing: list[Path] = []
        current = path
        while not current.is_dir():
            if current.exists() or current.is_symlink():
                raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(current))
            missing.append(current)
            current = current.parent
        for folder in reversed(missing):
            try:
                os.mkdir(folder, DIR_MODE)
            except FileExistsError:
                continue
            # The umask may have taken bits away; never more than we asked for.
            os.chmod(folder, DIR_MODE)
            fsync_dir(folder.parent)


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (a new or renamed file) durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems do not allow fsync on a folder; nothing more can be done.
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd` (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def remove_quietly(path: Path) -> None:
    """Remove `path` if it is there; a file system that refuses is left as it is (this is
    only ever tidying up after another failure, which is the one to report)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def write_new(path: Path, data: bytes) -> None:
    """Create `path`, private from its first moment (O_EXCL, 0o600), holding `data`,
    fsynced. Raises FileExistsError when it is there already; on any other failure
    nothing is left at `path`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        remove_quietly(path)
        raise
    os.close(fd)


TEMP_MARK = ".tmp-"


def atomic_write(path: Path, data: bytes, what: str | None = None) -> None:
    """Replace `path` with `data` so a reader sees the old file or the new, never a mix.

    The bytes go to a private temporary file in the same folder, which is fsynced,
    renamed over `path`, and the folder fsynced. Raises StoreError opening with `what`
    (by default "<path> could not be written"); the temporary file is removed.
    """
    # The sentence names `path`, never the temporary file a person has not heard of.
    with explained(what or _("{path} could not be written").format(path=path),
                   "" if what is None else str(path)):
        ensure_dir(path.parent)
        temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
        write_new(temp, data)
        try:
            os.replace(temp, path)
        except BaseException:
            remove_quietly(temp)
            raise
        fsync_dir(path.parent)
