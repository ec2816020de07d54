"""RabbitMQ adapters over pika 1.4's BlockingConnection (see `broker.RabbitMqBroker`)."""
