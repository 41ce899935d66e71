output "namespace" {
  description = "Namespace Dremio runs in."
  value       = local.namespace
}

output "s3_credentials_secret" {
  description = "Name of the Secret holding Dremio's S3 credentials file (never a ConfigMap)."
  value       = kubernetes_secret.s3_credentials.metadata[0].name
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.dremio.name
}

output "ui_url" {
  description = "URL of Dremio's web UI and REST API inside the cluster."
  value       = "${local.tls_enabled ? "https" : "http"}://${local.client_host}:9047"
}

output "jdbc_endpoint" {
  description = "host:port of Dremio's JDBC/ODBC endpoint inside the cluster."
  value       = "${local.client_host}:31010"
}

output "flight_endpoint" {
  description = "host:port of Dremio's Arrow Flight endpoint inside the cluster."
  value       = "${local.client_host}:32010"
}
