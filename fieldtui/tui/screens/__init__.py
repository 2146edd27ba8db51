"""One screen a module: unlock, home, prepare, run, wrap-up, help and messages."""
