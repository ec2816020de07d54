"""The outbox and batch-children contract on every adapter."""

from __future__ import annotations

import pytest

from tests.conftest import UowFactory
from tests.contract.queue_storage_contract import QueueStorageContract


class TestMemoryQueueStorage(QueueStorageContract):
    @pytest.fixture
    def uow_factory(self, memory_uow_factory: UowFactory) -> UowFactory:
        return memory_uow_factory


class TestSqliteQueueStorage(QueueStorageContract):
    @pytest.fixture
    def uow_factory(self, sqlite_uow_factory: UowFactory) -> UowFactory:
        return sqlite_uow_factory


@pytest.mark.postgres
class TestPostgresQueueStorage(QueueStorageContract):
    @pytest.fixture
    def uow_factory(self, postgres_uow_factory: UowFactory) -> UowFactory:
        return postgres_uow_factory
