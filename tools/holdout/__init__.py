"""Independent labelled test-material generator ("holdout generator").

Kept apart from tools/gen/: its styles were written from public descriptions of
real apps and sites (docs/holdout-styles.md), not from the detector.
"""
