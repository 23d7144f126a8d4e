"""A private Pushpin (the GRIP proxy) for the GRIP tests and the push
benchmark: Debian's ``pushpin`` with its own ``zurl``, in a temporary
folder, on free ports, in front of the given origins.

    with Pushpin(["127.0.0.1:8001", "127.0.0.1:8002"]) as proxy:
        proxy.url          # where readers connect: http://127.0.0.1:<port>
        proxy.control_url  # where Django publishes (GRIP_URL)

Nothing is shared with a system-wide Pushpin or zurl (``/var/run/pushpin``,
``/var/run/zurl``, ports 7999 and 5560-5563): the run folder, the ZeroMQ
sockets, the ports and the logs are the instance's own, so several can run
at once. Debian's Pushpin reaches origins through a separate ``zurl``
(without it every request is answered 502); this starts one for the
instance and points Pushpin at its sockets. Both run in their own process
groups and are stopped, with everything they started, on exit; their
folder goes too, unless ``LIVEBLOG_PUSHPIN_KEEP`` is set (then its path is
printed: the logs are in ``logs/``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

#: Pushpin's library folder (Debian's package), holding ``internal.conf``.
LIBDIR = Path("/usr/lib/pushpin")


def unavailable() -> str | None:
    """Why no Pushpin can start here, in one line, or None."""
    for program in ("pushpin", "zurl", "condure"):
        if not shutil.which(program):
            return (
                f"{program} is not installed (apt-get install pushpin: "
                "Debian's package brings zurl and condure)"
            )
    if not (LIBDIR / "internal.conf").exists():
        return f"Pushpin's {LIBDIR / 'internal.conf'} is missing"
    return None


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports free on 127.0.0.1 now."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def processes():
    """``(pid, fields)`` of each process in /proc, ``fields`` being its
    ``stat`` after the command: state (0), ppid, pgrp, session (3), …,
    utime (11), stime (12)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rpartition(")")[2].split()
        except OSError:
            continue
        yield int(entry), fields


def session_members(session: int) -> list[int]:
    """The live processes of a session (from /proc)."""
    return [
        pid
        for pid, fields in processes()
        if int(fields[3]) == session and fields[0] != "Z"
    ]


ZURL_CONF = """\
[General]
in_spec=ipc://{run}/zurl-in
in_stream_spec=ipc://{run}/zurl-in-stream
out_spec=ipc://{run}/zurl-out
in_req_spec=ipc://{run}/zurl-req
ipc_file_mode=600
defpolicy=allow
deny=127.*,10.*,192.168.*,*.local
max_open_requests=10000
buffer_size=200000
timeout=600
"""

PUSHPIN_CONF = """\
[global]
include={libdir}/internal.conf
libdir={libdir}
rundir={run}
ipc_prefix=pushpin-
port_offset=0
stats_connection_ttl=120

[runner]
services=condure,pushpin-proxy,pushpin-handler
http_port=127.0.0.1:{http_port}
logdir={logs}
log_level={log_level}
client_buffer_size=8192
client_maxconn={max_connections}
condure_bin=condure

[proxy]
routesfile=routes
debug=false
auto_cross_origin=false
accept_x_forwarded_protocol=false
set_x_forwarded_protocol=proto-only
x_forwarded_for=
x_forwarded_for_trusted=
orig_headers_need_mark=
accept_pushpin_route=false
log_from=false
log_user_agent=false
sig_iss=pushpin
sig_key={sig_key}
upstream_key=
updates_check=off
organization_name=
zurl_out_specs=ipc://{run}/zurl-in
zurl_out_stream_specs=ipc://{run}/zurl-in-stream
zurl_in_specs=ipc://{run}/zurl-out

[handler]
push_in_spec=tcp://127.0.0.1:{push_in}
push_in_sub_specs=tcp://127.0.0.1:{push_in_sub}
push_in_sub_connect=false
push_in_http_addr=127.0.0.1
push_in_http_port={control_port}
push_in_http_max_headers_size=10000
push_in_http_max_body_size=1000000
stats_spec=ipc://{{rundir}}/{{ipc_prefix}}stats
command_spec=tcp://127.0.0.1:{command}
message_rate={message_rate}
message_hwm={message_hwm}
message_wait=5000
id_cache_ttl=60
connection_subscription_max=20
subscription_linger=60
stats_subscription_ttl=60
stats_report_interval=10
stats_format=tnetstring
"""


