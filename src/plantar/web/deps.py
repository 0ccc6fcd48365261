"""Dependencies shared by routes: the loaded knowledge base."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from plantar.knowledge import KnowledgeBase, load


async def get_kb() -> KnowledgeBase:
    # async: a plain function would be run on the thread pool, a hop of its own per request,
    # for a value load() keeps in memory (the app's lifespan loads it before any request).
    return load()


KbDep = Annotated[KnowledgeBase, Depends(get_kb)]
