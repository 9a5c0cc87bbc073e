"""One module per section or table kind of a plan; template data in templates/."""
