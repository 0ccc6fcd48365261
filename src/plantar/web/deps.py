"""Dependencies shared by routes: the loaded knowledge base and the templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends
from fastapi.templating import Jinja2Templates

from plantar.knowledge import KnowledgeBase, load, vocabulary

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# Every display word of an enumerated value comes from the one vocabulary:
# ``{{ label('feet', step.foot) }}``, and ``vocabulary.evidence.ids`` for its values in order.
TEMPLATES.env.globals["label"] = vocabulary.label
TEMPLATES.env.globals["vocabulary"] = vocabulary.TABLES


async def get_kb() -> KnowledgeBase:
    # async: a plain function would be run on the thread pool, a hop of its own per request,
    # for a value load() keeps in memory (the app's lifespan loads it before any request).
    return load()


KbDep = Annotated[KnowledgeBase, Depends(get_kb)]
