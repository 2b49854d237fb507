"""Subcommands of the footpain CLI; each module has `register(subparsers, common)`.

None of them imports Textual: they serve shells and scripts and must start fast.
"""
