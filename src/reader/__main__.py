"""``python -m reader`` runs the ``khabar`` command."""

from reader.cli import run

if __name__ == "__main__":
    run()
