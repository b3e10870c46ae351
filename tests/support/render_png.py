"""Draw a bot message (embeds and buttons, as SimCord stored them) as a Discord-like PNG.

Test-only: it makes the pictures in docs/ from real replies. It understands the Markdown the
bot writes (bold, masked links, block quotes, escapes) and draws emoji it cannot render as
small coloured marks. DejaVu Sans is used where installed, else Pillow's own font.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import discord
from PIL import Image, ImageDraw, ImageFont

WIDTH = 900
BACKGROUND = (49, 51, 56)
EMBED_BACKGROUND = (43, 45, 49)
TEXT = (219, 222, 225)
MUTED = (148, 155, 164)
LINK = (0, 168, 252)
WHITE = (242, 243, 245)
BUTTON = (78, 80, 88)
_FONTS = Path("/usr/share/fonts/truetype/dejavu")
# Emoji the fonts lack, drawn as a coloured dot or a word.
_MARKS = {
    "🟡": (241, 196, 15),
    "✅": (46, 204, 113),
    "❌": (231, 76, 60),
    "❔": (149, 165, 166),
    "💬": (88, 101, 242),
}
_WORDS = {"👍": "+1", "👎": "-1"}
_TOKEN = re.compile(r"\*\*|\[((?:\\.|[^\]\\]|\[[^\]]*\])+)\]\(([^)\s]+)\)|\\(.)|<t:(\d+):\w>|(.)", re.S)


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool = False
    link: bool = False


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans where it is installed, else Pillow's bundled font."""
    path = _FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def render_message(
    author: str, embeds: Sequence[discord.Embed], buttons: Sequence[str], path: Path
) -> Image.Image:
    """Draw the message and save it as a PNG at `path`."""
    canvas = Image.new("RGB", (WIDTH, 4000), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((16, 16, 56, 56), fill=(88, 101, 242))
    draw.text((72, 16), author, font=font(16, bold=True), fill=WHITE)
    name_width = draw.textlength(author, font=font(16, bold=True))
    draw.rounded_rectangle((80 + name_width, 18, 118 + name_width, 36), 4, fill=(88, 101, 242))
    draw.text((86 + name_width, 20), "APP", font=font(11, bold=True), fill=WHITE)
    y = 46
    for embed in embeds:
        y = _embed(canvas, embed, 72, y + 8) + 8
    x = 72
    for label in buttons:
        text = _plain_emoji(label)
        width = draw.textlength(text, font=font(14)) + 28
        draw.rounded_rectangle((x, y + 4, x + width, y + 36), 4, fill=BUTTON)
        draw.text((x + 14, y + 12), text, font=font(14), fill=WHITE)
        x += width + 8
    height = y + (48 if buttons else 16)
    image = canvas.crop((0, 0, WIDTH, height))
    image.save(path, optimize=True)
    return image


def _embed(canvas: Image.Image, embed: discord.Embed, left: int, top: int) -> int:
    """Draw an embed panel (its colour bar, author, title, text, fields, footer); returns its bottom."""
    width = WIDTH - left - 24
    panel = Image.new("RGB", (width, 4000), EMBED_BACKGROUND)
    pen = ImageDraw.Draw(panel)
    parts: list[tuple[str, int, bool, tuple[int, int, int]]] = []  # text, size, bold, colour
    if embed.author and embed.author.name:
        parts.append((embed.author.name, 13, True, TEXT))
    if embed.title:
        parts.append((embed.title, 16, True, WHITE))
    if embed.description:
        parts.append((embed.description, 14, False, TEXT))
    for field in embed.fields:
        parts.append((f"**{field.name}**", 14, False, TEXT))
        parts.append((field.value or "", 14, False, TEXT))
    if embed.footer and embed.footer.text:
        parts.append((embed.footer.text, 12, False, MUTED))
    y = 12
    for text, size, bold, colour in parts:
        y = _markdown(pen, text, 16, y, width - 32, size, bold, colour) + 6
    height = y + 6
    canvas.paste(panel.crop((0, 0, width, height)), (left, top))
    colour = embed.colour.to_rgb() if embed.colour else MUTED
    ImageDraw.Draw(canvas).rectangle((left, top, left + 3, top + height), fill=colour)
    return top + height


def _markdown(
    draw: ImageDraw.ImageDraw,
    text: str,
    left: int,
    top: int,
    width: int,
    size: int,
    bold: bool,
    colour: tuple[int, int, int],
) -> int:
    """Draw wrapped Markdown lines; returns the y below them."""
    y = top
    for line in text.splitlines() or [""]:
        quoted = line.startswith("> ")
        x0 = left + (14 if quoted else 0)
        start_y = y
        y = _line(draw, _runs(line[2:] if quoted else line, bold), x0, y, width, size, colour)
        if quoted:
            draw.rectangle((left, start_y, left + 3, y - 2), fill=MUTED)
    return y


def _line(
    draw: ImageDraw.ImageDraw,
    runs: list[_Run],
    left: int,
    top: int,
    width: int,
    size: int,
    colour: tuple[int, int, int],
) -> int:
    x, y, height = left, top, size + 6
    for run in runs:
        face = font(size, bold=run.bold)
        for word in re.findall(r"\S+\s*|\s+", run.text):
            for piece, dot in _emoji_pieces(word):
                if dot is not None:
                    if x + size > left + width:
                        x, y = left, y + height
                    draw.ellipse((x + 1, y + 3, x + size - 1, y + size + 1), fill=dot)
                    x += size + 2
                    continue
                span = draw.textlength(piece, font=face)
                if x + span > left + width and x > left and piece.strip():
                    x, y = left, y + height
                fill = LINK if run.link else colour
                draw.text((x, y), piece, font=face, fill=fill)
                x += span
    return y + height


def _emoji_pieces(word: str) -> list[tuple[str, tuple[int, int, int] | None]]:
    pieces: list[tuple[str, tuple[int, int, int] | None]] = []
    buffer = ""
    for char in word:
        if char in _MARKS:
            if buffer:
                pieces.append((buffer, None))
            pieces.append(("", _MARKS[char]))
            buffer = ""
        else:
            buffer += _WORDS.get(char, char)
    if buffer:
        pieces.append((buffer, None))
    return pieces


def _runs(line: str, bold: bool) -> list[_Run]:
    """Split a line into plain, bold and link runs, dropping Markdown's escapes."""
    runs: list[_Run] = []
    for match in _TOKEN.finditer(line):
        if match.group(0) == "**":
            bold = not bold
        elif match.group(1) is not None:
            runs.append(_Run(re.sub(r"\\(.)", r"\1", match.group(1)), bold, link=True))
        elif match.group(3) is not None:
            runs.append(_Run(match.group(3), bold))
        elif match.group(4) is not None:  # a Discord timestamp, shown as its date
            runs.append(_Run(str(datetime.fromtimestamp(int(match.group(4)), UTC).date()), bold))
        else:
            runs.append(_Run(match.group(5), bold))
    return _merge(runs)


def _merge(runs: list[_Run]) -> list[_Run]:
    merged: list[_Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].link) == (run.bold, run.link):
            merged[-1] = _Run(merged[-1].text + run.text, run.bold, run.link)
        else:
            merged.append(run)
    return merged


def _plain_emoji(text: str) -> str:
    return "".join(_WORDS.get(c, "" if c in _MARKS else c) for c in text).strip()
