"""The write pipeline: chunk articles, embed what changed, store it, and report what happened."""
