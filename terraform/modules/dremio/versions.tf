terraform {
  # 1.11: the S3 backend's use_lockfile (root.hcl) is generally available
  # from 1.11 on; endpoints and use_path_style need 1.6.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}