class Pushpin:
    """Pushpin and its zurl in front of ``origins`` (``host:port`` each, load
    balanced). A context manager; ``start()``/``stop()`` otherwise.

    ``message_rate``: deliveries per second Pushpin allows itself (its
    default, 2500, would pace a post to thousands of readers over seconds).
    ``sig_key``: the key Pushpin signs its ``Grip-Sig`` with (Django checks
    it when ``GRIP_PROXIES`` names it)."""

    def __init__(
        self,
        origins: list[str],
        *,
        message_rate: int = 2500,
        max_connections: int = 50_000,
        sig_key: str = "changeme",
        log_level: int = 2,
    ):
        self.origins = list(origins)
        self.message_rate = message_rate
        self.max_connections = max_connections
        self.sig_key = sig_key
        self.log_level = log_level
        self.folder: Path | None = None
        self.processes: list[subprocess.Popen] = []
        self.http_port = self.control_port = 0

    # -- life cycle ----------------------------------------------------------

    def __enter__(self) -> Pushpin:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 30.0) -> None:
        reason = unavailable()
        if reason:
            raise RuntimeError(reason)
        self.folder = Path(tempfile.mkdtemp(prefix="liveblog-pushpin-"))
        run, logs = self.folder / "run", self.folder / "logs"
        run.mkdir()
        logs.mkdir()
        (
            self.http_port,
            self.control_port,
            push_in,
            push_in_sub,
            command,
        ) = free_ports(5)
        (self.folder / "zurl.conf").write_text(ZURL_CONF.format(run=run))
        (self.folder / "routes").write_text(f"* {' '.join(self.origins)}\n")
        (self.folder / "pushpin.conf").write_text(
            PUSHPIN_CONF.format(
                libdir=LIBDIR,
                run=run,
                logs=logs,
                http_port=self.http_port,
                control_port=self.control_port,
                push_in=push_in,
                push_in_sub=push_in_sub,
                command=command,
                message_rate=self.message_rate,
                message_hwm=max(25_000, self.message_rate * 10),
                max_connections=self.max_connections,
                sig_key=self.sig_key,
                log_level=self.log_level,
            )
        )
        self._spawn(
            ["zurl", f"--config={self.folder / 'zurl.conf'}"], logs / "zurl.log"
        )
        self._spawn(
            ["pushpin", "--config", str(self.folder / "pushpin.conf")],
            logs / "runner.log",
        )
        self._wait_until_listening(timeout)

    def _spawn(self, command: list[str], log: Path) -> None:
        with open(log, "ab") as out:
            self.processes.append(
                subprocess.Popen(
                    command,
                    cwd=self.folder,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def _wait_until_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        waiting = {self.http_port, self.control_port}
        while waiting:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{process.args[0]} stopped ({process.returncode}):\n"
                        f"{self.logs()}"
                    )
            for port in list(waiting):
                try:
                    socket.create_connection(("127.0.0.1", port), 0.5).close()
                    waiting.discard(port)
                except OSError:
                    pass
            if waiting and time.monotonic() > deadline:
                raise RuntimeError(
                    f"Pushpin did not listen on {sorted(waiting)} in "
                    f"{timeout:.0f} s:\n{self.logs()}"
                )
            if waiting:
                time.sleep(0.1)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=10)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    pass
            # Pushpin's runner puts condure, the proxy and the handler in
            # process groups of their own, in its session: whatever of the
            # session is left goes.
            for pid in session_members(process.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if process.poll() is None:
                process.wait()
        self.processes.clear()
        if self.folder is not None:
            if os.environ.get("LIVEBLOG_PUSHPIN_KEEP"):
                print(f"Pushpin's configuration and logs: {self.folder}")
            else:
                shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    # -- what clients need -------------------------------------------------------

    @property
    def url(self) -> str:
        """Where readers connect."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def control_url(self) -> str:
        """Pushpin's GRIP control endpoint (Django's ``GRIP_URL``)."""
        return f"http://127.0.0.1:{self.control_port}"

    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    def logs(self, tail: int = 4000) -> str:
        """The end of every log, for a failure's message."""
        if self.folder is None:
            return ""
        parts = []
        for log in sorted((self.folder / "logs").glob("*.log")):
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-tail:]}")
        return "\n".join(parts)
