"""The `luoshi` command: a thin layer over the library and the web app.

The commands are grouped by who runs them: library (report files in, text and files out, no
database), research (several reports compared), web (the web app and its operations) and dev
(benchmarks, scale data, fuzzing).
"""

from __future__ import annotations

import click

from luoshi.cli import dev, library, research, web


@click.group()
@click.version_option(package_name="luoshi")
def main() -> None:
    """luoshi (落实): turn a government work report into a tracked delivery plan."""


for _module in (library, research, web, dev):
    for _command in _module.COMMANDS:
        main.add_command(_command)
