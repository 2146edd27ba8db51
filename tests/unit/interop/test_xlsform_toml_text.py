"""The import's TOML writer: every string, in a value, an option table or a key, reads back
as it was written (quotes, backslashes, control characters and DEL, which JSON leaves as it is
and TOML refuses)."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.interop.xlsform.toml_text import to_toml

TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def document(prompt: str, label: str, key: str) -> dict[str, Any]:
    return {"plan": {"id": "p", "title": prompt}, "section": [{
        "id": "s", "title": label, "item": [{
            "id": "q", "kind": "choice", "prompt": prompt,
            "options": [{"value": "a", "label": label}, {"value": key, key: prompt}]}]}]}


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS, TEXTS.filter(bool))
def test_strings_read_back_as_written(prompt: str, label: str, key: str) -> None:
    written = document(prompt, label, key)
    assert tomllib.loads(to_toml(written)) == written


def test_del_is_written_as_an_escape() -> None:
    text = to_toml(document("a\x7fb", "c\x7f", "k\x7f"))
    assert "\x7f" not in text
    assert 'prompt = "a\\u007fb"' in text
    assert '{ value = "a", label = "c\\u007f" }' in text


def test_key_ending_in_a_newline_is_quoted() -> None:
    # `$` also matches before a final newline: such a key was written bare, and broke the TOML
    written = document("p", "l", "0\n")
    assert tomllib.loads(to_toml(written)) == written


def test_a_list_on_many_items_is_written_on_each_as_its_copies_would_be() -> None:
    """The import puts one answer list object on every item that uses it; the writer writes
    its text once and repeats it: the same text as for a copy on each item, each list its own."""
    yes_no = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]
    other = [{"value": "yes", "label": "Sí"}, {"value": "no", "label": "No"}]
    shared = {"plan": {"id": "p"}, "section": [{"id": "s", "item": [
        {"id": f"q{n}", "options": yes_no if n % 3 else other, "probes": ["Why?"]}
        for n in range(7)]}]}
    copied = {"plan": {"id": "p"}, "section": [{"id": "s", "item": [
        {"id": f"q{n}", "options": [dict(o) for o in (yes_no if n % 3 else other)],
         "probes": ["Why?"]} for n in range(7)]}]}
    text = to_toml(shared)
    assert text == to_toml(copied)
    assert text.count('options = [{ value = "yes", label = "Sí" }') == 3
    assert tomllib.loads(text) == copied
