"""``python -m reader`` runs the ``khabar`` command."""

import sys

from reader.cli import main

sys.exit(main())
