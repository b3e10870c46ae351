"""Claim-by-claim verification of a language model's answer against the passages it cites."""
