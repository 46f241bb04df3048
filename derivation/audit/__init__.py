"""The letter and the verdicts against it: what is printed, how it compares, where it holds.

``letter`` (the printed equations, typed once) · ``verdicts`` (``judge``: the only source of a
status) · ``approximations`` (every named step) · ``units`` (the dimensional audit) ·
``estimate`` (the letter's number) · ``validity`` and ``holds`` (where the theory holds).
"""
