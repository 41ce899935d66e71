variable "name" {
  type        = string
  description = "Prefix of the issuers and of the CA certificate."
  default     = "mds"
}

variable "self_signed" {
  type        = bool
  description = "Create a self-signed platform CA and its ClusterIssuer (dev); false uses the existing ClusterIssuer issuer_name."
  default     = true
}

variable "issuer_name" {
  type        = string
  description = "Existing ClusterIssuer to use when self_signed is false."
  default     = null

  validation {
    condition     = var.issuer_name == null || can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.issuer_name))
    error_message = "issuer_name must be a Kubernetes object name."
  }

  # A validation that reads another variable needs Terraform 1.9 (the
  # modules require 1.11).
  validation {
    condition     = var.self_signed || var.issuer_name != null
    error_message = "Without self_signed, issuer_name must name an existing ClusterIssuer."
  }
}

variable "cert_manager_namespace" {
  type        = string
  description = "Namespace cert-manager runs in; the CA Secret lives there."
  default     = "cert-manager"
}

variable "ca_secret_name" {
  type        = string
  description = "Secret the self-signed CA certificate and key are written to."
  default     = "mds-platform-ca"
}

variable "ca_duration" {
  type        = string
  description = "Lifetime of the self-signed CA certificate."
  default     = "8760h"
}
