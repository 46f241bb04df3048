"""The letter and the judge: what is printed, how a derived result compares, where it holds.

``letter`` (the printed equations, typed once) · ``verdicts`` (``judge``: the only source of a
status) · ``notes`` (a note's mathematics kept as expressions) · ``approximations`` (every
named step) · ``units`` (the dimensional audit) · ``validity`` (where the theory holds, for
real materials).  Nothing here renders: that is :mod:`derivation.export`.
"""
