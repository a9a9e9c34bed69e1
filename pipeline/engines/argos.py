"""Argos Translate packages, run directly with CTranslate2, batched across the whole run.

argostranslate itself sends one paragraph at a time; here every pending segment of every
selected statement arrives in one call, sorted by length and packed into token batches.
Only `argostranslate.package` is used: to find the package and for its own tokenizer
(SentencePiece, or BPE with Moses pre-tokenization).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from ..errors import EngineError, ModelPackageError
from .base import Engine, Provenance

_translators: dict[tuple[str, int, int], Any] = {}
_lock = threading.Lock()


def translator_for(model_dir: Path, intra_threads: int, inter_threads: int = 1) -> Any:
    """One CTranslate2 Translator per model per process: loading is the expensive part."""
    import ctranslate2

    key = (str(model_dir), intra_threads, inter_threads)
    with _lock:
        if key not in _translators:
            _translators[key] = ctranslate2.Translator(
                str(model_dir),
                device="cpu",
                compute_type="auto",
                inter_threads=inter_threads,
                intra_threads=intra_threads,
            )
        return _translators[key]


class ArgosEngine(Engine):
    name = "argos"
    # Tokens per CTranslate2 batch. Memory grows with it (beam × batch hypotheses keep their
    # attention caches): with the base-size model, 4096 peaked at 1.15 GB for 7% more speed
    # than 1024 at 0.4 GB (bench/translation.py, docs/benchmarks.md).

    def __init__(
        self,
        beam_size: int = 4,
        length_penalty: float = 0.2,
        max_batch_tokens: int = 1024,
        max_decoding_length: int = 256,
        threads: int | None = None,
    ) -> None:
        super().__init__()
        self.beam_size = beam_size
        self.length_penalty = length_penalty
        self.max_batch_tokens = max_batch_tokens
        self.max_decoding_length = max_decoding_length
        self.threads = threads or os.cpu_count() or 1
        self._packages: dict[tuple[str, str], Any] = {}

    def package(self, source: str, target: str) -> Any:
        from ..models import find_package

        pair = (source, target)
        if pair not in self._packages:
            try:
                self._packages[pair] = find_package(source, target)
            except ModelPackageError as exc:
                raise EngineError(str(exc)) from None
        return self._packages[pair]

    def supports(self, source: str, target: str) -> bool:
        try:
            self.package(source, target)
        except EngineError:
            return False
        return True

    def require(self, source: str, target: str) -> None:
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

    def _translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        self.require(source, target)
        pkg = self.package(source, target)
        translator = translator_for(Path(pkg.package_path) / "model", self.threads)
        tokenized = [pkg.tokenizer.encode(s) if s.strip() else [] for s in segments]
        # Sorting by length keeps padding small inside each token batch.
        order = sorted((i for i, t in enumerate(tokenized) if t), key=lambda i: len(tokenized[i]))
        out = [""] * len(segments)
        if not order:
            return out
        batch = [tokenized[i] for i in order]
        prefix = getattr(pkg, "target_prefix", "") or ""
        try:
            results = translator.translate_batch(
                batch,
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                beam_size=self.beam_size,
                length_penalty=self.length_penalty,
                max_batch_size=self.max_batch_tokens,
                batch_type="tokens",
                max_decoding_length=self.max_decoding_length,
                replace_unknowns=True,
                num_hypotheses=1,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(
                f"the Argos model {Path(pkg.package_path).name} failed: {exc}. "
                "Reinstall it, or use --engine apertium."
            ) from exc
        for position, index in enumerate(order):
            text = pkg.tokenizer.decode(results[position].hypotheses[0])
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :]
            if text.endswith("@@") and hasattr(pkg.tokenizer, "bpe_source"):
                text = text[:-2]  # a BPE joiner left dangling when decoding stopped at the length limit
            out[index] = " ".join(text.split())
        return out
