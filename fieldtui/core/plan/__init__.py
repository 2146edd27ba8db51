"""The plan language: model, loader, schema, expressions, check and wording rules."""
