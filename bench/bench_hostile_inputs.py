"""What hostile inputs at the bounds cost: peak memory and time, each case in its own process.

Each case is what a remote party (anyone who reaches the collector, writes on a stick or
answers at the kit's collector address) or a file from outside can send, at the bound that
now holds it. The figures to compare are the peaks before the bounds (in the commits that
set them): collector, 30 anonymous 16 MiB uploads at once 925 MB; update page 731 MB; stick
updates 428 MB (99 files); merge read-ahead 2.5 GB (200 files); plan in a kit 17.8 s and
1.35 GB; 1 MB dotted-key plan over 600 s; an .xlsx of inline strings unpacking to
136 MB (then allowed: 200 MB) 107 s and 1.8 GB, at 32 MB 30 s and 505 MB before the row bound;
an .xls of 5.6 KB (one cell at IV65536, its sheet named 8 times) 1.3 GB, of 800,000 styles
(19 MB) 780 MB, before its records were counted; of 6 KB whose 30 defined names each double
a text, out of memory past 1.7 GB (200 GB asked) before xlrd left the names unevaluated.
No target: the figures are reported.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from bench.report import figure

CASES = {
    "collector: 30 anonymous 16 MiB PUTs at once, server peak": """
        import asyncio, hashlib, os, resource, signal, socket, subprocess, sys, tempfile, time
        tmp = tempfile.mkdtemp()
        env = dict(os.environ, FIELDTUI_HOME=tmp + "/home")
        fieldtui = [sys.executable, "-m", "fieldtui"]
        subprocess.run(fieldtui + ["collector", "init", "--store", tmp + "/c"], env=env,
                       check=True, capture_output=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
        server = subprocess.Popen(fieldtui + ["collector", "serve", "--store", tmp + "/c",
                                  "--port", str(port), "--quiet"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port)).close(); break
            except OSError:
                time.sleep(0.1)
        body = os.urandom(16 * 1024 * 1024); sha = hashlib.sha256(body).hexdigest()
        async def put():
            r, w = await asyncio.open_connection("127.0.0.1", port)
            w.write(f"PUT /v1/bundles/{sha} HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: "
                    f"{len(body)}\\r\\nConnection: close\\r\\n\\r\\n".encode())
            for k in range(0, len(body), 1 << 20):
                w.write(body[k:k + (1 << 20)]); await w.drain()
            await r.readline(); w.close()
        async def main():
            await asyncio.gather(*(put() for _ in range(30)))
        asyncio.run(main())
        server.send_signal(signal.SIGTERM); server.communicate(timeout=60)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    """,
    "device: a 24 MB page of updates of '{},', peak": """
        import asyncio, resource
        from aiohttp import web
        from fieldtui.core.errors import FieldtuiError
        from fieldtui.sync.update_fetch import MAX_PAGE_ANSWER, fetch_http
        n = (MAX_PAGE_ANSWER - 40) // 3
        body = b'{"updates": [' + b'{},' * (n - 1) + b'{}], "more": false}'
        async def page(request):
            return web.Response(body=body)
        async def main():
            app = web.Application(); app.router.add_get("/v1/updates", page)
            runner = web.AppRunner(app, access_log=None); await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0); await site.start()
            host, port = runner.addresses[0][:2]
            try:
                await fetch_http(f"http://{host}:{port}", 0)
            except FieldtuiError:
                pass
            finally:
                await runner.cleanup()
        asyncio.run(main())
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "device: a stick of 40 update files of 4 MB, peak": """
        import os, resource, tempfile
        from pathlib import Path
        from fieldtui.sync.update_fetch import fetch_folder
        stick = Path(tempfile.mkdtemp()); (stick / "updates").mkdir()
        for seq in range(1, 41):
            (stick / "updates" / f"{seq:010d}.ftu").write_bytes(os.urandom(4_000_000))
        fetch_folder(stick, 0)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "merge: 60 junk 16 MiB files opened by 4 workers, merging process peak": """
        import resource
        from pathlib import Path
        from fieldtui.bundle.errors import BundleError
        from fieldtui.supervise.open_pool import opened_in_order
        def opener(data, path=None):
            raise BundleError("not-a-bundle", "junk")
        items = ((bytes([i]) * (16 * 1024 * 1024), Path(f"{i}.ftb")) for i in range(60))
        for _ in opened_in_order(items, opener, 4):
            pass
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "a kit's plan text of 15 MB, peak": """
        import resource
        from fieldtui.core.plan.load import parse_plan
        parse_plan("a = [" + "{}," * 5_000_000 + "{}]\\n", "kit plan")
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "plan import: an .xlsx of inline-string cells just under its 32 MB unpacked, peak": """
        import os, resource, sys, tempfile, zipfile
        from fieldtui.interop.xlsform.importer import import_workbook
        W = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        def cell(ref, text):
            return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
        ns = "http://schemas.openxmlformats.org/"
        path = os.path.join(tempfile.mkdtemp(), "form.xlsx")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", f'<Types xmlns="{ns}package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
                '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
                'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
                '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.worksheet+xml"/></Types>')
            z.writestr("_rels/.rels", f'<Relationships xmlns="{ns}package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{ns}officeDocument/2006/relationships/'
                'officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr("xl/workbook.xml", f'<workbook xmlns="{ns}spreadsheetml/2006/main" '
                f'xmlns:r="{ns}officeDocument/2006/relationships"><sheets><sheet name="survey"'
                ' sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{ns}package/2006/'
                f'relationships"><Relationship Id="rId1" Type="{ns}officeDocument/2006/'
                'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write((W + '<row r="1">' + cell("A1", "type") + cell("B1", "name")
                             + cell("C1", "label") + "</row>").encode())
                for r in range(2, 140_002):  # under the 3,000,000 tags (20 a row)
                    sheet.write((f'<row r="{r}">' + cell(f"A{r}", "text")
                                 + cell(f"B{r}", f"q{r}") + cell(f"C{r}", f"Question {r}?")
                                 + "</row>").encode())
                sheet.write(b"</sheetData></worksheet>")
        unpacked = sum(part.file_size for part in zipfile.ZipFile(path).infolist())
        assert unpacked < 32 * 1024 * 1024, unpacked
        result = import_workbook(path)
        assert result.failed and result.problems[0].rule == "too-many-rows", result.problems[:1]
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "plan import: an .xls at its bounds (a cell at IV65536, a million cells, 99,000 styles), peak": """
        import os, resource, struct, tempfile
        from pathlib import Path
        from fieldtui.interop.xlsform import workbook
        from fieldtui.interop.xlsform.importer import import_workbook
        from tests.support.biff8_books import (NUMBER, book, compound_file, number_rows,
                                               record, sheet, styles, text_rows)
        strings = []
        head = text_rows([["type", "name", "label"] + [f"c{n}" for n in range(253)]], strings)
        far = record(NUMBER, struct.pack("<HHHd", 65535, 255, 0, 1.0))
        rows = (workbook.MAX_CELLS - 257) // 256
        path = compound_file(Path(tempfile.mkdtemp()) / "form.xls", book(
            [("survey", sheet(head + [number_rows(1, rows), far]))], strings,
            extra=styles(workbook.MAX_ENTRIES - 1_000)))
        result = import_workbook(path)
        assert result.failed and result.problems[0].rule == "empty-plan", result.problems[:1]
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "plan import: an .xls of 6 KB whose 30 defined names double a text, peak": """
        import resource, tempfile
        from pathlib import Path
        from fieldtui.interop.xlsform.importer import import_workbook
        from tests.support.biff8_books import doubling_names, xls_form
        survey = [["type", "name", "label"], ["integer", "a", "How old are you?"]]
        path = xls_form(Path(tempfile.mkdtemp()) / "form.xls", [("survey", survey)],
                        extra=doubling_names(30))
        result = import_workbook(path)
        assert not result.failed, result.problems[:1]
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
    "a 1 MB plan of one dotted key, peak": """
        import resource
        from fieldtui.core.plan.load import parse_plan
        parse_plan("[" + ".".join(["a"] * 499_995) + "]\\n", "plan")
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """,
}


def main() -> None:
    for name, code in CASES.items():
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                              capture_output=True, text=True, timeout=600, check=True)
        seconds = time.monotonic() - started
        figure(name, float(done.stdout.split()[-1]), "MB")
        figure("  its time (the process, start to end)", seconds, "s")
