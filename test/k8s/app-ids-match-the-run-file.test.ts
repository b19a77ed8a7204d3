import test from 'ava';
import { apps, rendered, runFileApps } from './support/manifests.ts';

test('the apps, their ids, ports and app protocols on Kubernetes are those of the local run file', async (t) => {
  const { objects } = await rendered();
  const deployed = apps(objects).map((app) => {
    const annotations = app.spec.template.metadata.annotations ?? {};
    const env = app.spec.template.spec.containers[0]?.env ?? [];
    return {
      appID: annotations['dapr.io/app-id'] ?? '',
      appPort: Number(annotations['dapr.io/app-port']),
      // The injector's default is http.
      appProtocol: annotations['dapr.io/app-protocol'] ?? 'http',
      // What the app believes it is: its Redis user name, its port.
      envAppId: env.find((e) => e.name === 'APP_ID')?.value,
      envPort: Number(env.find((e) => e.name === 'APP_PORT')?.value),
      deployment: app.metadata.name,
      account: app.spec.template.spec.serviceAccountName,
    };
  });
  const local = await runFileApps();
  t.deepEqual(
    deployed
      .map((d) => ({ appID: d.appID, appPort: d.appPort, appProtocol: d.appProtocol }))
      .sort((a, b) => a.appID.localeCompare(b.appID)),
    [...local].sort((a, b) => a.appID.localeCompare(b.appID)),
  );
  for (const d of deployed) {
    t.is(d.envAppId, d.appID, `${d.appID}: APP_ID`);
    t.is(d.envPort, d.appPort, `${d.appID}: APP_PORT`);
    t.is(d.deployment, d.appID, `${d.appID}: its Deployment's name`);
    // Sentry names a sidecar after its pod's service account: one per app.
    t.is(d.account, d.appID, `${d.appID}: its own service account`);
  }
});
