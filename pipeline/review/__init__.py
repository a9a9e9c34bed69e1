"""Review: what a proofreader needs.

- `status`    the statement list, language detection, each block's status, marking reviewed;
- `diff`      word-level diffs (machine → human, old original → new);
- `render`    diffs for the terminal and as a standalone HTML page;
- `findings`  the fidelity checks run over the workspace, and dismissals;
- `checks`    the CHECKS registry, one check per file.
"""
