"""`tqa` and `python -m tqa`: choose the message language, then run the command line."""

from __future__ import annotations

import sys


def _language_argument(argv: list[str]) -> str | None:
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None


def main() -> None:
    from tqa.i18n import language_from_environment, set_language

    set_language(_language_argument(sys.argv[1:]) or language_from_environment())
    from tqa.cli import run

    run()


if __name__ == "__main__":
    main()
