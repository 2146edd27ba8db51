"""`python -m fieldtui` runs the command line."""

from fieldtui.cli import main

if __name__ == "__main__":
    main()
