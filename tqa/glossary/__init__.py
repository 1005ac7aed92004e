"""The curated Russian–English glossary: loading, validation, matching, exchange formats."""
