"""The claim ledger: every transfer claim of the stored articles, in the data dir's database."""
