"""The `rumour` command line: one module per group of commands, and their terminal output."""
