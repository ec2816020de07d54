"""Process metrics: Prometheus collectors (DESIGN.md section 6), or a no-op stand-in."""
