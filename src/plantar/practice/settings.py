"""One typed settings object for the practice journal, read from the environment, loud on error.

Every setting is declared once in ``SETTINGS`` (name, environment variable, default, help);
``load_settings`` reads them, converts them and refuses what is wrong instead of guessing.
Secrets come from ``PLANTAR_SECRET`` or from the file named by ``PLANTAR_SECRET_FILE`` (so a
container secret or a systemd credential never lands in the environment or in a config file).
A placeholder or short secret is refused unless ``PLANTAR_ENV=dev``: an unsafe default must not
slip from a laptop into a clinic. The default environment is ``prod`` for the same reason.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

from plantar.errors import BadInput
from plantar.i18n import _, ngettext

DEFAULT_CURRENCY = "RUB"
# Values people paste from tutorials; refused as secrets outside dev, whatever their length.
PLACEHOLDER_SECRETS = frozenset(
    {"", "changethis", "changeme", "secret", "dev", "test", "password", "plantar", "xxx"}
)
MIN_SECRET_LENGTH = 32
DEV_SECRET = "dev-only-insecure-secret-do-not-use-in-production"


# argon2id's parameters per PLANTAR_PASSWORD_COST: (passes, memory in KiB, lanes). "standard" is
# argon2-cffi's default, RFC 9106's low-memory profile; "test" is the least argon2 accepts.
PASSWORD_COSTS: dict[str, tuple[int, int, int]] = {
    "standard": (3, 65536, 4),
    "test": (1, 8, 1),
}


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db_url",
        "PLANTAR_DB",
        None,
        "Database URL: sqlite:///PATH or postgresql+psycopg://USER@HOST/DB; a bare path means "
        "an SQLite file. Default: practice.sqlite3 in the user's data directory.",
    ),
    Setting("environment", "PLANTAR_ENV", "prod", "prod or dev; dev accepts a placeholder secret."),
    Setting(
        "secret",
        "PLANTAR_SECRET",
        None,
        f"Key for session tokens, at least {MIN_SECRET_LENGTH} characters "
        "(or PLANTAR_SECRET_FILE naming a file that holds it).",
    ),
    Setting("idle_minutes", "PLANTAR_IDLE_MINUTES", "30", "Log off after this much inactivity."),
    Setting("max_session_hours", "PLANTAR_SESSION_HOURS", "12", "Log off after this long anyway."),
    Setting("currency", "PLANTAR_CURRENCY", DEFAULT_CURRENCY, "Currency of new prices (ISO 4217)."),
    Setting(
        "login_max_failures",
        "PLANTAR_LOGIN_MAX_FAILURES",
        "5",
        "Failed logins per email (four times as many per address) before each further try "
        "waits, 30 s and doubling up to the login window. A browser that has logged in to the "
        "account before is counted on its own, so nobody else's guesses keep its owner out.",
    ),
    Setting(
        "password_cost",
        "PLANTAR_PASSWORD_COST",
        "standard",
        "standard (argon2id, 64 MiB, 3 passes, 4 lanes) for every real account; test: a cheap "
        "hash for test suites that log in hundreds of times. A hash made at test cost is "
        "rehashed at standard cost at its next login once the setting is standard again.",
    ),
    Setting(
        "login_window_minutes",
        "PLANTAR_LOGIN_WINDOW_MINUTES",
        "15",
        "The longest wait between tries once the failed logins reach the limit (failures "
        "are remembered for a day, or until the next successful login).",
    ),
    Setting(
        "plain_http_network",
        "PLANTAR_PLAIN_HTTP_NETWORK",
        "0",
        "1 when the server listens on the network over plain http (plantar serve sets it for "
        "a network address): the journal then answers only this computer and https.",
    ),
)


@dataclass(frozen=True, kw_only=True)
class Settings:
    db_url: str
    environment: Literal["dev", "prod"]
    secret: str | None
    idle_timeout: timedelta
    max_session_age: timedelta
    currency: str
    login_max_failures: int
    login_window: timedelta
    # Set by `plantar serve` when it listens on the network without TLS in front
    # (PLANTAR_PLAIN_HTTP_NETWORK=1): the journal then answers only this computer itself.
    plain_http_network: bool = False

    def require_secret(self) -> str:
        """The session secret; only the web layer needs one, the CLI never does."""
        if self.secret is None:
            raise BadInput(
                "PLANTAR_SECRET",
                "(unset)",
                _(
                    "a random secret of at least {n} characters, "
                    "or PLANTAR_SECRET_FILE naming a file that holds one"
                ).format(n=MIN_SECRET_LENGTH),
            )
        return self.secret


def default_db_url() -> str:
    """An SQLite file in the user's data directory (created on first use)."""
    from platformdirs import user_data_dir

    return "sqlite:///" + str(Path(user_data_dir("plantar")) / "practice.sqlite3")


