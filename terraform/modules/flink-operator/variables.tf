variable "namespace" {
  type        = string
  description = "Kubernetes namespace Flink Kubernetes Operator is installed into."
  default     = "flink-operator"

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
  default     = "flink-kubernetes-operator"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be a DNS-1123 label of at most 53 characters."
  }
}

variable "chart_repository" {
  type        = string
  description = "Helm repository of the operator; null derives Apache's version-specific URL from chart_version on archive.apache.org, which keeps every release (downloads.apache.org drops superseded ones)."
  default     = null
}

variable "chart_version" {
  type        = string
  description = "Version of the Flink Kubernetes Operator chart (pinned; never left empty)."
  default     = "1.15.0"

  validation {
    condition     = can(regex("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "The chart version must be an exact semantic version such as 1.10.0."
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

variable "image_repository" {
  type        = string
  description = "Container image repository of the Flink Kubernetes Operator."
  default     = "ghcr.io/apache/flink-kubernetes-operator"
}

variable "image_tag" {
  type        = string
  description = "Container image tag of the Flink Kubernetes Operator (pinned, never latest): the release commit's short hash, as Apache's published chart sets it (79d730b is release-1.15.0)."
  default     = "79d730b"

  validation {
    condition     = var.image_tag != "" && var.image_tag != "latest"
    error_message = "The image tag must be pinned, not empty and not latest."
  }
}

variable "watch_namespaces" {
  type        = list(string)
  description = "Namespaces the operator watches for Flink resources; empty watches all namespaces."
  default     = []

  validation {
    condition     = alltrue([for ns in var.watch_namespaces : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", ns))])
    error_message = "Every watched namespace must be a DNS-1123 label."
  }
}

variable "webhook_enabled" {
  type        = bool
  description = "Install the admission webhook (needs cert-manager, installed by the cert-manager module first)."
  default     = true
}

variable "job_service_account" {
  type        = string
  description = "Name of the service account the Flink job pods run as."
  default     = "flink"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.job_service_account))
    error_message = "The job service account must be a DNS-1123 label."
  }
}

variable "service_monitor_enabled" {
  type        = bool
  description = "Export the operator's metrics through its Prometheus reporter and create a PodMonitor for them (needs the monitoring module's CRDs, applied first)."
  default     = false
}

variable "replicas" {
  type        = number
  description = "Number of operator replicas; more than 1 switches on the operator's leader election (the chart requires it) and a rolling update strategy."
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
  description = "CPU and memory requests and limits of the operator pod."
  default = {
    requests = { cpu = "100m", memory = "512Mi" }
    limits   = { cpu = "1", memory = "1Gi" }
  }
}
