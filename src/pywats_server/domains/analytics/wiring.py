"""Assemble the Analytics domain for one application: its backends, routes and the demo-data seeding."""

from __future__ import annotations

from fastapi import APIRouter

from pywats_server.db import Database
from pywats_server.demo_data.routes import register_seed_route
from pywats_server.domains.analytics.alarms import AlarmBackend
from pywats_server.domains.analytics.base import Clock
from pywats_server.domains.analytics.history import HistoryBackend
from pywats_server.domains.analytics.internal_routes import register_analytics_internal_routes
from pywats_server.domains.analytics.levels import LevelBackend
from pywats_server.domains.analytics.measurements import MeasurementBackend
from pywats_server.domains.analytics.repairs import RepairBackend
from pywats_server.domains.analytics.routes import AnalyticsBackends, register_analytics_routes
from pywats_server.domains.analytics.step_analysis import StepAnalysisBackend
from pywats_server.domains.analytics.steps import StepBackend
from pywats_server.domains.analytics.unit_flow import UnitFlowBackend
from pywats_server.domains.analytics.yields import YieldBackend

__all__ = ["register_analytics_domain"]


def register_analytics_domain(router: APIRouter, db: Database, clock: Clock | None = None) -> None:
    """Add every analytics endpoint (public, internal, control plane) to ``router``."""
    yields = YieldBackend(db, clock)
    measurements = MeasurementBackend(db, clock)
    backends = AnalyticsBackends(
        levels=LevelBackend(db),
        yields=yields,
        steps=StepBackend(db, clock),
        analysis=StepAnalysisBackend(db, clock),
        measurements=measurements,
        repairs=RepairBackend(db, clock),
        history=HistoryBackend(db, clock),
    )
    register_analytics_routes(router, backends)
    register_analytics_internal_routes(
        router, backends, UnitFlowBackend(db, clock), AlarmBackend(db, yields, measurements, yields.clock)
    )
    register_seed_route(router, db)
