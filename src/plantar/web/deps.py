"""Dependencies shared by routes: the loaded knowledge base and the templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends
from fastapi.templating import Jinja2Templates

from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import EVIDENCE_MEANINGS

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals["EVIDENCE_MEANINGS"] = EVIDENCE_MEANINGS


async def get_kb() -> KnowledgeBase:
    # async: a plain function would be run on the thread pool, a hop of its own per request,
    # for a value load() keeps in memory (the app's lifespan loads it before any request).
    return load()


KbDep = Annotated[KnowledgeBase, Depends(get_kb)]
