"""OpenHTF → WATS (``pip install pywats-api[openhtf]``).

>>> import openhtf as htf  # doctest: +SKIP
>>> from pywats.integrations.openhtf import WATSOutputCallback
>>> test = htf.Test(power_phase, part_number="WIDGET-001")  # doctest: +SKIP
>>> test.add_output_callbacks(WATSOutputCallback(location="Line A"))  # doctest: +SKIP

:func:`record_to_report` converts a finished ``TestRecord``; :class:`WATSOutputCallback`
converts and delivers it through the station's durable queue (or directly). Neither imports
OpenHTF: they read the record's documented attributes.
"""

from pywats.integrations.openhtf._callback import UploadFailedError, WATSOutputCallback
from pywats.integrations.openhtf._convert import record_to_report

__all__ = ["UploadFailedError", "WATSOutputCallback", "record_to_report"]
