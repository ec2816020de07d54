"""Port Protocols: what the domain needs from the outside world, one concept per module."""
