"""Who may do what in the web app: accounts with roles, password hashes, and a login throttle.

- ``user``: ask, search, draft, quiz, grade.
- ``admin``: also manage the knowledge base, run the evals and change the session's LLM settings.

Accounts come from a users file, one per line ``用户名:密码[:角色]`` (``#`` comments); the password may be a
``pbkdf2_sha256$…`` hash written by ``mine-assistant users add``. Without any account (the default, a
local single-user app on 127.0.0.1) the one user is the administrator.

Every state-changing handler calls ``Access.require_admin(request)`` on the server; hiding a tab in the
page is only a convenience. Logins are throttled per account and per address by ``LoginThrottle``, an
ASGI middleware in front of Gradio's ``/login`` route.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from assistant.errors import AssistantError, ConfigError

log = logging.getLogger(__name__)

ROLES = ("user", "admin")
ROLE_NAMES = {"user": "普通用户", "admin": "管理员"}
HASH_PREFIX = "pbkdf2_sha256"
HASH_ITERATIONS = 200_000


def hash_password(password: str, *, iterations: int = HASH_ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = base64.b64encode
    return f"{HASH_PREFIX}${iterations}${b64(salt).decode()}${b64(digest).decode()}"


def password_matches(password: str, stored: str) -> bool:
    """Constant-time check against a ``pbkdf2_sha256$…`` hash or, for a plain entry, the text itself."""
    if stored.startswith(HASH_PREFIX + "$"):
        try:
            _, iterations, salt, digest = stored.split("$")
            expected = base64.b64decode(digest)
            got = hashlib.pbkdf2_hmac(
                "sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations)
            )
        except ValueError:
            return False
        return hmac.compare_digest(got, expected)
    return hmac.compare_digest(password.encode("utf-8"), stored.encode("utf-8"))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(8))


@dataclass(frozen=True)
class Account:
    name: str
    secret: str  # a pbkdf2 hash, or the password itself
    role: str = "user"


def parse_account(line: str, where: str) -> Account:
    """``用户名:密码[:角色]``; the password of a hash contains ``$`` but no ``:``."""
    name, sep, rest = line.partition(":")
    secret, role = rest, "user"
    head, sep2, tail = rest.rpartition(":")
    if sep2 and tail.strip() in ROLES:
        secret, role = head, tail.strip()
    if not sep or not name.strip() or not secret:
        raise ConfigError(f"{where} 格式应为 用户名:密码[:角色]（角色 user 或 admin）")
    return Account(name.strip(), secret, role)


def read_accounts(lines: list[str], file: Path | None) -> list[Account]:
    """Accounts from ``--auth`` values and a users file (the file's line numbers in errors)."""
    accounts = [parse_account(line, "--auth") for line in lines]
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"无法读取账号文件 {file}：{exc.strerror}") from None
        for i, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if line and not line.startswith("#"):
                accounts.append(parse_account(line, f"账号文件 {file} 第 {i} 行"))
    names = [a.name for a in accounts]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(f"账号重复：{'、'.join(twice)}；每个用户名只能出现一次")
    return accounts


@dataclass
class Access:
    """The accounts of a running app (empty: open local app, its one user is the administrator)."""

    accounts: dict[str, Account] = field(default_factory=dict)

    @classmethod
    def of(cls, accounts: list[Account] | None) -> Access:
        return cls({a.name: a for a in accounts or []})

    @property
    def open(self) -> bool:
        return not self.accounts

    def check(self, name: str, password: str) -> bool:
        """Gradio's ``auth`` callable."""
        account = self.accounts.get(name)
        if account is None:
            password_matches(password, _dummy_hash())  # the same work as for a real account: no timing hint
            return False
        return password_matches(password, account.secret)

    def role(self, request: Any) -> str:
        """The role of the user making ``request`` (a ``gr.Request``)."""
        if self.open:
            return "admin"
        name = getattr(request, "username", None)
        account = self.accounts.get(name or "")
        if account is None:
            raise AssistantError("请先登录")
        return account.role

    def is_admin(self, request: Any) -> bool:
        try:
            return self.role(request) == "admin"
        except AssistantError:
            return False

    def require_admin(self, request: Any, what: str) -> None:
        if not self.is_admin(request):
            user = getattr(request, "username", None) or "当前用户"
            log.warning("refused %s for %s: not an administrator", what, user)
            raise AssistantError(f"{what}需要管理员权限；{user} 是普通用户，请联系管理员")


