"""Sub-commands of the `facilitator` command line, one module per area."""
