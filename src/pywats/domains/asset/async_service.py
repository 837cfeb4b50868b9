"""Asset services: what ``api.asset`` offers on :class:`~pywats.AsyncWATS`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``. File blobs
are added by :class:`~pywats.domains.asset.async_blob_service.AsyncAssetBlobMixin`.
"""
# sync-docstring: Asset services: what ``api.asset`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import json
import logging
from datetime import datetime
from uuid import UUID

from pywats.core._checks import require_guid, require_text
from pywats.core.exceptions import ValidationError
from pywats.domains.asset._args import (
    asset_body,
    asset_state,
    build_model,
    check_type,
    external_window,
    ident,
    iso,
    non_negative,
    odata,
    positive,
)
from pywats.domains.asset.alarms import evaluate_alarm_state
from pywats.domains.asset.async_blob_service import AsyncAssetBlobMixin
from pywats.domains.asset.async_repository import AsyncAssetRepository
from pywats.domains.asset.models import (
    Asset,
    AssetAlarmState,
    AssetLog,
    AssetState,
    AssetStatus,
    AssetType,
)
from pywats.domains.product.models import Setting

__all__ = ["AsyncAssetService"]

logger = logging.getLogger("pywats.domains.asset")


class AsyncAssetService(AsyncAssetBlobMixin):
    """Assets and asset types: usage counts, calibration and maintenance, log, hierarchy, files.

    Calls that address one asset take ``asset_id`` (its GUID) or ``serial_number``.
    """

    def __init__(self, repository: AsyncAssetRepository) -> None:
        self.repository = repository
        super().__init__(repository.blobs)

    # -- assets -------------------------------------------------------------------------------

    async def get_assets(
        self,
        filter_str: str | None = None,
        orderby: str | None = None,
        top: int | None = None,
        skip: int | None = None,
    ) -> list[Asset]:
        """Assets, optionally filtered and ordered with OData, e.g. ``filter_str="state eq 1"``.

        ``top`` caps the number returned and ``skip`` pages past the first ones.
        """
        assets = await self.repository.get_assets(odata("get_assets", filter_str, orderby, top, skip))
        logger.debug("Retrieved %d assets", len(assets))
        return assets

    async def get_asset(
        self, asset_id: str | UUID | None = None, serial_number: str | None = None
    ) -> Asset | None:
        """One asset by id or, without an id, by serial number.

        Raises :class:`~pywats.NotFoundError` if there is none (returns None in LENIENT mode).
        """
        query = ident(asset_id, serial_number, "get_asset")
        return await self.repository.get_asset(query.get("id") or query["serialNumber"])

    async def get_asset_by_serial(self, serial_number: str) -> Asset | None:
        """One asset by serial number."""
        return await self.get_asset(serial_number=serial_number)

    async def create_asset(
        self,
        serial_number: str,
        type_id: str | UUID,
        asset_name: str | None = None,
        description: str | None = None,
        location: str | None = None,
        parent_asset_id: str | UUID | None = None,
        parent_serial_number: str | None = None,
        *,
        part_number: str | None = None,
        revision: str | None = None,
        state: AssetState | int = AssetState.IN_OPERATION,
        client_id: int | None = None,
        first_seen_date: datetime | None = None,
        last_seen_date: datetime | None = None,
        last_maintenance_date: datetime | None = None,
        next_maintenance_date: datetime | None = None,
        last_calibration_date: datetime | None = None,
        next_calibration_date: datetime | None = None,
        total_count: int | None = None,
        running_count: int | None = None,
        tags: dict[str, str] | None = None,
    ) -> Asset:
        """Create an asset of type ``type_id`` (or update the one with this serial number).

        Returns the asset as stored, with its server-assigned ``asset_id``.
        """
        operation = "create_asset"
        require_text("serial_number", serial_number, operation=operation)
        asset = build_model(
            Asset,
            operation,
            serial_number=serial_number,
            type_id=require_guid("type_id", type_id, operation=operation),
            asset_name=asset_name,
            description=description,
            location=location,
            parent_asset_id=None
            if parent_asset_id is None
            else require_guid("parent_asset_id", parent_asset_id, operation=operation),
            parent_serial_number=parent_serial_number,
            part_number=part_number,
            revision=revision,
            state=asset_state(state, operation),
            client_id=client_id,
            first_seen_date=first_seen_date,
            last_seen_date=last_seen_date,
            last_maintenance_date=last_maintenance_date,
            next_maintenance_date=next_maintenance_date,
            last_calibration_date=last_calibration_date,
            next_calibration_date=next_calibration_date,
            total_count=None if total_count is None else non_negative("total_count", total_count, operation),
            running_count=None
            if running_count is None
            else non_negative("running_count", running_count, operation),
            tags=[Setting(key=k, value=v) for k, v in (tags or {}).items()],
        )
        saved = await self.repository.save_asset(asset_body(asset))
        logger.info("Saved asset: %s", saved.serial_number)
        return saved

    async def update_asset(self, asset: Asset) -> Asset:
        """Save changes made to an :class:`Asset` (also how an asset is moved to another parent)."""
        check_type(asset, Asset, "asset", "update_asset")
        saved = await self.repository.save_asset(asset_body(asset))
        logger.info("Saved asset: %s", saved.serial_number)
        return saved

    async def delete_asset(
        self, asset_id: str | UUID | None = None, serial_number: str | None = None
    ) -> bool:
        """Delete an asset (with its files). It must have no sub-assets.

        Returns True; False if it does not exist in LENIENT mode.
        """
        done = await self.repository.delete_asset(ident(asset_id, serial_number, "delete_asset"))
        if done:
            logger.info("Deleted asset: %s", asset_id or serial_number)
        return done

    # -- state and alarms ---------------------------------------------------------------------

    async def get_status(
        self,
        asset_id: str | UUID | None = None,
        serial_number: str | None = None,
        *,
        culture_code: str | None = None,
    ) -> AssetStatus | None:
        """The server's evaluation of an asset: alarm state, counts against limits, due dates."""
        query = ident(asset_id, serial_number, "get_status")
        query.update(translate=False, cultureCode=culture_code)
        return await self.repository.get_status(query)

    async def get_asset_state(self, asset_id: str | UUID) -> AssetState | None:
        """The state of an asset (in operation, in calibration, scrapped…)."""
        asset = await self.get_asset(asset_id)
        return None if asset is None else AssetState(int(asset.state))

    async def set_asset_state(
        self, state: AssetState | int, asset_id: str | UUID | None = None, serial_number: str | None = None
    ) -> bool:
        """Put an asset in ``state``; the change is logged."""
        query = ident(asset_id, serial_number, "set_asset_state")
        query["state"] = int(asset_state(state, "set_asset_state"))
        return await self.repository.set_state(query)

    def is_in_alarm(self, asset: Asset) -> bool:
        """Whether a loaded asset has reached a count limit or a due date (no request is sent)."""
        check_type(asset, Asset, "asset", "is_in_alarm")
        return evaluate_alarm_state(asset)[0] is AssetAlarmState.ALARM

    def is_in_warning(self, asset: Asset) -> bool:
        """Whether a loaded asset is near a count limit or due date but has reached none."""
        check_type(asset, Asset, "asset", "is_in_warning")
        return evaluate_alarm_state(asset)[0] is AssetAlarmState.WARNING

    async def get_assets_by_alarm_state(
        self, state: AssetAlarmState | int, top: int | None = None
    ) -> list[Asset]:
        """Assets whose evaluation (see :meth:`is_in_alarm`) gives ``state``; at most ``top`` of them."""
        try:
            wanted = AssetAlarmState(state)
        except ValueError:
            raise ValidationError(
                f"state must be an AssetAlarmState (0, 1 or 2), got {state!r}",
                field="state",
                value=state,
                operation="get_assets_by_alarm_state",
            ) from None
        if top is not None:
            non_negative("top", top, "get_assets_by_alarm_state")
        found = [a for a in await self.repository.get_assets({}) if evaluate_alarm_state(a)[0] is wanted]
        return found if top is None else found[:top]

    async def get_assets_in_alarm(self, top: int | None = None) -> list[Asset]:
        """Assets that have reached a count limit or due date."""
        return await self.get_assets_by_alarm_state(AssetAlarmState.ALARM, top)

    async def get_assets_in_warning(self, top: int | None = None) -> list[Asset]:
        """Assets near a count limit or due date."""
        return await self.get_assets_by_alarm_state(AssetAlarmState.WARNING, top)

    # -- usage counts -------------------------------------------------------------------------

    async def increment_count(
        self,
        asset_id: str | UUID | None = None,
        serial_number: str | None = None,
        amount: int = 1,
        increment_children: bool = False,
    ) -> bool:
        """Add ``amount`` uses to the running and total counts (and the sub-assets' if asked)."""
        query = ident(asset_id, serial_number, "increment_count")
        query["incrementBy"] = positive("amount", amount, "increment_count")
        if increment_children:
            query["incrementChildren"] = True
        return await self.repository.increment_count(query)

    async def reset_running_count(
        self, asset_id: str | UUID | None = None, serial_number: str | None = None, comment: str | None = None
    ) -> bool:
        """Set the running count to 0; the reset is logged with ``comment``."""
        query = ident(asset_id, serial_number, "reset_running_count")
        query["comment"] = comment
        return await self.repository.reset_running_count(query)

    async def set_running_count(
        self, value: int, asset_id: str | UUID | None = None, serial_number: str | None = None
    ) -> bool:
        """Set the running count. Needs the "Edit Total count" permission (else AuthorizationError)."""
        query = ident(asset_id, serial_number, "set_running_count")
        query["runningCount"] = non_negative("value", value, "set_running_count")
        return await self.repository.set_running_count(query)

    async def set_total_count(
        self, value: int, asset_id: str | UUID | None = None, serial_number: str | None = None
    ) -> bool:
        """Set the total count. Needs the "Edit Total count" permission (else AuthorizationError)."""
        query = ident(asset_id, serial_number, "set_total_count")
        query["totalCount"] = non_negative("value", value, "set_total_count")
        return await self.repository.set_total_count(query)

    # -- calibration and maintenance ----------------------------------------------------------

    async def record_calibration(
        self,
        asset_id: str | UUID | None = None,
        serial_number: str | None = None,
        date_time: datetime | None = None,
        comment: str | None = None,
    ) -> bool:
        """Record a calibration at ``date_time`` (default: now): the running count restarts and the
        next calibration falls due one interval later."""
        query = ident(asset_id, serial_number, "record_calibration")
        query.update(dateTime=iso("date_time", date_time, "record_calibration"), comment=comment)
        return await self.repository.record_calibration(query)

    async def record_maintenance(
        self,
        asset_id: str | UUID | None = None,
        serial_number: str | None = None,
        date_time: datetime | None = None,
        comment: str | None = None,
    ) -> bool:
        """Record a maintenance at ``date_time`` (default: now); the next falls due one interval later."""
        query = ident(asset_id, serial_number, "record_maintenance")
        query.update(dateTime=iso("date_time", date_time, "record_maintenance"), comment=comment)
        return await self.repository.record_maintenance(query)

    async def record_calibration_external(
        self,
        asset_id: str | UUID | None = None,
        serial_number: str | None = None,
        from_date: datetime | None = None,
        to_date: datetime | None = None,
        comment: str | None = None,
    ) -> bool:
        """Record a calibration done elsewhere, valid from ``from_date`` until ``to_date``."""
        query = external_window(asset_id, serial_number, from_date, to_date, "record_calibration_external")
        query["comment"] = comment
        return await self.repository.record_calibration_external(query)

    async def record_maintenance_external(
        self,
        asset_id: str | UUID | None = None,
        serial_number: str | None = None,
        from_date: datetime | None = None,
        to_date: datetime | None = None,
        comment: str | None = None,
    ) -> bool:
        """Record a maintenance done elsewhere, valid from ``from_date`` until ``to_date``."""
        query = external_window(asset_id, serial_number, from_date, to_date, "record_maintenance_external")
        query["comment"] = comment
        return await self.repository.record_maintenance_external(query)

    # -- log ----------------------------------------------------------------------------------

    async def get_asset_log(
        self,
        filter_str: str | None = None,
        orderby: str | None = None,
        top: int | None = None,
        skip: int | None = None,
    ) -> list[AssetLog]:
        """Asset log records, optionally filtered with OData, e.g. ``filter_str="type eq 4"``."""
        return await self.repository.get_log(odata("get_asset_log", filter_str, orderby, top, skip))

    async def add_log_message(self, asset_id: str | UUID, message: str, user: str | None = None) -> bool:
        """Append ``message`` to an asset's log (as ``user``, default: the caller)."""
        operation = "add_log_message"
        body = {
            "assetId": require_guid("asset_id", asset_id, operation=operation),
            "comment": require_text("message", message, operation=operation),
        }
        if user is not None:
            body["user"] = require_text("user", user, operation=operation)
        return await self.repository.add_message(json.dumps(body).encode())

    # -- asset types --------------------------------------------------------------------------

    async def get_asset_types(
        self, *, filter_str: str | None = None, top: int | None = None
    ) -> list[AssetType]:
        """Asset types, optionally filtered with OData, e.g. ``filter_str="typeName eq 'Fixture'"``."""
        return await self.repository.get_types(odata("get_asset_types", filter_str, None, top))

    async def create_asset_type(
        self,
        type_name: str,
        running_count_limit: int | None = None,
        total_count_limit: int | None = None,
        calibration_interval: float | None = None,
        maintenance_interval: float | None = None,
        warning_threshold: float | None = None,
        alarm_threshold: float | None = None,
        *,
        icon: str | None = None,
    ) -> AssetType:
        """Create an asset type: count limits, intervals in days, thresholds in percent of a limit."""
        require_text("type_name", type_name, operation="create_asset_type")
        asset_type = build_model(
            AssetType,
            "create_asset_type",
            type_name=type_name,
            running_count_limit=running_count_limit,
            total_count_limit=total_count_limit,
            calibration_interval=calibration_interval,
            maintenance_interval=maintenance_interval,
            warning_threshold=warning_threshold,
            alarm_threshold=alarm_threshold,
            icon=icon,
        )
        saved = await self.repository.save_type(asset_type.to_wire())
        logger.info("Saved asset type: %s", saved.type_name)
        return saved

    async def update_asset_type(self, asset_type: AssetType) -> AssetType:
        """Save changes made to an :class:`AssetType`."""
        check_type(asset_type, AssetType, "asset_type", "update_asset_type")
        return await self.repository.save_type(asset_type.to_wire())

    # -- hierarchy ----------------------------------------------------------------------------

    async def get_child_assets(
        self, parent_id: str | UUID | None = None, parent_serial: str | None = None, level: int | None = None
    ) -> list[Asset]:
        """The sub-assets of an asset: its children, or ``level`` generations deep."""
        query = ident(parent_id, parent_serial, "get_child_assets")
        if level is not None:
            query["level"] = positive("level", level, "get_child_assets")
        return await self.repository.get_sub_assets(query)

    async def add_child_asset(self, parent_id: str | UUID, child_id: str | UUID) -> bool:
        """Make the asset ``child_id`` a sub-asset of ``parent_id``."""
        parent = require_guid("parent_id", parent_id, operation="add_child_asset")
        child = await self.get_asset(require_guid("child_id", child_id, operation="add_child_asset"))
        if child is None:
            return False
        child.parent_asset_id = parent
        child.parent_serial_number = None
        await self.update_asset(child)
        return True
