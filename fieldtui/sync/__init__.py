"""Getting sealed bundles to the collector: the collector itself, receipts, transports, sync."""
