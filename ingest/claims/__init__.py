"""Reading transfer claims out of articles: names, stages, and who moves where."""
