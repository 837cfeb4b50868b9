"""Wiring of the manufacturing domains: products, processes and production (MES).

They reference each other (a unit's product and process, a box-build line a mounted unit relies on), so they
are built together here and their reference checks connected: deleting what another domain still uses is
answered with 409.
"""

from __future__ import annotations

from fastapi import APIRouter

from pywats_server.db import Database
from pywats_server.domains.process.backend import ProcessBackend
from pywats_server.domains.process.routes import register_process_routes
from pywats_server.domains.product.backend import ProductBackend
from pywats_server.domains.product.bom import BomBackend
from pywats_server.domains.product.routes import register_product_routes
from pywats_server.domains.production.assembly import AssemblyBackend, relation_in_use
from pywats_server.domains.production.batches import BatchBackend
from pywats_server.domains.production.internal_routes import register_production_internal_routes
from pywats_server.domains.production.routes import register_production_routes
from pywats_server.domains.production.serials import SerialNumberBackend
from pywats_server.domains.production.unit_queries import UnitQueries
from pywats_server.domains.production.units import UnitBackend, process_in_use
from pywats_server.domains.production.verification import VerificationBackend


def register_manufacturing_domains(router: APIRouter, db: Database) -> None:
    """Add the product, process and production endpoints to ``router``."""
    box_build = register_product_routes(router, ProductBackend(db))
    box_build.reference_checks.append(relation_in_use)

    processes = ProcessBackend(db)
    processes.reference_checks.append(process_in_use)
    register_process_routes(router, processes)

    units = UnitBackend(db, processes)
    assembly = AssemblyBackend(db)
    serials = SerialNumberBackend(db)
    register_production_routes(
        router,
        units=units,
        assembly=assembly,
        serials=serials,
        batches=BatchBackend(db),
        verification=VerificationBackend(db, processes),
    )
    register_production_internal_routes(
        router,
        units=units,
        queries=UnitQueries(db, processes, BomBackend(db)),
        assembly=assembly,
        serials=serials,
    )
