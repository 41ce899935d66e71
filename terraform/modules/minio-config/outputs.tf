output "landing_bucket" {
  description = "Name of the landing-zone bucket."
  value       = local.bucket_names["landing"]
}

output "warehouse_bucket" {
  description = "Name of the Iceberg warehouse bucket."
  value       = local.bucket_names["warehouse"]
}

output "warehouse_uri" {
  description = "S3 URI of the Iceberg warehouse root (s3://bucket/)."
  value       = "s3://${local.bucket_names["warehouse"]}/"
}

output "checkpoints_bucket" {
  description = "Name of the Flink checkpoints bucket."
  value       = local.bucket_names["checkpoints"]
}

output "airflow_logs_bucket" {
  description = "Name of the Airflow remote logs bucket."
  value       = local.bucket_names["airflow_logs"]
}

output "dremio_dist_bucket" {
  description = "Name of the Dremio distributed storage bucket."
  value       = local.bucket_names["dremio_dist"]
}

output "dremio_access_key" {
  description = "Access key of Dremio's service account."
  value       = minio_iam_service_account.app["dremio"].access_key
  sensitive   = true
}

output "dremio_secret_key" {
  description = "Secret key of Dremio's service account."
  value       = minio_iam_service_account.app["dremio"].secret_key
  sensitive   = true
}

output "flink_access_key" {
  description = "Access key of Flink's service account."
  value       = minio_iam_service_account.app["flink"].access_key
  sensitive   = true
}

output "flink_secret_key" {
  description = "Secret key of Flink's service account."
  value       = minio_iam_service_account.app["flink"].secret_key
  sensitive   = true
}

output "airflow_access_key" {
  description = "Access key of Airflow's service account."
  value       = minio_iam_service_account.app["airflow"].access_key
  sensitive   = true
}

output "airflow_secret_key" {
  description = "Secret key of Airflow's service account."
  value       = minio_iam_service_account.app["airflow"].secret_key
  sensitive   = true
}
