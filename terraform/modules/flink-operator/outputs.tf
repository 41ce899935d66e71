output "namespace" {
  description = "Namespace the operator runs in."
  value       = helm_release.flink_operator.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.flink_operator.name
}

output "job_service_account" {
  description = "Service account Flink job pods run as (the flink-jobs module's service_account)."
  value       = var.job_service_account
}

output "watch_namespaces" {
  description = "Namespaces the operator watches; empty means all."
  value       = var.watch_namespaces
}
