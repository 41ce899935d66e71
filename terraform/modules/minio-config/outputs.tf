output "landing_bucket" {
  description = "Name of the landing-zone bucket."
  value       = minio_s3_bucket.this["landing"].bucket
}

output "warehouse_bucket" {
  description = "Name of the Iceberg warehouse bucket."
  value       = minio_s3_bucket.this["warehouse"].bucket
}

output "warehouse_uri" {
  description = "S3 URI of the Iceberg warehouse root (s3://bucket/)."
  value       = "s3://${minio_s3_bucket.this["warehouse"].bucket}/"
}

output "checkpoints_bucket" {
  description = "Name of the Flink checkpoints bucket."
  value       = minio_s3_bucket.this["checkpoints"].bucket
}

output "airflow_logs_bucket" {
  description = "Name of the Airflow remote logs bucket."
  value       = minio_s3_bucket.this["airflow_logs"].bucket
}

output "dremio_dist_bucket" {
  description = "Name of the Dremio distributed storage bucket."
  value       = minio_s3_bucket.this["dremio_dist"].bucket
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
