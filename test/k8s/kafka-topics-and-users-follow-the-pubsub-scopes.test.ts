import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parseAllDocuments } from 'yaml';
import { renderKafkaAccess } from '../../tools/k8s/kafka-access.ts';
import { repoRoot } from '../../tools/lib/paths.ts';
import { readPubsubScopes } from '../../tools/stack/pubsub-scopes.ts';
import { rendered, type K8sObject } from './support/manifests.ts';

interface KafkaTopic extends K8sObject {
  spec: { topicName: string };
}

test("the cluster's Kafka topics and users are those the pub/sub scopes make, as locally", async (t) => {
  const scopes = await readPubsubScopes();
  const committed = await readFile(join(repoRoot, 'k8s', 'kafka-access.yaml'), 'utf8');
  t.is(committed, renderKafkaAccess(scopes), 'k8s/kafka-access.yaml is up to date: run `npm run k8s:kafka-access`');

  const { objects } = await rendered();
  const topics = objects.filter((o): o is KafkaTopic => o.kind === 'KafkaTopic').map((o) => o.spec.topicName);
  t.deepEqual([...topics].sort(), [...scopes.topics].sort(), 'a KafkaTopic for every topic that exists');
  t.deepEqual(
    objects
      .filter((o) => o.kind === 'KafkaUser')
      .map((o) => o.metadata.name)
      .sort(),
    [...scopes.apps].sort(),
    'a KafkaUser for every app with pub/sub',
  );
  // Every subscription's dead-letter topic is one of them.
  const subscriptions = parseAllDocuments(
    await readFile(join(repoRoot, 'components', 'subscriptions.yaml'), 'utf8'),
  ).map((d) => d.toJS() as { spec: { deadLetterTopic: string } });
  for (const s of subscriptions) t.true(topics.includes(s.spec.deadLetterTopic), s.spec.deadLetterTopic);
  // The broker, as locally, lets nobody in without an ACL and creates no topic by use.
  const kafka = objects.find((o) => o.kind === 'Kafka') as
    (K8sObject & { spec: { kafka: { config: Record<string, unknown>; authorization: { type: string } } } }) | undefined;
  t.is(kafka?.spec.kafka.authorization.type, 'simple');
  t.is(kafka?.spec.kafka.config['allow.everyone.if.no.acl.found'], false);
  t.is(kafka?.spec.kafka.config['auto.create.topics.enable'], false);
});
