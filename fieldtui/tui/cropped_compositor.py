"""A compositor that renders, for a partial repaint, only the widgets the repaint shows.

To repaint a changed region (a key typed into an entry), Textual's compositor (textual
8.2.8, pinned) renders every widget whose *clip* (the visible area of its container)
overlaps the region, not only those whose own visible area does: on the interview screen
a digit typed into the entry rendered the footer, the tone strip, the section bar, the
status line and every container between them (13 widgets; a bare app renders 2), and
threw away all but the entry's rows. What a widget outside the region renders cannot
reach the region: its strips land only in chops outside it, which the partial update
does not write. This one skips those widgets and renders the others exactly as Textual
does; a full repaint (no crop) is Textual's own.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class CroppedCompositor(Compositor):
    """Textual's compositor; a partial repaint renders only the widgets it overlaps."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        overlaps = crop.overlaps
        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():
            if not overlaps(clip):
                continue
            x, y, width, height = intersection(region, clip)
            if not (width and height and overlaps(Region(x, y, width, height))):
                continue  # nothing of it is in the region repainted
            if clip.contains_region(region):
                yield region, clip, widget.render_lines(
                    Region(0, 0, region.width, region.height))
            else:
                yield region, clip, widget.render_lines(
                    Region(x - region.x, y - region.y, width, height))
