"""The device: home and permissions, keys and passphrases, the encrypted session store."""
