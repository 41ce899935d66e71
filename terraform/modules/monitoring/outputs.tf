output "namespace" {
  description = "Namespace the monitoring stack runs in."
  value       = helm_release.monitoring.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.monitoring.name
}

output "prometheus_url" {
  description = "URL of the Prometheus server inside the cluster."
  value       = "http://${local.fullname}-prometheus.${var.namespace}.svc.cluster.local:9090"
}

output "grafana_url" {
  description = "URL of Grafana inside the cluster; null when Grafana is disabled."
  value       = var.grafana_enabled ? "http://${var.release_name}-grafana.${var.namespace}.svc.cluster.local:80" : null
}

output "alertmanager_url" {
  description = "URL of Alertmanager inside the cluster; null when Alertmanager is disabled."
  value       = var.alertmanager_enabled ? "http://${local.fullname}-alertmanager.${var.namespace}.svc.cluster.local:9093" : null
}
