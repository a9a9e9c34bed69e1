"""Run a command in this process with decoding forced to K tokens (bench harness only).

python bench/_run_forced.py K statements ARGS...      the pipeline's CLI
python bench/_run_forced.py K argos FILE...           argostranslate.translate over files
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import force_length, no_fallback

force_length(int(sys.argv[1]))
if sys.argv[2] == "statements":
    from pipeline.cli import app

    no_fallback()
    app(args=sys.argv[3:], prog_name="statements")
else:
    from argostranslate import translate

    for name in sys.argv[3:]:
        translate.translate(Path(name).read_text(encoding="utf-8"), "es", "en")
