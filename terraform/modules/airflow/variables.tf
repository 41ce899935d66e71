variable "namespace" {
  type        = string
  description = "Kubernetes namespace Airflow is installed into."
  default     = "airflow"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "The namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)."
  }
}

variable "release_name" {
  type        = string
  description = "Name of the Helm release."
  default     = "airflow"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be a DNS-1123 label of at most 53 characters."
  }
}

variable "chart_repository" {
  type        = string
  description = "Helm repository serving the official Apache Airflow chart."
  default     = "https://airflow.apache.org"
}

variable "chart_version" {
  type        = string
  description = "Version of the Airflow chart (pinned; never left empty)."
  default     = "1.16.0"

  validation {
    condition     = can(regex("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "The chart version must be an exact semantic version such as 1.16.0."
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

variable "airflow_version" {
  type        = string
  description = "Airflow version the chart deploys (sets both airflowVersion and defaultAirflowTag, which must agree)."
  default     = "2.10.5"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.airflow_version))
    error_message = "The Airflow version must be an exact version such as 2.10.5."
  }
}

variable "image_repository" {
  type        = string
  description = "Container image repository of Airflow (a custom image with your providers installed, for example)."
  default     = "apache/airflow"
}

variable "executor" {
  type        = string
  description = "Airflow executor."
  default     = "KubernetesExecutor"

  validation {
    condition     = contains(["LocalExecutor", "CeleryExecutor", "KubernetesExecutor", "CeleryKubernetesExecutor"], var.executor)
    error_message = "The executor must be LocalExecutor, CeleryExecutor, KubernetesExecutor or CeleryKubernetesExecutor."
  }
}

variable "metadata_secret_name" {
  type        = string
  description = "Name of an existing Secret with the key connection holding the metadata database URL (postgresql://...); null only with postgresql_enabled."
  default     = null

  validation {
    condition     = var.metadata_secret_name == null || can(regex("^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$", var.metadata_secret_name))
    error_message = "The value must be the name of a Kubernetes Secret."
  }
}

variable "postgresql_enabled" {
  type        = bool
  description = "Run the chart's bundled PostgreSQL as the metadata database (throwaway environments only: its password is the chart's default)."
  default     = false
}

variable "postgresql_image_repository" {
  type        = string
  description = "Image repository of the bundled PostgreSQL (postgresql_enabled). The chart's default, bitnami/postgresql, lost its versioned tags when Bitnami moved them to bitnamilegacy in September 2025."
  default     = "bitnamilegacy/postgresql"
}

variable "dags_git_repo" {
  type        = string
  description = "Git URL the DAGs are synchronised from with git-sync; null disables git-sync."
  default     = null
}

variable "dags_git_branch" {
  type        = string
  description = "Branch of dags_git_repo to synchronise."
  default     = "main"
}

variable "dags_git_sub_path" {
  type        = string
  description = "Directory inside dags_git_repo that holds the DAGs."
  default     = "dags"
}

variable "dags_git_known_hosts" {
  type        = string
  description = "known_hosts lines of the DAG repository's SSH host (public keys, not a secret). Without them the chart switches git-sync's host key checking off (GITSYNC_SSH_KNOWN_HOSTS=false), so an SSH clone trusts any host."
  default     = null
}

variable "dags_git_ssh_key_secret" {
  type        = string
  description = "Name of an existing Secret with the key gitSshKey for a private DAG repository; null for public HTTPS repositories."
  default     = null
}

variable "logs_bucket" {
  type        = string
  description = "Bucket for remote task logs (the minio-config module's airflow_logs_bucket)."
}

variable "s3_endpoint" {
  type        = string
  description = "URL of the S3 API for remote logs (the minio module's s3_endpoint)."

  validation {
    condition     = can(regex("^https?://[^/]+$", var.s3_endpoint))
    error_message = "The S3 endpoint must be an http:// or https:// URL without a path."
  }
}

variable "s3_access_key" {
  type        = string
  description = "Access key Airflow uses for the S3 API (the minio-config module's airflow_access_key)."
  sensitive   = true
}

variable "s3_secret_key" {
  type        = string
  description = "Secret key Airflow uses for the S3 API (the minio-config module's airflow_secret_key)."
  sensitive   = true
}

variable "s3_connection_id" {
  type        = string
  description = "Airflow connection id of the S3 connection the module creates (used by remote logging)."
  default     = "minio_s3"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.s3_connection_id))
    error_message = "The connection id must start with a letter and hold only lower-case letters, digits and '_'."
  }
}

variable "storage_class" {
  type        = string
  description = "Storage class of the persistent volumes (triggerer, Celery workers); null uses the cluster's default class."
  default     = null
}

variable "resources" {
  type = object({
    requests = optional(map(string), {})
    limits   = optional(map(string), {})
  })
  description = "CPU and memory requests and limits of the scheduler and the webserver."
  default = {
    requests = { cpu = "250m", memory = "1Gi" }
    limits   = { cpu = "1", memory = "2Gi" }
  }
}

variable "component_resources" {
  type = object({
    requests = optional(map(string), {})
    limits   = optional(map(string), {})
  })
  description = "CPU and memory requests and limits of every other pod and container: triggerer, DAG processor, workers, statsd, git-sync, the migration and user jobs, cleanup and the bundled PostgreSQL's neighbours."
  default = {
    requests = { cpu = "100m", memory = "256Mi" }
    limits   = { cpu = "500m", memory = "1Gi" }
  }
}

variable "tls_issuer" {
  type        = string
  description = "cert-manager ClusterIssuer that signs the webserver's certificate (the pki component's issuer_name); null serves plain HTTP, for tests only."
  default     = null
}
