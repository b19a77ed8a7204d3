// A Deployment of the node's own add-ons (kube-system): one container from an
// image loaded into the node (never pulled), as unprivileged as Pod Security
// "restricted" asks of the project's apps.
export function systemDeployment(options: {
  name: string;
  labels: Record<string, string>;
  serviceAccountName: string;
  /** The container's image, arguments, ports, probes, resources and mounts. */
  container: Record<string, unknown>;
  volumes: object[];
  /** What else the pod's spec says (CoreDNS's dnsPolicy). */
  pod?: Record<string, unknown>;
}): object {
  const { name, labels, serviceAccountName, container, volumes, pod = {} } = options;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName,
          ...pod,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name,
              imagePullPolicy: 'Never',
              ...container,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
          volumes,
        },
      },
    },
  };
}
