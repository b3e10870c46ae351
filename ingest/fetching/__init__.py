"""Fetching submitted URLs safely: URL checks, guarded connections, size caps, charset decoding."""
