"""A text as read and written: reading (encodings, size caps), `Document`
(paragraphs, protected spans, positions), snapshots for reporting, language
detection, and writing files without losing anything (filewrite)."""
