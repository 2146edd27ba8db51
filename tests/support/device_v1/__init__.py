"""The update reader of a device of an earlier version, frozen: `update_format.py`,
`update_chain.py` and `replies.py` are fieldtui's `bundle/update_format.py`,
`bundle/update_chain.py` and `sync/replies.py` as of commit a13734f (December 2026, before
the feedback summary travelled to devices), byte for byte except that they import each
other instead of fieldtui's. Tests run new update vectors through them to prove that what
this version publishes is still accepted by devices that were not updated
(tests/unit/formats/test_summary_vectors.py). Never edit them to make a test pass: a new
format version gets a new frozen copy beside this one.
"""
