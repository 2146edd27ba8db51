"""The interviewer's Textual app: screens, widgets and the flows between them.

Nothing outside `fieldtui.commands` imports this package, so commands that do not open
the app never load Textual.
"""
