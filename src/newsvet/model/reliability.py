"""The trained reliability model as callers use it: Document + signals -> Prediction."""

from __future__ import annotations

import logging
import math
from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, islice
from typing import Any

import numpy as np

from ..errors import ModelError
from ..ingest.document import Document
from ..signals.base import REGISTRY, Evidence, Signal
from .explain import (
    Contribution,
    Explanation,
    FeatureReasons,
    _keywords,
    feature_label,
    lazy_explanation,
    new_contribution,
)
from .features import TITLE_PREFIX, hash_ngrams, signal_row, tokenize_document
from .stack import ReliabilityStack

__all__ = ["Model", "Prediction"]

logger = logging.getLogger("newsvet.model")

#: how many influential words/phrases the wording contribution quotes
WORDING_EVIDENCE = 8
#: evidence spans attached to one feature contribution at most
FEATURE_EVIDENCE = 8
#: evidence reasons whose feature matches are remembered (per model)
_MASK_CACHE = 50_000


@dataclass(frozen=True, slots=True)
class Prediction:
    #: calibrated probability that the article comes from a reliable source
    reliability: float
    #: uncalibrated log-odds of "reliable" (== explanation.logit)
    logit: float
    explanation: Explanation


@dataclass
class Model:
    """A trained model with its provenance. Use :func:`newsvet.model.load_model`."""

    stack: ReliabilityStack
    name: str = "newsvet-reliability"
    version: str = "1"
    signal_versions: dict[str, str] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    data_hash: str = ""
    info: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""

    @property
    def feature_names(self) -> tuple[str, ...]:
        return self.stack.feature_names

    @property
    def signals(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.partition(".")[0] for f in self.feature_names))

    # ------------------------------------------------------------ checking
    def check_signals(self, *, strict: bool = True) -> list[str]:
        """Problems between the model's signals and the registry (raise if strict)."""
        problems = []
        for name, v in self.signal_versions.items():
            spec = REGISTRY.get(name)
            if spec is None:
                problems.append(f"signal {name!r} is not registered")
            elif spec.version != v:
                problems.append(
                    f"signal {name!r} is version {spec.version}, the model was trained "
                    f"on version {v}"
                )
        known = {f for s in REGISTRY.values() for f in s.feature_names}
        gone = [f for f in self.feature_names if f not in known]
        if gone:
            problems.append(f"features no longer reported: {gone[:5]}")
        if problems and strict:
            raise ModelError(
                "the model does not match the installed signals ("
                + "; ".join(problems)
                + "); retrain it (newsvet labelled build && newsvet train) or pass strict=False"
            )
        return problems

    # ---------------------------------------------------------- prediction
    def _signals_for(
        self, doc: Document, signals: Mapping[str, Signal] | None
    ) -> dict[str, Signal]:
        sigs = dict(signals or {})
        for name in self._plan().signal_names:
            if name not in sigs and name in REGISTRY:
                sigs[name] = REGISTRY[name](doc, lang=doc.metadata.language or "en")
        return sigs

    def predict(self, doc: Document, signals: Mapping[str, Signal] | None = None) -> Prediction:
        """Rate one Document; ``signals`` are the outputs of the registry for it.

        Signals the caller did not pass are computed here.
        """
        return self.predict_many([doc], [signals] if signals is not None else None)[0]

    def predict_many(
        self,
        docs: Sequence[Document],
        signals_list: Sequence[Mapping[str, Signal] | None] | None = None,
        *,
        lazy: bool = False,
    ) -> list[Prediction]:
        """Rate many Documents at once (vectorised scoring).

        ``lazy``: each explanation puts its contributions together only when
        they are first read, and ``top_reasons`` before that only those of the
        reasons it returns (the same values; for callers that show a few
        reasons of many articles, as batch audits do).
        """
        if isinstance(docs, (str, bytes, Document)):
            raise TypeError("predict_many expects a sequence of Documents")
        docs = list(docs)
        if signals_list is None:
            signals_list = [None] * len(docs)
        if len(signals_list) != len(docs):
            raise ValueError("docs and signals_list differ in length")
        sigs = [self._signals_for(d, s) for d, s in zip(docs, signals_list)]
        if not docs:
            return []
        dense = np.vstack([signal_row(s, self.feature_names) for s in sigs])
        # the wording term, one document at a time without scipy (see
        # _Lexical.row): each text is tokenised once, for the counts and for
        # the evidence
        lexical = self.stack.lexical
        n_features = len(lexical.idf)
        rows = []
        for d in docs:
            body, title = tokenize_document(d)
            # every n-gram's column, each counted once: the row sums the
            # counts of a column (whole numbers: the same sums as from the
            # distinct n-grams and their counts, which only an explanation of
            # the wording needs, see _wording_contribution)
            title_grams = [TITLE_PREFIX + g for g in title.grams]
            cols = np.concatenate((body.columns(n_features), hash_ngrams(title_grams, n_features)))
            rows.append((body, title, lexical.row(cols, np.ones(len(cols), dtype=np.int64))))
        z = np.array([r[2][2] for r in rows])
        wording, learnt, prior = self.stack.feature_terms_z(dense, z)
        logits = np.empty(len(docs))
        out: list[Explanation] = []
        for i, doc in enumerate(docs):
            expl = self._explain(
                doc, sigs[i], dense[i], wording[i], learnt[i], prior[i], rows[i], lazy=lazy
            )
            logits[i] = expl.logit
            out.append(expl)
        probs = self.stack.calibrator(logits)
        return [Prediction(float(p), e.logit, e) for p, e in zip(probs, out)]

    # --------------------------------------------------------- explanation
    def _explain(
        self,
        doc: Document,
        sigs: Mapping[str, Signal],
        row: np.ndarray,
        wording: float,
        learnt: np.ndarray,
        prior: np.ndarray,
        lex_row: tuple[Any, ...],
        *,
        lazy: bool = False,
    ) -> Explanation:
        plan = self._plan()
        values = np.where(plan.is_prior_mask, prior, learnt)
        terms = np.flatnonzero(values).tolist()  # terms equal to 0 are left out
        vs = values.tolist()
        use_wording = self.stack.stacker.use_wording
        wording = float(wording)
        base = float(self.stack.base)
        # the logit is the sum of the contributions' values (fsum: exact, in any order)
        logit = base + math.fsum(([wording] if use_wording else []) + [vs[j] for j in terms])

        def build(only: Collection[str] | None) -> tuple[Contribution, ...]:
            """The contributions in order (of the groups in ``only``, or all)."""
            out: list[Contribution] = []
            if use_wording and (only is None or "wording" in only):
                out.append(self._wording_contribution(doc, wording, lex_row))
            xs = row.tolist()
            features, signals, labels, learnt_of = plan.features, plan.signals, plan.labels, plan.learnt
            reason_of = plan.reasons.reason
            # per signal: which features each evidence reason speaks of (bit masks)
            reasons: dict[str, tuple[list[int], int]] = {}
            bits, reason_masks, FE = plan.bits, plan.reason_masks, FEATURE_EVIDENCE
            append = out.append
            for j in terms:
                signal = signals[j]
                if only is not None and signal not in only:
                    continue
                v = vs[j]
                x = xs[j]
                if x != x:  # noqa: PLR0124 (NaN: not measured)
                    x = None
                s = sigs.get(signal)
                bit = bits[j]
                if bit and s and s.evidence:
                    masks = reasons.get(signal)
                    if masks is None:
                        masks = reasons[signal] = reason_masks(signal, s.evidence)
                    if masks[1] & bit:
                        ev = tuple(islice(compress(s.evidence, [m & bit for m in masks[0]]), FE))
                    else:
                        ev = ()
                else:
                    ev = ()
                append(
                    new_contribution(
                        features[j], labels[j], x, v, signal, ev, reason_of(j, x, v, ev),
                        learnt_of[j],
                    )
                )
            return tuple(out)

        if not lazy:
            return Explanation(base=base, contributions=build(None), logit=logit)
        # each group's value (the wording, then the signals in feature order),
        # as Explanation.top_reasons sums the members of a group
        members: dict[str, list[float]] = {"wording": [wording]} if use_wording else {}
        for j in terms:
            members.setdefault(plan.signals[j], []).append(vs[j])
        totals = [
            (key, m[0] if key == "wording" else math.fsum(m)) for key, m in members.items()
        ]
        return lazy_explanation(base, logit, totals, build)

    def _plan(self) -> _Plan:
        """What :meth:`_explain` needs of the model's features, worked out once
        (again if the stack is swapped)."""
        plan = self.__dict__.get("_explain_plan")
        if plan is None or plan.stack is not self.stack or plan.features != self.feature_names:
            plan = _Plan(self.stack)
            self.__dict__["_explain_plan"] = plan
        return plan

    def _wording_contribution(
        self,
        doc: Document,
        value: float,
        lex_row: tuple[Any, ...],
    ) -> Contribution:
        body, title, (cols, tfidf, _z, every_position) = lex_row
        # the row was made from every n-gram's column, in this order: the
        # distinct n-grams in first-occurrence order, each with the position
        # of its first occurrence's column among the row's kept ones (or -1)
        every = body.grams + [TITLE_PREFIX + g for g in title.grams]
        first: dict[str, int] = {}
        for k, g in enumerate(every):
            first.setdefault(g, k)
        grams = list(first)
        position = every_position[np.fromiter(first.values(), dtype=np.intp, count=len(first))]
        scale = self.stack.wording_scale
        col_values = scale * self.stack.lexical.coef[cols] * tfidf
        # each distinct n-gram's share of the wording term (0 when its column
        # is not in the row); only those pushing the same way as the term can
        # be quoted, strongest first, ties by the n-gram
        sign = -1.0 if value < 0 else 1.0
        if len(col_values):
            gram_values = np.where(position >= 0, col_values[position], 0.0)
        else:
            gram_values = np.zeros(len(position))
        pushing = np.flatnonzero(sign * gram_values > 0)
        keys = -sign * gram_values[pushing]
        limit = 8 * WORDING_EVIDENCE
        if len(pushing) > limit:  # the `limit` smallest keys, with every tie at the cut
            cut = np.partition(keys, limit - 1)[limit - 1]
            pushing = pushing[keys <= cut]
        names = grams
        top = [
            (v, g)
            for _, g, v in sorted(
                (-sign * v, names[i], v)
                for i, v in zip(pushing.tolist(), gram_values[pushing].tolist())
            )[:limit]
        ]
        # a unigram inside an already chosen bigram is skipped
        chosen: list[tuple[float, str]] = []
        in_chosen: set[str] = set()  # the words of the chosen n-grams
        for v, g in top:
            if sign * v <= 0 or len(chosen) >= WORDING_EVIDENCE:
                break
            if " " not in g and g in in_chosen:
                continue
            chosen.append((v, g))
            in_chosen.update(g.split(" "))
        evidence: list[Evidence] = []
        for v, g in chosen:
            if g.startswith(TITLE_PREFIX):
                fld, tokens = "title", title
                span = title.first_span(g[len(TITLE_PREFIX) :])
            else:
                fld, tokens = "body", body
                span = body.first_span(g)
            if span is None:  # pragma: no cover - every counted n-gram occurs
                continue
            s, e = span
            text = tokens.text  # == doc.field_text(fld)
            evidence.append(Evidence(fld, s, e, text[s:e], f"wording: '{g}' ({v:+.2f} log-odds)"))
        quoted = ", ".join(f"'{g.removeprefix('title:')}'" for _, g in chosen[:4])
        where = "unreliable" if value < 0 else "reliable"
        if quoted:
            reason = (
                f"Wording: words and phrases such as {quoted} are typical of {where} "
                f"sources in the training data (pushes towards {where})"
            )
        else:
            reason = f"Wording of the article as a whole (pushes towards {where})"
        return Contribution(
            feature="wording",
            label="wording (words and phrases)",
            feature_value=None,
            value=value,
            signal=None,
            evidence=tuple(evidence),
            reason=reason,
            learnt=True,
        )


