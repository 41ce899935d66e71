variable "namespace" {
  type        = string
  description = "Kubernetes namespace cert-manager is installed into."
  default     = "cert-manager"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "The namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)."
  }
}

variable "create_namespace" {
  type        = bool
  description = "Let Helm create the namespace; false by default because the namespaces component creates every namespace with its Pod Security labels and NetworkPolicies."
  default     = false
}

variable "release_name" {
  type        = string
  description = "Name of the Helm release."
  default     = "cert-manager"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be a DNS-1123 label of at most 53 characters."
  }
}

variable "chart_repository" {
  type        = string
  description = "Helm repository serving Jetstack's cert-manager chart (the OCI registry the chart's README names from v1.21 on; https://charts.jetstack.io serves the same chart)."
  default     = "oci://quay.io/jetstack/charts"
}

variable "chart_version" {
  type        = string
  description = "Version of the cert-manager chart (pinned; never left empty)."
  default     = "v1.21.1"

  validation {
    condition     = can(regex("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "The chart version must be an exact semantic version such as v1.16.2."
  }
}

variable "helm_timeout" {
  type        = number
  description = "Seconds Helm waits for the release to become ready."
  default     = 600

  validation {
    condition     = var.helm_timeout >= 60
    error_message = "The Helm timeout must be at least 60 seconds."
  }
}

variable "helm_wait" {
  type        = bool
  description = "Wait until all pods of the release are ready before the apply completes."
  default     = true
}

variable "extra_values" {
  type        = list(string)
  description = "Additional chart values as YAML documents, applied after the module's own values."
  default     = []
}

variable "install_crds" {
  type        = bool
  description = "Install and upgrade cert-manager's CRDs with the release (crds.enabled), and keep them on uninstall (crds.keep)."
  default     = true
}

variable "replicas" {
  type        = number
  description = "Number of cert-manager controller replicas."
  default     = 1

  validation {
    condition     = var.replicas >= 1 && floor(var.replicas) == var.replicas
    error_message = "The number of replicas must be a whole number of at least 1."
  }
}

variable "resources" {
  type = object({
    requests = optional(map(string), {})
    limits   = optional(map(string), {})
  })
  description = "CPU and memory requests and limits of each cert-manager pod (controller, webhook, cainjector and the startup check Job)."
  default = {
    requests = { cpu = "50m", memory = "128Mi" }
    limits   = { cpu = "500m", memory = "256Mi" }
  }
}
