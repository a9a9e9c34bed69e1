"""statements: an offline pipeline from political statements to bilingual books."""

from pipeline.errors import PipelineError

__version__ = "0.1.0"
__all__ = ["PipelineError", "__version__"]
