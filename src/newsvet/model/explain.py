"""Additive explanations: why the model gave an article its score.

``Explanation.base + sum(c.value for c in contributions) == Explanation.logit``
holds exactly (the logit is computed as that sum). Values are in log-odds of
"reliable": a negative value pushes towards *unreliable*.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from ..signals.base import Evidence

__all__ = [
    "Contribution",
    "Explanation",
    "describe_value",
    "evidence_for",
    "feature_label",
    "lazy_explanation",
]

#: evidence spans a grouped (per-signal) reason quotes at most
GROUP_EVIDENCE = 12
#: member terms smaller than this (log-odds) are not spelled out in a grouped reason
MIN_REASON = 0.02


@dataclass(frozen=True, slots=True)
class Contribution:
    """One term of the logit.

    ``feature`` is ``"<signal>.<value>"``, ``"wording"`` (the lexical model),
    or ``"prior:<signal>.<value>"`` for an expert prior that was not learnt
    (see ``docs/model.md``).
    """

    feature: str
    label: str
    feature_value: float | None
    value: float
    signal: str | None
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    learnt: bool = True

    @property
    def direction(self) -> str:
        return "unreliable" if self.value < 0 else "reliable" if self.value > 0 else "neutral"

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "label": self.label,
            "feature_value": self.feature_value,
            "value": self.value,
            "direction": self.direction,
            "signal": self.signal,
            "learnt": self.learnt,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    base: float
    contributions: tuple[Contribution, ...]
    logit: float
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def top_reasons(
        self,
        k: int = 5,
        direction: str | None = "unreliable",
        *,
        grouped: bool = True,
        min_value: float = MIN_REASON,
    ) -> tuple[Contribution, ...]:
        """The ``k`` strongest reasons, as Contributions.

        ``direction``: ``"unreliable"`` (negative values), ``"reliable"``
        (positive) or ``None`` (both, by absolute size). With ``grouped`` (the
        default) the features of one signal are summed into one reason whose
        evidence is the signal's evidence; ``grouped=False`` gives the
        per-feature terms. Terms smaller than ``min_value`` log-odds are left
        out: they do not move the verdict and would only add noise.
        """
        _check_direction(direction)
        if not grouped:
            return tuple(_strongest(self.contributions, k, direction, min_value))
        # a group's value is its members' sum: the groups are ranked on their
        # values first and only those returned are put together (their
        # reasons and evidence are most of the work)
        totals, members_of = self._group_values()
        chosen = _strongest(totals, k, direction, min_value)
        groups = members_of({g.feature for g in chosen}) if chosen else {}
        return tuple(_group(g.feature, groups[g.feature], g.value) for g in chosen)

    def _group_values(
        self,
    ) -> tuple[list[_GroupValue], Callable[[set[str]], dict[str, list[Contribution]]]]:
        """Each group's key and value, and a function giving the members of
        some groups by key."""
        groups = _by_group(self.contributions)
        totals = [_GroupValue(key, _group_value(members)) for key, members in groups.items()]
        return totals, lambda _keys: groups

    def grouped(self) -> tuple[Contribution, ...]:
        """One Contribution per signal (and one for the wording), values summed."""
        return tuple(
            _group(key, members, _group_value(members))
            for key, members in _by_group(self.contributions).items()
        )

    def by_signal(self) -> dict[str, float]:
        """Contributions summed per signal (``"wording"`` for the lexical term)."""
        out: dict[str, float] = {}
        for c in self.contributions:
            key = c.signal or c.feature
            out[key] = out.get(key, 0.0) + c.value
        return out

    def check(self, *, tol: float = 1e-9) -> bool:
        total = self.base + math.fsum(c.value for c in self.contributions)
        return abs(total - self.logit) <= tol

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "logit": self.logit,
            "contributions": [c.to_dict() for c in self.contributions],
            "by_signal": self.by_signal(),
        }


def _check_direction(direction: str | None) -> None:
    if direction not in (None, "unreliable", "reliable"):
        raise ValueError(f"direction must be 'unreliable', 'reliable' or None, not {direction!r}")


_CONTRIBUTIONS = Explanation.__dict__["contributions"]  # the slot's descriptor
_Build = Callable[[Collection[str] | None], tuple[Contribution, ...]]


class _LazyExplanation(Explanation):
    """An Explanation whose contributions are put together when first read
    (:func:`lazy_explanation`); before that, :meth:`top_reasons` puts together
    only the members of the groups it returns. Equal to the Explanation it stands for;
    pickles and copies as one."""

    __slots__ = ("_build", "_totals")
    _build: _Build | None
    _totals: list[tuple[str, float]]

    @property  # type: ignore[override]
    def contributions(self) -> tuple[Contribution, ...]:
        try:
            return _CONTRIBUTIONS.__get__(self, Explanation)  # type: ignore[no-any-return]
        except AttributeError:
            build = self._build
            if build is None:  # pragma: no cover - never unset with no contributions
                raise
            cs = build(None)
            _CONTRIBUTIONS.__set__(self, cs)
            object.__setattr__(self, "_build", None)  # what building needed can go
            return cs

    @contributions.setter
    def contributions(self, value: tuple[Contribution, ...]) -> None:
        _CONTRIBUTIONS.__set__(self, value)

    def _group_values(
        self,
    ) -> tuple[list[_GroupValue], Callable[[set[str]], dict[str, list[Contribution]]]]:
        build = getattr(self, "_build", None)
        if build is None:  # the contributions are there
            return Explanation._group_values(self)

        return [_GroupValue(key, v) for key, v in self._totals], lambda keys: _by_group(build(keys))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Explanation):
            return NotImplemented
        return (self.base, self.contributions, self.logit) == (
            other.base, other.contributions, other.logit
        )

    __hash__ = Explanation.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return (Explanation, (self.base, self.contributions, self.logit, self.extra))


def lazy_explanation(
    base: float, logit: float, totals: list[tuple[str, float]], build: _Build
) -> Explanation:
    """An Explanation of ``base`` and ``logit`` whose contributions ``build(None)``
    makes when first read. ``totals``: each group's key and value (the sum of
    its members' values, as :meth:`Explanation.top_reasons` adds them), in
    the order of the groups' first members; ``build(keys)`` makes the
    contributions of those groups only, in order."""
    e = object.__new__(_LazyExplanation)
    for name, value in (("base", base), ("logit", logit), ("extra", {}),
                        ("_build", build), ("_totals", totals)):
        object.__setattr__(e, name, value)
    return e


class _GroupValue(NamedTuple):
    """A group's key and value, ranked before the group is put together."""

    feature: str
    value: float


