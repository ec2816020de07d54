"""Worker processes: consumers, the outbox relay and the reaper, as threads of one process."""
