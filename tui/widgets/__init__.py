"""Reusable widgets shared by the tab panes."""
