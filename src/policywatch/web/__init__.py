"""web stage: the browser UI and JSON API over the store (`policywatch serve`).

    from policywatch.web import create_app, run
    app = create_app("policywatch.db", token=None)   # read-only unless a write token is configured
    run("127.0.0.1", 8000, "policywatch.db")

Pages, their JSON twins and the security rules are described in app.py and security.py.
"""

from __future__ import annotations

from policywatch.web.app import create_app, run

__all__ = ["create_app", "run"]
