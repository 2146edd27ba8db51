"""The folder store's side of `StoreAdmin`: `collector init`, `allow`, `revoke`, `check` on
a collector folder (the default kind of store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.store.durable import private_dir, write_new
from fieldtui.sync.collector.check import check_store
from fieldtui.sync.collector.devices import allow_card, names_in_use, revoke
from fieldtui.sync.collector.keys import init_store, load_key
from fieldtui.sync.collector.updates import FOLDER, folder_updates


class FolderAdmin:
    """A collector folder, for the commands that manage it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def where(self) -> str:
        """The folder, as messages name it."""
        return str(self.root)

    def init(self) -> str:
        """Create the store; returns the collector's public key."""
        return init_store(self.root)

    def allow(self, card: dict[str, Any], *, unrevoke: bool = False) -> None:
        """Accept bundles from the device on this card."""
        allow_card(self.root, card, unrevoke=unrevoke)

    def names_in_use(self, card: dict[str, Any]) -> list[str]:
        """Other allowed devices with this card's interviewer name."""
        return names_in_use(self.root, card)

    def revoke(self, device_id: str) -> None:
        """Refuse this device's bundles from now on."""
        revoke(self.root, device_id)

    def check(self) -> tuple[int, list[str]]:
        """Re-verify every stored bundle and receipt."""
        return check_store(self.root)

    def add_updates(self, files: list[tuple[int, bytes]]) -> int:
        """Write the update files updates/ lacks; returns how many."""
        load_key(self.root)
        target = private_dir(self.root / FOLDER)
        have = {seq for seq, _ in folder_updates(self.root)}
        return sum(1 for seq, data in files
                   if seq not in have and write_new(target / f"{seq:010d}.ftu", data))

    def export_cards(self, folder: Path) -> int:
        """Copy devices/ and revoked.json into `folder`."""
        import shutil

        private_dir(Path(folder) / "devices")
        count = 0
        for path in sorted((self.root / "devices").glob("*.json")):
            shutil.copyfile(path, Path(folder) / "devices" / path.name)
            count += 1
        if (self.root / "revoked.json").exists():
            shutil.copyfile(self.root / "revoked.json", Path(folder) / "revoked.json")
        return count

    def close(self) -> None:
        """Nothing held open."""
