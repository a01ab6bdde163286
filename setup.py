"""Ship the repository's ``models/`` inside the wheel as ``fazhi_ie/_models``.

Everything else is in ``pyproject.toml``. A source checkout (or an editable install)
reads ``models/`` in place; a regular install reads the copy this hook makes, so
``pip install .`` gets the shipped NER model too (see ``fazhi_ie.ner.loader``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODEL_FILES = {".json", ".pt", ".onnx", ".tsv", ".md"}


class BuildPyWithModels(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).resolve().parent / "models"
        if self.editable_mode or not src.is_dir():
            return
        dst = Path(self.build_lib) / "fazhi_ie" / "_models"
        for path in sorted(src.rglob("*")):
            if path.is_file() and path.suffix in MODEL_FILES:
                target = dst / path.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


if __name__ == "__main__":  # the build backend runs this file as __main__
    setup(cmdclass={"build_py": BuildPyWithModels})
