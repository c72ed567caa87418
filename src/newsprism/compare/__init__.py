"""Cross-outlet comparison of a story: the claim ledger, relays, voices, retractions, source
names, the merged timeline and the corpus-wide comparison."""
