"""The domain model: what a consortium network is, independent of any policy.

Labels, errors, jurisdictions (GB/T 2260 divisions), institutions, consortia and their
governance, the network and its indexes of memberships, staffing, referrals and their
workflow, the records a referral reader yields, and yearly statistics. The command line
(not the library: a program that imports medconsortium keeps attrs as it is) routes attrs'
compiling of the classes' methods through a cache kept between runs (:mod:`.codecache`).

May import: nothing else of medconsortium (the standard library, attrs).
"""