def _by_group(contributions: Iterable[Contribution]) -> dict[str, list[Contribution]]:
    """The contributions by signal (the wording on its own), in order."""
    groups: dict[str, list[Contribution]] = {}
    for c in contributions:
        groups.setdefault(c.signal or c.feature, []).append(c)
    return groups


def _is_wording(members: list[Contribution]) -> bool:
    """A group that is one term of no signal (the wording): kept as it is."""
    return len(members) == 1 and members[0].signal is None


def _group_value(members: list[Contribution]) -> float:
    return members[0].value if _is_wording(members) else math.fsum(c.value for c in members)


_C = TypeVar("_C", Contribution, _GroupValue)


def _strongest(
    cs: Iterable[_C], k: int, direction: str | None, min_value: float
) -> list[_C]:
    """The ``k`` largest of ``cs`` by size in ``direction`` (see ``top_reasons``)."""
    if direction == "unreliable":
        cs = [c for c in cs if c.value < 0]
    elif direction == "reliable":
        cs = [c for c in cs if c.value > 0]
    else:
        cs = [c for c in cs if c.value != 0]
    cs = [c for c in cs if abs(c.value) >= min_value]
    return sorted(cs, key=lambda c: (-abs(c.value), c.feature))[: max(0, k)]


def _group(key: str, members: list[Contribution], total: float) -> Contribution:
    """One signal's Contribution: its members' sum ``total``, their leading
    reasons and their evidence."""
    if _is_wording(members):
        return members[0]
    ranked = sorted(members, key=lambda c: -abs(c.value))
    # reasons that agree with the group's direction first
    agree = [c for c in ranked if (c.value < 0) == (total < 0) and c.value != 0]
    # the members that matter (not features sitting near their mean),
    # each distinct sentence once
    floor = max(MIN_REASON, 0.1 * abs(total))
    parts: list[str] = []
    for c in agree:
        if abs(c.value) < floor or len(parts) >= 3:
            break
        head = c.reason.split(" (", 1)[0]
        if all(p.split(" (", 1)[0] != head for p in parts):
            parts.append(c.reason)
    parts = parts or [ranked[0].reason]
    # evidence round-robin over the members (strongest first), so each
    # reason shows some of its own spans
    evidence: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    if len({c.feature for c in members}) == len(members):
        # distinct features: a member is in ``agree`` only as itself
        chosen = {id(c) for c in agree}
        rest = [c for c in ranked if id(c) not in chosen]
    else:
        rest = [c for c in ranked if c not in agree]
    queues = [list(c.evidence) for c in agree + rest]
    while any(queues) and len(evidence) < GROUP_EVIDENCE:
        for q in queues:
            while q:
                e = q.pop(0)
                if (e.field, e.start, e.end) not in seen:
                    seen.add((e.field, e.start, e.end))
                    evidence.append(e)
                    break
    label = _signal_label(key)
    return Contribution(
        feature=key,
        label=label,
        feature_value=None,
        value=total,
        signal=key,
        evidence=tuple(evidence[:GROUP_EVIDENCE]),
        reason=f"{label[:1].upper()}{label[1:]}: " + "; ".join(parts),
        learnt=all(c.learnt for c in members),
    )


