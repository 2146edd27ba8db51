"""Click commands, one module per command group; `fieldtui.cli` loads them lazily."""
