"""The domain model: what a consortium network is, independent of any policy.

Labels, errors, jurisdictions (GB/T 2260 divisions), institutions, consortia and their
governance, the network and its indexes of memberships, staffing, referrals and their
workflow, the records a referral reader yields, and yearly statistics. Importing the
package routes attrs' compiling of its classes' methods through a cache kept between runs
(:mod:`.codecache`).

May import: nothing else of medconsortium (the standard library, attrs).
"""

from . import codecache as _codecache

# attrs compiles the methods of every class it builds; the cache keeps them compiled.
_codecache.install_when_attrs_loads()
