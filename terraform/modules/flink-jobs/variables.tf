variable "namespace" {
  type        = string
  description = "Namespace the FlinkDeployments are created in; the operator must watch it and its job service account must exist there (the operator's namespace when it watches all namespaces)."
  default     = "flink-operator"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "The namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)."
  }
}

variable "service_account" {
  type        = string
  description = "Service account the job pods run as (the flink-operator module's job_service_account)."
  default     = "flink"
}

variable "image_repository" {
  type        = string
  description = "Default container image repository of the Flink jobs (jobs may override the image)."
  default     = "flink"
}

variable "image_tag" {
  type        = string
  description = "Default container image tag of the Flink jobs (pinned, never latest)."
  default     = "1.20.0-java17"

  validation {
    condition     = var.image_tag != "" && var.image_tag != "latest"
    error_message = "The image tag must be pinned, not empty and not latest."
  }
}

variable "flink_version" {
  type        = string
  description = "Flink version constant of the FlinkDeployment CRD, matching the image (for example v1_20)."
  default     = "v1_20"

  validation {
    condition     = can(regex("^v1_[0-9]+$", var.flink_version))
    error_message = "The Flink version must be a CRD constant such as v1_20."
  }
}

variable "s3_plugin" {
  type        = string
  description = "Built-in Flink S3 file-system plugin jar enabled in every job (ENABLE_BUILT_IN_PLUGINS)."
  default     = "flink-s3-fs-presto-1.20.0.jar"
}

variable "checkpoints_bucket" {
  type        = string
  description = "Bucket for checkpoints and savepoints (the minio-config module's checkpoints_bucket)."
}

variable "s3_endpoint" {
  type        = string
  description = "URL of the S3 API for checkpoints (the minio module's s3_endpoint)."

  validation {
    condition     = can(regex("^https?://[^/]+$", var.s3_endpoint))
    error_message = "The S3 endpoint must be an http:// or https:// URL without a path."
  }
}

variable "tls_issuer" {
  type        = string
  description = "ClusterIssuer that signed MinIO's certificate (the minio module's tls_issuer). With an https:// s3_endpoint the jobs' JVMs trust its CA: a trust store from cert-manager (truststore.jks) is mounted and env.java.opts.all (Flink 1.18 and later) points at it, replacing the JDK's default CAs. Needs an issuer that publishes ca.crt."
  default     = null
}

variable "s3_access_key" {
  type        = string
  description = "Access key the jobs use for the S3 API (the minio-config module's flink_access_key)."
  sensitive   = true
}

variable "s3_secret_key" {
  type        = string
  description = "Secret key the jobs use for the S3 API (the minio-config module's flink_secret_key)."
  sensitive   = true
}

variable "jobs" {
  type = map(object({
    jar_uri         = string
    entry_class     = optional(string)
    args            = optional(list(string), [])
    parallelism     = optional(number, 1)
    upgrade_mode    = optional(string, "savepoint")
    image           = optional(string)
    task_slots      = optional(number, 1)
    jobmanager_cpu  = optional(number, 0.5)
    jobmanager_mem  = optional(string, "1024m")
    taskmanager_cpu = optional(number, 1)
    taskmanager_mem = optional(string, "2048m")
    flink_config    = optional(map(string), {})
  }))
  description = "Flink application jobs keyed by name: one FlinkDeployment in application mode each."
  default     = {}

  validation {
    condition     = alltrue([for name, job in var.jobs : can(regex("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$", name))])
    error_message = "Job names must be DNS-1123 labels of at most 42 characters starting with a letter."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : contains(["stateless", "savepoint", "last-state"], job.upgrade_mode)])
    error_message = "The upgrade mode of every job must be stateless, savepoint or last-state."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : job.parallelism >= 1 && job.task_slots >= 1])
    error_message = "Every job needs a parallelism and a number of task slots of at least 1."
  }
}
