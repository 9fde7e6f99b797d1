"""Executes a Jupyter notebook with a kernel and writes the executed copy, without losing late outputs.

Why not nbclient: the Deno kernel sometimes publishes `status: idle` before a cell's last outputs, and
nbclient stops reading at idle. This runner waits for both idle and the execute_reply, then keeps reading
IOPub until messages for the cell have been quiet for QUIET_SECONDS.

Usage: /usr/bin/python3 execute_notebook.py INPUT.ipynb OUTPUT.ipynb [--timeout S] [--kernel NAME] [--cwd DIR]
Progress goes to stderr. On the first failing cell it stops, writes the partially executed notebook, prints
one line naming the cell and the error, and exits 1. On SIGINT/SIGTERM it shuts the kernel down and exits
128 + signal number without writing; so it does when its parent dies (a report killed outright), which no
signal tells it. The kernel is found through JUPYTER_PATH.
"""

import argparse
import fcntl
import os
import queue
import re
import signal
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import KernelManager

QUIET_SECONDS = 0.2
STARTUP_TIMEOUT = 60
# The process that started this runner; another parent means it died and this runner was adopted.
PARENT = os.getppid()


class CellFailed(Exception):
    """A cell raised, timed out, or the kernel died; the message is the one-line report."""


def main():
    parser = argparse.ArgumentParser(description="Execute a notebook, keeping every output.")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--timeout", type=float, default=300, help="per-cell timeout in seconds")
    parser.add_argument("--kernel", default="deno", help="kernelspec name")
    parser.add_argument("--cwd", help="the kernel's working directory (default: the input's)")
    args = parser.parse_args()

    # An interrupted or terminated runner must still shut its kernel down (the finally blocks below).
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    name = os.path.basename(args.input)
    notebook = nbformat.read(args.input, as_version=4)
    cwd = args.cwd or os.path.dirname(os.path.abspath(args.input))
    status = 0
    try:
        run_notebook(notebook, name, cwd, args.kernel, args.timeout)
    except CellFailed as failure:
        print(f"{name}: {failure}", file=sys.stderr)
        status = 1
    drop_emptied_displays(notebook.cells)
    nbformat.write(notebook, args.output)
    return status


def drop_emptied_displays(cells):
    """Removes displays updated to nothing, such as a long run's progress line once the run ended."""
    for cell in cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [output for output in cell.outputs if not emptied(output)]


def emptied(output):
    if output.output_type != "display_data":
        return False
    return all("".join(value) == "" if isinstance(value, list) else value == "" for value in output.data.values())


def stop(signum, _frame):
    # Ctrl-C reaches both this runner and its caller, which then sends SIGTERM: a second signal must
    # not interrupt the kernel shutdown that the first one started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(128 + signum)


# A cell that imports: the first one sets up the project's node_modules in the kernel.
IMPORTS = re.compile(r"^\s*import\b", re.MULTILINE)


class SetupTurn:
    """The project's kernels take turns through their first cell that imports.

    On its first import a Deno kernel sets the project's node_modules folder up again, rewriting every
    link in it, so a kernel that imports meanwhile (two notebooks of a report started together) can find
    a link missing and fail. The turn is an exclusive lock on the project's deno.json, which Deno finds
    from the kernel's directory as this does; cells before the first import, and after it, run freely.
    """

    def __init__(self, cwd):
        self.config = project_config(cwd)
        self.file = None
        self.taken = False

    def before(self, source):
        if not self.taken and self.config and IMPORTS.search(source):
            self.taken = True
            self.file = open(self.config)
            fcntl.flock(self.file, fcntl.LOCK_EX)

    def release(self):
        if self.file:
            self.file.close()  # closing drops the lock
            self.file = None


def project_config(cwd):
    """The deno.json (or deno.jsonc) that Deno finds from cwd by walking up, or None."""
    folder = os.path.abspath(cwd)
    while True:
        for name in ("deno.json", "deno.jsonc"):
            if os.path.isfile(os.path.join(folder, name)):
                return os.path.join(folder, name)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def run_notebook(notebook, name, cwd, kernel_name, timeout):
    turn = SetupTurn(cwd)
    try:
        run_kernel(notebook, name, cwd, kernel_name, timeout, turn)
    finally:
        turn.release()


def run_kernel(notebook, name, cwd, kernel_name, timeout, turn):
    # The kernel's own stderr (e.g. Deno's "unstable" warning) is noise unless the kernel fails.
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        manager = KernelManager(kernel_name=kernel_name)
        # cwd lets Deno find the project's deno.json (import map, node_modules) by walking up.
        manager.start_kernel(cwd=cwd, stderr=kernel_log)
        client = manager.client()
        ready = False
        try:
            client.start_channels()
            try:
                client.wait_for_ready(timeout=STARTUP_TIMEOUT)
            except RuntimeError as error:
                raise CellFailed(f"the kernel did not start: {error}") from None
            ready = True
            run_cells(manager, client, notebook.cells, name, timeout, turn)
        except CellFailed:
            if not ready or not manager.is_alive():
                kernel_log.seek(0)
                sys.stderr.write(kernel_log.read())
            raise
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=not manager.is_alive())


