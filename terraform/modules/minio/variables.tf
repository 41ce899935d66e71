variable "namespace" {
  type        = string
  description = "Kubernetes namespace MinIO is installed into."
  default     = "minio"

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
  description = "Name of the Helm release (also the prefix of the Kubernetes services)."
  default     = "minio"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be a DNS-1123 label of at most 53 characters."
  }
}

variable "chart_repository" {
  type        = string
  description = "Helm repository that serves the community MinIO chart."
  default     = "https://charts.min.io/"
}

variable "chart_version" {
  type        = string
  description = "Version of the MinIO chart (pinned; never left empty)."
  default     = "5.4.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "The chart version must be an exact semantic version such as 5.4.0."
  }
}

variable "image_repository" {
  type        = string
  description = "Container image repository of the MinIO server (the upstream project may move; keep it an input)."
  default     = "quay.io/minio/minio"
}

variable "image_tag" {
  type        = string
  description = "Container image tag of the MinIO server (pinned release, never latest)."
  default     = "RELEASE.2024-12-18T13-15-44Z"

  validation {
    condition     = var.image_tag != "" && var.image_tag != "latest"
    error_message = "The image tag must be a pinned release, not empty and not latest."
  }
}

variable "mode" {
  type        = string
  description = "MinIO topology: standalone (one pod, dev) or distributed (erasure-coded pods, prod)."
  default     = "standalone"

  validation {
    condition     = contains(["standalone", "distributed"], var.mode)
    error_message = "The mode must be standalone or distributed."
  }
}

variable "replicas" {
  type        = number
  description = "Number of MinIO pods: 1 in standalone mode, at least 4 in distributed mode."
  default     = 1

  validation {
    condition     = var.replicas >= 1 && floor(var.replicas) == var.replicas
    error_message = "The number of replicas must be a whole number of at least 1."
  }
}

variable "drives_per_node" {
  type        = number
  description = "Number of drives (persistent volumes) per MinIO pod in distributed mode."
  default     = 1

  validation {
    condition     = var.drives_per_node >= 1 && floor(var.drives_per_node) == var.drives_per_node
    error_message = "The number of drives per node must be a whole number of at least 1."
  }
}

variable "storage_size" {
  type        = string
  description = "Size of each persistent volume, as a Kubernetes quantity (for example 10Gi)."
  default     = "10Gi"

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
  description = "CPU and memory requests and limits of each MinIO pod (the chart's default request is 16Gi of memory)."
  default = {
    requests = { cpu = "250m", memory = "1Gi" }
    limits   = { cpu = "1", memory = "2Gi" }
  }
}

variable "root_credentials_secret" {
  type        = string
  description = "Name of an existing Secret in the namespace with the keys rootUser and rootPassword; the module never takes root credentials as values."

  validation {
    condition     = can(regex("^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$", var.root_credentials_secret))
    error_message = "The root credentials secret must be the name of a Kubernetes Secret."
  }
}

variable "service_type" {
  type        = string
  description = "Kubernetes service type of the S3 API and console services."
  default     = "ClusterIP"

  validation {
    condition     = contains(["ClusterIP", "NodePort", "LoadBalancer"], var.service_type)
    error_message = "The service type must be ClusterIP, NodePort or LoadBalancer."
  }
}

variable "service_monitor_enabled" {
  type        = bool
  description = "Create the chart's Prometheus monitors (needs the monitoring module's CRDs installed first). Metrics stay authenticated: Prometheus reads a bearer token from the Secret <fullname>-prometheus (key token, from `mc admin prometheus generate`)."
  default     = false
}

variable "tls_issuer" {
  type        = string
  description = "cert-manager ClusterIssuer that signs the S3 API's certificate (the pki component's issuer_name); null serves plain HTTP, for tests only."
  default     = null
}

variable "external_endpoint" {
  type        = string
  description = "host:port at which clients outside the cluster reach the S3 API (an ingress, or a port-forward in dev); null means the in-cluster service. It is the endpoint output and a name in the certificate."
  default     = null

  validation {
    condition     = var.external_endpoint == null || can(regex("^[^/:]+:[0-9]+$", var.external_endpoint))
    error_message = "external_endpoint must be host:port, without a scheme."
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
