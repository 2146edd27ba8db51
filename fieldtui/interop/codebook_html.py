"""The codebook as one self-contained HTML file, like the HTML report: no script, no
network, the report's stylesheet (printable). Every text from a plan or a release goes
through `report_html.safe` (control characters shown as escapes, then HTML-escaped)."""

from __future__ import annotations

from fieldtui.core.i18n import _, current, pgettext
from fieldtui.core.missing import SPSS_MISSING_RANGE, Missing, spss_range
from fieldtui.interop.codebook import (
    MEETING_HEADS,
    STATA_BEYOND,
    Book,
    Entry,
    meeting_line,
    missing_note,
    roster_line,
    spss_codes,
    type_text,
    versions_line,
)
from fieldtui.interop.codebook_words import column_type, fixed_label, item_kind, missing_label
from fieldtui.interop.columns import FIXED, ROSTER_FIXED
from fieldtui.supervise.report_html import STYLE, safe

_EXTRA_STYLE = "dl { margin: .3rem 0; } dt { font-weight: bold; float: left; width: 9rem; } " \
               "dd { margin-left: 9.5rem; } code { font-size: .95em; }"


def _entry(e: Entry) -> str:
    var = e.var
    item = f"<code>{safe(var.item_id)}</code> ({safe(item_kind(var.item_kind))})" + (
        _(", option {option}").format(option=safe(var.option)) if var.option else "")
    facts = [(_("label"), safe(var.label)), (_("item"), item), (_("type"), safe(type_text(e))),
             (_("in plan versions"), ", ".join(map(str, var.versions)))]
    facts += [(_("asked in {when}").format(when=safe(when)), safe(prompt))
              for when, prompt in e.asked]
    if e.conditions:
        written = _(" and ").join(f"<code>{safe(text)}</code>" for text in e.conditions)
        facts.append((_("asked only when"), _("{when} — {written}; otherwise not-asked")
                      .format(when=safe(e.when), written=written)))
    if var.kind != "text" and e.spss_top != SPSS_MISSING_RANGE[1]:
        low, high = spss_range(e.spss_top)
        facts.append((_("missing"), _("Stata .a–.g; SPSS its own codes, as its values reach "
                                      "−999 to −991: {codes} (user-missing {low} to {high})")
                      .format(codes=safe(spss_codes(e.spss_top)), low=low, high=high)))
    elif var.kind != "text":
        facts.append((_("missing"), _("Stata .a–.g, SPSS −991 to −997 (see Missing codes)")))
    if var.kind == "number":
        facts.append((_("in Stata"), safe(_(STATA_BEYOND))))
    out = [f"<section class=\"item\" id=\"v-{safe(var.name)}\"><h3>{safe(var.name)}</h3><dl>"]
    out += [f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts]
    out.append("</dl>")
    counted = any(count for _, _, count in e.rows)
    if e.rows:
        heads = [_("Code"), pgettext("codebook", "Value"), *([_("Count")] if counted else [])]
        head = _heads(heads)
        trs = "".join(f"<tr><td>{safe(code)}</td><td>{safe(label)}</td>"
                      + (f"<td class=\"n\">{safe(count)}</td>" if counted else "") + "</tr>"
                      for code, label, count in e.rows)
        out.append(f"<table class=\"values\">{head}{trs}</table>")
    if e.note:
        out.append(f"<p class=\"meta\">{safe(e.note[:1].upper() + e.note[1:])}.</p>")
    return "".join(out) + "</section>"


def codebook_html(books: list[Book]) -> str:
    """The codebooks of these plans as one standalone HTML document."""
    title = _("Codebook: {plans}").format(plans=", ".join(b.plan_id for b in books))
    heads = _heads([pgettext("codebook", "Name"), pgettext("codebook", "Label"),
                    pgettext("codebook", "Type")])
    body = [f"<h1>{safe(title)}</h1>",
            _h2(_("Missing codes")) + "<table class=\"missing\">"
            + _heads([pgettext("codebook", "Reason"), "Stata", "SPSS",
                      pgettext("codebook", "Meaning")])
            + "".join(f"<tr><td>{m.code}</td><td>.{m.stata}</td><td class=\"n\">{m.spss}</td>"
                      f"<td>{safe(missing_label(m))}</td></tr>" for m in Missing)
            + f"</table><p>{safe(missing_note().replace('`', ''))}</p>",
            _h2(_("Session variables")) + _fixed_table(heads, FIXED)]
    for book in books:
        body.append(f"<h2>{safe(book.plan_id)}: {safe(book.title)}</h2>"
                    f"<p class=\"meta\">{versions_line(book.versions, '<code>plan_version</code>')}"
                    f"</p><p class=\"meta\">{safe(book.counts)}</p>")
        body += [_entry(e) for e in book.entries]
        for roster, file, entries in book.rosters:
            body.append(_h2(_("Roster {roster}").format(roster=roster))
                        + "<p class=\"meta\">"
                        + roster_line(f"<code>{safe(file)}</code>", "<code>session_id</code>",
                                      "<code>member</code>")
                        + "</p>" + _fixed_table(heads, ROSTER_FIXED))
            body += [_entry(e) for e in entries]
        for name, file, fixed, entries in book.meeting:
            key = "participant" if name == "participants" else "n"
            body.append(_h2(_(MEETING_HEADS[name])) + "<p class=\"meta\">"
                        + meeting_line(name, f"<code>{safe(file)}</code>",
                                       "<code>session_id</code>", f"<code>{key}</code>")
                        + "</p>" + _fixed_table(heads, fixed))
            body += [_entry(e) for e in entries]
    return (f"<!DOCTYPE html>\n<html lang=\"{current()}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<title>{safe(title)}</title><style>{STYLE}{_EXTRA_STYLE}</style></head>\n"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n")


def _heads(names: list[str]) -> str:
    """A table's heading row."""
    return "<tr>" + "".join(f"<th>{safe(name)}</th>" for name in names) + "</tr>"


def _fixed_table(heads: str, fixed: tuple[tuple[str, str, str, bool], ...]) -> str:
    """A file's fixed variables (name, label, kind, identifier) as the table of a file."""
    return (f"<table class=\"session\">{heads}"
            + "".join(f"<tr><td>{name}</td><td>{safe(fixed_label(label, ident))}</td>"
                      f"<td>{column_type(kind)}</td></tr>" for name, label, kind, ident in fixed)
            + "</table>")


def _h2(text: str) -> str:
    return f"<h2>{safe(text)}</h2>"
