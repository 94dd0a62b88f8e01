"""The PySide6 desktop user interface."""
