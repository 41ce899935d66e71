# The provider is configured here, from inputs, rather than by a generated
# block: minio_server is the minio unit's `endpoint` output, which reaches
# this unit as an input through a Terragrunt dependency. Credentials come
# from MINIO_USER / MINIO_PASSWORD in the environment, never from inputs.
provider "minio" {
  minio_server      = var.minio_server
  minio_ssl         = var.minio_ssl
  minio_region      = var.minio_region
  minio_cacert_file = var.minio_cacert_file
}
