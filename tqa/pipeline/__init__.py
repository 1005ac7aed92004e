"""A run, in the order it happens: plan (rules per file) -> engine (discover,
read, pair with the source) -> check (rules, suppressions, the fix loop) ->
fix (choosing edits) -> workers (`--jobs`) -> tally -> write; baseline and
fingerprints filter what was known before."""