@dataclass
class _Failures:
    count: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    """Lock an account, or an address, after repeated failed logins; the lock doubles each time.

    ``per_account`` failures lock that account (from any address); ``per_address`` failures lock that
    address (for any account: one client guessing many names). A success clears the account's count."""

    def __init__(
        self,
        per_account: int = 5,
        per_address: int = 20,
        base_lock_s: float = 30.0,
        max_lock_s: float = 900.0,
        clock: Any = time.monotonic,
    ):
        self.per_account, self.per_address = per_account, per_address
        self.base_lock_s, self.max_lock_s = base_lock_s, max_lock_s
        self.clock = clock
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def wait(self, account: str, address: str) -> float:
        """Seconds until ``account`` may try again from ``address`` (0: now)."""
        now = self.clock()
        with self._lock:
            ends = [self._failures.get(k, _Failures()).locked_until for k in self._keys(account, address)]
        return max(0.0, max(ends) - now)

    MAX_KEYS = 10_000  # names and addresses tracked at most (an attacker chooses both)

    def record(self, account: str, address: str, ok: bool) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) > self.MAX_KEYS:  # forget what is no longer locked
                self._failures = {k: f for k, f in self._failures.items() if f.locked_until > now}
            if ok:
                self._failures.pop(f"account:{account}", None)
                return
            for key, limit in zip(
                self._keys(account, address), (self.per_account, self.per_address), strict=True
            ):
                f = self._failures.setdefault(key, _Failures())
                f.count += 1
                if f.count >= limit:
                    lock = min(self.max_lock_s, self.base_lock_s * 2 ** (f.count - limit))
                    f.locked_until = now + lock

    @staticmethod
    def _keys(account: str, address: str) -> tuple[str, str]:
        return f"account:{account}", f"address:{address}"


class LoginThrottleMiddleware:
    """ASGI middleware: a POST to ``/login`` from a locked account or address gets 429 with the wait;
    the route's answer (200 or 400) is recorded as a success or a failure."""

    def __init__(self, app: Any, throttle: LoginThrottle):
        self.app, self.throttle = app, throttle

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if (
            scope.get("type") != "http"
            or scope.get("method") != "POST"
            or scope.get("path", "").rstrip("/") != "/login"
        ):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > 65536:
                break
        fields = parse_qs(body.decode("utf-8", "replace"))
        account = (fields.get("username") or [""])[0].strip()
        address = (scope.get("client") or ("?", 0))[0]
        wait = self.throttle.wait(account, address)
        if wait > 0:
            await _json(send, 429, {"detail": f"登录失败次数过多，请 {int(wait) + 1} 秒后再试"})
            return
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def watch(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                self.throttle.record(account, address, ok=message["status"] < 400)
                if message["status"] >= 400:
                    log.warning("failed login for %r from %s", account, address)
            await send(message)

        await self.app(scope, replay, watch)


async def _json(send: Any, status: int, content: dict[str, Any]) -> None:
    data = json.dumps(content, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def takes_request(fn: Any) -> Any:
    """Mark ``fn``'s ``request`` parameter as Gradio's ``gr.Request`` so Gradio passes it in.

    (Gradio reads type hints, and the string annotations of a handler defined inside a builder
    function cannot be resolved to the locally imported ``gr``.)"""
    import gradio as gr

    fn.__annotations__["request"] = gr.Request
    return fn


def with_request(fn: Any, n_inputs: int, progress: Any = None) -> Any:
    """Give ``fn(request, *inputs[, progress])`` the signature Gradio reads: the request first, then
    ``n_inputs`` inputs, then the progress tracker (when given)."""
    import inspect

    import gradio as gr

    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter("request", positional)]
    params += [inspect.Parameter(f"input_{i}", positional) for i in range(n_inputs)]
    if progress is not None:
        params.append(inspect.Parameter("progress", positional, default=progress))
    fn.__signature__ = inspect.Signature(params)
    fn.__annotations__ = {"request": gr.Request}
    return fn


LOCALE_SCRIPT = (
    b"<script>try{Object.defineProperty(Navigator.prototype,'language',{get:function(){return 'zh-CN'}});"
    b"Object.defineProperty(Navigator.prototype,'languages',{get:function(){return ['zh-CN','zh']}});}catch(e){}"
    b"</script>"
)


class ChinesePageMiddleware:
    """ASGI middleware: the page's HTML gets, first thing in its ``<head>``, a script that makes the
    browser report zh-CN, so Gradio's own strings (「将文件拖放到此处」, 「警告」 …) are Chinese in any
    browser. (Gradio reads ``navigator.language`` when its bundle loads, before the app's ``head`` is
    added, so it cannot be set from there.)"""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET" or scope.get("path") not in ("/", ""):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        body = b""

        async def capture(message: dict[str, Any]) -> None:
            nonlocal body
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body += message.get("body", b"")
            if message.get("more_body", False):
                return
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            is_html = any(k.lower() == b"content-type" and b"text/html" in v for k, v in headers)
            if is_html and b"<head>" in body:
                body = body.replace(b"<head>", b"<head>" + LOCALE_SCRIPT, 1)
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
