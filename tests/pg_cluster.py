"""A throw-away PostgreSQL cluster for the test run (and the benchmarks).

``initdb`` + ``pg_ctl`` of the machine's PostgreSQL into a temporary directory. PostgreSQL
refuses to run as root, so as root the server programs run as the ``postgres`` OS user
(``runuser``), which owns the data, socket and log directories.

Authentication: the Unix socket trusts local connections (the harness connects there as the
superuser without a password); TCP on 127.0.0.1 checks passwords with scram-sha-256, so login
tests prove something.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine, or the cluster would not start."""


def find_bindir() -> Path:
    """The directory of initdb/pg_ctl: pg_config --bindir, else /usr/lib/postgresql/*/bin."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 check=True)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """A running temporary cluster; ``stop()`` removes it."""

    superuser = "postgres"
    superuser_password = "jd-test-superuser"

    def __init__(self, extra_conf: dict[str, str] | None = None) -> None:
        self.bindir = find_bindir()
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="jd_admin_pg_"))
        self.datadir = self.root / "data"
        self.sockdir = self.root / "sock"
        self.logfile = self.root / "server.log"
        self.port = _free_port()
        self.extra_conf = extra_conf or {}
        self.running = False

    # -- process helpers ---------------------------------------------------------------
    def _cmd(self, *args: str) -> list[str]:
        if self.as_root:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def _run(self, *args: str) -> None:
        try:
            subprocess.run(self._cmd(*args), check=True, capture_output=True, text=True,
                           timeout=120)
        except subprocess.CalledProcessError as e:
            raise PostgresUnavailable(f"{args[0]} failed: {e.stderr or e.stdout}") from e

    def start(self) -> PgCluster:
        self.sockdir.mkdir()
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.superuser_password + "\n")
        os.chmod(self.root, 0o755)
        if self.as_root:
            pw = pwd.getpwnam("postgres")
            for p in (self.root, self.sockdir, pwfile):
                os.chown(p, pw.pw_uid, pw.pw_gid)
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", self.superuser,
            "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}",
            "-E", "UTF8", "--locale=C.UTF-8", "-N",
        )
        self._start_server()
        return self

    def _start_server(self) -> None:
        opts = [
            "-c listen_addresses=127.0.0.1", f"-p {self.port}", f"-k {self.sockdir}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=200", "-c log_connections=on",
        ] + [f"-c {k}={v}" for k, v in self.extra_conf.items()]
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.logfile),
                  "-w", "-t", "60", "-o", " ".join(opts), "start")
        self.running = True

    def stop(self, remove: bool = True) -> None:
        if self.running:
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "fast",
                          "-w", "stop")
            finally:
                self.running = False
        if remove:
            shutil.rmtree(self.root, ignore_errors=True)

    def restart(self) -> None:
        """Stop the server if it runs ("fast": open sessions are terminated, their transactions
        rolled back, as when a DBA restarts it) and start it again (same port and data)."""
        if self.running:
            self.stop(remove=False)
        self._start_server()

    # -- addresses ---------------------------------------------------------------------
    def admin_url(self, database: str = "postgres") -> str:
        """Superuser over the Unix socket (trusted)."""
        return f"postgresql+psycopg://{self.superuser}@/{database}?host={self.sockdir}&port={self.port}"

    def tcp_url(self, database: str) -> str:
        """The database over TCP, without credentials: what a desktop is configured with."""
        return f"postgresql+psycopg://127.0.0.1:{self.port}/{database}"

    def wait_ready(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise PostgresUnavailable("server did not accept connections")
