// dapr-inject: what Dapr's sidecar injector (the same release as daprd) does to
// a pod, without a cluster. It reads a JSON array of Pods on stdin and writes
// them back with the daprd container added, as the injector of a control plane
// installed the way the README's Kubernetes section installs it would add it:
// mTLS on, sidecars running as non-root on a read-only root filesystem with
// every capability dropped (dapr_sidecar_injector.sidecarDropALLCapabilities).
// The manifest validation (tools/k8s/validate.ts) sends these pods to a real
// API server, so Pod Security "restricted" judges the sidecar too, and checks
// that the sidecar has the CPU request an HPA needs.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"

	"github.com/dapr/dapr/pkg/injector/consts"
	"github.com/dapr/dapr/pkg/injector/patcher"
)

// The control plane as the Helm chart installs it in dapr-system.
const (
	controlPlaneNamespace   = "dapr-system"
	controlPlaneTrustDomain = "cluster.local"
	clusterDomain           = "cluster.local"
	sidecarImage            = "ghcr.io/dapr/daprd:1.18.3"
	// Any PEM will do: the validation checks the pod's shape, not its certificates.
	trustAnchors = "-----BEGIN CERTIFICATE-----\nplaceholder\n-----END CERTIFICATE-----\n"
)

func inject(pod *corev1.Pod) (*corev1.Pod, error) {
	sidecar := patcher.NewSidecarConfig(pod)
	sidecar.Mode = consts.ModeKubernetes
	sidecar.Namespace = pod.Namespace
	sidecar.MTLSEnabled = true
	sidecar.Identity = pod.Namespace + ":" + pod.Spec.ServiceAccountName
	sidecar.ImagePullPolicy = corev1.PullIfNotPresent
	sidecar.OperatorAddress = "dapr-api." + controlPlaneNamespace + ".svc." + clusterDomain + ":443"
	sidecar.SentryAddress = "dapr-sentry." + controlPlaneNamespace + ".svc." + clusterDomain + ":443"
	sidecar.RunAsNonRoot = true
	sidecar.ReadOnlyRootFilesystem = true
	sidecar.SidecarDropALLCapabilities = true
	sidecar.ControlPlaneNamespace = controlPlaneNamespace
	sidecar.ControlPlaneTrustDomain = controlPlaneTrustDomain
	sidecar.SentrySPIFFEID = "spiffe://" + controlPlaneTrustDomain + "/ns/" + controlPlaneNamespace + "/dapr-sentry"
	sidecar.CurrentTrustAnchors = []byte(trustAnchors)
	sidecar.KubeClusterDomain = clusterDomain
	sidecar.SchedulerEnabled = true
	sidecar.SidecarImage = sidecarImage
	sidecar.SetFromPodAnnotations()
	patch, err := sidecar.GetPatch()
	if err != nil {
		return nil, err
	}
	if len(patch) == 0 {
		return pod, nil
	}
	return patcher.PatchPod(pod, patch)
}

func main() {
	var pods []*corev1.Pod
	if err := json.NewDecoder(os.Stdin).Decode(&pods); err != nil {
		fmt.Fprintf(os.Stderr, "dapr-inject: reading pods: %v\n", err)
		os.Exit(2)
	}
	out := make([]*corev1.Pod, 0, len(pods))
	for _, pod := range pods {
		injected, err := inject(pod)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dapr-inject: %s: %v\n", pod.Name, err)
			os.Exit(1)
		}
		out = append(out, injected)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintf(os.Stderr, "dapr-inject: writing pods: %v\n", err)
		os.Exit(2)
	}
}
