"""Text helpers with no I/O: sentence spans, folding and tokenizing words, counting model tokens."""
