"""Readable terminal output built from rich renderables (the CLI prints them)."""

from __future__ import annotations

from typing import Any, Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

_STYLE = {"reliable": "bold green", "mixed": "bold yellow", "unreliable": "bold red"}


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def render_assessment(a: Any, *, reasons: int = 6, evidence: int = 2) -> RenderableType:
    """The verdict, the strongest reasons with quoted evidence, and warnings."""
    parts: list[RenderableType] = []
    title = a.document.title or "(untitled)"
    parts.append(Text(_clip(title, 110), style="bold"))
    head = Text()
    head.append(f" {a.rating.upper()} ", style=f"reverse {_STYLE.get(a.rating, 'bold')}")
    head.append(f"  reliability {a.reliability:.2f}")
    head.append(f"   model {a.model.name} v{a.model.version}", style="dim")
    parts.append(head)
    if a.low_confidence:
        parts.append(Text("low confidence: see warnings below", style="yellow"))

    against = a.top_reasons(reasons, direction="unreliable")
    support = a.top_reasons(max(2, reasons // 3), direction="reliable")
    for label, items in (("Against reliability", against), ("In its favour", support)):
        if not items:
            continue
        parts.append(Text(""))
        parts.append(Text(label, style="bold underline"))
        for i, c in enumerate(items, 1):
            line = Text(f"{i}. ")
            line.append(c.reason)
            line.append(f"  ({c.value:+.2f})", style="dim")
            parts.append(line)
            shown: list[Any] = []
            # a signal's spans are signs of content farming: quote them only
            # under reasons that push towards unreliable
            quotable = c.evidence if (c.value < 0 or c.signal is None) else ()
            for ev in quotable:  # each distinct quote once
                if len(shown) >= evidence:
                    break
                if any(ev.text == e.text for e in shown):
                    continue
                shown.append(ev)
            for ev in shown:
                q = Text("     “", style="dim")
                q.append(_clip(ev.text, 160), style="italic")
                q.append("”", style="dim")
                q.append(f"  [{ev.field}]", style="dim")
                parts.append(q)

    if a.warnings:
        parts.append(Text(""))
        for w in a.warnings:
            parts.append(Text(f"warning: {w}", style="yellow"))
    return Group(*parts)


def render_signal_list(registry: Mapping[str, Any]) -> RenderableType:
    """A table of the registered extractors."""
    t = Table(title="newsvet signals", show_lines=False)
    t.add_column("name", style="bold")
    t.add_column("version")
    t.add_column("values")
    t.add_column("what it measures")
    for name, spec in registry.items():
        t.add_row(name, spec.version, ", ".join(spec.value_names), spec.description)
    return t
