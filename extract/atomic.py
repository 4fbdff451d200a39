"""Files replaced in one step: a reader sees the previous complete file or the
new complete file, never half of one.

The new file is written under ``<staging_root>/.incoming/`` (the same file
system as the target, so the move is atomic), flushed to disk, and moved onto
the target with one ``os.replace``. On any error the temporary file is
removed and the target is left as it was.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INCOMING_DIR = ".incoming"


@contextmanager
def replacing(target: Path, staging_root: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on leaving the block, it replaces ``target``."""
    incoming = staging_root / INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    tmp_path = incoming / f"{uuid.uuid4().hex}{target.suffix}.tmp"
    try:
        yield tmp_path
        with tmp_path.open("rb") as handle:
            os.fsync(handle.fileno())
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)
