"""Exact and near-duplicate detection on hand-written syndicated copies."""

from __future__ import annotations

from newsdesk.dedup import Deduper, normalise, text_hash
from newsdesk.model import Article

PARAGRAPHS = [
    "The harbour authority of the coastal city of Velmora said on Tuesday that it would close its "
    "northern container terminal for three weeks after a crane collapsed during an overnight storm, "
    "damaging two berths and a stretch of the quay wall.",
    "No one was hurt in the collapse, the authority said in a statement, but engineers needed time to "
    "inspect the foundations of the remaining cranes before ships could be allowed to dock again at the "
    "terminal, which handles about a third of the port's traffic.",
    "Shipping companies were told to divert vessels to the southern terminal, where officials expect "
    "queues of up to four days. The regional chamber of commerce warned that exporters of fruit and "
    "timber would face higher storage costs while the closure lasts.",
    "The port's director, Anika Rove, told reporters that insurers had already sent assessors and that "
    "a full report on the cause of the collapse would be published by the end of the month. She said "
    "the storm had brought gusts far above what the cranes were designed to withstand.",
    "Local unions called for an independent inquiry into maintenance at the port, saying they had raised "
    "concerns about corrosion on the northern cranes at least twice in the past year.",
]

SAME_TOPIC = (
    "Storm damage at Velmora port: a second look. Dock workers at Velmora gathered on Wednesday morning "
    "to watch repair crews lift debris from the quay, one day after the collapse of a container crane. "
    "Several of them said they had feared an accident for months. Anika Rove, who runs the port, "
    "defended the maintenance record and said inspections had been carried out on schedule. Traders in "
    "the old town worried that a long closure would hit the autumn fruit exports that keep many family "
    "firms afloat, while hauliers queued at the southern gate. The city council will debate an "
    "emergency fund for affected businesses next week, and the unions repeated their demand for an "
    "independent inquiry into the state of the northern cranes."
)


def article(aid: str, text: str, title: str = "Crane collapse shuts Velmora terminal") -> Article:
    return Article(
        id=aid,
        name=aid,
        url=None,
        title=title,
        author=None,
        date="2024-03-05",
        language="en",
        page_type="article",
        text=text,
    )


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def test_normalise_folds_case_punctuation_and_space() -> None:
    assert normalise("  The  PORT, closed!\n") == "the port closed"
    assert text_hash("The port — closed.") == text_hash("the   port closed")


def test_exact_duplicate_links_to_first_copy() -> None:
    d = Deduper()
    assert d.check_and_add(article("a", body(PARAGRAPHS))) is None
    link = d.check_and_add(article("b", body(PARAGRAPHS).upper(), title="Another headline"))
    assert link is not None
    assert (link.article_id, link.canonical_id, link.kind, link.similarity) == ("b", "a", "exact", 1.0)


def test_syndicated_variants_are_near_duplicates() -> None:
    d = Deduper()
    assert d.check_and_add(article("orig", body(PARAGRAPHS))) is None
    variants = {
        "trimmed": body(PARAGRAPHS[:-1]),
        "editor_note": "Editor's note: this story was updated to add comment from the unions.\n\n"
        + body(PARAGRAPHS),
        "boilerplate": "VELMORA (Coastal Wire) - "
        + body(PARAGRAPHS)
        + "\n\nCopyright 2024 Coastal Wire. All rights reserved. Reporting by staff; editing by desk.",
    }
    for aid, text in variants.items():
        link = d.check_and_add(article(aid, text, title=f"Headline for {aid}"))
        assert link is not None, aid
        assert link.canonical_id == "orig" and link.kind == "near"
        assert link.similarity >= 0.8


def test_distinct_article_on_same_topic_is_not_a_duplicate() -> None:
    d = Deduper()
    d.check_and_add(article("orig", body(PARAGRAPHS)))
    assert d.check_and_add(article("other", SAME_TOPIC)) is None


def test_short_brief_is_not_swallowed_by_long_article() -> None:
    d = Deduper()
    d.check_and_add(article("long", body(PARAGRAPHS)))
    assert d.check_and_add(article("brief", PARAGRAPHS[0])) is None


def test_signatures_reseed_a_new_deduper() -> None:
    first = Deduper()
    orig = article("orig", body(PARAGRAPHS))
    sig = first.signature(orig)
    assert len(sig) == 4 + 4 * 128  # shingle count + uint32 values
    reseeded = Deduper()
    reseeded.add_signature("orig", text_hash(orig.text), sig)
    near = reseeded.check_and_add(article("copy", body(PARAGRAPHS[:-1])))
    exact = reseeded.check_and_add(article("same", orig.text))
    assert near is not None and near.canonical_id == "orig"
    assert exact is not None and exact.kind == "exact"


