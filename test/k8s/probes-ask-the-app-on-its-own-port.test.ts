import test from 'ava';
import { apps, rendered } from './support/manifests.ts';

test("every app's probes ask the app itself, on the port its sidecar calls it on", async (t) => {
  const { objects } = await rendered();
  for (const app of apps(objects)) {
    const name = app.metadata.name;
    const [container] = app.spec.template.spec.containers;
    const appPort = Number(app.spec.template.metadata.annotations?.['dapr.io/app-port']);
    t.truthy(container, name);
    t.deepEqual(
      container?.ports?.map((p) => p.containerPort),
      [appPort],
      `${name}: the container's port is dapr.io/app-port`,
    );
    for (const [kind, path] of [
      ['startupProbe', '/health'],
      ['readinessProbe', '/ready'],
      ['livenessProbe', '/health'],
    ] as const) {
      t.deepEqual(container?.[kind]?.httpGet, { path, port: appPort }, `${name} ${kind}`);
    }
    // The app answers probes on the pod address only if it listens beyond loopback.
    t.is(container?.env?.find((e) => e.name === 'HOST')?.value, '0.0.0.0', `${name} listens on the pod address`);
  }
});
