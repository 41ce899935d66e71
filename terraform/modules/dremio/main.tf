# Dremio OSS from the dremio_v2 chart of dremio-cloud-tools (its Chart.yaml
# names it `dremio`), with MinIO as distributed storage. Upstream publishes
# no Helm repository and deprecated the chart in June 2025: by default the
# chart is a checkout of dremio-cloud-tools at a pinned commit under this
# module's vendor/ directory (README), which Terragrunt copies along with
# the module; chart_repository serves a package of it instead. The
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
  # JDBC/ODBC encryption is Enterprise-only: the chart says not to enable it
  # with the community edition.
  client_tls = { enabled = local.tls_enabled && var.client_tls_enabled, secret = local.tls_secret }

  # The JVM trusts the platform CA when MinIO speaks TLS: cert-manager adds
  # truststore.jks (the issuer's ca.crt) to Dremio's own certificate Secret,
  # and every Dremio pod mounts that one key. It replaces the JDK's default
  # trust store, so Dremio then trusts only the platform CA. A JKS trust
  # store needs no password to be read (the password only guards its
  # integrity), so none reaches the pods' command line.
  trust_platform_ca = local.tls_enabled && var.trust_platform_ca && startswith(var.s3_endpoint, "https://")
  trust_dir         = "/opt/dremio/platform-trust"
  trust_volumes = local.trust_platform_ca ? [{
    name   = "platform-trust"
    secret = { secretName = local.tls_secret, items = [{ key = "truststore.jks", path = "truststore.jks" }] }
  }] : []
  trust_mounts = local.trust_platform_ca ? [{ name = "platform-trust", mountPath = local.trust_dir, readOnly = true }] : []
  start_params = local.trust_platform_ca ? join(" ", [
    "-Djavax.net.ssl.trustStore=${local.trust_dir}/truststore.jks",
    "-Djavax.net.ssl.trustStoreType=JKS",
  ]) : ""

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
      client     = { tls = local.client_tls }
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
    # The credentials file, from the Secret below, where awsProfile reads it;
    # the platform CA's trust store when MinIO speaks TLS.
    extraVolumes      = concat([{ name = "aws-credentials", secret = { secretName = local.s3_secret } }], local.trust_volumes)
    extraVolumeMounts = concat([{ name = "aws-credentials", mountPath = "/opt/dremio/aws", readOnly = true }], local.trust_mounts)
    extraStartParams  = local.start_params
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

# dremio_v2 gives its containers requests only (coordinator.cpu/memory and
# the like become requests) and its busybox init containers nothing, and
# has no key for limits. This LimitRange gives every container of the
# namespace without limits the largest Dremio pod's size as its limit, and
# those without requests a small request (the init containers), so that
# nothing runs unbounded.
resource "kubernetes_limit_range" "dremio" {
  metadata {
    name      = "${var.release_name}-defaults"
    namespace = local.namespace
  }

  spec {
    limit {
      type = "Container"
      default = {
        cpu    = tostring(max(var.coordinator.cpu, var.executor.cpu, var.zookeeper_resources.cpu))
        memory = "${max(var.coordinator.memory_mb, var.executor.memory_mb, var.zookeeper_resources.memory_mb)}Mi"
      }
      default_request = {
        cpu    = "100m"
        memory = "128Mi"
      }
    }
  }
}

# cert-manager encrypts the JKS files with it; nothing reads it back.
resource "random_password" "keystore" {
  length  = 32
  special = false
}

resource "kubernetes_secret" "keystore_password" {
  metadata {
    name      = "${var.release_name}-keystore-password"
    namespace = local.namespace
  }

  data = {
    password = random_password.keystore.result
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
      # truststore.jks holds the issuer's CA (keystore.jks is unused)
      keystores = { jks = { create = true, passwordSecretRef = { name = kubernetes_secret.keystore_password.metadata[0].name, key = "password" } } }
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

  depends_on = [kubernetes_secret.s3_credentials, kubernetes_manifest.certificate, kubernetes_limit_range.dremio]

  lifecycle {
    # A relative chart path is read from Terraform's working directory, the
    # module's copy in .terragrunt-cache; without the checkout the helm
    # provider would look for a repository named "vendor".
    precondition {
      condition     = var.chart_repository != null || fileexists("${var.chart}/Chart.yaml")
      error_message = "No Dremio chart at ${var.chart}: check out dremio-cloud-tools into terraform/modules/dremio/vendor (git clone https://github.com/dremio/dremio-cloud-tools terraform/modules/dremio/vendor/dremio-cloud-tools && git -C terraform/modules/dremio/vendor/dremio-cloud-tools checkout 7c352d59fc1a545b983625dc5fe66d95cc9baaff), or set chart_repository."
    }
  }
}
