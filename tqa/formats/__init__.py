"""Input formats other than plain text and Markdown."""
