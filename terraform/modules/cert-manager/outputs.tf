output "namespace" {
  description = "Namespace cert-manager runs in."
  value       = helm_release.cert_manager.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.cert_manager.name
}

output "chart_version" {
  description = "Installed chart version (dependents use it as an ordering token)."
  value       = helm_release.cert_manager.version
}
