"""Build the NER model's gazetteer (``lexicon.tsv``) from jieba's dictionary.

jieba (MIT licence) ships ``jieba/dict.txt``: about 349k words with a frequency and a
part-of-speech tag. Words tagged ``nr``/``nrt``/``nrfg`` (person names), ``ns`` (places)
and ``nt`` (organizations), 2 to 12 characters long, become PER, LOC and ORG entries.
The sdist is fetched with ``pip download --no-deps jieba==0.42.1`` and checked by sha256;
nothing of jieba is imported.

    python -m fazhi_ie.training.lexicon --out lexicon.tsv
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
from pathlib import Path

from fazhi_ie.ner.lexicon import Lexicon
from fazhi_ie.training.msra import cache_dir, sha256

SDIST = "jieba-0.42.1.tar.gz"
SDIST_SHA256 = "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2"
MEMBER = "jieba-0.42.1/jieba/dict.txt"
POS_TO_TYPE = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG"}


def fetch_sdist(directory: Path | None = None) -> Path:
    directory = directory or cache_dir().parent / "jieba"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SDIST
    if not path.exists():
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, "jieba==0.42.1", "-d", str(directory)], check=True)
    actual = sha256(path)
    if actual != SDIST_SHA256:
        raise RuntimeError(
            f"checksum mismatch for {path}: expected {SDIST_SHA256}, got {actual}; "
            "delete the file and fetch it again"
        )
    return path


def entries_from_dict(text: str) -> list[tuple[str, str]]:
    """``(word, PER|LOC|ORG)`` from jieba's ``word freq pos`` lines."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in POS_TO_TYPE:
            out.append((parts[0], POS_TO_TYPE[parts[2]]))
    return out


def build_lexicon(sdist: Path | None = None) -> Lexicon:
    sdist = sdist or fetch_sdist()
    with tarfile.open(sdist) as tf:
        fh = tf.extractfile(MEMBER)
        if fh is None:
            raise RuntimeError(f"{MEMBER} not found in {sdist}")
        text = fh.read().decode("utf-8")
    return Lexicon(entries_from_dict(text))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fazhi_ie.training.lexicon")
    p.add_argument("--out", required=True, help="lexicon.tsv to write")
    args = p.parse_args(argv)
    lex = build_lexicon()
    lex.write(args.out)
    print(f"{len(lex)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
