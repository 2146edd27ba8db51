"""The device's sealing workflow, between the store and sync.

Seal state (seal.json), the shelf of finished sessions, sealing into outbox/, and the steps
after a verified receipt. The bundle format itself is fieldtui.bundle.
"""
