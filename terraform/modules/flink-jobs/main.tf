# Flink application jobs as FlinkDeployment custom resources. A unit of its
# own, applied after flink-operator: kubernetes_manifest validates the
# resource against the live CRD at plan time, so the CRD must already exist
# ("no matches for kind FlinkDeployment" otherwise).

locals {
  checkpoints_root = "s3://${var.checkpoints_bucket}/checkpoints"
  savepoints_root  = "s3://${var.checkpoints_bucket}/savepoints"
  s3_secret        = "flink-jobs-s3"

  # S3 settings shared by every job; the keys reach the pods as environment
  # variables from the Secret below, never through the manifest.
  base_config = {
    "s3.endpoint"                      = var.s3_endpoint
    "s3.path.style.access"             = "true"
    "state.backend.type"               = "rocksdb"
    "state.backend.incremental"        = "true"
    "execution.checkpointing.interval" = "60s"
  }

  # The platform CA for MinIO's TLS: cert-manager writes truststore.jks
  # (the issuer's ca.crt) into the Secret of a certificate made for that
  # purpose, the pods mount that key alone, and the JVMs read it. A JKS
  # trust store needs no password to be read.
  trust        = var.tls_issuer != null && startswith(var.s3_endpoint, "https://")
  trust_secret = "flink-jobs-platform-trust"
  trust_dir    = "/opt/flink/platform-trust"
  trust_config = local.trust ? {
    "env.java.opts.all" = "-Djavax.net.ssl.trustStore=${local.trust_dir}/truststore.jks -Djavax.net.ssl.trustStoreType=JKS"
  } : {}
  trust_volumes = local.trust ? [{
    name   = "platform-trust"
    secret = { secretName = local.trust_secret, items = [{ key = "truststore.jks", path = "truststore.jks" }] }
  }] : []
  trust_mounts = local.trust ? [{ name = "platform-trust", mountPath = local.trust_dir, readOnly = true }] : []

  env = [
    { name = "ENABLE_BUILT_IN_PLUGINS", value = var.s3_plugin },
    { name = "AWS_ACCESS_KEY_ID", valueFrom = { secretKeyRef = { name = local.s3_secret, key = "access-key" } } },
    { name = "AWS_SECRET_ACCESS_KEY", valueFrom = { secretKeyRef = { name = local.s3_secret, key = "secret-key" } } },
  ]
}

resource "kubernetes_secret" "s3" {
  metadata {
    name      = local.s3_secret
    namespace = var.namespace
  }

  data = {
    "access-key" = var.s3_access_key
    "secret-key" = var.s3_secret_key
  }
}

# cert-manager encrypts the JKS files with it; nothing reads it back.
resource "random_password" "keystore" {
  count = local.trust ? 1 : 0

  length  = 32
  special = false
}

resource "kubernetes_secret" "keystore_password" {
  count = local.trust ? 1 : 0

  metadata {
    name      = "${local.trust_secret}-password"
    namespace = var.namespace
  }

  data = {
    password = random_password.keystore[0].result
  }
}

# A certificate only for its trust store: nothing serves it.
resource "kubernetes_manifest" "trust" {
  count = local.trust ? 1 : 0

  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = local.trust_secret
      namespace = var.namespace
    }
    spec = {
      secretName = local.trust_secret
      commonName = "${local.trust_secret}.${var.namespace}"
      dnsNames   = ["${local.trust_secret}.${var.namespace}.svc"]
      issuerRef  = { name = var.tls_issuer, kind = "ClusterIssuer", group = "cert-manager.io" }
      keystores  = { jks = { create = true, passwordSecretRef = { name = kubernetes_secret.keystore_password[0].metadata[0].name, key = "password" } } }
    }
  }
}

resource "kubernetes_manifest" "job" {
  for_each = var.jobs

  manifest = {
    apiVersion = "flink.apache.org/v1beta1"
    kind       = "FlinkDeployment"
    metadata = {
      name      = each.key
      namespace = var.namespace
    }
    spec = {
      image          = coalesce(each.value.image, "${var.image_repository}:${var.image_tag}")
      flinkVersion   = var.flink_version
      serviceAccount = var.service_account
      flinkConfiguration = merge(local.base_config, {
        "taskmanager.numberOfTaskSlots" = tostring(each.value.task_slots)
        "state.checkpoints.dir"         = "${local.checkpoints_root}/${each.key}"
        "state.savepoints.dir"          = "${local.savepoints_root}/${each.key}"
      }, local.trust_config, each.value.flink_config)
      podTemplate = {
        spec = {
          containers = [{ name = "flink-main-container", env = local.env, volumeMounts = local.trust_mounts }]
          volumes    = local.trust_volumes
        }
      }
      jobManager = {
        resource = { cpu = each.value.jobmanager_cpu, memory = each.value.jobmanager_mem }
      }
      taskManager = {
        resource = { cpu = each.value.taskmanager_cpu, memory = each.value.taskmanager_mem }
      }
      job = merge(
        {
          jarURI      = each.value.jar_uri
          args        = each.value.args
          parallelism = each.value.parallelism
          upgradeMode = each.value.upgrade_mode
        },
        each.value.entry_class == null ? {} : { entryClass = each.value.entry_class },
      )
    }
  }

  depends_on = [kubernetes_secret.s3, kubernetes_manifest.trust]
}
