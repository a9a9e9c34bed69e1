"""One exception base. Its message is shown to the user and says what to do."""

from __future__ import annotations


class PipelineError(Exception):
    """A user-facing error: the CLI prints the message and exits with status 1."""


class UsageError(PipelineError):
    """A command-line value the command cannot take (an unknown choice, a malformed value).

    The CLI exits with status 2 for these, as for any other bad usage; 1 is for everything
    about the workspace and its files.
    """


class PipelineWarning(UserWarning):
    """Something the user should know that does not stop the command; the CLI prints it as a warning line."""


class InputError(PipelineError):
    """A file or text given to the pipeline cannot be used as it is."""


class FrontMatterError(PipelineError):
    """An originals/ or translations/ file has front matter that cannot be read."""


class UnknownStatementError(PipelineError):
    """A slug names no statement in the workspace."""


class NoStatementsError(PipelineError):
    """The workspace has no statements (or the selection none) to work on."""


class WorkspaceError(PipelineError):
    """The workspace folders cannot be read or written."""


class LanguageError(PipelineError):
    """A statement is in a language the pipeline does not translate."""


class EngineError(PipelineError):
    """No translation engine can serve a request, or an engine failed."""


class ModelPackageError(PipelineError):
    """An Argos model package is missing, corrupt or unsafe."""


class PublishError(PipelineError):
    """pandoc or Typst could not build an output."""


class OpenFindingsError(PublishError):
    """`build --strict` found fidelity findings nobody has fixed or dismissed."""


class SelectionError(PipelineError):
    """A --select expression matched nothing or named something unknown."""


class InterchangeError(PipelineError):
    """An XLIFF, PO or TMX file cannot be imported."""


class LockedError(PipelineError):
    """Another statements process holds the workspace lock."""


class AlignmentError(PipelineError):
    """A translation's aligned data (`.align.json`) or its Markdown cannot be used as they are."""


class NotTranslatedError(PipelineError):
    """A statement has no translation into the language asked for."""


class UnknownBlockError(PipelineError):
    """A block number names no block of the translation."""


class UnknownFindingError(PipelineError):
    """A finding id names no current fidelity finding."""


class BlockChangedError(PipelineError):
    """A block changed since the person editing it last saw it; the edit was not applied."""


class InvalidEditError(PipelineError):
    """A human edit cannot be stored as it is (empty, or it would not stay one block)."""


class ServeError(PipelineError):
    """The review page cannot be served (the port is taken, the address cannot be bound)."""


class GlossaryError(PipelineError):
    """The workspace glossary (glossary.csv) or a term given for it cannot be used."""


class UnknownTermError(GlossaryError):
    """A text names no term of the glossary."""


def one_of(items: list[str]) -> str:
    """Choices for a message: "a", "a or b", "a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def choice(option: str, value: str, choices: list[str] | tuple[str, ...]) -> str:
    """`value` if it is one of `choices`; otherwise a UsageError naming them."""
    if value not in choices:
        raise UsageError(f"{option} {value}: use {one_of(list(choices))}.")
    return value
