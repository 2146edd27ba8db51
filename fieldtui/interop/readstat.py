"""Stata (.dta) and SPSS (.sav) files of one plan, written with pyreadstat.

Missing reasons (core.missing) become Stata extended missing values (.a ...) and SPSS
user-missing codes (-991 ..., declared as the range -999..-991; a variable whose own values
reach that range has codes below them, interop/spss_missing), each with its value label.
Labels and text cells (fixed ones too: a participant label) are cut to each format's limits
(interop.labels). A number Stata cannot hold (2**1023 and up, which a device can send) is
.g in a .dta answer, . in a fixed column (a turn's duration); the .sav keeps it. Session times are Stata %tc / SPSS DATETIME in UTC; date answers Stata
%td / SPSS DATE11, time answers Stata %tcHH:MM (on 1 Jan 1960) / SPSS TIME5.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.missing import SPSS_MISSING_RANGE, Missing, spss_range
from fieldtui.interop.columns import Variable
from fieldtui.interop.deps import need
from fieldtui.interop.labels import SPSS, STATA, Limits, cut, cut_keeping
from fieldtui.interop.wide import Wide

_LETTERS = [m.stata for m in Missing]
# Stata %tc counts milliseconds from 1960-01-01, SPSS DATETIME seconds from 1582-10-14.
_STATA_EPOCH_MS = 315_619_200_000
_SPSS_EPOCH_S = 12_219_379_200
_DATE_FORMAT = {"dta": "%tc", "sav": "DATETIME23.3"}
# Stata's doubles stop below 2**1023 (the ones above are its missing values): pyreadstat
# refuses the whole file for one number beyond, which a device can send as an answer.
_STATA_BEYOND = 2.0**1023
# Date answers come as days since 1970-01-01, time answers as seconds since midnight.
_ANSWER_FORMAT = {("dta", "date"): "%td", ("sav", "date"): "DATE11",
                  ("dta", "time"): "%tcHH:MM", ("sav", "time"): "TIME5"}
# A fixed variable of kind "flag" (a participant's `informed`) is 0/1 with these labels.
FLAG_LABELS = {0: "no", 1: "yes"}
_STATA_EPOCH_DAYS = 3653  # 1960-01-01 to 1970-01-01
_SPSS_EPOCH_DAYS = 141_428  # 1582-10-14 to 1970-01-01


def _in_units(kind: str, values: Any, fmt: str) -> Any:
    """Date answers in days since Stata's epoch or seconds since SPSS's, time answers in
    Stata milliseconds or SPSS seconds since midnight; other variables as they are."""
    if kind == "date":
        return values + _STATA_EPOCH_DAYS if fmt == "dta" else \
            (values + _SPSS_EPOCH_DAYS) * 86_400
    if kind == "time":
        return values * 1000 if fmt == "dta" else values
    return values


def _fixed_frame(wide: Wide, fmt: str) -> tuple[dict[str, Any], dict[str, str]]:
    pd = need("pandas", fmt)
    columns: dict[str, Any] = {}
    labels: dict[str, str] = {}
    for name, label, kind, _width in wide.spec:
        if name not in wide.fixed:
            continue
        data = wide.fixed.pop(name)  # hand the array over: no second copy kept
        if name in ("session_id", "respondent"):
            data = pd.Series(pd.arrays.ArrowStringArray(data), copy=False)
        elif kind in ("category", "text"):  # device text (a participant's label): SPSS's limit
            data = _cut_cells(data, STATA if fmt == "dta" else SPSS)
            if kind == "category":  # shared str objects: 8 bytes a row, nothing copied
                data = pd.Series(data, dtype=object, copy=False)
        elif kind == "datetime":  # numbers with a date format: pyreadstat would copy
            data = data * 1000 + _STATA_EPOCH_MS if fmt == "dta" else data + _SPSS_EPOCH_S
        elif kind == "float" and fmt == "dta":  # a turn of 1e308 s from a device: missing
            np = need("numpy", fmt)
            data = np.where(np.abs(data) >= _STATA_BEYOND, np.nan, data)
        columns[name] = data
        labels[name] = label
    return columns, labels


def _stata_column(var: Variable, values: Any, reasons: Any) -> Any:
    np, pd = need("numpy", "dta"), need("pandas", "dta")
    if var.kind == "text":
        return values
    if var.kind in ("number", "date", "time"):
        column = values.astype(object)
        # a number Stata cannot hold (1e308 from a device) is a value outside the plan
        reasons = np.where((np.abs(values) >= _STATA_BEYOND) & (reasons == 0),
                           Missing.INVALID.number, reasons)
        for missing in Missing:
            column[reasons == missing.number] = missing.stata
        return column
    # Every cell points at one of a few shared objects (ints, letters): 8 bytes a row.
    points = np.array(sorted(var.values) or [1], dtype=np.int64)
    codes = np.where(reasons > 0, len(points) + reasons.astype(np.int64) - 1,
                     np.searchsorted(points, values))
    shared = np.array([int(p) for p in points] + _LETTERS, dtype=object)
    return pd.Series(shared[codes], dtype=object, copy=False)


def _spss_column(var: Variable, values: Any, reasons: Any, top: int) -> Any:
    np = need("numpy", "sav")
    if var.kind == "text":
        return values
    codes = np.array([0] + [m.spss_at(top) for m in Missing])
    return np.where(reasons > 0, codes[reasons], values)


def write_readstat(wide: Wide, path: Path, fmt: str, file_label: str,
                   spss_tops: dict[str, int] | None = None) -> None:
    """Write `wide` as a .dta (fmt "dta") or .sav (fmt "sav") file at `path`; `spss_tops`:
    the declined code of each variable whose SPSS codes are moved (spss_missing)."""
    pyreadstat, pd = need("pyreadstat", fmt), need("pandas", fmt)
    limits: Limits = STATA if fmt == "dta" else SPSS
    columns, labels = _fixed_frame(wide, fmt)
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, Any] = {}
    answer_formats: dict[str, str] = {}
    keeps: dict[str, str] = {}
    for name, _label, kind, _width in wide.spec:
        if kind == "flag" and name in columns:
            value_labels[name] = dict(FLAG_LABELS)
            if fmt == "sav":
                answer_formats[name] = "F1.0"
    for entry in wide.items:
        for var in entry.variables:
            values, reasons = wide.values.pop(var.name), wide.reasons.pop(var.name)
            if var.kind == "text":
                values = _cut_cells(values, limits)
            top = (spss_tops or {}).get(var.name, SPSS_MISSING_RANGE[1])
            in_units = _in_units(var.kind, values, fmt)
            columns[var.name] = (_stata_column(var, in_units, reasons) if fmt == "dta"
                                 else _spss_column(var, in_units, reasons, top))
            if (fmt, var.kind) in _ANSWER_FORMAT:
                answer_formats[var.name] = _ANSWER_FORMAT[(fmt, var.kind)]
            elif fmt == "sav" and var.kind in ("coded", "indicator", "reason"):
                answer_formats[var.name] = "F8.0"  # codes are whole: 1 Yes, not 1.00 Yes
            del values, reasons
            labels[var.name] = var.label
            if var.keep:
                keeps[var.name] = var.keep
            if var.kind == "text":
                continue
            labels_here: dict[int | str, str] = {code: cut(text, limits.value_label, limits.in_bytes)
                           for code, text in var.values.items()}
            for m in Missing:
                labels_here[m.stata if fmt == "dta" else m.spss_at(top)] = m.label
            value_labels[var.name] = labels_here
            low, high = spss_range(top)
            missing[var.name] = _LETTERS if fmt == "dta" else [{"lo": low, "hi": high}]
    frame = pd.DataFrame(columns, copy=False)
    columns.clear()
    column_labels = {k: cut_keeping(v, keeps.get(k, ""), limits.variable_label, limits.in_bytes)
                     for k, v in labels.items()}
    formats = {name: _DATE_FORMAT[fmt] for name, _, kind, _ in wide.spec
               if kind == "datetime" and name in frame.columns} | answer_formats
    rows = len(frame)
    try:
        if fmt == "dta":
            # version 14: format 118, UTF-8 and strL, which Stata 14 and later open (15
            # wrote 119, made for files of more than 32,767 variables: Stata 14 refuses it)
            pyreadstat.write_dta(frame, str(path), file_label=cut(file_label, 80, False),
                                 column_labels=column_labels, version=14,
                                 variable_value_labels=value_labels,
                                 missing_user_values=missing, variable_format=formats)
        else:
            pyreadstat.write_sav(frame, str(path), file_label=cut(file_label, 64, True),
                                 column_labels=column_labels,
                                 variable_value_labels=value_labels, missing_ranges=missing,
                                 variable_format=formats)
    except pyreadstat.ReadstatError as exc:
        raise _not_written(path, str(exc)) from None
    del frame
    _check_written(path, fmt, rows)


def _check_written(path: Path, fmt: str, rows: int) -> None:
    """pyreadstat does not check its writes: on a full disk it wrote an empty or cut file
    and returned as if all went well. Read back the header (the row count, the labels at
    its end) and the last row (the end of the data), so a cut file is an error."""
    pyreadstat = need("pyreadstat", fmt)
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    try:
        _frame, meta = read(str(path), metadataonly=True)
        last = read(str(path), row_offset=max(rows - 1, 0), row_limit=1)[0] if rows else []
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as exc:
        raise _not_written(path, str(exc)) from None
    if meta.number_rows not in (rows, None, -1) or len(last) != min(rows, 1):
        raise _not_written(path, f"{meta.number_rows} of {rows} rows read back")


def _not_written(path: Path, problem: str) -> FieldtuiError:
    return FieldtuiError(
        _("the export file could not be written in full ({problem}); the disk may be full")
        .format(problem=problem),
        _("free some space (or check the folder is writable) and export again; no "
          "part-written file is left"))


def _cut_cells(values: Any, limits: Limits) -> Any:
    if limits.text_cell >= 2_000_000_000:
        return values
    for i, text in enumerate(values):
        if len(text) * 4 > limits.text_cell:
            values[i] = cut(text, limits.text_cell, limits.in_bytes)
    return values
