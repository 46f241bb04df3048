"""Studies whose numbers README quotes, each a script over the two libraries:
:mod:`opza.studies.llg` (the spin chain against the collective coordinates) and
:mod:`opza.studies.holds` (where the letter's theory holds)."""
