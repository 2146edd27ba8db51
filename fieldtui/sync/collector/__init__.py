"""The collector: the HTTP server, its append-only store of bundles, and the folder ingest.

It verifies and stores bundles and signs receipts; it never opens a bundle (no study key).
"""