# ------------------------------------------------------------------ wording
_SIGNAL_LABELS = {
    "hedging": "hedged claims",
    "unattributed_figures": "figures and their sources",
    "seo_filler": "SEO filler and page furniture",
    "comment_bots": "the comment section",
    "sourcing": "sourcing (byline, date, named sources)",
    "readability": "style and readability",
    "clickbait": "the headline (clickbait)",
    "ai_markers": "machine-rewrite register (AI markers)",
}


def _signal_label(signal: str) -> str:
    return _SIGNAL_LABELS.get(signal, signal.replace("_", " "))


_PLAIN: dict[str, str] = {
    # readability
    "readability.flesch_reading_ease": "reading ease (Flesch)",
    "readability.flesch_kincaid_grade": "school grade of the prose (Flesch-Kincaid)",
    "readability.chars_per_word": "letters per word",
    "readability.words_log": "article length",
    "readability.mattr": "vocabulary variety",
    "readability.sentence_words_mean": "sentence length",
    "readability.sentence_words_std": "spread of sentence lengths",
    "readability.sentence_words_cv": "variation of sentence lengths",
    "readability.exclaim_per_sentence": "exclamation marks",
    "readability.question_per_sentence": "question marks",
    "readability.quote_share": "share of quoted text",
    "readability.caps_word_share": "words in capitals",
    "readability.paragraph_words_mean": "paragraph length",
    "readability.paragraph_words_cv": "variation of paragraph lengths",
    "readability.one_sentence_paragraph_share": "one-sentence paragraphs",
    # unattributed_figures
    "unattributed_figures.figures": "figures in the text",
    "unattributed_figures.unattributed_share": "figures with no source",
    "unattributed_figures.vague_share": "figures credited only to a vague source",
    "unattributed_figures.attributed_share": "figures credited to a named source",
    "unattributed_figures.hedged_figure_share": "figures with a hedged quantity such as \"up to\"",
    "unattributed_figures.conflicting_groups": "figures of the same thing that disagree",
    "unattributed_figures.figures_per_100_words": "figures per 100 words",
    # hedging
    "hedging.sentences": "article length in sentences",
    "hedging.uncertain_sentences": "uncertain sentences in the author's own voice",
    "hedging.uncertain_share": "share of uncertain sentences in the author's own voice",
    "hedging.cues_per_100_words": "hedge words in the author's own voice per 100 words",
    "hedging.attributed_hedges_share": "hedges inside quoted or attributed speech",
    "hedging.weasel_share": "sentences with weasel words such as \"experts say\"",
    "hedging.title_hedged": "a hedged headline",
    # seo_filler
    "seo_filler.boilerplate_share": "share of the page that is not the article",
    "seo_filler.recommendation_blocks": "recommendation link boxes",
    "seo_filler.recommendation_drift": "recommended links unrelated to the article",
    "seo_filler.title_repeats": "lines repeating the headline",
    "seo_filler.title_body_overlap": "headline words found in the article",
    "seo_filler.title_figures_unmatched": "headline figures the article never mentions",
    "seo_filler.scaffold_blocks": "SEO scaffold headings such as \"What You Will Learn\"",
    "seo_filler.chrome_blocks": "site-chrome lines and blocks",
    "seo_filler.generic_closers": "generic closing sentences",
    "seo_filler.filler_per_100_words": "filler phrases per 100 words",
    # comment_bots
    "comment_bots.comments": "comments",
    "comment_bots.timing_regularity": "regularity of comment timing",
    "comment_bots.gap_cv": "variation of the gaps between comments",
    "comment_bots.identical_gap_share": "comments posted at identical intervals",
    "comment_bots.near_duplicate_share": "near-duplicate comments",
    "comment_bots.generic_share": "generic one-line comments",
    "comment_bots.shared_register": "comments in one shared formal register",
    "comment_bots.style_uniformity": "uniform comment style",
    "comment_bots.reply_chain_share": "comments replying to the previous commenter by name",
    "comment_bots.spam_share": "link or promotion spam comments",
    "comment_bots.placeholder_avatar_share": "comments with a placeholder avatar",
    # sourcing
    "sourcing.has_byline": "byline",
    "sourcing.has_date": "publication date",
    "sourcing.has_dateline": "wire-style dateline",
    "sourcing.source_links": "links to sources",
    "sourcing.policy_links": "links to corrections, about or contact pages",
    "sourcing.named_sources": "named sources quoted or cited",
    "sourcing.repost_markers": "re-post markers such as \"[Source: ...]\"",
    "sourcing.sponsored": "labelled as sponsored",
    "sourcing.opinion": "labelled as opinion",
    # clickbait
    "clickbait.probability": "clickbait probability of the headline",
    "clickbait.words": "headline length in words",
    "clickbait.hyperbolic_words": "hyperbolic words in the headline",
    "clickbait.bait_phrases": "bait phrases in the headline",
    "clickbait.forward_reference": "a headline that withholds its point, such as \"This is why\"",
    "clickbait.starts_with_number": "a headline starting with a number",
    "clickbait.second_person": "\"you\" in the headline",
    "clickbait.question": "a question in the headline",
    "clickbait.exclamation": "an exclamation mark in the headline",
    "clickbait.stopword_share": "function words in the headline",
    "clickbait.caps_words": "words in capitals in the headline",
    # ai_markers
    "ai_markers.probability": "probability of a machine-rewrite register",
    "ai_markers.words": "article length in words",
    "ai_markers.stock_openers": "stock openers such as \"In a surprising turn of events\"",
    "ai_markers.stock_closers": "stock closers such as \"only time will tell\"",
    "ai_markers.slop_per_100_words": "stock LLM words such as \"pivotal\" per 100 words",
    "ai_markers.ing_tails_per_sentence": "\", highlighting ...\" tails per sentence",
    "ai_markers.transitions_per_sentence": "\"Moreover\"/\"Furthermore\" openers per sentence",
    "ai_markers.list_scaffold_share": "bulleted or numbered lines",
    "ai_markers.sentence_cv": "variation of sentence lengths, low when the rhythm is uniform",
    "ai_markers.gap_burstiness": "burstiness of repeated words, low when evenly spread",
    "ai_markers.mattr_cv": "variation of vocabulary variety along the text",
    "ai_markers.quote_share": "share of quoted text",
    "ai_markers.said_per_sentence": "\"said\" attributions per sentence",
    "ai_markers.stated_per_sentence": "\"stated\"/\"noted\" attributions per sentence",
}