def run_cells(manager, client, cells, name, timeout, turn):
    displays = {}  # display_id -> outputs, so update_display_data can reach earlier cells
    by_msg_id = {}  # msg_id -> Outputs, so an output arriving after its cell finished still lands there
    started = time.monotonic()
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        cell.execution_count = None
        if not cell.source.strip():
            continue
        elapsed = time.monotonic() - started
        print(f"{name}: cell {index + 1}/{len(cells)} ({elapsed:.1f} s)", file=sys.stderr, flush=True)
        turn.before(cell.source)
        try:
            run_cell(manager, client, Outputs(cell, displays), timeout, by_msg_id)
        except CellFailed as failure:
            first_line = cell.source.strip().splitlines()[0]
            if len(first_line) > 80:
                first_line = first_line[:79] + "…"
            where = f"cell {index + 1}/{len(cells)}"
            raise CellFailed(f"{where} failed: {failure} [cell starts: {first_line}]") from None
        turn.release()


def run_cell(manager, client, outputs, timeout, by_msg_id):
    cell = outputs.cell
    deadline = time.monotonic() + timeout
    msg_id = client.execute(cell.source, store_history=True, allow_stdin=False, stop_on_error=True)
    by_msg_id[msg_id] = outputs
    idle = False
    reply = None
    last_activity = time.monotonic()
    while not (idle and reply is not None and time.monotonic() - last_activity >= QUIET_SECONDS):
        if os.getppid() != PARENT:
            stop(signal.SIGTERM, None)
        if time.monotonic() >= deadline:
            manager.interrupt_kernel()
            raise CellFailed(f"timed out after {timeout:g} s")
        if reply is None:
            reply = poll_reply(client, msg_id)
            if reply is not None:
                last_activity = time.monotonic()
        try:
            message = client.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            if not manager.is_alive():
                raise CellFailed("the kernel died") from None
            continue
        parent = message["parent_header"].get("msg_id")
        if parent != msg_id:
            if parent in by_msg_id:
                by_msg_id[parent].add(message)
            continue
        last_activity = time.monotonic()
        kind = message["msg_type"]
        if kind == "status":
            idle = idle or message["content"]["execution_state"] == "idle"
        elif kind == "execute_input":
            cell.execution_count = message["content"].get("execution_count")
        else:
            outputs.add(message)

    if reply.get("execution_count") is not None:
        cell.execution_count = reply["execution_count"]
    error = next((output for output in cell.outputs if output.output_type == "error"), None)
    if error is not None:
        raise CellFailed(describe_error(error.ename, error.evalue))
    if reply.get("status") != "ok":
        raise CellFailed(describe_error(reply.get("ename", "Error"), reply.get("evalue", reply["status"])))


def poll_reply(client, msg_id):
    """Returns the execute_reply content for msg_id if it has arrived, else None (never blocks)."""
    while True:
        try:
            message = client.get_shell_msg(timeout=0)
        except queue.Empty:
            return None
        if message["parent_header"].get("msg_id") == msg_id:
            return message["content"]


def describe_error(ename, evalue):
    lines = str(evalue).strip().splitlines()
    return f"{ename}: {lines[0] if lines else ''}" + (" …" if len(lines) > 1 else "")


class Outputs:
    """Turns one cell's IOPub messages into nbformat outputs on that cell."""

    def __init__(self, cell, displays):
        self.cell = cell
        self.displays = displays
        self.clear_pending = False

    def add(self, message):
        kind = message["msg_type"]
        content = message["content"]
        if kind == "clear_output":
            # wait=True means: clear just before the next output arrives (avoids flicker in live UIs).
            self.clear_pending = bool(content.get("wait"))
            if not self.clear_pending:
                self.cell.outputs = []
            return
        if kind == "update_display_data":
            for output in self.displays.get(display_id(content), []):
                output.data = content["data"]
                output.metadata = content.get("metadata", {})
            return
        if kind not in ("stream", "display_data", "execute_result", "error"):
            return
        if self.clear_pending:
            self.cell.outputs = []
            self.clear_pending = False
        outputs = self.cell.outputs
        last = outputs[-1] if outputs else {}
        if kind == "stream" and last.get("output_type") == "stream" and last.get("name") == content["name"]:
            last.text += content["text"]
            return
        output = nbformat.v4.output_from_msg(message)
        outputs.append(output)
        if display_id(content) is not None:
            self.displays.setdefault(display_id(content), []).append(output)


def display_id(content):
    return (content.get("transient") or {}).get("display_id")


if __name__ == "__main__":
    sys.exit(main())
