"""XLSForm in and out: `fieldtui plan import` and `plan export --format xlsform`.

The workbook is read with pyxform's own reader (the `xlsform` extra) and written with
openpyxl; neither is imported until a command needs it.
"""
