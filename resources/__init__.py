"""Khabar's shipped files: reading fonts, translations, default sources, icons.

The folder is ``resources/`` in the source tree and the package
``reader.resources`` once installed, so that the wheel and the packaged app
carry it; ``reader.ui.assets`` finds the files through it.
"""
