"""The command line and ``import newsprism`` stay light; their option names match the library."""

from __future__ import annotations

import subprocess
import sys

from newsprism.choices import EVALUATION_SPLITS, EXPORT_FORMATS, EXPORT_KIND_NAMES


def test_offered_names_match_the_modules_that_own_them() -> None:
    from newsprism.evaluation import SPLITS
    from newsprism.export import EXPORT_KINDS, FORMATS

    assert sorted(EXPORT_KIND_NAMES) == sorted(EXPORT_KINDS)
    assert tuple(EXPORT_FORMATS) == tuple(FORMATS)
    assert tuple(EVALUATION_SPLITS) == tuple(SPLITS)


def _loaded_after(code: str) -> set[str]:
    probe = (
        f"{code}\nimport sys\n"
        "print(' '.join(m for m in ('spacy', 'sqlalchemy', 'newsprism.evaluation', "
        "'fastapi', 'newsprism.nlp') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_import_newsprism_loads_no_model_no_store_no_scoring() -> None:
    assert _loaded_after("import newsprism") == set()


def test_help_loads_no_model_and_no_scoring() -> None:
    code = (
        "import newsprism.cli\n"
        "try:\n    newsprism.cli.main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert not _loaded_after(code) & {"spacy", "newsprism.evaluation", "newsprism.nlp"}


def test_citations_do_not_import_quotes_and_quote_marks_need_no_model() -> None:
    import ast
    from pathlib import Path

    import newsprism

    package = Path(newsprism.__file__).parent
    tree = ast.parse((package / "nlp" / "citations.py").read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "newsprism.nlp.quotes" not in imported
    assert _loaded_after("import newsprism.quotemarks") == set()
