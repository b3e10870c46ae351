"""Outlets by their citations and web hosts, and the journalists a sentence names."""

from __future__ import annotations

import pytest

from ingest.claims.gazetteer import default_gazetteer
from ingest.claims.outlets import credited_outlet, journalists_in, outlet_named

GAZ = default_gazetteer()


@pytest.mark.parametrize(
    ("cited", "outlet"),
    [
        ("www.thesun.co.uk", "The Sun"),
        ("(Sun)", "The Sun"),
        ("https://www.skysports.com/football/news/11095/x", "Sky Sports"),
        ("colombia.as.com", "Diario AS"),  # a subdomain is its outlet's
        ("www-marca-com.translate.goog", "Marca"),  # a translation proxy stands for its host
        ("Times - subscription required", "The Times"),
        ("AS", "Diario AS"),  # a short form inside a citation
        ("Kicker (sample rewrite)", ""),
    ],
)
def test_outlet_named(cited: str, outlet: str) -> None:
    assert outlet_named(cited, GAZ) == outlet


def test_a_claim_is_credited_to_its_citation_else_its_article() -> None:
    assert credited_outlet("www.dailymail.co.uk", "", "BBC Sport (gossip column)", "", GAZ) == (
        "Daily Mail"
    )
    assert credited_outlet("", "Sun", "BBC Sport", "", GAZ) == "The Sun"
    assert credited_outlet("www.unlisted.net", "", "BBC Sport", "", GAZ) == "unlisted.net"
    assert credited_outlet("", "", "BBC Sport (gossip column)", "", GAZ) == (
        "BBC Sport (gossip column)"
    )
    assert credited_outlet("", "", "", "https://www.bbc.com/sport/1", GAZ) == "BBC Sport"


def test_journalists_in() -> None:
    text = "Fabrizio Romano says Arsenal are in talks, while Ornstein reports a bid."
    assert journalists_in(text, GAZ) == ["Fabrizio Romano", "David Ornstein"]