class _Plan:
    """Per-feature constants of a model for :meth:`Model._explain`."""

    def __init__(self, stack: ReliabilityStack) -> None:
        self.stack = stack
        self.features = tuple(stack.feature_names)
        prior_features = {p.feature for p in stack.priors}
        is_prior = [f in prior_features for f in self.features]
        self.is_prior_mask = np.array(is_prior, dtype=bool)
        self.learnt = [not p for p in is_prior]
        self.signals = [f.partition(".")[0] for f in self.features]
        self.signal_names = tuple(dict.fromkeys(self.signals))  # == Model.signals
        self.labels = [feature_label(f) for f in self.features]
        typical = stack.stacker.medians.tolist()
        self.reasons = FeatureReasons(self.features, typical, self.learnt)
        # evidence matching (see _evidence_for): each feature with keys gets a
        # bit among the features of its signal; each key the bits of the
        # features that look for it
        self.bits: list[int] = []
        per_signal: dict[str, int] = {}
        keys: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
        for f, signal in zip(self.features, self.signals):
            phrases, prefixes = _keys(f)
            if not phrases and not prefixes:
                self.bits.append(0)
                continue
            bit = 1 << per_signal.get(signal, 0)
            per_signal[signal] = per_signal.get(signal, 0) + 1
            self.bits.append(bit)
            by_phrase, by_prefix = keys.setdefault(signal, ({}, {}))
            for k in phrases:
                by_phrase[k] = by_phrase.get(k, 0) | bit
            for k in prefixes:
                by_prefix[k] = by_prefix.get(k, 0) | bit
        self._keys = {
            signal: (tuple(a.items()), tuple(b.items())) for signal, (a, b) in keys.items()
        }
        self._masks: dict[tuple[str, str], int] = {}

    def reason_masks(self, signal: str, evidence: Sequence[Evidence]) -> tuple[list[int], int]:
        """For each evidence item of ``signal``, the bits of the features whose
        keys its reason holds (:func:`_evidence_for`'s test, reason by reason:
        a phrase anywhere in the lower-cased reason, a prefix at the start of
        one of its words); and all those bits or-ed together."""
        cache = self._masks
        if len(cache) > _MASK_CACHE:
            cache.clear()
        out = []
        every = 0
        for e in evidence:
            r = e.reason
            m = cache.get((signal, r))
            if m is None:
                phrases, prefixes = self._keys.get(signal, ((), ()))
                low = r.lower()
                spaced = " " + " ".join(low.replace('"', " ").split())
                m = 0
                for k, b in phrases:
                    if k in low:
                        m |= b
                for k, b in prefixes:
                    if k in spaced:
                        m |= b
                cache[(signal, r)] = m
            out.append(m)
            every |= m
        return out, every


