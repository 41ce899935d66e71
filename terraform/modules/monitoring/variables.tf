variable "namespace" {
  type        = string
  description = "Kubernetes namespace kube-prometheus-stack is installed into."
  default     = "monitoring"

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
  default     = "kube-prometheus-stack"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be a DNS-1123 label of at most 53 characters."
  }
}

variable "chart_repository" {
  type        = string
  description = "Helm repository of the prometheus-community charts."
  default     = "https://prometheus-community.github.io/helm-charts"
}

variable "chart_version" {
  type        = string
  description = "Version of the kube-prometheus-stack chart (pinned; never left empty)."
  default     = "88.5.3"

  validation {
    condition     = can(regex("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "The chart version must be an exact semantic version such as 66.3.1."
  }
}

variable "helm_timeout" {
  type        = number
  description = "Seconds Helm waits for the release to become ready."
  default     = 900

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

variable "grafana_admin_secret" {
  type        = string
  description = "Name of an existing Secret with the keys admin-user and admin-password for Grafana's administrator."

  validation {
    condition     = can(regex("^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$", var.grafana_admin_secret))
    error_message = "The value must be the name of a Kubernetes Secret."
  }
}

variable "grafana_enabled" {
  type        = bool
  description = "Install Grafana with the stack."
  default     = true
}

variable "alertmanager_enabled" {
  type        = bool
  description = "Install Alertmanager with the stack."
  default     = true
}

variable "prometheus_retention" {
  type        = string
  description = "How long Prometheus keeps samples (a Prometheus duration such as 15d)."
  default     = "15d"

  validation {
    condition     = can(regex("^[0-9]+(ms|s|m|h|d|w|y)$", var.prometheus_retention))
    error_message = "The retention must be a Prometheus duration such as 15d or 12h."
  }
}

variable "storage_size" {
  type        = string
  description = "Size of Prometheus' volume, as a Kubernetes quantity."
  default     = "20Gi"

  validation {
    condition     = can(regex("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|K|M|G|T|P)?$", var.storage_size))
    error_message = "The storage size must be a Kubernetes quantity such as 10Gi."
  }
}

variable "storage_class" {
  type        = string
  description = "Storage class of the persistent volumes; null uses the cluster's default class."
  default     = null
}

variable "resources" {
  type = object({
    requests = optional(map(string), {})
    limits   = optional(map(string), {})
  })
  description = "CPU and memory requests and limits of the Prometheus server (Alertmanager, the operator and the exporters get component_resources)."
  default = {
    requests = { cpu = "250m", memory = "1Gi" }
    limits   = { cpu = "2", memory = "4Gi" }
  }
}

variable "component_resources" {
  type = object({
    requests = optional(map(string), {})
    limits   = optional(map(string), {})
  })
  description = "CPU and memory requests and limits of every other pod of the stack: Alertmanager, the Prometheus operator, Grafana, kube-state-metrics and the node exporter."
  default = {
    requests = { cpu = "50m", memory = "128Mi" }
    limits   = { cpu = "500m", memory = "512Mi" }
  }
}
