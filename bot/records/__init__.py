"""Outlets' and journalists' track records, learnt from how the moves they reported ended."""
