"""`python -m luoshi.cli`: the same as the `luoshi` command."""

import sys

from luoshi.cli import main

sys.exit(main())