_SHARE_HINTS = (
    "share",
    "ratio",
    "regularity",
    "overlap",
    "drift",
    "uniformity",
    "mattr",
    "_cv",
    "hedged",
)


@lru_cache(maxsize=4096)
def feature_label(feature: str) -> str:
    """Plain words for a feature name."""
    if feature in _PLAIN:
        return _PLAIN[feature]
    signal, _, value = feature.partition(".")
    words = value.replace("_per_100_words", " per 100 words").replace("_", " ")
    name = {"seo_filler": "SEO filler"}.get(signal, signal.replace("_", " "))
    return f"{name}: {words}"


@lru_cache(maxsize=4096)
def _value_kind(feature: str) -> tuple[bool, bool]:
    """(shown as a percentage when in [0, 1], shown as yes/no when 0 or 1)."""
    _, _, value = feature.partition(".")
    share = any(h in value for h in _SHARE_HINTS) and not value.endswith("_cv")
    flag = value.startswith(("has_", "title_hedged", "sponsored", "opinion"))
    return share, flag


@lru_cache(maxsize=4096)
def _describe_typical(feature: str, typical: float, _negative: bool = False) -> str:
    return describe_value(feature, typical)


def describe_value(feature: str, v: float | None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "not measurable"
    return _describe(feature == "readability.words_log", *_value_kind(feature), v)


def _describe(words_log: bool, share: bool, flag: bool, v: float) -> str:
    """:func:`describe_value` of a number that is not NaN, the feature's kind given."""
    if words_log:
        return f"{round(math.expm1(v))} words"
    if share and 0.0 <= v <= 1.0:
        return f"{100 * v:.0f}%"
    if flag and v in (0.0, 1.0):
        return "yes" if v else "no"
    if float(v).is_integer():
        return f"{int(v)}"
    return f"{v:.2f}"


def _apart(kind: tuple[bool, bool, bool], v: float, typical: float) -> tuple[str, str]:
    """``v`` and the training median written with enough digits to differ
    ("0.3%" and "0%" rather than "0%" twice): for when :func:`_describe`
    gives both the same text although they differ."""
    words_log, share, _flag = kind
    if words_log:
        return _describe(*kind, v), _describe(*kind, typical)
    scale, unit = (100.0, "%") if share and 0.0 <= v <= 1.0 and 0.0 <= typical <= 1.0 else (1.0, "")
    for digits in range(1, 7):
        a, b = f"{scale * v:.{digits}f}{unit}", f"{scale * typical:.{digits}f}{unit}"
        if a != b:
            return a, b
    return a, b


# words in evidence reasons that belong to a feature (matched on 5-letter prefixes)
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("headline", "title"),
    "timing": ("posted", "apart", "interval", "timing", "regular"),
    "regularity": ("posted", "apart", "regular"),
    "gap": ("posted", "apart", "gap"),
    "identical": ("exactly", "identical"),
    "recommendation": ("recommend", "link box", "related"),
    "drift": ("unrelated", "drift"),
    "chrome": ("chrome", "widget", "navigation", "loading", "menu", "tags"),
    "repost": ("re-post", "repost", "source:", "originally", "first appeared", "via"),
    "closers": ("closing", "closer"),
    "reply": ("addresses", "reply"),
    "figures": ("figure", "number"),
    "boilerplate": ("boilerplate", "furniture", "not article"),
    "duplicate": ("duplicate", "repeat", "same text"),
    "unmatched": ("does not appear", "unmatched", "not in the"),
    "uncertain": ("hedg", "uncertain", "may", "might"),
    "weasel": ("weasel", "vague", "some say", "experts"),
    "unattributed": ("unattributed", "no source", "unnamed"),
    "vague": ("vague", "reports", "unnamed"),
    "attributed": ("attributed", "according"),
    "named": ("named", "said", "according"),
    "sources": ("source",),
    "exclaim": ("exclamation",),
    "caps": ("capitals",),
    "avatar": ("avatar",),
    "register": ("register",),
    "generic": ("generic",),
    "spam": ("spam",),
    "byline": ("byline", "author"),
    "date": ("date",),
    "dateline": ("dateline",),
    "links": ("link",),
    "sponsored": ("sponsored", "paid", "advertorial"),
    "opinion": ("opinion", "commentary", "op-ed"),
    "scaffold": ("scaffold",),
    "filler": ("filler",),
}
_GENERIC_WORDS = frozenset(
    ["share", "per", "100", "words", "blocks", "has", "count", "sentences", "title_hedged"]
)


