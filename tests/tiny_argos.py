"""Build a tiny but real Argos package: SentencePiece + a 1+1-layer CTranslate2 Transformer.

Its translations are nonsense, but stable for a fixed seed; the tests assert what the
pipeline does with it, never what it says. bench/ builds the same at full size.
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

CORPUS_ES = [
    "Los trabajadores exigen salarios dignos y contratos estables.",
    "La huelga continuará hasta que la empresa negocie con el sindicato.",
    "Exigimos la readmisión inmediata de todos los despedidos.",
    "La vivienda es un derecho, no un negocio.",
    "Nunca aceptaremos recortes en la sanidad pública.",
    "La unidad de la clase trabajadora es nuestra fuerza.",
    "Convocamos una concentración el viernes frente al ministerio.",
    "Las trabajadoras del textil cobran menos que sus compañeros.",
]
CORPUS_EN = [
    "The workers demand decent wages and stable contracts.",
    "The strike will continue until the company negotiates with the union.",
    "We demand the immediate reinstatement of everyone dismissed.",
    "Housing is a right, not a business.",
    "We will never accept cuts to public health care.",
    "The unity of the working class is our strength.",
    "We call a rally on Friday in front of the ministry.",
    "Women textile workers are paid less than their male colleagues.",
]


def write_corpus(path: Path, seed: int, lines: int = 400) -> None:
    rng = random.Random(seed)
    words = " ".join(CORPUS_ES + CORPUS_EN).split()
    out = list(CORPUS_ES + CORPUS_EN)
    while len(out) < lines:
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(4, 14))))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def build_model_dir(
    pkg: Path,
    *,
    seed: int = 7,
    vocab_size: int = 120,
    layers: tuple[int, int] = (1, 1),
    heads: int = 2,
    d_model: int = 32,
    ffn: int = 64,
    pad_vocab_to: int | None = None,
    quantization: str | None = None,
    corpus_lines: int = 400,
    corpus_text: str | None = None,
    bpe: bool = False,
    eos_bias: float = 0.0,
) -> None:
    """`eos_bias` > 0 makes the model stop after a few tokens (2.0: 1–13), as a trained one
    does; at 0 it decodes to the length limit. For servers whose decoding length cannot be capped."""
    import sentencepiece as spm

    pkg.mkdir(parents=True, exist_ok=True)
    if bpe:
        vocab = _bpe_vocabulary(pkg)
        _write_model(pkg, vocab, seed, layers, heads, d_model, ffn, quantization, eos_bias)
        return
    corpus = pkg.parent / f"{pkg.name}-corpus.txt"
    if corpus_text is None:
        write_corpus(corpus, seed, corpus_lines)
    else:
        corpus.write_text(corpus_text, encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(pkg / "sentencepiece"),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        minloglevel=2,
        hard_vocab_limit=corpus_text is None,
    )
    corpus.unlink()
    sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = ["<blank>", "<s>", "</s>"] + [p for p in pieces if p not in ("<unk>", "<s>", "</s>")]
    vocab.insert(3, "<unk>")
    if pad_vocab_to:
        vocab += [f"<extra_{i}>" for i in range(pad_vocab_to - len(vocab))]
    _write_model(pkg, vocab, seed, layers, heads, d_model, ffn, quantization, eos_bias)


def _bpe_vocabulary(pkg: Path) -> list[str]:
    """A subword-nmt codes file (bpe.model) with a few merges, and every piece it yields."""
    import io

    from argostranslate.apply_bpe import BPE
    from sacremoses import MosesTokenizer

    codes = "#version: 0.2\nl a\ne s\nd e\nq u\nqu e</w>\nt r\nc o\n"
    (pkg / "bpe.model").write_text(codes, encoding="utf-8")
    bpe = BPE(io.StringIO(codes))
    moses = MosesTokenizer("es")
    pieces: set[str] = set()
    for line in CORPUS_ES + CORPUS_EN:
        pieces.update(bpe.segment_tokens(moses.tokenize(line)))
    chars = {ch for line in CORPUS_ES + CORPUS_EN for ch in line if not ch.isspace()}
    pieces |= chars | {ch + "@@" for ch in chars}
    return ["<blank>", "<s>", "</s>", "<unk>", *sorted(pieces)]


def _write_model(
    pkg: Path,
    vocab: list[str],
    seed: int,
    layers: tuple[int, int],
    heads: int,
    d_model: int,
    ffn: int,
    quantization: str | None,
    eos_bias: float = 0.0,
) -> None:
    import ctranslate2
    import numpy as np
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    size = len(vocab)

    def shape_for(name: str) -> tuple[int, ...]:
        if name.endswith(("gamma", "beta")) or name.endswith("bias"):
            raise AssertionError
        if "embeddings" in name or name.startswith("decoder/projection"):
            return (size, d_model)
        if "self_attention/linear_0" in name:
            return (3 * d_model, d_model)
        if "attention/linear_0" in name:  # cross-attention query
            return (d_model, d_model)
        if "attention/linear_1" in name and "self_attention" not in name:
            return (2 * d_model, d_model)
        if "ffn/linear_0" in name:
            return (ffn, d_model)
        if "ffn/linear_1" in name:
            return (d_model, ffn)
        return (d_model, d_model)

    def fill(obj: object, path: str) -> None:
        for attr, value in list(vars(obj).items()):
            name = f"{path}/{attr}" if path else attr
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if hasattr(item, "__dict__"):
                        fill(item, f"{name}_{i}")
            elif hasattr(value, "__dict__") and not isinstance(value, np.ndarray):
                fill(value, name)
            elif value is None:
                if attr == "gamma":
                    setattr(obj, attr, np.ones(d_model, dtype=np.float32))
                elif attr in ("beta", "bias"):
                    width = d_model
                    if "ffn/linear_0" in name:
                        width = ffn
                    elif "self_attention/linear_0" in name:
                        width = 3 * d_model
                    elif "attention/linear_1" in name and "self_attention" not in name:
                        width = 2 * d_model
                    elif name.startswith("decoder/projection"):
                        width = size
                    setattr(obj, attr, np.zeros(width, dtype=np.float32))
                elif attr == "weight":
                    shape = shape_for(name)
                    setattr(obj, attr, (rng.standard_normal(shape) * 0.2).astype(np.float32))

    fill(spec, "")
    if eos_bias:
        bias = np.zeros(size, dtype=np.float32)
        bias[vocab.index("</s>")] = eos_bias
        spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    if quantization:
        spec.optimize(quantization=quantization)
    (pkg / "model").mkdir(exist_ok=True)
    spec.save(str(pkg / "model"))
    assert ctranslate2.contains_model(str(pkg / "model"))


def build_package(
    out_dir: Path, from_code: str = "es", to_code: str = "en", version: str = "0.0.1", **kwargs: object
) -> Path:
    """Build `translate-<from>_<to>.argosmodel` in out_dir and return its path."""
    name = f"translate-{from_code}_{to_code}-tiny" + ("-bpe" if kwargs.get("bpe") else "")
    staging = out_dir / "staging" / name
    build_model_dir(staging, **kwargs)  # type: ignore[arg-type]
    names = {"es": "Spanish", "en": "English"}
    (staging / "metadata.json").write_text(
        json.dumps(
            {
                "package_version": version,
                "argos_version": "1.9",
                "from_code": from_code,
                "from_name": names.get(from_code, from_code),
                "to_code": to_code,
                "to_name": names.get(to_code, to_code),
                "type": "translate",
            }
        )
    )
    archive = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(staging.rglob("*")):
            zf.write(path, f"{name}/{path.relative_to(staging)}")
    return archive
