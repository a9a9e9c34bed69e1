"""Loaded by the LibreTranslate server that bench/libretranslate.py starts (through PYTHONPATH).

Random weights never emit end-of-sentence, so the server would decode every sentence to the
length limit. As bench/_common.force_length does on the local side, every sentence decodes
exactly STATEMENTS_BENCH_K tokens here, so both sides do the same work per sentence.
"""

from __future__ import annotations

import os
from typing import Any

_K = int(os.environ.get("STATEMENTS_BENCH_K") or 0)

if _K:
    import ctranslate2

    class _Forced(ctranslate2.Translator):  # type: ignore[misc, name-defined]
        def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
            kwargs["min_decoding_length"] = _K
            kwargs["max_decoding_length"] = _K
            return super().translate_batch(*args, **kwargs)

    ctranslate2.Translator = _Forced
