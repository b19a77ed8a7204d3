import test from 'ava';
import { apps, rendered } from './support/manifests.ts';

test("promotion's file and room's SQLite file are on claimed volumes, auth's keys a Secret every replica reads", async (t) => {
  const { objects } = await rendered();
  const claimOf = (app: string) => {
    const w = apps(objects).find((a) => a.metadata.name === app);
    return w?.spec.template.spec.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName;
  };
  const mountOf = (app: string) =>
    apps(objects)
      .find((a) => a.metadata.name === app)
      ?.spec.template.spec.containers[0]?.volumeMounts?.find((m) => m.name === 'data')?.mountPath;
  const env = (app: string, name: string) =>
    apps(objects)
      .find((a) => a.metadata.name === app)
      ?.spec.template.spec.containers[0]?.env?.find((e) => e.name === name)?.value;
  const claims = new Set(objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name));

  const auth = apps(objects).find((a) => a.metadata.name === 'auth');
  t.is(auth?.spec.template.spec.volumes?.find((v) => v.name === 'data')?.secret?.secretName, 'auth-signing-keys');
  t.is(env('auth', 'AUTH_DATA_DIR'), mountOf('auth'));
  t.is(claimOf('promotion'), 'promotion-data');
  t.true(env('promotion', 'PROMOTION_DB_FILE')?.startsWith(`${mountOf('promotion') ?? '?'}/`));
  // Room's store is its sidecar's: the volume is mounted into daprd, where the connection string points.
  const room = apps(objects).find((a) => a.metadata.name === 'room')?.spec.template.metadata.annotations ?? {};
  t.is(claimOf('room'), 'room-data');
  t.is(room['dapr.io/volume-mounts-rw'], 'data:/data');
  t.is(room['dapr.io/env'], 'ROOMSTAY_SQLITE_CONNECTION=file:/data/room.db');
  for (const claim of ['promotion-data', 'room-data']) t.true(claims.has(claim), claim);
});
