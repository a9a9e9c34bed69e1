"""Output formats, one per file; the WRITERS registry is in `pipeline.publish`."""
