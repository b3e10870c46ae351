"""What the tests share besides fixtures: local servers, Discord helpers, settings. Not collected."""
