"""Helpers for the Discord tests and the concurrency benchmark (tests/bot/discord tests them).

SimCord's actor verbs settle the bot after each action and refuse to overlap, which is what
most tests want. To drive several commands at once (a second /reingest while the first runs,
fifty fans asking together), `emit_slash` delivers a slash command through the same backend
and gateway path as `MemberActor.slash` but without settling; `env.settle()` then waits for all
of them. It uses SimCord internals, which is why simcord is pinned (==3.2.1).
"""

from __future__ import annotations

from typing import Any

import discord
import simcord
from simcord import actors as _actors
from simcord import interactions as _interactions
from simcord.enums import AppCommandType, InteractionType

MESSAGE_ROUTES = ("/messages", "/webhooks/", "/callback")


def emit_slash(
    actor: simcord.MemberActor, channel: simcord.ChannelHandle, name: str, **options: Any
) -> simcord.InteractionResult:
    """Deliver `/name` from `actor` without waiting for the bot; call `env.settle()` after."""
    env = actor._env
    root = _actors._resolve_visible_command(actor, channel.id, name, AppCommandType.CHAT_INPUT)
    leaf, nesting = _interactions.walk_to_subcommand(root, [])
    leaf_options, resolved = _interactions.build_options(
        actor, name, leaf, options, channel_id=channel.id
    )
    data: dict[str, Any] = {
        "id": root["id"],
        "name": root["name"],
        "type": root.get("type", AppCommandType.CHAT_INPUT),
        "options": _interactions.nest_options(root, nesting, leaf_options),
    }
    if resolved:
        data["resolved"] = resolved
    if root.get("guild_id"):
        data["guild_id"] = root["guild_id"]
    record, payload = _interactions.base_payload(
        env.backend,
        type=InteractionType.APPLICATION_COMMAND,
        channel_id=channel.id,
        guild_id=actor.guild.id,
        user_id=actor.id,
        data=data,
    )
    env._notify_dispatch_observers(record)
    env.backend.emit("INTERACTION_CREATE", payload)
    return simcord.InteractionResult(env, record)


def message_requests(env: simcord.Env) -> list[simcord.HttpLogEntry]:
    """Every REST request in which the bot sent or edited message content."""
    return [
        r
        for r in env.http_requests
        if r.method in ("POST", "PATCH")
        and any(part in r.path for part in MESSAGE_ROUTES)
        and isinstance(r.json, dict)
        and (r.json.get("data") or r.json).keys() & {"content", "embeds"}
    ]


def assert_never_pings(env: simcord.Env) -> None:
    """Every message the bot sent carried allowed_mentions with nothing to parse."""
    sent = message_requests(env)
    assert sent, "the bot sent no messages"
    for request in sent:
        body = request.json.get("data") or request.json
        assert body.get("allowed_mentions") == {"parse": []}, (request.path, body)


def embed_problems(embed: discord.Embed) -> list[str]:
    """Every Discord embed limit `embed` breaks (empty when it fits)."""
    problems = []
    if len(embed.title or "") > 256:
        problems.append("title")
    if len(embed.description or "") > 4096:
        problems.append("description")
    if len(embed.fields) > 25:
        problems.append("field count")
    for field in embed.fields:
        if len(field.name or "") > 256 or len(field.value or "") > 1024:
            problems.append(f"field {field.name}")
    if len(embed.footer.text or "") > 2048:
        problems.append("footer")
    if len(embed.author.name or "") > 256:
        problems.append("author")
    if len(embed) > 6000:
        problems.append(f"total {len(embed)}")
    return problems


def fan(env: simcord.Env, name: str = "alice") -> simcord.MemberActor:
    """A member of the test guild with no special permissions."""
    return env.guild.add_member(env.create_user(name))


def moderator(env: simcord.Env, name: str = "mod") -> simcord.MemberActor:
    """A member of the test guild with Manage Server, as the moderator commands require."""
    managers = env.guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    return env.guild.add_member(env.create_user(name), roles=[managers])
