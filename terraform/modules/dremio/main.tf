# Dremio OSS from the dremio_v2 chart of dremio-cloud-tools, with MinIO as
# distributed storage. The chart's defaults are production-sized (15 cores
# and about 120 GB per pod) and pull imageTag latest: this module always
# sets sizes and a pinned tag. Sources, spaces and reflections live in
# Dremio's REST API and are configured after apply, outside Terraform.

locals {
  namespace = var.create_namespace ? kubernetes_namespace.this[0].metadata[0].name : var.namespace

  # The chart names its client service dremio-client whatever the release.
  client_host = "dremio-client.${local.namespace}.svc.cluster.local"

  # core-site.xml properties that point the S3A file system at MinIO.
  s3a_properties = <<-XML
    <property>
      <name>fs.s3a.endpoint</name>
      <value>${trimprefix(trimprefix(var.s3_endpoint, "https://"), "http://")}</value>
    </property>
    <property>
      <name>fs.s3a.path.style.access</name>
      <value>true</value>
    </property>
    <property>
      <name>fs.s3a.connection.ssl.enabled</name>
      <value>${startswith(var.s3_endpoint, "https://")}</value>
    </property>
    <property>
      <name>dremio.s3.compat</name>
      <value>true</value>
    </property>
  XML

  values = {
    image        = var.image_repository
    imageTag     = var.image_tag
    storageClass = var.storage_class
    coordinator = {
      cpu        = var.coordinator.cpu
      memory     = var.coordinator.memory_mb
      count      = 0
      volumeSize = var.coordinator.volume_size
    }
    executor = {
      cpu        = var.executor.cpu
      memory     = var.executor.memory_mb
      count      = var.executor.count
      volumeSize = var.executor.volume_size
    }
    zookeeper = {
      count = var.zookeeper_count
    }
    service = { type = var.service_type }
    distStorage = {
      type = "aws"
      aws = {
        bucketName      = var.dist_bucket
        path            = "/${trimprefix(var.dist_path, "/")}"
        authentication  = "accessKeySecret"
        extraProperties = local.s3a_properties
      }
    }
  }
}

resource "kubernetes_namespace" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name   = var.namespace
    labels = { "app.kubernetes.io/part-of" = "mds" }
  }
}

resource "helm_release" "dremio" {
  name            = var.release_name
  namespace       = local.namespace
  repository      = var.chart_repository
  chart           = var.chart
  version         = var.chart_version
  timeout         = var.helm_timeout
  wait            = var.helm_wait
  cleanup_on_fail = true
  max_history     = 10

  values = concat([yamlencode(local.values)], var.extra_values)

  # Keys come from minio-config's outputs; set_sensitive keeps them out of
  # plan output (they are still in state, which must be encrypted).
  set_sensitive = [
    { name = "distStorage.aws.credentials.accessKey", value = var.s3_access_key },
    { name = "distStorage.aws.credentials.secret", value = var.s3_secret_key },
  ]
}
