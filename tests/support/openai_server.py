"""A small real HTTP server on 127.0.0.1 that speaks the OpenAI API, for tests and benchmarks.

It serves `/v1/embeddings` (deterministic bag-of-words vectors) and `/v1/chat/completions`
(scripted replies), records every request, and can be told to fail or be slow.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Scripted:
    """One scripted reply: an HTTP status, a body (or chat content), and a delay."""

    status: int = 200
    content: str | None = None  # chat message content for a 200
    body: Any = None  # raw JSON body, overrides `content`
    delay: float = 0.0
    raw: bytes | None = None  # a malformed body, sent as is
    respond: Callable[[dict[str, Any]], str] | None = None  # chat content from the request


@dataclass
class OpenAIStub:
    """State shared with the handler: scripted replies and the requests received."""

    dimension: int = 64
    default_reply: str = "I could not find that in the passages."
    latency: float = 0.0
    chat_script: deque[Scripted] = field(default_factory=deque)
    embedding_script: deque[Scripted] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0  # chat completions being answered right now
    max_in_flight: int = 0  # the most at once since the last reset

    def reset_in_flight(self) -> None:
        """Start counting concurrent chat completions afresh."""
        with self.lock:
            self.max_in_flight = self.in_flight

    def embed(self, text: str) -> list[float]:
        """A deterministic unit vector from hashed word counts: similar texts, similar vectors."""
        vector = [0.0] * self.dimension
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.sha256(word.encode()).digest()
            vector[int.from_bytes(digest[:4], "big") % self.dimension] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def chat_requests(self) -> list[dict[str, Any]]:
        """The JSON bodies of every chat completion request received."""
        with self.lock:
            return [r["json"] for r in self.requests if r["path"].endswith("/chat/completions")]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        stub = self.server.stub
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length) or b"{}")
        with stub.lock:
            stub.requests.append(
                {"path": self.path, "json": payload, "auth": self.headers.get("Authorization")}
            )
        if self.path.endswith("/embeddings"):
            self._embeddings(stub, payload)
        elif self.path.endswith("/chat/completions"):
            self._chat(stub, payload)
        else:
            self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def _next(self, script: deque[Scripted]) -> Scripted | None:
        with self.server.stub.lock:
            return script.popleft() if script else None

    def _embeddings(self, stub: OpenAIStub, payload: dict[str, Any]) -> None:
        scripted = self._next(stub.embedding_script)
        if scripted and self._scripted_failure(scripted):
            return
        inputs = payload["input"] if isinstance(payload["input"], list) else [payload["input"]]
        data = [
            {"object": "embedding", "index": i, "embedding": stub.embed(text)}
            for i, text in enumerate(inputs)
        ]
        self._send(
            200,
            {
                "object": "list",
                "data": data,
                "model": payload.get("model"),
                "usage": {"prompt_tokens": 0, "total_tokens": 0},
            },
        )

    def _chat(self, stub: OpenAIStub, payload: dict[str, Any]) -> None:
        with stub.lock:
            stub.in_flight += 1
            stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
        try:
            self._chat_reply(stub, payload)
        finally:
            with stub.lock:
                stub.in_flight -= 1

    def _chat_reply(self, stub: OpenAIStub, payload: dict[str, Any]) -> None:
        scripted = self._next(stub.chat_script)
        time.sleep(stub.latency)
        if scripted and self._scripted_failure(scripted):
            return
        if scripted and scripted.respond is not None:
            content = scripted.respond(payload)
        elif scripted and scripted.content is not None:
            content = scripted.content
        else:
            content = stub.default_reply
        body = (
            scripted.body
            if scripted and scripted.body is not None
            else {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": payload.get("model", "test-model"),
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )
        self._send(200, body)

    def _scripted_failure(self, scripted: Scripted) -> bool:
        """Apply a scripted delay or failure; True when the response has been sent."""
        time.sleep(scripted.delay)
        if scripted.raw is not None:
            self._send_bytes(scripted.status, scripted.raw)
            return True
        if scripted.status != 200:
            headers = {"retry-after-ms": "10"} if scripted.status == 429 else {}
            self._send(
                scripted.status,
                {"error": {"message": "scripted failure", "type": "server_error"}},
                headers,
            )
            return True
        return False

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(body).encode(), headers)

    def _send_bytes(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, stub: OpenAIStub) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stub = stub


class OpenAIServer:
    """Run the stub in a background thread; `base_url` is what OPENAI_BASE_URL should be."""

    def __init__(self, stub: OpenAIStub | None = None) -> None:
        self.stub = stub or OpenAIStub()
        self._server = _Server(self.stub)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """e.g. http://127.0.0.1:43123/v1"""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
