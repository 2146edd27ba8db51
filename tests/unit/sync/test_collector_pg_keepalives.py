"""A network cut that drops packets (no refusal, no reset) left the collector's open
connections to PostgreSQL waiting on TCP's own timeouts (minutes; forever for an idle one):
no keepalives, no tcp_user_timeout. Every connection the collector opens now has them (and
connect_timeout), so a gone server is noticed within about 30 s (pg.connect), unless the
URL the operator gave sets them: the URL's values win."""

from __future__ import annotations

import pytest

from fieldtui.store.postgres_url import LIBPQ_DEFAULTS, with_keepalives
from fieldtui.sync.collector.pg.connect import connect, conninfo
from fieldtui.sync.collector.pg.pool import StorePool

KEEPALIVES = {"keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5",
              "keepalives_count": "4", "tcp_user_timeout": "30000",
              "connect_timeout": "10"}
OPERATORS = {"keepalives_idle": "61", "tcp_user_timeout": "7000", "connect_timeout": "3"}


def _parameters(conninfo_text: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    return {k: str(v) for k, v in conninfo_to_dict(conninfo_text).items()}


def _with(url: str, values: dict[str, str]) -> str:
    return url + "".join(f"&{key}={value}" for key, value in values.items())


def test_the_defaults_notice_a_dead_server_within_about_30_seconds() -> None:
    assert LIBPQ_DEFAULTS == KEEPALIVES
    idle = int(KEEPALIVES["keepalives_idle"])
    probes = int(KEEPALIVES["keepalives_interval"]) * int(KEEPALIVES["keepalives_count"])
    assert idle + probes <= 30 and int(KEEPALIVES["tcp_user_timeout"]) <= 30_000


def test_a_url_without_them_gets_them() -> None:
    got = _parameters(conninfo("postgresql://u@db.example:5433/store"))
    assert got.items() >= KEEPALIVES.items()
    assert got["host"] == "db.example" and got["port"] == "5433" and got["dbname"] == "store"
    assert got["application_name"] == "fieldtui-collector"


def test_the_operators_values_in_the_url_win(monkeypatch: pytest.MonkeyPatch) -> None:
    got = _parameters(conninfo("postgresql://u@db.example/store?keepalives=0"
                               "&keepalives_idle=61&tcp_user_timeout=7000&connect_timeout=3"))
    assert got["keepalives"] == "0" and got.items() >= OPERATORS.items()
    assert got["keepalives_interval"] == "5" and got["keepalives_count"] == "4"
    # and in libpq's key=value form
    got = _parameters(conninfo("host=db.example dbname=store keepalives_count=9"))
    assert got["keepalives_count"] == "9" and got["keepalives_idle"] == "10"
    # PGCONNECT_TIMEOUT, libpq's own way to set connect_timeout, is not overridden either
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "25")
    assert "connect_timeout" not in _parameters(conninfo("postgresql://u@db.example/store"))


def test_every_connection_the_collector_opens_has_them(pg_url: str) -> None:
    url = _with(pg_url, OPERATORS)
    want = {**KEEPALIVES, **OPERATORS}
    with connect(url) as conn:  # the commands' (migrate, export for merge, admin)
        assert conn.info.get_parameters().items() >= want.items()
    pool = StorePool(url, size=2)
    try:
        with pool.connection() as conn:  # the pool's own
            assert conn.info.get_parameters().items() >= want.items()
        alone = pool._try_alone()  # a request's own, while PostgreSQL was down
        try:
            assert alone.info.get_parameters().items() >= want.items()
        finally:
            alone.close()
    finally:
        pool.close()


def test_the_supervisors_dataset_connection_has_them_too(pg_url: str) -> None:
    """A merge or an export into a PostgreSQL dataset over a cut network waited on TCP's
    own timeouts too: the dataset's connection had no keepalives, and its connect_timeout
    overrode the URL's."""
    from fieldtui.supervise.dataset import open_dataset

    conn = open_dataset(_with(pg_url, OPERATORS), create=True)
    try:
        got = conn._conn.info.get_parameters()
        assert got.items() >= {**KEEPALIVES, **OPERATORS}.items()
        assert got["application_name"] == "fieldtui-dataset"
    finally:
        conn.close()
    got = _parameters(with_keepalives("postgresql://u@db.example/d", "fieldtui-dataset"))
    assert got.items() >= KEEPALIVES.items() and got["application_name"] == "fieldtui-dataset"
