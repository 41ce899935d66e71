output "namespace" {
  description = "Namespace Airflow runs in."
  value       = local.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.airflow.name
}

output "webserver_url" {
  description = "URL of the Airflow web UI inside the cluster."
  value       = "${local.tls_enabled ? "https" : "http"}://${var.release_name}-webserver.${local.namespace}.svc.cluster.local:8080"
}

output "remote_log_folder" {
  description = "S3 URI task logs are written to."
  value       = local.remote_log_folder
}
