output "namespace" {
  description = "Namespace MinIO runs in."
  value       = local.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.minio.name
}

output "endpoint" {
  description = "S3 API address as host:port without scheme, the form the aminueza/minio provider's minio_server expects (external_endpoint when set)."
  value       = local.endpoint
}

output "s3_endpoint" {
  description = "S3 API URL for clients inside the cluster (use path-style addressing)."
  value       = "${local.scheme}://${local.api_host_port}"
}

output "console_url" {
  description = "URL of the MinIO web console inside the cluster."
  value       = "${local.scheme}://${local.console_host}:9001"
}

output "root_credentials_secret" {
  description = "Name of the Secret holding the root credentials (keys rootUser and rootPassword)."
  value       = var.root_credentials_secret
}

output "tls_enabled" {
  description = "Whether the S3 API and console serve TLS (the minio provider's minio_ssl)."
  value       = local.tls_enabled
}

output "tls_issuer" {
  description = "ClusterIssuer that signed MinIO's certificate, whose CA the S3 clients must trust (null without TLS)."
  value       = var.tls_issuer
}
