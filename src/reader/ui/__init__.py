"""The Qt window: the only package of Khabar that imports PySide6."""
