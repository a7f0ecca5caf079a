"""The entry point of the bundled Khabar (PyInstaller): the ``khabar`` command, frozen.

The sync runs this same program as a child (``khabar sync``), and the sync's
worker processes start from it too: ``freeze_support`` lets a copy started by
``multiprocessing`` (its fork server, its resource tracker) run what it was
started for instead of the command line.
"""

import multiprocessing

from reader.cli import run

if __name__ == "__main__":
    multiprocessing.freeze_support()
    run()