def _reason_text(evidence: Sequence[Evidence]) -> tuple[str, list[int], str, list[int]]:
    """A signal's evidence reasons lower-cased, one per line, and where each
    starts; then the same with double quotes read as spaces, whitespace runs
    as one space and a space in front of each (so that "a word of reason i
    starts with p" is "``" " + p`` occurs in line i"), and where each starts."""
    lowered = [e.reason.lower() for e in evidence]
    spaced = [" " + " ".join(r.replace('"', " ").split()) for r in lowered]
    return (
        "\n".join(lowered),
        list(accumulate((len(r) + 1 for r in lowered[:-1]), initial=0)),
        "\n".join(spaced),
        list(accumulate((len(r) + 1 for r in spaced[:-1]), initial=0)),
    )


@lru_cache(maxsize=4096)
def _keys(feature: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The phrases (with a space) and the word prefixes (with a space in front)
    explain's matcher for ``feature`` looks for."""
    keys = _keywords(feature)
    return tuple(k for k in keys if " " in k), tuple(" " + k for k in keys if " " not in k)


def _evidence_for(
    feature: str,
    evidence: Sequence[Evidence],
    lowered: str,
    lowered_starts: list[int],
    spaced: str,
    spaced_starts: list[int],
) -> tuple[Evidence, ...]:
    """``evidence_for(feature, evidence)[:FEATURE_EVIDENCE]`` with substring
    searches over all the reasons of a signal at once (:func:`_reason_text`)
    instead of regular expressions per reason: a phrase anywhere in a lowered
    reason, or a prefix at the start of one of its words (explain's
    ``(?<!\\S)`` look-behind). No key holds a line break, so a key found in
    line ``i`` is in reason ``i``."""
    phrases, prefixes = _keys(feature)
    if not phrases and not prefixes:
        return ()
    found: set[int] = set()
    n = len(evidence)
    for keys, text, starts in (
        (phrases, lowered, lowered_starts),
        (prefixes, spaced, spaced_starts),
    ):
        find = text.find
        for key in keys:
            pos = 0
            for _ in range(FEATURE_EVIDENCE):  # the first ones are enough
                j = find(key, pos)
                if j < 0:
                    break
                i = bisect_right(starts, j) - 1
                found.add(i)
                if i + 1 >= n:
                    break
                pos = starts[i + 1]  # on to the next reason
    if not found:
        return ()
    return tuple(evidence[i] for i in sorted(found)[:FEATURE_EVIDENCE])
