"""`tqa` and `python -m tqa`: choose the message language, then run the command line."""

from __future__ import annotations

import gc
import sys

# A run makes millions of short-lived objects that reference counting frees; the
# collector's default (a pass every 700 new objects) walks the young ones far more
# often than cycles appear. Only the command line: a program importing tqa keeps its own.
GC_THRESHOLD = (50_000, 50, 100)


def _language_argument(argv: list[str]) -> str | None:
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None


def main() -> None:
    gc.set_threshold(*GC_THRESHOLD)
    from tqa.i18n import language_from_environment, set_language

    set_language(_language_argument(sys.argv[1:]) or language_from_environment())
    from tqa.cli import run

    run()


if __name__ == "__main__":
    main()
