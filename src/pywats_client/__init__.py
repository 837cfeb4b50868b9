"""The pyWATS station client: watch folders, convert test-equipment files, queue and upload reports.

Not released yet: this package currently holds only the command's entry point.
"""
