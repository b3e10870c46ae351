"""The answer engine: read a question, retrieve, gather evidence, decide the verdict, compose."""
