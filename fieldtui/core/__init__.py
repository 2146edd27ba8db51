"""Plans, the plan check, sessions and methods: pure Python, no Textual, no disk writes."""
