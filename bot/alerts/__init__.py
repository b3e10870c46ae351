"""Watches on people and clubs, their alerts when a watched move changes, and channel digests."""
