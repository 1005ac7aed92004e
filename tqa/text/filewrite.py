"""Writing files without losing anything.

A regular file is replaced through a temporary file beside it and a rename, with
its mode, owner and group kept. A file the rename would change in another way
(more than one hard link, extended attributes or ACLs, an owner tqa cannot give
back) is written through instead: its old bytes go to a temporary copy first, and
come back if the write fails. A symbolic link is followed to the file it names
and never replaced. A read-only file, a file that changed since it was read,
folders, block devices and sockets are refused. Character devices, FIFOs and
tqa's own standard output (`/dev/stdout`) are written through as streams.
Signals wait until a write has finished.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from tqa.errors import UserError
from tqa.i18n import _
from tqa.os_errors import os_reason
from tqa.signals import deferred

TEMPORARY_SUFFIX = ".tqa"


class ChangedOnDisk(UserError):
    """The file no longer holds the bytes tqa expected to find there."""


def _reason(error: OSError) -> str:
    return os_reason(error)


def _cannot_write(error: OSError, shown: str) -> UserError:
    return UserError(_("cannot write: {reason}").format(reason=_reason(error)), shown)


def fix_in_place(path: Path, data: bytes, expected: bytes, shown: str) -> None:
    """Put the fixed `data` where `path` is, provided the file still holds
    `expected` (the bytes tqa read); through a symbolic link, the file it names."""
    with deferred():
        real, info = _resolve(path, shown)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(_("not a regular file; nothing written"), shown)
        _replace_regular(real, info, data, expected, shown)


def write_output(path: Path, data: bytes, shown: str, follow_links: bool = True) -> None:
    """Write a file tqa makes (a baseline, an export, a cleaned copy); an
    existing regular file keeps its mode, owner and links. With `follow_links`
    false a symbolic link there is refused rather than followed."""
    with deferred():
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            _create(path, data, shown)
            return
        except OSError as error:
            raise _cannot_write(error, shown) from None
        if stat.S_ISLNK(info.st_mode) and not follow_links:
            raise UserError(_("is a symbolic link; tqa does not write through links here; nothing written"), shown)
        real, info = _resolve(path, shown)
        stream = _own_stream(info)
        if stream is not None:
            _write_to(stream, data, shown)
        elif stat.S_ISREG(info.st_mode):
            _replace_regular(real, info, data, None, shown)
        elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_stream(path, data, shown)
        else:
            raise UserError(_("is not a regular file, a character device or a FIFO; nothing written"), shown)


def _own_stream(info: os.stat_result) -> int | None:
    """Our standard output or error, when the path names it (`/dev/stdout`,
    `/proc/self/fd/1`): written as a stream, so `>>` still appends."""
    for descriptor in (1, 2):
        try:
            own = os.fstat(descriptor)
        except OSError:
            continue
        if (own.st_dev, own.st_ino) == (info.st_dev, info.st_ino):
            return descriptor
    return None


def _write_to(descriptor: int, data: bytes, shown: str) -> None:
    stream = sys.stdout if descriptor == 1 else sys.stderr
    try:
        stream.flush()
        _write_all(descriptor, data)
    except OSError as error:
        raise _cannot_write(error, shown) from None


def _resolve(path: Path, shown: str) -> tuple[Path, os.stat_result]:
    """The file a path names (through links) and its status."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError(_("is a symbolic link to a missing file; nothing written"), shown) from None
    except OSError as error:
        raise _cannot_write(error, shown) from None
    real = Path(os.path.realpath(path))
    try:
        same = os.stat(real)
    except OSError:
        same = None
    if same is None or (same.st_dev, same.st_ino) != (info.st_dev, info.st_ino):
        # A link that names no path (an open descriptor in /proc): write through it.
        return path, info
    return real, info


def _writable(path: Path, info: os.stat_result) -> bool:
    """As an editor sees it: someone may write the file, and so may this user."""
    return bool(info.st_mode & 0o222) and os.access(path, os.W_OK)


