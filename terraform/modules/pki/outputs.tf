output "issuer_name" {
  description = "Name of the ClusterIssuer that signs the platform's certificates."
  value       = local.issuer_name
}

output "issuer_kind" {
  description = "Kind of the issuer (always ClusterIssuer), for a Certificate's issuerRef."
  value       = "ClusterIssuer"
}
