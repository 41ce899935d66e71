# Dremio OSS from the dremio_v2 chart of dremio-cloud-tools (its Chart.yaml
# names it `dremio`), with MinIO as distributed storage. Upstream publishes
# no Helm repository and deprecated the chart in June 2025; the platform
# serves a package of it from its own registry (chart_repository). The
# chart's defaults are production-sized (15 cores and about 120 GB per pod)
# and pull imageTag latest: this module always sets sizes and a pinned tag.
# Sources, spaces and reflections live in Dremio's REST API and are
# configured after apply, outside Terraform.
#
# The S3 keys never reach a ConfigMap: with authentication accessKeySecret
# the chart writes them into core-site.xml. Here they are an AWS credentials
# file in a Secret, mounted where the chart's awsProfile mode reads it.

locals {
  namespace = var.namespace

  # The chart names its client service dremio-client whatever the release.
  client_host = "dremio-client.${local.namespace}.svc.cluster.local"

  tls_enabled = var.tls_issuer != null
  tls_secret  = "${var.release_name}-tls"
  s3_secret   = "${var.release_name}-s3-credentials"
  aws_profile = "dremio"

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

  tls = { enabled = local.tls_enabled, secret = local.tls_secret }

  values = {
    image        = var.image_repository
    imageTag     = var.image_tag
    storageClass = var.storage_class
    coordinator = {
      cpu        = var.coordinator.cpu
      memory     = var.coordinator.memory_mb
      count      = 0
      volumeSize = var.coordinator.volume_size
      web        = { tls = local.tls }
      client     = { tls = local.tls }
      flight     = { tls = local.tls }
    }
    executor = {
      cpu        = var.executor.cpu
      memory     = var.executor.memory_mb
      count      = var.executor.count
      volumeSize = var.executor.volume_size
    }
    zookeeper = {
      count  = var.zookeeper_count
      cpu    = var.zookeeper_resources.cpu
      memory = var.zookeeper_resources.memory_mb
    }
    service = { type = var.service_type }
    distStorage = {
      type = "aws"
      aws = {
        bucketName      = var.dist_bucket
        path            = "/${trimprefix(var.dist_path, "/")}"
        authentication  = "awsProfile"
        credentials     = { awsProfileName = local.aws_profile }
        extraProperties = local.s3a_properties
      }
    }
    # The credentials file, from the Secret below, where awsProfile reads it.
    extraVolumes      = [{ name = "aws-credentials", secret = { secretName = local.s3_secret } }]
    extraVolumeMounts = [{ name = "aws-credentials", mountPath = "/opt/dremio/aws", readOnly = true }]
  }
}

resource "kubernetes_secret" "s3_credentials" {
  metadata {
    name      = local.s3_secret
    namespace = local.namespace
  }

  data = {
    credentials = <<-INI
      [${local.aws_profile}]
      aws_access_key_id = ${var.s3_access_key}
      aws_secret_access_key = ${var.s3_secret_key}
    INI
  }
}

resource "kubernetes_manifest" "certificate" {
  count = local.tls_enabled ? 1 : 0

  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = local.tls_secret
      namespace = local.namespace
    }
    spec = {
      secretName = local.tls_secret
      issuerRef  = { name = var.tls_issuer, kind = "ClusterIssuer", group = "cert-manager.io" }
      dnsNames   = ["dremio-client", "dremio-client.${local.namespace}", "dremio-client.${local.namespace}.svc", local.client_host]
    }
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

  depends_on = [kubernetes_secret.s3_credentials, kubernetes_manifest.certificate]
}
