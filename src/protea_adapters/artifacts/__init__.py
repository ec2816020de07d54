"""Artifact store adapters: local filesystem and S3 (MinIO client), and the factory choosing one."""
