"""Everything that builds and owns the index: fetching, parsing, chunking, embedding, storing."""
