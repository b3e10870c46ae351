"""The shared kernel every other package uses: settings, errors, records, text helpers, clients."""
