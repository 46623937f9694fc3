"""``make imperatives``: rebuild ``importers/mining/imperatives.tsv`` (the counts ``imperatives`` reads) from the IBM
Debater corpora copied into ``corpora/`` (Claim Stance claims and topics, ArgQ-30k arguments and topics, ArgKP-2021
arguments, key points and topics), CDCP's training comments and the project's dev*.json short texts (each text
once). Deterministic, a few seconds.

    python -m importers.mining.build_imperatives [--out importers/mining/imperatives.tsv] [--check]

A word's occurrences in the base-form position are those right after a word of ``imperatives.BASE_CONTEXT``, or
after such a word and an adverb ("should not ban", "must also fund"). Adverbs are found in the data, not listed: a
word in the base-form position that is followed by another verb in most of its occurrences there
(``ADVERB_SHARE``), where a verb is a word whose first-pass base-form share is at least ``VERB_SHARE``.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from importers.mining.corpora import read_cdcp, read_short_texts, short_training_files
from importers.mining.imperatives import BASE_CONTEXT, DATA, END, OTHER, SUFFIX, opens_imperative, tokens

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
MIN_TOTAL = 3  # a word seen fewer times counts among the rare words (the prior of an unseen word)
# a word never in the base-form position is listed only this often seen: a rarer one is judged as an unseen word,
# whose prior is about as low (keeps the file small)
MIN_TOTAL_NEVER_BASE = 20
MIN_NEXT = 5
# the word after next is read only when frequent (mostly function words and verbs: "Call centres provide jobs"); a
# rarer content word's counts there say more about the topics of the corpora than about the grammar
MIN_SECOND = 100  # a next word seen fewer times after both counts as OTHER
SMOOTHING = 4.0  # pseudo-occurrences at the rare words' rate added to each word's counts
VERB_SHARE = 0.2
ADVERB_SHARE = 0.5
MODAL_SHARE = 0.05
# the auxiliaries' base forms: what follows them ("be banned", "have been") is no verb's object
AUXILIARIES = frozenset(("be", "have"))
ABOUT = ("# Counts of words in the base-form position (after a modal, 'to', 'please') and of the words after them,\n"
         "# from the IBM Debater(R) corpora in corpora/: Claim Stance Dataset v1 and IBM-ArgQ-Rank-30kArgs\n"
         "# ((c) IBM 2014, CC-BY-SA 3.0; claims from Wikipedia, (c) Wikipedia contributors, CC-BY-SA 3.0) and\n"
         "# ArgKP-2021 ((c) IBM 2021, CDLA-Sharing 1.0); the training split of the Cornell eRulemaking Corpus\n"
         "# (CDCP, corpora/cdcp: ODbL 1.0, contents DbCL 1.0, attribution in corpora/cdcp/ATTRIBUTION.md); and the\n"
         "# project's corpora/argmap-short/dev*.json (CC BY 4.0). Derived data under the same share-alike terms, with\n"
         "# this attribution (corpora/README.md). Rebuilt by `make imperatives`\n"
         "# (importers/mining/build_imperatives.py).\n")


def _csv_rows(archive: Path, member: str) -> Iterator[dict[str, str]]:
    with zipfile.ZipFile(archive) as z, z.open(member) as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))


def corpus_texts(corpora: Path = CORPORA) -> list[str]:
    """Every distinct text of the three IBM corpora, sorted (the counts do not depend on file order)."""
    texts: set[str] = set()
    with (corpora / "ibm-claim-stance" / "claim_stance_dataset_v1.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            texts.update((row["claims.claimCorrectedText"], row["topicText"]))
    for row in _csv_rows(corpora / "ibm-argq-30k" / "arg_quality_rank_30k.zip", "arg_quality_rank_30k.csv"):
        texts.update((row["argument"], row["topic"]))
    for row in _csv_rows(corpora / "ibm-argkp-2021" / "ArgKP-2021.zip", "ArgKP-2021_dataset.csv"):
        texts.update((row["argument"], row["key_point"], row["topic"]))
    for doc in read_cdcp(corpora / "cdcp" / "train"):
        texts.update(SENTENCE_END.split(doc.text))
    for doc in read_short_texts(short_training_files(corpora / "argmap-short")):
        texts.update(SENTENCE_END.split(doc.text))
    return sorted(t for t in texts if t.strip())


def _base_positions(words: list[str], adverbs: frozenset[str], to_verbs: frozenset[str] | None = None) -> Iterator[int]:
    """Indices of the words in the base-form position (after a base context, or after one and an adverb); after
    "to", which is a preposition too ("to the", "to people"), only the words of ``to_verbs`` (all: None)."""
    for i in range(1, len(words)):
        word = words[i]
        if word in adverbs or not word[0].isalpha():
            continue
        before = words[i - 1]
        if before not in BASE_CONTEXT and before in adverbs and i > 1:
            before = words[i - 2]
        if before in BASE_CONTEXT and (before != "to" or to_verbs is None or word in to_verbs):
            yield i


def find_to_verbs(sentences: list[list[str]]) -> frozenset[str]:
    """The words after "to" that stand after the other base contexts (a modal, "please") at least ``MODAL_SHARE``
    times as often: the infinitive's verbs, not the preposition's objects."""
    after_to: Counter[str] = Counter()
    after_modal: Counter[str] = Counter()
    for words in sentences:
        for i in range(1, len(words)):
            if words[i - 1] == "to":
                after_to[words[i]] += 1
            elif words[i - 1] in BASE_CONTEXT:
                after_modal[words[i]] += 1
    return frozenset(w for w, n in after_to.items() if after_modal[w] >= MODAL_SHARE * n)


def find_adverbs(sentences: list[list[str]]) -> frozenset[str]:
    """Words in the base-form position that mostly stand before another verb there ("not", "also", "never")."""
    base: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for words in sentences:
        total.update(words)
        base.update(words[i] for i in _base_positions(words, frozenset()))
    verbs = {w for w, n in base.items() if n >= VERB_SHARE * total[w]}
    before_verb: Counter[str] = Counter()
    for words in sentences:
        for i in _base_positions(words, frozenset()):
            if i + 1 < len(words) and words[i + 1] in verbs:
                before_verb[words[i]] += 1
    return frozenset(w for w, n in before_verb.items() if n > ADVERB_SHARE * base[w] and base[w] >= MIN_NEXT)


def build(texts: Iterable[str]) -> str:
    sentences = [tokens(t) + [END] for t in texts]
    adverbs = find_adverbs(sentences)
    to_verbs = find_to_verbs(sentences)
    base: Counter[str] = Counter()
    total: Counter[str] = Counter()
    after_verb: Counter[str] = Counter()
    after_other: Counter[str] = Counter()
    second_verb: Counter[str] = Counter()  # the word after next
    second_other: Counter[str] = Counter()
    for words in sentences:
        total.update(w for w in words if w[0].isalpha())
        positions = set(_base_positions(words, adverbs, to_verbs))
        for i in positions:
            base[words[i]] += 1
            if words[i] not in AUXILIARIES:
                after_verb[words[i + 1]] += 1
                second_verb[words[i + 2] if i + 2 < len(words) else END] += 1
        for i in range(len(words) - 1):
            if i not in positions and words[i][0].isalpha():
                after_other[words[i + 1]] += 1
                second_other[words[i + 2] if i + 2 < len(words) else END] += 1
    listed = sorted(w for w, n in total.items() if n >= (MIN_TOTAL if base[w] else MIN_TOTAL_NEVER_BASE))
    rare = [w for w, n in total.items() if n < MIN_TOTAL]
    nexts = sorted(w for w in set(after_verb) | set(after_other) if after_verb[w] + after_other[w] >= MIN_NEXT)
    seconds = sorted(w for w in set(second_verb) | set(second_other) if second_verb[w] + second_other[w] >= MIN_SECOND)
    listed_next, listed_second = set(nexts), set(seconds)
    other_verb = sum(n for w, n in after_verb.items() if w not in listed_next)
    other_other = sum(n for w, n in after_other.items() if w not in listed_next)
    other_second_verb = sum(n for w, n in second_verb.items() if w not in listed_second)
    other_second_other = sum(n for w, n in second_other.items() if w not in listed_second)
    suffixes: dict[str, list[float]] = {}
    for w in rare:
        if len(w) > SUFFIX + 1:
            share = suffixes.setdefault(w[-SUFFIX:], [0.0, 0.0])
            share[0] += base[w]
            share[1] += total[w]
    lines = [ABOUT.rstrip("\n"),
             f"# adverbs found between a base context and a verb (not counted as verbs): {' '.join(sorted(adverbs))}",
             f"setting\trare_base\t{sum(base[w] for w in rare)}",
             f"setting\trare_total\t{sum(total[w] for w in rare)}",
             f"setting\tsmoothing\t{SMOOTHING}"]
    lines += [f"word\t{w}\t{base[w]}\t{total[w]}" for w in listed]
    lines += [f"suffix\t{s}\t{int(b)}\t{int(t)}" for s, (b, t) in sorted(suffixes.items()) if t >= MIN_NEXT]
    lines += [f"next\t{w}\t{after_verb[w]}\t{after_other[w]}" for w in nexts]
    lines.append(f"next\t{OTHER}\t{other_verb}\t{other_other}")
    lines += [f"second\t{w}\t{second_verb[w]}\t{second_other[w]}" for w in seconds]
    lines.append(f"second\t{OTHER}\t{other_second_verb}\t{other_second_other}")
    return "\n".join(lines) + "\n"


SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
LABELS = CORPORA / "cdcp" / "imperative-labels.tsv"


def labelled_units(labels: Path = LABELS, corpora: Path = CORPORA) -> list[tuple[str, str, bool]]:
    """(split, unit text, imperative) for every CDCP unit: the hand labels, 0 for the units not listed."""
    marked: dict[tuple[str, str, int], bool] = {}
    for line in labels.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if line.startswith("#") or fields[0] == "split":
            continue
        marked[(fields[0], fields[1], int(fields[2]))] = fields[3] == "1"
    out = []
    for split in ("train", "test"):
        for doc in read_cdcp(corpora / "cdcp" / split):
            for k, (start, end) in enumerate(doc.spans):
                out.append((split, doc.text[start:end].strip(), marked.get((split, doc.id, k), False)))
    return out


def evaluate(units: list[tuple[str, str, bool]]) -> list[str]:
    """Precision / recall / F1 of the lexicon's detector and of the older verb list (``markers.IMPERATIVE_START``,
    a feature of the role models) on the labelled CDCP units, per split."""
    from importers.mining.markers import IMPERATIVE_START

    def verb_list(text: str) -> bool:
        return IMPERATIVE_START.match(text.lower()) is not None

    detectors: dict[str, Callable[[str], bool]] = {"verb list (markers.IMPERATIVE_START)": verb_list,
                                                   "lexicon (imperatives.opens_imperative)": opens_imperative}
    lines = ["| split | units | imperatives | detector | precision | recall | F1 |", "|---|---|---|---|---|---|---|"]
    for split in ("train", "test", "all"):
        chosen = [(t, y) for s, t, y in units if split in ("all", s)]
        for name, detect in detectors.items():
            hits = [(detect(t), y) for t, y in chosen]
            tp = sum(1 for d, y in hits if d and y)
            fp = sum(1 for d, y in hits if d and not y)
            fn = sum(1 for d, y in hits if y and not d)
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(f"| {split} | {len(chosen)} | {tp + fn} | {name} | {p:.3f} ({tp}/{tp + fp}) | {r:.3f} | "
                         f"{f:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m importers.mining.build_imperatives", description=__doc__)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="fail unless the rebuild equals the committed file")
    parser.add_argument("--eval", action="store_true", help="score the detector on the hand-labelled CDCP units")
    args = parser.parse_args(argv)
    if args.eval:
        print("\n".join(evaluate(labelled_units())))
        return
    built = build(corpus_texts())
    if args.check:
        if args.out.read_text(encoding="utf-8") != built:
            sys.exit(f"{args.out} differs from its rebuild: run `make imperatives`")
        print(f"{args.out}: rebuilt identically")
        return
    args.out.write_text(built, encoding="utf-8")
    print(f"wrote {args.out} ({len(built.splitlines())} lines)")


if __name__ == "__main__":
    main()
