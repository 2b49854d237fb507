"""Reusable widgets shared by the panes: checklist, foot map."""
