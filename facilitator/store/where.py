"""Where the group's folder is, without loading the group (a start that only reads its
protocols.yaml should not pay for the memory's code)."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "FACILITATOR_GROUP"


def group_folder(path: str | os.PathLike[str] | None = None) -> Path:
    """`--group DIR`, else `$FACILITATOR_GROUP`, else the user's data folder for
    facilitator (`…/facilitator/group`)."""
    chosen = path or os.environ.get(ENV)
    if not chosen:
        import platformdirs

        chosen = Path(platformdirs.user_data_dir("facilitator")) / "group"
    return Path(chosen)
