"""The practice side: logging in, clients, a visit's intake, chart, plan and note, and the
records around them (courses, prices, timeline, exports, audit, the home journal). Each
module holds one resource's pages (``router``) and its JSON twin (``api``, under ``/api/v1``);
``auth`` installs the login and CSRF checks, ``shared`` what all of them use."""
