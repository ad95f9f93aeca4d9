"""What the loopback servers of the alerts tests received."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Received:
    """What the webhook receiver saw: (headers, body) per POST."""

    posts: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""


@dataclass
class Mailbox:
    """The SMTP server's port and the raw messages it accepted."""

    port: int
    messages: list[bytes] = field(default_factory=list)
