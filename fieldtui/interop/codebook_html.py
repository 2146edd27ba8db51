"""The codebook as one self-contained HTML file, like the HTML report: no script, no
network, the report's stylesheet (printable). Every text from a plan or a release goes
through `report_html.safe` (control characters shown as escapes, then HTML-escaped)."""

from __future__ import annotations

from fieldtui.core.missing import Missing
from fieldtui.interop.codebook import MISSING_NOTE, TYPES, Book, Entry
from fieldtui.interop.columns import FIXED, ROSTER_FIXED
from fieldtui.supervise.report_html import STYLE, safe

_EXTRA_STYLE = "dl { margin: .3rem 0; } dt { font-weight: bold; float: left; width: 9rem; } " \
               "dd { margin-left: 9.5rem; } code { font-size: .95em; }"


def _entry(e: Entry) -> str:
    var = e.var
    item = f"<code>{safe(var.item_id)}</code> ({safe(var.item_kind)})" + (
        f", option {safe(var.option)}" if var.option else "")
    facts = [("label", safe(var.label)), ("item", item), ("type", TYPES[var.kind]),
             ("in plan versions", ", ".join(map(str, var.versions)))]
    facts += [(f"asked in {safe(when)}", safe(prompt)) for when, prompt in e.asked]
    if e.conditions:
        written = " and ".join(f"<code>{safe(text)}</code>" for text in e.conditions)
        facts.append(("asked only when", f"{safe(e.when)} — {written}; otherwise not-asked"))
    if var.kind != "text":
        facts.append(("missing", "Stata .a–.g, SPSS −991 to −997 (see Missing codes)"))
    out = [f"<section class=\"item\" id=\"v-{safe(var.name)}\"><h3>{safe(var.name)}</h3><dl>"]
    out += [f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts]
    out.append("</dl>")
    counted = any(count for _, _, count in e.rows)
    if e.rows:
        head = "<tr><th>Code</th><th>Value</th>" + ("<th>Count</th>" if counted else "") + "</tr>"
        trs = "".join(f"<tr><td>{safe(code)}</td><td>{safe(label)}</td>"
                      + (f"<td class=\"n\">{safe(count)}</td>" if counted else "") + "</tr>"
                      for code, label, count in e.rows)
        out.append(f"<table class=\"values\">{head}{trs}</table>")
    if e.note:
        out.append(f"<p class=\"meta\">{safe(e.note[:1].upper() + e.note[1:])}.</p>")
    return "".join(out) + "</section>"


def codebook_html(books: list[Book]) -> str:
    """The codebooks of these plans as one standalone HTML document."""
    title = "Codebook: " + ", ".join(b.plan_id for b in books)
    body = [f"<h1>{safe(title)}</h1>",
            "<h2>Missing codes</h2><table class=\"missing\"><tr><th>Reason</th><th>Stata</th>"
            "<th>SPSS</th><th>Meaning</th></tr>"
            + "".join(f"<tr><td>{m.code}</td><td>.{m.stata}</td><td class=\"n\">{m.spss}</td>"
                      f"<td>{safe(m.label)}</td></tr>" for m in Missing)
            + f"</table><p>{safe(MISSING_NOTE.replace('`', ''))}</p>",
            "<h2>Session variables</h2><table class=\"session\"><tr><th>Name</th>"
            "<th>Label</th><th>Type</th></tr>"
            + "".join(f"<tr><td>{name}</td><td>{safe(label)}"
                      f"{' (only with --with-identifiers)' if ident else ''}</td>"
                      f"<td>{kind}</td></tr>" for name, label, kind, ident in FIXED)
            + "</table>"]
    for book in books:
        body.append(f"<h2>{safe(book.plan_id)}: {safe(book.title)}</h2>"
                    f"<p class=\"meta\">Plan versions: {', '.join(map(str, book.versions))}. "
                    "One row per session; <code>plan_version</code> says which version a "
                    f"session was asked from.</p><p class=\"meta\">{safe(book.counts)}</p>")
        body += [_entry(e) for e in book.entries]
        for roster, file, entries in book.rosters:
            body.append(f"<h2>Roster {safe(roster)}</h2><p class=\"meta\">File "
                        f"<code>{safe(file)}</code>: one row per member of the roster in a "
                        "session, keyed by <code>session_id</code> and <code>member</code>.</p>"
                        "<table class=\"session\"><tr><th>Name</th><th>Label</th><th>Type</th>"
                        "</tr>" + "".join(f"<tr><td>{name}</td><td>{safe(label)}</td>"
                                          f"<td>{kind}</td></tr>"
                                          for name, label, kind, _ in ROSTER_FIXED)
                        + "</table>")
            body += [_entry(e) for e in entries]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<title>{safe(title)}</title><style>{STYLE}{_EXTRA_STYLE}</style></head>\n"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n")
