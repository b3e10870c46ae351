"""Benchmark: N fans /ask at once through the real bot, against an LLM that takes 1 s per call.

Usage: python benchmarks/discord_concurrency.py [--fans 50] [--latency 1.0] [--llm 4,16,50]

The bot runs in SimCord (offline Discord) with RUMOUR_GENERATOR=openai and OPENAI_BASE_URL
pointing at the OpenAI-compatible test server (tests/openai_server.py). For each
RUMOUR_LLM_CONCURRENCY it reports one /ask on its own (median of three), all fans at once,
and the ratio of the two: about the number of sequential asks the burst costs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the test servers and SimCord helpers live in tests/

import simcord  # noqa: E402

from bot.app import Services  # noqa: E402
from bot.discord.app import create_bot  # noqa: E402
from ingest.core.settings import Settings  # noqa: E402
from ingest.index.embedders import Embedder, LocalEmbedder  # noqa: E402
from ingest.parsing.loaders import sample_articles_path  # noqa: E402
from ingest.sources.runner import ingest_files  # noqa: E402
from tests.support.discord_helpers import emit_slash  # noqa: E402
from tests.support.openai_server import OpenAIServer, OpenAIStub  # noqa: E402

QUESTION = "Is Kroos joining Klopp's staff?"
REPLY = "Kicker claim Kroos could become Klopp's assistant at Real Madrid [1]."  # grounded


async def measure(
    settings: Settings, embedder: Embedder, fans: int
) -> tuple[float, float, set[str]]:
    """Seconds for one /ask, for `fans` concurrent /ask, and which generators answered."""
    services = Services.build(settings, embedder=embedder)
    ingest_files(services.sources.ingestor, jsonl=[sample_articles_path()], sample=True)
    bot = create_bot(services)
    try:
        async with simcord.run(bot, settle_timeout=600) as env:
            guild = env.create_guild()
            channel = guild.create_text_channel("rumours")
            solo = [guild.add_member(env.create_user(f"solo{i}")) for i in range(4)]
            crowd = [guild.add_member(env.create_user(f"fan{i}")) for i in range(fans)]
            await solo[0].slash(channel, "ask", question=QUESTION)  # warm-up, not timed
            singles = []
            for member in solo[1:]:
                start = time.perf_counter()
                result = await member.slash(channel, "ask", question=QUESTION)
                singles.append(time.perf_counter() - start)
                assert result.response is not None and result.response.embeds
            start = time.perf_counter()
            results = [emit_slash(member, channel, "ask", question=QUESTION) for member in crowd]
            await env.settle(timeout=600)
            together = time.perf_counter() - start
            footers = [r.response.embeds[0].footer.text for r in results if r.response]
            assert len(footers) == fans, f"only {len(footers)} of {fans} fans got an answer"
            await bot.close()
    finally:
        services.close()
    return statistics.median(singles), together, {str(f).split()[0] for f in footers}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fans", type=int, default=50)
    parser.add_argument("--latency", type=float, default=1.0, help="seconds per LLM call")
    parser.add_argument("--llm", default="4,16,50", help="RUMOUR_LLM_CONCURRENCY values")
    args = parser.parse_args()
    embedder = LocalEmbedder()
    rows = []
    generators: set[str] = set()
    with OpenAIServer(OpenAIStub(default_reply=REPLY, latency=args.latency)) as server:
        os.environ.update(
            RUMOUR_GENERATOR="openai",
            OPENAI_BASE_URL=server.base_url,
            RUMOUR_REFRESH_MINUTES="0",
            RUMOUR_ASK_COOLDOWN_SECONDS="0",
        )
        for limit in (int(v) for v in args.llm.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                settings = Settings(_env_file=None, data_dir=Path(tmp), llm_concurrency=limit)  # type: ignore[call-arg]
                single, together, answered_by = asyncio.run(measure(settings, embedder, args.fans))
            rows.append((limit, single, together))
            generators |= answered_by
        calls = len(server.stub.chat_requests())
    print(
        f"{args.fans} concurrent /ask, LLM latency {args.latency:.1f} s, {calls} LLM calls, "
        f"answered by: {', '.join(sorted(generators))}"
    )
    print(f"{'LLM limit':>9}  {'one /ask':>9}  {'all at once':>11}  {'ratio':>6}  sequential")
    for limit, single, together in rows:
        print(
            f"{limit:>9}  {single:>8.2f}s  {together:>10.2f}s  {together / single:>6.1f}  "
            f"{args.fans * single:>8.1f}s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
