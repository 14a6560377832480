"""The command line: thin wiring of options to the library."""
