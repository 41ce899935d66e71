variable "bucket_prefix" {
  type        = string
  description = "Prefix put in front of every bucket name (for example the environment name and a dash); empty for none."
  default     = ""

  validation {
    condition     = can(regex("^[a-z0-9.-]{0,20}$", var.bucket_prefix))
    error_message = "The bucket prefix may hold only lower-case letters, digits, '.' and '-', at most 20 characters."
  }
}

variable "landing_bucket" {
  type        = string
  description = "Name of the landing-zone bucket where raw data arrives."
  default     = "landing"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$", var.landing_bucket))
    error_message = "The landing bucket name must be a valid S3 bucket name (3 to 42 characters, lower-case letters, digits, '.' and '-')."
  }
}

variable "warehouse_bucket" {
  type        = string
  description = "Name of the bucket holding the Iceberg warehouse (table data and metadata)."
  default     = "iceberg-warehouse"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$", var.warehouse_bucket))
    error_message = "The warehouse bucket name must be a valid S3 bucket name (3 to 42 characters, lower-case letters, digits, '.' and '-')."
  }
}

variable "checkpoints_bucket" {
  type        = string
  description = "Name of the bucket for Flink checkpoints and savepoints."
  default     = "flink-checkpoints"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$", var.checkpoints_bucket))
    error_message = "The checkpoints bucket name must be a valid S3 bucket name (3 to 42 characters, lower-case letters, digits, '.' and '-')."
  }
}

variable "airflow_logs_bucket" {
  type        = string
  description = "Name of the bucket for Airflow remote task logs."
  default     = "airflow-logs"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$", var.airflow_logs_bucket))
    error_message = "The Airflow logs bucket name must be a valid S3 bucket name (3 to 42 characters, lower-case letters, digits, '.' and '-')."
  }
}

variable "dremio_dist_bucket" {
  type        = string
  description = "Name of the bucket for Dremio's distributed storage (reflections, uploads, job results)."
  default     = "dremio-dist"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$", var.dremio_dist_bucket))
    error_message = "The Dremio bucket name must be a valid S3 bucket name (3 to 42 characters, lower-case letters, digits, '.' and '-')."
  }
}

variable "versioning_enabled" {
  type        = bool
  description = "Enable object versioning on every bucket (recommended; keeps overwritten and deleted objects recoverable)."
  default     = true
}

variable "landing_retention_days" {
  type        = number
  description = "Days after which objects in the landing bucket expire; 0 keeps them forever."
  default     = 0

  validation {
    condition     = var.landing_retention_days >= 0 && floor(var.landing_retention_days) == var.landing_retention_days
    error_message = "The landing retention must be a whole number of days, 0 or more."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Allow Terraform to delete non-empty buckets and users with keys on destroy; keep false in production."
  default     = false
}

variable "user_prefix" {
  type        = string
  description = "Prefix of the per-application MinIO users (dremio, flink and airflow are appended)."
  default     = "mds-"

  validation {
    condition     = can(regex("^[a-z0-9-]{0,20}$", var.user_prefix))
    error_message = "The user prefix may hold only lower-case letters, digits and '-', at most 20 characters."
  }
}

variable "minio_server" {
  type        = string
  description = "S3 API of the MinIO to configure, as host:port without scheme (the minio unit's endpoint output)."

  validation {
    condition     = can(regex("^[^/:]+:[0-9]+$", var.minio_server))
    error_message = "minio_server must be host:port, without a scheme."
  }
}

variable "minio_ssl" {
  type        = bool
  description = "Talk to MinIO over TLS (the minio unit's tls_enabled output)."
  default     = true
}

variable "minio_region" {
  type        = string
  description = "Region name MinIO answers to."
  default     = "us-east-1"
}

variable "minio_cacert_file" {
  type        = string
  description = "PEM file of the CA that signed MinIO's certificate (the platform CA in dev); null trusts the system's CAs."
  default     = null
}

variable "protect_buckets" {
  type        = bool
  description = "Create the buckets with lifecycle prevent_destroy, so that no plan can delete them (true everywhere but throwaway environments)."
  default     = true
}
