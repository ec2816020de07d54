"""Every API test again, on PostgreSQL: the same fixtures with a PostgreSQL-backed container."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dependency_injector import providers
from sqlalchemy import Engine

from protea_adapters.containers import ApiContainer, CoreContainer
from protea_adapters.settings import Settings
from tests.conftest import PG_URL, UowFactory
from tests.unit.api.fixtures import BENCHMARK_YAML, api_settings, app, auth, client, raw_key
from tests.unit.api.test_analytics import (
    test_gets_are_counted_by_hash_and_assets_probes_and_writes_are_not,
    test_no_address_is_stored_anywhere,
)
from tests.unit.api.test_auth import (
    test_a_revoked_key_is_refused_and_kept,
    test_a_wrong_secret_with_a_real_prefix_is_refused,
    test_malformed_or_unknown_keys_are_refused,
    test_only_the_digest_is_stored,
    test_writes_without_a_key_are_refused,
)
from tests.unit.api.test_biodata_resources import (
    TestAnnotations,
    TestOntology,
    TestProteins,
    TestQuerySets,
    loaded,
    test_reads_on_loaded_data_never_answer_500,
)
from tests.unit.api.test_client_address import (
    test_visitors_are_counted_by_the_address_the_proxies_allow,
)
from tests.unit.api.test_evaluation_resources import (
    TestEvaluationRuns,
    TestEvaluationSets,
    stored,
    test_a_generated_set_and_its_run_through_http,
)
from tests.unit.api.test_health import (
    test_metrics_count_requests_by_route_template,
    test_readyz_when_everything_answers,
)
from tests.unit.api.test_jobs import TestJobs
from tests.unit.api.test_openapi import test_the_document_is_valid_openapi_3_1
from tests.unit.api.test_prediction_resources import (
    TestCafaDownload,
    TestEmbeddingRecipes,
    TestPredictionSets,
    TestProteinPredictions,
    TestScoringConfigs,
    prediction_data,
    test_the_download_reads_in_its_own_unit_of_work_ended_when_the_client_leaves,
)
from tests.unit.api.test_problems import (
    test_404_for_unknown_paths,
    test_413_from_content_length,
    test_422_lists_field_errors_without_echoing_input,
    test_500_shows_only_a_trace_id,
)
from tests.unit.api.test_query_set_upload import TestRawFastaUpload
from tests.unit.api.test_resources import (
    TestExperimentRuns,
    test_benchmark_matrix_comes_from_the_configured_file,
    test_support_counts_thumbs_up_with_optional_comments,
)

pytestmark = pytest.mark.postgres

__all__ = [
    "TestAnnotations",
    "TestCafaDownload",
    "TestEmbeddingRecipes",
    "TestEvaluationRuns",
    "TestEvaluationSets",
    "TestExperimentRuns",
    "TestJobs",
    "TestOntology",
    "TestPredictionSets",
    "TestProteinPredictions",
    "TestProteins",
    "TestQuerySets",
    "TestRawFastaUpload",
    "TestScoringConfigs",
    "api_settings",
    "app",
    "auth",
    "client",
    "loaded",
    "prediction_data",
    "raw_key",
    "stored",
    "test_404_for_unknown_paths",
    "test_413_from_content_length",
    "test_422_lists_field_errors_without_echoing_input",
    "test_500_shows_only_a_trace_id",
    "test_a_generated_set_and_its_run_through_http",
    "test_a_revoked_key_is_refused_and_kept",
    "test_a_wrong_secret_with_a_real_prefix_is_refused",
    "test_benchmark_matrix_comes_from_the_configured_file",
    "test_gets_are_counted_by_hash_and_assets_probes_and_writes_are_not",
    "test_malformed_or_unknown_keys_are_refused",
    "test_metrics_count_requests_by_route_template",
    "test_no_address_is_stored_anywhere",
    "test_only_the_digest_is_stored",
    "test_reads_on_loaded_data_never_answer_500",
    "test_readyz_when_everything_answers",
    "test_support_counts_thumbs_up_with_optional_comments",
    "test_the_document_is_valid_openapi_3_1",
    "test_the_download_reads_in_its_own_unit_of_work_ended_when_the_client_leaves",
    "test_visitors_are_counted_by_the_address_the_proxies_allow",
    "test_writes_without_a_key_are_refused",
]


@pytest.fixture
def container(
    tmp_path: Path, postgres_engine: Engine, postgres_uow_factory: UowFactory
) -> Iterator[CoreContainer]:
    """PostgreSQL (migrated once, truncated per test), the in-process broker."""
    config = tmp_path / "benchmark.yaml"
    config.write_text(BENCHMARK_YAML)
    settings = Settings.model_validate(
        {"home": str(tmp_path / "home"), "database": {"url": PG_URL}, "benchmark_config": config}
    )
    made = ApiContainer(settings=settings)
    with made.engine.override(providers.Object(postgres_engine)):
        yield made
        made.shutdown_resources()


def test_the_api_runs_on_postgresql(container: CoreContainer) -> None:
    assert container.engine().dialect.name == "postgresql"
