"""The trained reliability model as callers use it: Document + signals -> Prediction."""

from __future__ import annotations

import heapq
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..errors import ModelError
from ..ingest.document import Document
from ..signals.base import REGISTRY, Evidence, Signal
from .explain import Contribution, Explanation, evidence_for, feature_label, feature_reason
from .features import WordingHasher, hash_ngrams, signal_row, wording_spans
from .stack import ReliabilityStack

__all__ = ["Model", "Prediction"]

logger = logging.getLogger("newsvet.model")

#: how many influential words/phrases the wording contribution quotes
WORDING_EVIDENCE = 8
#: evidence spans attached to one feature contribution at most
FEATURE_EVIDENCE = 8


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
        for name in self.signals:
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
    ) -> list[Prediction]:
        """Rate many Documents at once (vectorised scoring)."""
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
        spans = [list(wording_spans(d)) for d in docs]
        counts = WordingHasher(n_features=len(self.stack.lexical.idf)).transform_ngrams(
            [[g for g, _, _, _ in sp_] for sp_ in spans]
        )
        wording, learnt, prior = self.stack.feature_terms(dense, counts)
        probs_input = np.empty(len(docs))
        out: list[Prediction] = []
        tfidf = self.stack.lexical.tfidf(counts)
        for i, doc in enumerate(docs):
            expl = self._explain(
                doc, sigs[i], dense[i], wording[i], learnt[i], prior[i], tfidf.getrow(i), spans[i]
            )
            probs_input[i] = expl.logit
            out.append(Prediction(0.0, expl.logit, expl))
        probs = self.stack.calibrator(probs_input)
        return [Prediction(float(p), o.logit, o.explanation) for p, o in zip(probs, out)]

    # --------------------------------------------------------- explanation
    def _explain(
        self,
        doc: Document,
        sigs: Mapping[str, Signal],
        row: np.ndarray,
        wording: float,
        learnt: np.ndarray,
        prior: np.ndarray,
        tfidf_row: sp.csr_matrix,
        spans: list[tuple[str, str, int, int]],
    ) -> Explanation:
        contributions: list[Contribution] = []
        if self.stack.stacker.use_wording:
            contributions.append(self._wording_contribution(doc, float(wording), tfidf_row, spans))
        prior_features = {p.feature for p in self.stack.priors}
        for j, f in enumerate(self.feature_names):
            is_prior = f in prior_features
            v = float(prior[j] if is_prior else learnt[j])
            if v == 0.0:
                continue
            signal = f.partition(".")[0]
            x = None if math.isnan(row[j]) else float(row[j])
            s = sigs.get(signal)
            ev = evidence_for(f, s.evidence)[:FEATURE_EVIDENCE] if s is not None else ()
            contributions.append(
                Contribution(
                    feature=f,
                    label=feature_label(f),
                    feature_value=x,
                    value=v,
                    signal=signal,
                    evidence=ev,
                    reason=feature_reason(
                        f, x, self.stack.typical(j), v, learnt=not is_prior, evidence=ev
                    ),
                    learnt=not is_prior,
                )
            )
        base = float(self.stack.base)
        logit = base + math.fsum(c.value for c in contributions)
        return Explanation(base=base, contributions=tuple(contributions), logit=logit)

    def _wording_contribution(
        self,
        doc: Document,
        value: float,
        tfidf_row: sp.csr_matrix,
        all_spans: list[tuple[str, str, int, int]],
    ) -> Contribution:
        scale = self.stack.wording_scale
        cols = tfidf_row.indices
        col_value = dict(
            zip(cols.tolist(), (scale * self.stack.lexical.coef[cols] * tfidf_row.data).tolist())
        )
        first: dict[str, tuple[str, int, int]] = {}
        for g, fld, s, e in all_spans:
            if g not in first:
                first[g] = (fld, s, e)
        grams = list(first)
        gram_cols = hash_ngrams(grams, len(self.stack.lexical.idf))
        scored = [
            (v, g) for g, c in zip(grams, gram_cols.tolist()) if (v := col_value.get(c, 0.0)) != 0.0
        ]
        # the phrases that push the same way as the wording term, strongest first;
        # a unigram inside an already chosen bigram is skipped
        sign = -1.0 if value < 0 else 1.0
        top = heapq.nsmallest(8 * WORDING_EVIDENCE, scored, key=lambda t: (-sign * t[0], t[1]))
        chosen: list[tuple[float, str]] = []
        for v, g in top:
            if sign * v <= 0 or len(chosen) >= WORDING_EVIDENCE:
                break
            if " " not in g and any(g in c.split(" ") for _, c in chosen):
                continue
            chosen.append((v, g))
        evidence: list[Evidence] = []
        for v, g in chosen:
            fld, s, e = first[g]
            text = doc.field_text(fld)
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