def test_readding_the_same_article_is_not_a_duplicate_of_itself() -> None:
    d = Deduper()
    a = article("x", body(PARAGRAPHS))
    assert d.check_and_add(a) is None
    assert d.check_and_add(a) is None
    assert len(d) == 1


def test_fingerprint_is_the_stored_hash_and_the_signature() -> None:
    d = Deduper()
    full = article("full", body(PARAGRAPHS))
    blank = Article("blank", "blank", None, "t", None, None, "en", "article", "  ", tuple(PARAGRAPHS))
    for a in (full, blank):
        assert d.fingerprint(a) == (text_hash(a.text), d.signature(a))
    assert d.fingerprint(blank)[0] != text_hash("\n".join(PARAGRAPHS))  # the hash stored is of the text


def test_a_fingerprint_made_beforehand_gives_the_same_decisions() -> None:
    texts = [body(PARAGRAPHS), body(PARAGRAPHS[:-1]), SAME_TOPIC, body(PARAGRAPHS).upper()]
    stream = [article(f"a{i}", t) for i, t in enumerate(texts)]
    stream.append(Article("p", "p", None, "t", None, None, "en", "article", "", tuple(PARAGRAPHS)))
    plain, ready = Deduper(), Deduper()
    for a in stream:
        digest, signature = ready.fingerprint(a)
        assert plain.check_and_add(a) == ready.check_and_add(a, signature, digest)


def test_signatures_are_datasketchs_minhash_values() -> None:
    """The numpy signer must give datasketch's own ``affine32`` values: stores keep the signatures,
    and the writer's index compares them with datasketch."""
    from datasketch import MinHash

    from newsdesk.dedup import minhash_values, shingles

    for text in (body(PARAGRAPHS), SAME_TOPIC, "one two", ""):
        grams = shingles(text, 5)
        reference = MinHash(num_perm=128, scheme="affine32")
        if grams:
            reference.update_batch(grams)
        assert minhash_values(grams, 128).tolist() == reference.hashvalues.tolist()


def test_signing_does_not_import_the_index() -> None:
    import subprocess
    import sys

    code = ("import sys; from newsdesk.dedup import Deduper; from newsdesk.model import Article; "
            "Deduper().fingerprint(Article('a', 'a', None, None, None, None, 'en', 'article', 'some words here')); "
            "print('datasketch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]


def test_similarity_uses_datasketchs_jaccard_estimate() -> None:
    """Indexed articles keep signature bytes, not ``MinHash`` objects; the Jaccard estimate taken on
    those bytes must be the float datasketch's ``MinHash.jaccard`` gives for the same values."""
    from datasketch import MinHash

    from newsdesk.dedup import _jaccard, _parse_signature

    dedup = Deduper()
    texts = [body(PARAGRAPHS), body(PARAGRAPHS[:3]), body(PARAGRAPHS[1:]), SAME_TOPIC, "one two", ""]
    sketches = [_parse_signature(dedup.signature(article("x", t)), 128) for t in texts]
    for a in sketches:
        for b in sketches:
            reference = MinHash(num_perm=128, hashvalues=a.values, scheme="affine32").jaccard(
                MinHash(num_perm=128, hashvalues=b.values, scheme="affine32"))
            assert _jaccard(a.values, b.raw) == reference


def test_an_indexed_article_keeps_only_its_signature_bytes() -> None:
    """The writer's index holds every canonical article for the whole run: its entry is the
    signature it was given (not a copy, nor a datasketch object with its own copy of the values)."""
    dedup = Deduper()
    digest, signature = dedup.fingerprint(article("a", body(PARAGRAPHS)))
    assert dedup.check_and_add(article("a", body(PARAGRAPHS)), signature, digest) is None
    assert dedup._entries["a"] is signature
    dedup.add_signature("b", text_hash(SAME_TOPIC), dedup.signature(article("b", SAME_TOPIC)))
    assert isinstance(dedup._entries["b"], bytes)


def test_shingles_are_the_joined_word_grams() -> None:
    """Shingles cut from the encoded text are the word n-grams joined by a space and encoded, on
    texts with accents, ligatures, other scripts, odd spaces, and fewer words than a shingle."""
    import random

    from newsdesk.dedup import shingles

    words = ["the", "Crane", "collapsed", "Goražde", "ﬁnal", "Straße", "東京", "naïve", "1,200", "x",
             "Ünïcödé", "co-operate", "l'été", "—", "ab\u00a0cd", "tab\there", "new\nline", "«quoted»"]
    rng = random.Random(7)
    texts = ["", " ", "one", "one two three four five", "one two three four five six", body(PARAGRAPHS)]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    for text in texts:
        for size in (1, 3, 5):
            parts = normalise(text).split()
            if len(parts) <= size:
                expected = {" ".join(parts).encode("utf-8")} if parts else set()
            else:
                expected = {" ".join(parts[i:i + size]).encode("utf-8") for i in range(len(parts) - size + 1)}
            assert shingles(text, size) == expected, text
