"""The home side: the start page and library, the safety check, the plan and its player, the
foot map. Each module holds one resource's page (``router``) and its JSON twin (``api``,
under ``/api/v1``), computed by the same domain calls."""
