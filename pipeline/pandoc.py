"""pandoc, from pypandoc_binary: the bundled binary run directly, one process per call.

pypandoc's convert functions probe the binary's version in extra processes on each call;
a build or an `add` needs pandoc once per step, so the binary is called here instead.
"""

from __future__ import annotations

import functools
import os
import subprocess

from pipeline.errors import PipelineError


@functools.lru_cache(maxsize=1)
def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def run(
    args: list[str], data: bytes, doing: str, error: type[PipelineError], epoch: int | None = None
) -> bytes:
    """Run pandoc with `args` on `data`; a failure raises `error` with pandoc's own message."""
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)  # pandoc stamps EPUB dates and zip entries with it
    try:
        done = subprocess.run([pandoc_path(), *args], input=data, capture_output=True, env=env, timeout=3600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise error(f"pandoc could not {doing}: {exc}. Check `statements doctor`.") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[:600]
        raise error(f"pandoc could not {doing}: {message}")
    return done.stdout
