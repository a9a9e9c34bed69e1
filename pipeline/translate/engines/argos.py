"""Argos Translate packages, run directly with CTranslate2, batched across the whole run.

argostranslate itself sends one paragraph at a time; here every pending segment of every
selected statement arrives in one call, sorted by length and packed into token batches.
Only `argostranslate.package` is used: to find the package and for its own tokenizer
(SentencePiece, or BPE with Moses pre-tokenization).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.errors import EngineError, ModelPackageError
from pipeline.model import Provenance
from pipeline.translate.engines.base import Engine, Settings

_translators: dict[tuple[str, int], Any] = {}
_lock = threading.Lock()


def translator_for(model_dir: Path, workers: int) -> Any:
    """One CTranslate2 Translator per model per process: loading is the expensive part.

    `workers` batches run side by side, one thread each (inter_threads), sharing one copy of
    the weights. On 2 cores that was 2–3.5× faster than one batch on 2 threads
    (intra_threads), which spent its time waiting between small matrix products
    (docs/benchmarks.md).
    """
    import ctranslate2

    key = (str(model_dir), workers)
    with _lock:
        if key not in _translators:
            _translators[key] = ctranslate2.Translator(
                str(model_dir),
                device="cpu",
                compute_type="auto",
                inter_threads=workers,
                intra_threads=1,
            )
        return _translators[key]


def pack(lengths: list[int], max_examples: int, max_tokens: int) -> list[list[int]]:
    """Split positions 0..n-1 (already sorted by length) into consecutive batches.

    A batch holds at most `max_examples` segments, and its padded size (segments × the
    longest) stays within `max_tokens`; a segment longer than that goes alone.
    """
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for position, length in enumerate(lengths):
        if current and (
            len(current) >= max_examples or (len(current) + 1) * max(longest, length) > max_tokens
        ):
            batches.append(current)
            current, longest = [], 0
        current.append(position)
        longest = max(longest, length)
    if current:
        batches.append(current)
    return batches


class ArgosEngine(Engine):
    name = "argos"

    def __init__(
        self,
        beam_size: int = 4,
        length_penalty: float = 0.2,
        batch_hypotheses: int = 16,
        max_batch_tokens: int = 1024,
        max_decoding_length: int = 256,
        threads: int | None = None,
    ) -> None:
        super().__init__()
        self.beam_size = beam_size
        self.length_penalty = length_penalty
        # Memory grows with the hypotheses a worker decodes at once (their attention caches),
        # not with speed: on the base-size model, 16 hypotheses per batch (4 segments at
        # beam 4) ran as fast as 1,024-token batches at 40% of the memory (docs/benchmarks.md).
        self.batch_hypotheses = batch_hypotheses
        self.max_batch_tokens = max_batch_tokens
        self.max_decoding_length = max_decoding_length
        self.threads = threads or os.cpu_count() or 1
        self._packages: dict[tuple[str, str], Any] = {}

    @classmethod
    def configure(cls, settings: Settings) -> ArgosEngine:
        options: dict[str, Any] = {"beam_size": settings.beam_size, "length_penalty": settings.length_penalty}
        # Dials for tests and benchmarks: cap decoding, or trade memory for speed.
        for env, key in (
            ("STATEMENTS_MAX_DECODING_LENGTH", "max_decoding_length"),
            ("STATEMENTS_BATCH_HYPOTHESES", "batch_hypotheses"),
        ):
            if os.environ.get(env):
                options[key] = int(os.environ[env])
        return cls(**options)

    def package(self, source: str, target: str) -> Any:
        from pipeline.translate.engines.argos_packages import find_package

        pair = (source, target)
        if pair not in self._packages:
            try:
                self._packages[pair] = find_package(source, target)
            except ModelPackageError as exc:
                raise EngineError(str(exc)) from None
        return self._packages[pair]

    def require(self, source: str, target: str) -> None:
        super().require(source, target)
        pkg = self.package(source, target)
        if getattr(pkg, "tokenizer", None) is None:
            raise EngineError(
                f"the Argos package at {pkg.package_path} has no tokenizer (sentencepiece.model or bpe.model). "
                f"Reinstall it: statements models install {source} {target}."
            )

    def settings(self) -> dict[str, Any]:
        return {
            "beam_size": self.beam_size,
            "length_penalty": self.length_penalty,
            "max_decoding_length": self.max_decoding_length,
        }

    def provenance(self, source: str, target: str) -> Provenance:
        pkg = self.package(source, target)
        return Provenance("argos", Path(pkg.package_path).name, str(pkg.package_version), self.settings())

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        return self.start(segments, source, target)()

    def start(self, segments: list[str], source: str, target: str) -> Callable[[], list[str]]:
        """Queue every batch of `segments` to the translator's workers; return the collector."""
        self.require(source, target)
        pkg = self.package(source, target)
        translator = translator_for(Path(pkg.package_path) / "model", self.threads)
        tokenized = [pkg.tokenizer.encode(s) if s.strip() else [] for s in segments]
        # Sorting by length keeps padding small inside each batch.
        order = sorted((i for i, t in enumerate(tokenized) if t), key=lambda i: len(tokenized[i]))
        prefix = getattr(pkg, "target_prefix", "") or ""
        batches = pack(
            [len(tokenized[i]) for i in order],
            max(1, self.batch_hypotheses // self.beam_size),
            self.max_batch_tokens,
        )
        name = Path(pkg.package_path).name
        try:
            pending = [
                translator.translate_batch(
                    [tokenized[order[p]] for p in batch],
                    target_prefix=[[prefix]] * len(batch) if prefix else None,
                    beam_size=self.beam_size,
                    length_penalty=self.length_penalty,
                    max_decoding_length=self.max_decoding_length,
                    replace_unknowns=True,
                    num_hypotheses=1,
                    asynchronous=True,
                )
                for batch in batches
            ]
        except (RuntimeError, ValueError) as exc:
            raise _failure(name, exc) from exc

        def collect() -> list[str]:
            try:
                results = [r.result() for batch_results in pending for r in batch_results]
            except (RuntimeError, ValueError) as exc:
                raise _failure(name, exc) from exc
            out = [""] * len(segments)
            for position, index in enumerate(order):
                out[index] = self._detokenize(pkg, prefix, results[position].hypotheses[0])
            return out

        return collect

    @staticmethod
    def _detokenize(pkg: Any, prefix: str, tokens: list[str]) -> str:
        text: str = pkg.tokenizer.decode(tokens)
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        if text.endswith("@@") and hasattr(pkg.tokenizer, "bpe_source"):
            text = text[:-2]  # a BPE joiner left dangling when decoding stopped at the length limit
        return " ".join(text.split())


def _failure(package: str, exc: Exception) -> EngineError:
    return EngineError(f"the Argos model {package} failed: {exc}. Reinstall it, or use --engine apertium.")
