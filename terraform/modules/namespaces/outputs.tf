output "names" {
  description = "Names of the namespaces created, sorted."
  value       = sort(keys(kubernetes_namespace.this))
}

output "pod_security" {
  description = "Pod Security Admission level enforced in each namespace."
  value       = { for ns, cfg in var.namespaces : ns => cfg.pod_security }
}