def normalise_db_url(url: str) -> str:
    """Accept the URLs people type; name the accepted forms when it is none of them."""
    url = url.strip()
    if url.startswith(("postgresql+psycopg://", "sqlite:///")):
        return url
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url and url:
        return "sqlite:///" + str(Path(url).expanduser().resolve())
    raise BadInput(
        "db",
        url,
        _("sqlite:///PATH, a file path, or postgresql+psycopg://USER@HOST:PORT/DATABASE"),
    )


def _int(env: Mapping[str, str], setting: Setting, low: int, high: int) -> int:
    raw = env.get(setting.env, setting.default or "")
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise BadInput(
            setting.env, raw, _("a whole number from {low} to {high}").format(low=low, high=high)
        )
    return value


def _secret(env: Mapping[str, str], environment: str) -> str | None:
    secret = env.get("PLANTAR_SECRET")
    path = env.get("PLANTAR_SECRET_FILE")
    if secret is not None and path:
        raise BadInput(
            "PLANTAR_SECRET_FILE", path, _("unset when PLANTAR_SECRET is set (not both)")
        )
    if path:
        try:
            secret = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise BadInput(
                "PLANTAR_SECRET_FILE",
                path,
                _("a readable file ({reason})").format(reason=exc.strerror),
            ) from exc
    weak = secret is not None and (
        secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH
    )
    if environment == "dev":
        if secret is None or weak:
            warnings.warn("PLANTAR_ENV=dev: using an insecure development secret", stacklevel=3)
            return DEV_SECRET
        return secret
    if secret is not None and (weak or secret == DEV_SECRET):
        # Never echo a secret, not even a bad one.
        raise BadInput(
            "PLANTAR_SECRET",
            ngettext("({n} characters)", "({n} characters)", len(secret)).format(n=len(secret)),
            _(
                "a random secret of at least {n} characters, not a placeholder "
                "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            ).format(n=MIN_SECRET_LENGTH),
        )
    return secret


def password_cost(environ: Mapping[str, str] | None = None) -> str:
    """PLANTAR_PASSWORD_COST, checked: one of ``PASSWORD_COSTS``."""
    env = os.environ if environ is None else environ
    value = env.get("PLANTAR_PASSWORD_COST", "standard")
    if value not in PASSWORD_COSTS:
        raise BadInput("PLANTAR_PASSWORD_COST", value, sorted(PASSWORD_COSTS))
    return value


def load_settings(environ: Mapping[str, str] | None = None, *, db: str | None = None) -> Settings:
    """Settings from ``environ`` (default ``os.environ``); ``db`` (``--db``) beats PLANTAR_DB."""
    env = os.environ if environ is None else environ
    by_name = {s.name: s for s in SETTINGS}
    environment = env.get("PLANTAR_ENV", "prod")
    if environment not in ("dev", "prod"):
        raise BadInput("PLANTAR_ENV", environment, ["dev", "prod"])
    currency = env.get("PLANTAR_CURRENCY", DEFAULT_CURRENCY)
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise BadInput("PLANTAR_CURRENCY", currency, _("a three-letter ISO 4217 code such as RUB"))
    # Checked here, so a bad value stops `plantar serve` at start; the hasher reads it
    # itself (accounts.hasher), being shared by every command, not built from Settings.
    password_cost(env)
    url = db if db is not None else env.get("PLANTAR_DB")
    return Settings(
        db_url=normalise_db_url(url) if url else default_db_url(),
        environment="dev" if environment == "dev" else "prod",
        secret=_secret(env, environment),
        idle_timeout=timedelta(minutes=_int(env, by_name["idle_minutes"], 1, 24 * 60)),
        max_session_age=timedelta(hours=_int(env, by_name["max_session_hours"], 1, 24 * 30)),
        currency=currency,
        login_max_failures=_int(env, by_name["login_max_failures"], 1, 1000),
        login_window=timedelta(minutes=_int(env, by_name["login_window_minutes"], 1, 24 * 60)),
        plain_http_network=env.get(by_name["plain_http_network"].env) == "1",
    )
