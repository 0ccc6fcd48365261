"""Dependencies shared by routes: the loaded knowledge base and the templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends
from fastapi.templating import Jinja2Templates

from plantar.knowledge import KnowledgeBase, load

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def get_kb() -> KnowledgeBase:
    return load()


KbDep = Annotated[KnowledgeBase, Depends(get_kb)]
