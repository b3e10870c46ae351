"""The index the bot reads: chunks and article records in Chroma, embedders, and BM25 over them."""
