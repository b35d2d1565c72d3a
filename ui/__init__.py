"""The PySide6 desktop layer. It uses connector_app; nothing in connector_app uses it."""