def _replace_regular(path: Path, info: os.stat_result, data: bytes, expected: bytes | None, shown: str) -> None:
    if not _writable(path, info):
        raise UserError(_("the file is read-only; nothing written (make it writable to fix it)"), shown)
    if info.st_nlink > 1 or _has_attributes(path) or not _replace_by_rename(path, info, data, expected, shown):
        _write_through(path, data, expected, shown)


def _has_attributes(path: Path) -> bool:
    """Extended attributes or ACLs a new file would not have (the security
    label every file gets on some systems does not count)."""
    if not hasattr(os, "listxattr"):
        return False
    try:
        return any(name != "security.selinux" for name in os.listxattr(path))
    except OSError:
        return False


def _current(path: Path, expected: bytes | None, shown: str) -> bytes:
    """The bytes the file holds now; refused when they are not those tqa read."""
    try:
        current = path.read_bytes()
    except OSError as error:
        raise _cannot_write(error, shown) from None
    if expected is not None and current != expected:
        raise ChangedOnDisk(
            _("the file changed after tqa read it; nothing written, its newer text is kept (run tqa again)"), shown
        )
    return current


def _temporary(folder: Path, name: str, shown: str) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
    except OSError as error:
        raise _cannot_write(error, shown) from None


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _replace_by_rename(path: Path, info: os.stat_result, data: bytes, expected: bytes | None, shown: str) -> bool:
    """Replace through a temporary file and a rename; False when the new file
    could not be given the old one's owner (then write through instead)."""
    handle, temporary = _temporary(path.parent, path.name, shown)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
            made = os.fstat(handle)
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.fchown(handle, info.st_uid, info.st_gid)
                except PermissionError:
                    return False
            os.fchmod(handle, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
        finally:
            os.close(handle)
        _current(path, expected, shown)
        os.replace(temporary, path)
    except OSError as error:
        raise _cannot_write(error, shown) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
    return True


def _write_through(path: Path, data: bytes, expected: bytes | None, shown: str) -> None:
    """Overwrite the file itself, after copying its old bytes beside it; on failure put them back."""
    old = _current(path, expected, shown)
    handle, backup = _temporary(path.parent, path.name, shown)
    try:
        _write_all(handle, old)
        os.fsync(handle)
    except OSError as error:
        os.close(handle)
        os.unlink(backup)
        raise _cannot_write(error, shown) from None
    os.close(handle)
    try:
        _overwrite(path, data)
    except OSError as error:
        try:
            _overwrite(path, old)
        except OSError:
            raise UserError(
                _("cannot write: {reason}; the old text is kept in {backup}").format(
                    reason=_reason(error), backup=backup
                ),
                shown,
            ) from None
        os.unlink(backup)
        raise _cannot_write(error, shown) from None
    os.unlink(backup)


def _overwrite(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY)
    try:
        _write_all(handle, data)
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    finally:
        os.close(handle)


def _create(path: Path, data: bytes, shown: str) -> None:
    """A new file, whole or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(error, shown) from None
    handle, temporary = _temporary(path.parent, path.name, shown)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(handle, 0o666 & ~umask)
        finally:
            os.close(handle)
        # A link, not a rename: a file that appeared meanwhile is not replaced.
        os.link(temporary, path)
    except FileExistsError:
        raise UserError(_("appeared while tqa was writing it; nothing written"), shown) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise _cannot_write(error, shown) from None
        try:
            os.replace(temporary, path)  # a file system without hard links
        except OSError as error:
            raise _cannot_write(error, shown) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _write_stream(path: Path, data: bytes, shown: str) -> None:
    """Write through a character device or a FIFO (a reader must be there)."""
    import fcntl

    try:
        handle = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise UserError(_("is a FIFO nobody reads; nothing written"), shown) from None
        raise _cannot_write(error, shown) from None
    try:
        flags = fcntl.fcntl(handle, fcntl.F_GETFL)
        fcntl.fcntl(handle, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        _write_all(handle, data)
    except OSError as error:
        raise _cannot_write(error, shown) from None
    finally:
        os.close(handle)
