"""Message broker adapters: the in-process queue (embedded default) and RabbitMQ (pika).

Both hold to `tests/contract/message_broker_contract.py`."""
