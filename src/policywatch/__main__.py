"""`python -m policywatch` runs the CLI."""

from policywatch.cli import main

main()
