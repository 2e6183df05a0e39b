"""Readers and writers: network, statistics and referral files in (Excel workbooks too,
:mod:`.xlsx`), statistics CSV and workbooks out, through the one strict converter.

May import: :mod:`medconsortium.model`, :mod:`medconsortium.policy`,
:mod:`medconsortium.plugins`, :mod:`medconsortium.engine`.
"""
