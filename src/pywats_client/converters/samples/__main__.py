"""``python -m pywats_client.converters.samples OUTDIR [CONVERTER]``."""

import sys

from pywats_client.converters.samples import main

sys.exit(main())