@lru_cache(maxsize=4096)
def _keywords(feature: str) -> tuple[str, ...]:
    _, _, value = feature.partition(".")
    words = [w for w in value.split("_") if w and w not in _GENERIC_WORDS and not w.isdigit()]
    out: list[str] = []
    for w in words:
        out.extend(_SYNONYMS.get(w, (w[:5],)))
    return tuple(dict.fromkeys(k.lower() for k in out))


@lru_cache(maxsize=4096)
def _matcher(feature: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Regexes telling whether an evidence reason speaks of ``feature``: one
    for its phrases (anywhere in the lower-cased reason), one for its word
    prefixes (at the start of a word of the reason, quotes read as spaces)."""
    keys = _keywords(feature)
    phrases = [re.escape(k) for k in keys if " " in k]
    prefixes = [re.escape(k) for k in keys if " " not in k]
    return (
        re.compile("|".join(phrases)) if phrases else None,
        re.compile(r"(?<!\S)(?:" + "|".join(prefixes) + ")") if prefixes else None,
    )


def evidence_for(feature: str, evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """The spans of a signal's evidence whose reason speaks of ``feature``."""
    phrases, prefixes = _matcher(feature)
    if phrases is None and prefixes is None:
        return ()
    out = []
    for e in evidence:
        r = e.reason.lower()
        if (phrases is not None and phrases.search(r)) or (
            prefixes is not None and prefixes.search(r.replace('"', " "))
        ):
            out.append(e)
    return tuple(out)


_SPECIAL: dict[tuple[str, float | None], str] = {
    ("sourcing.has_byline", 0.0): "No byline: the article names no author",
    ("sourcing.has_byline", 1.0): "A named author (byline)",
    ("sourcing.has_date", 0.0): "No publication date found",
    ("sourcing.has_date", 1.0): "A publication date",
    ("sourcing.has_dateline", 1.0): "A wire-style dateline",
    ("sourcing.has_dateline", 0.0): "No dateline",
}


class FeatureReasons:
    """:func:`feature_reason` for the features of one model, with what does not
    depend on the article worked out once (labels, kinds, the training
    medians' wording): ``reason(j, v, value, evidence)`` for feature ``j``
    gives the same string as ``feature_reason(feature, v, typical, value,
    learnt=learnt, evidence=evidence)``."""

    __slots__ = ("_evidence_head", "_kind", "_plain", "_special", "_typical")

    def __init__(
        self, features: Iterable[str], typical: Iterable[float | None], learnt: Iterable[bool]
    ) -> None:
        self._kind: list[tuple[bool, bool, bool]] = []
        # (feature label + ": ", push tail if value >= 0, push tail if value < 0)
        self._evidence_head: list[tuple[str, str, str]] = []
        # ("Label: ", tail if value >= 0, tail if value < 0, the same two tails
        # when not measured) without evidence
        self._plain: list[tuple[str, str, str, str, str]] = []
        self._special: list[dict[float, tuple[str, str]] | None] = []
        # (the training median, its text, the two push tails) when it is quoted
        self._typical: list[tuple[float, str, str, str] | None] = []
        for f, t, lrn in zip(features, typical, learnt, strict=True):
            self._kind.append((f == "readability.words_log", *_value_kind(f)))
            label = feature_label(f)
            pushes = ["pushes towards reliable", "pushes towards unreliable"]
            if not lrn:
                pushes = [p + "; an expert prior, not learnt from data" for p in pushes]
            self._evidence_head.append((f"{label}: ", f"; {pushes[0]})", f"; {pushes[1]})"))
            typ = ""
            if t is not None and lrn:
                neg = math.copysign(1.0, t) < 0
                typ = f" (typical in training: {_describe_typical(f, t, neg)})"
                self._typical.append(
                    (t, _describe_typical(f, t, neg), f" ({pushes[0]})", f" ({pushes[1]})")
                )
            else:
                self._typical.append(None)
            self._plain.append(
                (
                    f"{label[:1].upper()}{label[1:]}: ",
                    f"{typ} ({pushes[0]})",
                    f"{typ} ({pushes[1]})",
                    f" ({pushes[0]})",  # not measured: no typical value quoted
                    f" ({pushes[1]})",
                )
            )
            special = {
                v: (f"{text} ({pushes[0]})", f"{text} ({pushes[1]})")
                for (sf, v), text in _SPECIAL.items()
                if sf == f and v is not None
            }
            self._special.append(special or None)

    def reason(self, j: int, v: float | None, value: float, evidence: tuple[Evidence, ...]) -> str:
        neg = value < 0
        if v is None or v != v:  # noqa: PLR0124 (None or NaN)
            got = "not measurable"
        else:
            got = _describe(*self._kind[j], v)
        if evidence:
            r = evidence[0].reason
            if r:
                head, pos, negative = self._evidence_head[j]
                return f"{r[:1].upper()}{r[1:]} ({head}{got}{negative if neg else pos}"
        special = self._special[j]
        if special is not None and v is not None:
            texts = special.get(v)
            if texts is not None:
                return texts[neg]
        head, pos, negative, pos_none, negative_none = self._plain[j]
        if v is None:
            return f"{head}{got}{negative_none if neg else pos_none}"
        typical = self._typical[j]
        if typical is not None and got == typical[1] and v != typical[0]:
            got, typ = _apart(self._kind[j], v, typical[0])
            return f"{head}{got} (typical in training: {typ}){typical[3] if neg else typical[2]}"
        return f"{head}{got}{negative if neg else pos}"


_new = object.__new__
_SET_CONTRIBUTION = tuple(Contribution.__dict__[n].__set__ for n in Contribution.__slots__)
assert Contribution.__slots__ == (
    "feature", "label", "feature_value", "value", "signal", "evidence", "reason", "learnt"
)  # fmt: skip


def new_contribution(
    feature: str,
    label: str,
    feature_value: float | None,
    value: float,
    signal: str | None,
    evidence: tuple[Evidence, ...],
    reason: str,
    learnt: bool,
) -> Contribution:
    """``Contribution(...)`` with its fields in order, without the frozen
    dataclass's ``__init__`` (which sets each field through
    ``object.__setattr__``): the same object, made faster."""
    c = _new(Contribution)
    s1, s2, s3, s4, s5, s6, s7, s8 = _SET_CONTRIBUTION
    s1(c, feature)
    s2(c, label)
    s3(c, feature_value)
    s4(c, value)
    s5(c, signal)
    s6(c, evidence)
    s7(c, reason)
    s8(c, learnt)
    return c


def feature_reason(
    feature: str,
    v: float | None,
    typical: float | None,
    value: float,
    *,
    learnt: bool = True,
    evidence: tuple[Evidence, ...] = (),
) -> str:
    """A sentence a person can check against the article.

    When the signal gave evidence for this feature, its reason (the signal's
    own plain sentence, e.g. "15 of 16 comments were posted exactly 6 d 8 h
    55 min apart") leads.
    """
    push = "pushes towards unreliable" if value < 0 else "pushes towards reliable"
    if evidence and evidence[0].reason:
        r = evidence[0].reason
        if not learnt:
            push += "; an expert prior, not learnt from data"
        head = f"{feature_label(feature)}: {describe_value(feature, v)}"
        return f"{r[:1].upper()}{r[1:]} ({head}; {push})"
    label = feature_label(feature)
    got = describe_value(feature, v)
    special = _SPECIAL.get((feature, v))
    if special:
        if not learnt:
            push += "; an expert prior, not learnt from data"
        return f"{special} ({push})"
    if v is None:
        s = f"{label[:1].upper()}{label[1:]}: {got}"
    else:
        s = f"{label[:1].upper()}{label[1:]}: {got}"
        if typical is not None and learnt:
            # a feature's training median, the same for every article: cached
            # (the sign is in the key: -0.0 == 0.0 but prints as "-0")
            neg = math.copysign(1.0, typical) < 0
            typ = _describe_typical(feature, typical, neg)
            if typ == got and v != typical:
                kind = (feature == "readability.words_log", *_value_kind(feature))
                got, typ = _apart(kind, v, typical)
                s = f"{label[:1].upper()}{label[1:]}: {got}"
            s += f" (typical in training: {typ})"
    if not learnt:
        push += "; an expert prior, not learnt from data"
    return f"{s} ({push})"
