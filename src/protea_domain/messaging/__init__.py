"""Messages that carry wake-ups between processes, and the names of the queues."""
