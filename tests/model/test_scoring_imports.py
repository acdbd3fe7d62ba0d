"""Scoring with a saved model needs numpy, not scikit-learn or scipy.

An audit worker (and `newsvet score`) loads the model and scores; importing
scikit-learn and scipy there would cost each process about 90 MB and 0.7 s.
Training and evaluation import them when they run.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_SCRIPT = r"""
import json, sys
from newsvet import api
from newsvet.model import load_model
m = load_model()
a = api.score_text(
    "The council met on Tuesday and voted 5-2 to approve the plan, officials said. "
    "Reports suggest up to 12,000 people may attend the opening next week.",
    title="Council approves the plan", model=m)
heavy = sorted({k.split(".")[0] for k in sys.modules} & {"sklearn", "scipy"})
print(json.dumps({"heavy": heavy, "reliability": a.reliability, "reasons": len(a.top_reasons(5, direction=None))}))
"""


def test_scoring_a_text_imports_neither_sklearn_nor_scipy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["heavy"] == []
    assert 0.0 <= got["reliability"] <= 1.0
    assert got["reasons"] > 0


@pytest.mark.parametrize("name", ["train_model", "evaluate", "SignalFeaturizer", "WordingHasher"])
def test_training_names_still_resolve_from_the_package(name: str) -> None:
    import newsvet.model as nm
    import newsvet.model.features as nf

    obj = getattr(nm, name)
    assert callable(obj)
    assert name in dir(nm)
    if name in ("SignalFeaturizer", "WordingHasher"):
        assert getattr(nf, name) is obj


def test_unknown_names_still_raise_attribute_error() -> None:
    import newsvet.model as nm
    import newsvet.model.features as nf

    with pytest.raises(AttributeError):
        nm.no_such_thing  # noqa: B018
    with pytest.raises(AttributeError):
        nf.no_such_thing  # noqa: B018
