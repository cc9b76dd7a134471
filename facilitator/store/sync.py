"""Moving a group between laptops with git, the engine groups already use to keep minutes.

Rules:
- The system `git` is called with an argument list, never a shell string; its output is
  read in `--porcelain` form where there is one, and every failure becomes one sentence
  that says what to do.
- The group's files have unique names and are written once, so merging two laptops'
  histories only ever adds files: git never has to merge a line. `.gitignore` (written by
  the group) keeps the cache, locks and heartbeats on each computer.
- Nothing here reads the memory: after a sync the cache is stale and the next command
  rebuilds it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shutil
import socket
import subprocess
from pathlib import Path

from facilitator.errors import StoreError
from facilitator.i18n import N_, _, ngettext
from facilitator.store.group import Group

BRANCH = "main"
REMOTE = "origin"
NO_GIT = N_("facilitator sync needs git, and none was found. Install it (Debian/Ubuntu: "
            "`sudo apt install git`; macOS: `xcode-select --install`; Windows: "
            "https://git-scm.com/download/win), then run the command again.")


def _git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("git")
    if exe is None:
        raise StoreError(_(NO_GIT))
    # Never ask for a password on the terminal: a sync either works or says why.
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run([exe, *args], cwd=folder, env=env, capture_output=True,
                              text=True, check=False)
    except OSError as error:
        raise StoreError(_("git could not be started ({why}).").format(why=error.strerror)
                         + " " + _(NO_GIT)) from None
    if check and done.returncode != 0:
        raise StoreError(_sentence(args, done.stderr or done.stdout))
    return done


def _said(output: str) -> str:
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    useful = [ln for ln in lines if ln.lower().startswith(("fatal", "error"))] or lines
    return (useful[0].removeprefix("fatal: ").removeprefix("error: ") if useful
            else _("no reason"))


def _sentence(args: tuple[str, ...], output: str) -> str:
    """Our sentence around what git said (quoted as git said it, in English: LC_ALL=C)."""
    said = _said(output)
    if args[0] in ("clone", "fetch", "push", "ls-remote"):
        return _("The group's shared copy could not be reached (git says: {said}). Check the "
                 "path or address, and that the USB stick or shared drive is plugged in, then "
                 "run `facilitator sync` again.").format(said=said)
    return _("git {command} did not work (git says: {said}). Nothing was lost; try "
             "again.").format(command=args[0], said=said)


def _identity(folder: Path) -> list[str]:
    """`-c user.name=… -c user.email=…` when git has no identity set up: a sync should not
    fail for want of a name."""
    extra = []
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "facilitator"
    for key, fallback in (("user.name", user), ("user.email", f"{user}@{socket.gethostname()}")):
        if not _git(folder, "config", key, check=False).stdout.strip():
            extra += ["-c", f"{key}={fallback}"]
    return extra


def is_synced(path: Path) -> bool:
    """Whether the group's folder is a git repository of its own."""
    return (path / ".git").exists()


def _has(folder: Path, ref: str) -> bool:
    return _git(folder, "rev-parse", "--verify", "-q", ref, check=False).returncode == 0


def _remote(folder: Path) -> str | None:
    done = _git(folder, "remote", "get-url", REMOTE, check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None


def _commit(folder: Path) -> int:
    """Commit every new or grown file; returns how many went in."""
    _git(folder, "add", "-A", ".")
    changed = [ln for ln in _git(folder, "status", "--porcelain").stdout.splitlines() if ln]
    if not changed:
        return 0
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    message = f"facilitator sync from {socket.gethostname()}, {stamp}"
    _git(folder, *_identity(folder), "commit", "-q", "--no-verify", "-m", message)
    return len(changed)


def _merge(folder: Path) -> int:
    """Fetch the shared copy and join its history to ours; returns the files received."""
    _git(folder, "fetch", "-q", REMOTE)
    theirs = f"refs/remotes/{REMOTE}/{BRANCH}"
    if not _has(folder, theirs):
        return 0  # an empty shared copy: nothing to take in yet
    if not _has(folder, "HEAD"):
        _git(folder, "reset", "-q", theirs)
        _git(folder, "checkout", "-q", "--", ".")
        return len(_git(folder, "ls-files").stdout.splitlines())
    before = _git(folder, "rev-parse", "HEAD").stdout.strip()
    done = _git(folder, *_identity(folder), "merge", "-q", "--no-edit",
                "--allow-unrelated-histories", theirs, check=False)
    if done.returncode != 0:
        conflicts = _git(folder, "diff", "--name-only", "--diff-filter=U",
                         check=False).stdout.split()
        _git(folder, "merge", "--abort", check=False)
        if conflicts:
            raise StoreError(
                _("Both laptops changed {files} in different ways, so nothing was merged. Keep "
                  "one version of it (copy the other aside), then run `facilitator sync` "
                  "again.").format(files=", ".join(conflicts)))
        raise StoreError(_sentence(("merge",), done.stderr or done.stdout))
    diff = _git(folder, "diff", "--name-only", before, "HEAD").stdout.splitlines()
    return len(diff)


def sync(group: Group) -> str:
    """`facilitator sync`: commit what is new, take in the shared copy, send ours back."""
    folder = group.path
    if not is_synced(folder):
        raise StoreError(_("The group in {folder} is not set up for sync yet: run "
                           "`facilitator sync init REMOTE` (a bare repository on a USB stick "
                           "or shared drive, or any git URL).").format(folder=folder))
    group.prepare()
    sent = _commit(folder)
    remote = _remote(folder)
    if remote is None:
        return ngettext("Kept {n} new file in the group's history; there is nowhere to share "
                        "it yet: `facilitator sync init REMOTE`.",
                        "Kept {n} new files in the group's history; there is nowhere to share "
                        "it yet: `facilitator sync init REMOTE`.", sent).format(n=sent)
    received = _merge(folder)
    if _has(folder, "HEAD"):
        pushed = _git(folder, "push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
        if pushed.returncode != 0:
            # Someone synced in between: take theirs in and send once more.
            received += _merge(folder)
            _git(folder, "push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}")
    return ngettext("Synced with {remote}: sent {n} new file, received {received}.",
                    "Synced with {remote}: sent {n} new files, received {received}.",
                    sent).format(remote=remote, n=sent, received=received)


def init(group: Group, remote: str | None = None) -> str:
    """`facilitator sync init [REMOTE]`: make the group's folder a git repository sharing
    with REMOTE. An empty or missing folder gets the shared copy's whole history; a folder
    that already holds a group joins its history to the shared one."""
    folder = group.path
    empty = not folder.exists() or not any(folder.iterdir())
    if remote and empty and not is_synced(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
        _git(folder.parent, "clone", "-q", "--origin", REMOTE, remote, str(folder))
        os.chmod(folder, 0o700)
        if not _has(folder, "HEAD"):
            # The shared copy's HEAD may name another branch (git's default): take ours.
            _git(folder, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
            _merge(folder)
        group.prepare()
        files = len(_git(folder, "ls-files").stdout.splitlines())
        return _("Brought the group's history down from {remote} into {folder} ({n} files). "
                 "From now on, `facilitator sync` shares what is new.").format(
            remote=remote, folder=folder, n=files)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not is_synced(folder):
        _git(folder, "init", "-q")
        _git(folder, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
    if remote:
        verb = "set-url" if _remote(folder) else "add"
        _git(folder, "remote", verb, REMOTE, remote)
    said = sync(group)
    return _("The group in {folder} is ready to sync.").format(folder=folder) + " " + said
