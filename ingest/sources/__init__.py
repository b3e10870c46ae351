"""The sources moderators add: the registry, one run per source, forgetting, the data-dir lock."""
