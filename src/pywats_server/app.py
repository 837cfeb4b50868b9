"""The application factory.

:func:`create_app` builds a complete, independent server from a :class:`ServerSettings`: its own database
engine, fault rules and request log. Nothing is created at import time, so a process can run several servers
(one per test, say).

Request path through the application, outermost first::

    RequestLogMiddleware → BasicAuthMiddleware → FaultInjectionMiddleware → WatsRoute → backend → tables
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from pywats_server.auth import BasicAuthMiddleware, Credentials
from pywats_server.content_store import ContentStore
from pywats_server.control.faults import FaultRules
from pywats_server.control.middleware import FaultInjectionMiddleware, RequestLogMiddleware
from pywats_server.control.request_log import RequestLog
from pywats_server.control.routes import register_control_routes
from pywats_server.db import Database
from pywats_server.domains.analytics.wiring import register_analytics_domain
from pywats_server.domains.app.routes import register_app_routes
from pywats_server.domains.asset.wiring import ASSET_FILES_DIR_NAME, register_asset_domain
from pywats_server.domains.manual_inspection.routes import (
    ManualInspectionBackend,
    register_manual_inspection_routes,
)
from pywats_server.domains.manufacturing import register_manufacturing_domains
from pywats_server.domains.report.backend import ReportBackend
from pywats_server.domains.report.routes import register_report_routes
from pywats_server.domains.rootcause.backend import RootCauseBackend
from pywats_server.domains.rootcause.routes import register_rootcause_routes
from pywats_server.domains.scim.backend import ScimBackend
from pywats_server.domains.scim.routes import register_scim_routes
from pywats_server.domains.software.wiring import SOFTWARE_FILES_DIR_NAME, register_software_domain
from pywats_server.errors import install_error_handlers
from pywats_server.route_index import use_route_index
from pywats_server.routing import WatsRoute, order_by_specificity
from pywats_server.settings import ServerSettings

logger = logging.getLogger(__name__)

OPENAPI_URL = "/openapi.json"
DATA_DIR_MODE = 0o700
CONTENT_DIR_NAME = "content"  # uploaded files, by content hash (see content_store.py)


def create_app(settings: ServerSettings) -> FastAPI:
    """Build a WATS-compatible server application for ``settings``.

    The database tables are created when the application starts (ASGI lifespan), and the engine is disposed
    of when it stops.
    """
    db = Database(settings.resolved_database_url)
    faults = FaultRules()
    requests = RequestLog(settings.request_log_limit)
    content = ContentStore(settings.data_dir / CONTENT_DIR_NAME)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.database_url is None:
            settings.data_dir.mkdir(mode=DATA_DIR_MODE, parents=True, exist_ok=True)
        db.create_tables()
        logger.info("database ready at %s", db.url.render_as_string(hide_password=True))
        try:
            yield
        finally:
            db.dispose()

    app = FastAPI(
        title="pyWATS server",
        description="A local WATS-compatible server: the WATS HTTP API plus a control plane under /_control.",
        version=settings.server_version,
        lifespan=lifespan,
        openapi_url=OPENAPI_URL,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
    )
    app.router.route_class = WatsRoute
    install_error_handlers(app)

    register_app_routes(app.router, server_version=settings.server_version)
    register_manufacturing_domains(app.router, db)
    register_report_routes(app.router, ReportBackend(db))
    register_analytics_domain(app.router, db)
    register_asset_domain(app.router, db, settings)
    register_software_domain(app.router, db, settings)
    register_rootcause_routes(app.router, RootCauseBackend(db, content))
    register_scim_routes(app.router, ScimBackend(db))
    register_manual_inspection_routes(app.router, ManualInspectionBackend.create(db, content))
    stores = [
        content,
        ContentStore(settings.data_dir / ASSET_FILES_DIR_NAME),
        ContentStore(settings.data_dir / SOFTWARE_FILES_DIR_NAME),
    ]
    register_control_routes(app.router, db=db, faults=faults, requests=requests, stores=stores)
    order_by_specificity(app.router.routes)
    use_route_index(app.router)

    # add_middleware wraps the application: the last one added runs first.
    app.add_middleware(FaultInjectionMiddleware, rules=faults)
    app.add_middleware(BasicAuthMiddleware, credentials=Credentials(settings.users))
    app.add_middleware(RequestLogMiddleware, log=requests)
    return app
