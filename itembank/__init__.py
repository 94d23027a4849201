"""Items and answer checking, the authoring format, ``.pbank`` files, IRT, the adaptive engine,
scoring, simulation and calibration. Pure Python and numpy: no Qt, no database."""
