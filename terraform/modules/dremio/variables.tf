variable "namespace" {
  type        = string
  description = "Kubernetes namespace Dremio is installed into."
  default     = "dremio"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "The namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)."
  }
}

variable "release_name" {
  type        = string
  description = "Name of the Helm release."
  default     = "dremio"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be a DNS-1123 label of at most 53 characters."
  }
}

variable "chart_repository" {
  type        = string
  description = "Helm repository (oci:// or https://) serving a package of the Dremio chart, for teams that push one themselves (README); null (the default) installs the local checkout named by chart."
  default     = null

  validation {
    condition     = var.chart_repository == null || can(regex("^(oci|https?)://", var.chart_repository))
    error_message = "The chart repository must be an oci://, https:// or http:// URL, or null for a local chart."
  }
}

variable "chart_version" {
  type        = string
  description = "Version of the Dremio chart (pinned; never left empty)."
  default     = "2.0.0"

  validation {
    condition     = can(regex("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "The chart version must be an exact semantic version such as 2.0.0."
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

variable "chart" {
  type        = string
  description = "Path of charts/dremio_v2 in a checkout of dremio-cloud-tools at the pinned commit (relative paths are read from Terraform's working directory, the module's directory; README), or the chart name (dremio) in chart_repository."
  default     = "vendor/dremio-cloud-tools/charts/dremio_v2"
}

variable "image_repository" {
  type        = string
  description = "Container image repository of Dremio OSS."
  default     = "dremio/dremio-oss"
}

variable "image_tag" {
  type        = string
  description = "Container image tag of Dremio OSS (pinned, never latest)."
  default     = "25.2.0"

  validation {
    condition     = var.image_tag != "" && var.image_tag != "latest"
    error_message = "The image tag must be pinned, not empty and not latest."
  }
}

variable "coordinator" {
  type = object({
    cpu         = optional(number, 2)
    memory_mb   = optional(number, 8192)
    volume_size = optional(string, "20Gi")
  })
  description = "Coordinator sizing: CPU cores, memory in MB and volume size (the chart's defaults are 15 cores and 122800 MB)."
  default     = {}

  validation {
    condition     = var.coordinator.cpu > 0 && var.coordinator.memory_mb >= 4096
    error_message = "The coordinator needs more than 0 CPU and at least 4096 MB of memory."
  }
}

variable "executor" {
  type = object({
    count       = optional(number, 1)
    cpu         = optional(number, 2)
    memory_mb   = optional(number, 8192)
    volume_size = optional(string, "20Gi")
  })
  description = "Executor sizing: number of executors, CPU cores, memory in MB and volume size each (the chart's defaults are 3 x 15 cores and 122800 MB)."
  default     = {}

  validation {
    condition     = var.executor.count >= 1 && var.executor.cpu > 0 && var.executor.memory_mb >= 4096
    error_message = "Dremio needs at least one executor, more than 0 CPU and at least 4096 MB of memory each."
  }
}

variable "zookeeper_count" {
  type        = number
  description = "Number of ZooKeeper pods (1 in dev, 3 for a quorum in prod)."
  default     = 1

  validation {
    condition     = contains([1, 3, 5], var.zookeeper_count)
    error_message = "The ZooKeeper count must be 1, 3 or 5."
  }
}

variable "storage_class" {
  type        = string
  description = "Storage class of the persistent volumes; null uses the cluster's default class."
  default     = null
}

variable "service_type" {
  type        = string
  description = "Kubernetes service type of the client service (the chart defaults to LoadBalancer)."
  default     = "ClusterIP"

  validation {
    condition     = contains(["ClusterIP", "NodePort", "LoadBalancer"], var.service_type)
    error_message = "The service type must be ClusterIP, NodePort or LoadBalancer."
  }
}

variable "s3_endpoint" {
  type        = string
  description = "URL of the S3 API used for distributed storage (the minio module's s3_endpoint)."

  validation {
    condition     = can(regex("^https?://[^/]+$", var.s3_endpoint))
    error_message = "The S3 endpoint must be an http:// or https:// URL without a path."
  }
}

variable "dist_bucket" {
  type        = string
  description = "Bucket for Dremio's distributed storage (the minio-config module's dremio_dist_bucket)."
}

variable "dist_path" {
  type        = string
  description = "Path inside dist_bucket under which Dremio keeps its distributed storage."
  default     = "dremio"
}

variable "s3_access_key" {
  type        = string
  description = "Access key Dremio uses for the S3 API (the minio-config module's dremio_access_key)."
  sensitive   = true
}

variable "s3_secret_key" {
  type        = string
  description = "Secret key Dremio uses for the S3 API (the minio-config module's dremio_secret_key)."
  sensitive   = true
}

variable "tls_issuer" {
  type        = string
  description = "cert-manager ClusterIssuer that signs the certificate of the web UI, JDBC/ODBC and Flight ports (the pki component's issuer_name); null leaves them unencrypted, for tests only."
  default     = null
}

variable "zookeeper_resources" {
  type = object({
    cpu       = optional(number, 0.5)
    memory_mb = optional(number, 1024)
  })
  description = "CPU cores and memory in MB of each ZooKeeper pod."
  default     = {}
}

variable "client_tls_enabled" {
  type        = bool
  description = "Encrypt the JDBC/ODBC port too (with tls_issuer). Dremio Enterprise only: the chart says not to enable it with the community edition."
  default     = false
}

variable "trust_platform_ca" {
  type        = bool
  description = "With tls_issuer and an https:// s3_endpoint, make Dremio's JVM trust the issuer's CA (truststore.jks from cert-manager) instead of the JDK's default CAs, so that it can reach MinIO over TLS. Needs an issuer that publishes ca.crt (CA or Vault issuers, not ACME)."
  default     = true
}
