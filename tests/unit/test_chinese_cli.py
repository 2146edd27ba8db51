"""The command line in Chinese: every help page, click's own words, and errors raised deep in
the store, bundle and supervisor code print no English words meant for people; in English,
help pages stay as they were, even after a Chinese run in the same process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldtui.cli import cli
from fieldtui.core.i18n import set_language
from tests.support.cli_english import commands, english_words, help_body
from tests.support.cli_main import run
from tests.support.command_world import world  # noqa: F401  (fixture)


@pytest.fixture
def chinese_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("FIELDTUI_LANG", "zh")
    yield
    set_language("en")


def test_every_help_page_is_chinese(chinese_env: None,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    pages = 0
    for path, _command in commands(cli):
        code, out, err = run([*path, "--help"], capsys)
        assert code == 0 and err == "", (path, err)
        assert out.startswith("用法:"), (path, out[:80])
        assert english_words(help_body(out)) == [], (path, out)
        pages += 1
    assert pages > 40  # every group and command, the lazy ones imported


def test_the_lang_flag_makes_the_root_help_chinese(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDTUI_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    try:
        for argv in (["--lang", "zh", "--help"], ["--lang=zh", "--help"], ["--help", "--lang", "zh"]):
            code, out, _err = run(argv, capsys)
            assert code == 0 and "显示此帮助并退出" in out and "命令:" in out, argv
            assert english_words(help_body(out)) == [], (argv, out)
        code, out, _err = run(["--lang", "zh", "--version"], capsys)
        assert code == 0 and out.startswith("fieldtui，版本 "), out
        code, out, _err = run(["--version"], capsys)
        assert code == 0 and out.startswith("fieldtui, version "), out
        code, out, _err = run(["--help"], capsys)  # English again without it
        assert out.startswith("Usage: fieldtui [OPTIONS] [COMMAND] [ARGS]...\n")
        assert "  --help          Show this message and exit.\n" in out
        assert "  plan       Check, outline and print notices for plans.\n" in out
    finally:
        set_language("en")


def test_clicks_own_errors_are_chinese(chinese_env: None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    for argv, word in ((["plan", "check", "--bogus"], "没有选项"),
                       (["plan", "check"], "缺少参数"),
                       (["--lang", "fr"], "不是"),
                       (["plan", "show", "x.toml", "--format", "x"], "没有选项"),
                       (["no-such"], "没有命令")):
        code, _out, err = run(argv, capsys)
        assert code == 2 and err.startswith("fieldtui: error: ") and word in err, (argv, err)
        assert err.count("\n") == 1 and "。 —" not in err
        assert english_words(err) == [], (argv, err)


def test_an_english_help_page_is_as_before(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDTUI_LANG", "en")
    _code, out, _err = run(["plan", "check", "--help"], capsys)
    assert out.startswith("Usage: fieldtui plan check [OPTIONS] PATHS...\n\n  Check plan files")
    assert "Options:\n" in out and "--strict" in out and "Treat warnings as errors." in out
    _code, _out, err = run(["plan", "check", "--bogus"], capsys)
    assert err == ("fieldtui: error: No such option '--bogus' — see "
                   "'fieldtui plan check --help'\n")


def _tamper(store: Path) -> Path:
    bundle = sorted((store / "bundles").glob("*.ftb"))[0]
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    return bundle


def test_a_tampered_bundle_is_refused_in_chinese(
        world: dict[str, Path], chinese_env: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    _tamper(world["store"])
    code, out, err = run(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                          "--study", str(world["study"])], capsys)
    assert code == 1
    refused = [line for line in err.splitlines() if "拒收" in line]
    assert refused, err
    for line in (out + err).splitlines():
        assert english_words(line) == [], line


def test_a_corrupt_dataset_is_one_chinese_line(
        world: dict[str, Path], chinese_env: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    world["db"].write_bytes(b"not a database at all\n" * 200)
    code, _out, err = run(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                           "--study", str(world["study"])], capsys)
    assert code == 1 and err.startswith("fieldtui: error: ") and err.count("\n") == 1
    assert "不是 fieldtui 数据集" in err and "不是数据库" in err
    assert english_words(err) == [], err


def test_a_wrong_study_passphrase_is_chinese(
        world: dict[str, Path], chinese_env: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = world["tmp"] / "wrong"
    wrong.write_bytes(b"not the passphrase\n")
    wrong.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(wrong))
    code, _out, err = run(["merge", "--from", str(world["store"]), "--into", str(world["db"]),
                           "--study", str(world["study"])], capsys)
    assert code == 1 and "口令错误" in err and err.count("\n") == 1, err
    assert english_words(err) == [], err
