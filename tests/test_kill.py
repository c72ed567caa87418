"""kill -9 in the middle of analyze or stories loses and doubles nothing; rerunning completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import DEMO_DIR


def _cli(db: Path, config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsprism.cli",
            "--db",
            f"sqlite:///{db}",
            "--config",
            str(config),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(db: Path, config: Path, *args: str) -> int:
    proc = _cli(db, config, *args)
    proc.communicate(timeout=600)
    return proc.returncode


def _counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "analyses", "claims", "places", "quotes")
        }


def _kill_when(proc: subprocess.Popen[str], db: Path, ready: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if ready(_counts(db)):  # type: ignore[operator]
                break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["analyze", "stories"])
def test_kill_9_mid_stage_then_rerun_gives_the_clean_result(stage: str, tmp_path: Path) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text("batch_size = 1\n", encoding="utf-8")
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    for db in (clean, killed):
        assert _run(db, config, "ingest", str(DEMO_DIR)) == 0
    assert _run(clean, config, "analyze") == 0
    assert _run(clean, config, "stories") == 0
    if stage == "analyze":
        _kill_when(_cli(killed, config, "analyze"), killed, lambda c: c["analyses"] >= 2, 300)
    else:
        assert _run(killed, config, "analyze") == 0
        _kill_when(_cli(killed, config, "stories"), killed, lambda c: False, 4)
    assert _run(killed, config, "analyze") == 0
    assert _run(killed, config, "stories") == 0
    with closing(sqlite3.connect(killed)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _counts(killed) == _counts(clean)
