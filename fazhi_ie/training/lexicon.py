"""Build the NER model's gazetteer (``lexicon.tsv``) from jieba's dictionary.

jieba (MIT licence) ships ``jieba/dict.txt``: about 349k words with a frequency and a
part-of-speech tag. Words tagged ``nr``/``nrt``/``nrfg`` (person names), ``ns`` (places)
and ``nt`` (organizations), 2 to 12 characters long, become PER, LOC and ORG entries.
The sdist is fetched with ``pip download --no-deps jieba==0.42.1`` and checked by sha256;
nothing of jieba is imported.

jieba's person tags are noisy (idioms, verbs and troupe names are tagged ``nr``:
``安抚``, ``乌兰牧骑``). ``--clean-persons`` drops every PER entry that the People's
Daily January 1998 corpus (PKU's hand-tagged text, see :mod:`fazhi_ie.training.pretrain`)
uses as one word with other tags at least as often as with a person tag. Only the 1998
lines that share no 10-character string with an MSRA sentence (test or training) are read,
so no MSRA test sentence informs the lexicon.

    python -m fazhi_ie.training.lexicon --out lexicon.tsv [--clean-persons]
"""

from __future__ import annotations

import argparse
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from fazhi_ie.ner.lexicon import Lexicon
from fazhi_ie.pretrained import JIEBA_REQUIREMENT, JIEBA_SDIST_NAME, JIEBA_SDIST_SHA256
from fazhi_ie.training import msra, pretrain
from fazhi_ie.training.fetch import cache_dir, fetch_verified

MEMBER = "jieba-0.42.1/jieba/dict.txt"
POS_TO_TYPE = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG"}


def fetch_sdist(directory: Path | None = None) -> Path:
    """The jieba 0.42.1 sdist, downloaded with ``pip download`` when not cached."""
    directory = directory or cache_dir("jieba")
    return fetch_verified(
        JIEBA_REQUIREMENT, directory / JIEBA_SDIST_NAME, JIEBA_SDIST_SHA256, "--no-binary", ":all:"
    )


def entries_from_dict(text: str) -> list[tuple[str, str]]:
    """``(word, PER|LOC|ORG)`` from jieba's ``word freq pos`` lines."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in POS_TO_TYPE:
            out.append((parts[0], POS_TO_TYPE[parts[2]]))
    return out


def word_tag_counts(tagged_lines: Iterable[str]) -> dict[str, Counter[str]]:
    """``{word: Counter(tag)}`` from ``word/TAG`` lines (bracketed compounds
    ``[中央/n 电台/n]nt`` count their inner words)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in tagged_lines:
        for tok in line.split():
            word, _, tag = tok.rpartition("/")
            word = word.lstrip("[")
            if word:
                counts[word][tag.split("]")[0]] += 1
    return counts


def clean_persons(
    entries: Iterable[tuple[str, str]], counts: dict[str, Counter[str]]
) -> tuple[list[tuple[str, str]], list[str]]:
    """Entries less the PER words that ``counts`` sees with other tags at least as often as
    with ``nr`` (and at least once); returns ``(kept, dropped PER words)``."""
    kept, dropped = [], []
    for word, label in entries:
        c = counts.get(word)
        if label == "PER" and c:
            person = sum(n for tag, n in c.items() if tag.startswith("nr"))
            if sum(c.values()) - person >= max(person, 1):
                dropped.append(word)
                continue
        kept.append((word, label))
    return kept, dropped


def pd1998_counts(overlap: int = 10) -> dict[str, Counter[str]]:
    """Word/tag counts of the 1998 lines that share no ``overlap``-character string with an
    MSRA sentence (test or training)."""
    held_out = ["".join(c) for part in ("test", "train") for c, _ in msra.load(part)]
    tagged = pretrain.read_pd1998(tagged=True)
    plain = [pretrain.strip_tags(t) for t in tagged]
    kept = set(pretrain.decontaminate(plain, held_out, overlap))
    return word_tag_counts(t for t, line in zip(tagged, plain, strict=True) if line in kept)


def build_lexicon(sdist: Path | None = None, clean: bool = False) -> Lexicon:
    """The gazetteer from jieba's dictionary; ``clean``: with :func:`clean_persons` applied."""
    sdist = sdist or fetch_sdist()
    with tarfile.open(sdist) as tf:
        fh = tf.extractfile(MEMBER)
        if fh is None:
            raise RuntimeError(f"{MEMBER} not found in {sdist}")
        text = fh.read().decode("utf-8")
    entries = entries_from_dict(text)
    if clean:
        entries, _ = clean_persons(entries, pd1998_counts())
    return Lexicon(entries)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fazhi_ie.training.lexicon")
    p.add_argument("--out", required=True, help="lexicon.tsv to write")
    p.add_argument(
        "--clean-persons", action="store_true", help="drop PER words the 1998 corpus tags otherwise"
    )
    args = p.parse_args(argv)
    lex = build_lexicon(clean=args.clean_persons)
    lex.write(args.out)
    print(f"{len(lex)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
