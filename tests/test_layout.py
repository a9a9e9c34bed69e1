"""The layout's promises: every package installs, every registry entry loads, hooks restore."""

from __future__ import annotations

from pathlib import Path

from pipeline.translate import engines

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"


def test_every_code_folder_is_a_package() -> None:
    # setuptools' find_packages skips a folder without __init__.py: it would be missing from the wheel.
    folders = {p.parent for p in PIPELINE.rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").exists()) == []


def test_every_registry_entry_loads() -> None:
    from pipeline.ingest import READERS
    from pipeline.interchange import FORMATS
    from pipeline.publish import WRITERS, writer
    from pipeline.review.checks import CHECKS

    assert {engines.engine_class(name).name for name in engines.ENGINES} == set(engines.ENGINES)
    assert all(name in engines.ENGINES for name in engines.AUTO)
    assert {writer(name).name for name in WRITERS} == set(WRITERS)
    assert all(r.name == name and r.suffixes for name, r in READERS.items())
    assert all(f.name == name and f.suffixes for name, f in FORMATS.items())
    assert all(callable(check) for check in CHECKS.values())


def test_registered_engine_is_removed_afterwards() -> None:
    from .fakes import EchoEngine

    before, order = dict(engines.ENGINES), list(engines.AUTO)
    with engines.registered("echo", EchoEngine, auto=0):
        assert engines.AUTO[0] == "echo"
        assert engines.choose("auto", "es", "en").name == "echo"
    assert before == engines.ENGINES and order == engines.AUTO


def test_fallback_follows_the_auto_order_and_can_be_switched_off() -> None:
    from .fakes import EchoEngine

    class Other(EchoEngine):
        name = "other"

    with engines.registered("echo", EchoEngine, auto=0), engines.registered("other", Other, auto=1):
        first = engines.choose("auto", "es", "en")
        fallback = engines.fallback_for(first, "es", "en")
        assert fallback is not None and fallback.name == "other"
        with engines.fallback_disabled():
            assert engines.fallback_for(first, "es", "en") is None
        assert engines.fallback_for(first, "es", "en") is not None
