"""The operating system's error texts in the language of messages: `strerror`
is the C library's English, so the common reasons are told through `_()`."""

from __future__ import annotations

import errno

from tqa.i18n import _


def _reasons() -> dict[int, str]:
    reasons = {
        errno.ENOENT: _("no such file or folder"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("operation not permitted"),
        errno.EISDIR: _("is a folder"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.EEXIST: _("already exists"),
        errno.ENOSPC: _("no space left on the device"),
        errno.EROFS: _("read-only file system"),
        errno.EIO: _("input/output error"),
        errno.EFBIG: _("file too large"),
        errno.ENAMETOOLONG: _("file name too long"),
        errno.ELOOP: _("too many levels of symbolic links"),
        errno.EBUSY: _("device or resource busy"),
        errno.EMFILE: _("too many open files"),
        errno.ENXIO: _("no such device or address"),
        errno.EPIPE: _("broken pipe"),
        errno.EINVAL: _("invalid argument"),
        errno.EXDEV: _("cross-device link"),
    }
    if hasattr(errno, "EDQUOT"):
        reasons[errno.EDQUOT] = _("disk quota exceeded")
    if hasattr(errno, "ETXTBSY"):
        reasons[errno.ETXTBSY] = _("text file busy")
    return reasons


def os_reason(error: OSError) -> str:
    """Why an operation failed, in the language of messages (the system's own
    text for a rare error)."""
    return _reasons().get(error.errno or 0) or error.strerror or str(error)
