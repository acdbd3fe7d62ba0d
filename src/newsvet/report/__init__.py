"""Renderers: they turn Assessments into text, JSON and tables; they never print."""

from __future__ import annotations

from .json import to_json
from .terminal import render_assessment, render_signal_list

__all__ = ["render_assessment", "render_signal_list", "to_json"]
