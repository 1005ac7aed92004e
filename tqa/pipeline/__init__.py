"""A run, in the order it happens: plan (rules per file) -> discover -> engine
(every file in order, from the cache or checked, in workers with --jobs) ->
one_file (read, pair with the source, check or fix) -> check (rules, one
finding per span, suppressions, the fix loop) -> tally -> write; run holds
the records that travel (Input, Job, FileResult); baseline and fingerprints
filter what was known before."""
