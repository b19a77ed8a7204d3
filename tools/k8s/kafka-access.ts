// The Kafka topics and users of the cluster, made from the same declaration as
// the local broker's: the scopes of components/pubsub.yaml, turned into ACLs by
// the launcher's own rule (desiredAcls in tools/stack/kafka.ts). So the sidecars
// and both brokers enforce one list. k8s/kafka-access.yaml is this module's
// output (`npm run k8s:kafka-access`); a test fails when it is out of date.
import kafkajs, { type AclEntry } from 'kafkajs';
import { stringify } from 'yaml';
import { desiredAcls } from '../stack/kafka.ts';
import type { PubsubScopes } from '../stack/pubsub-scopes.ts';

const { AclOperationTypes, AclResourceTypes } = kafkajs;

/** The Strimzi cluster the topics and users belong to (k8s/kafka.yaml). */
export const kafkaCluster = 'roomstay';
/** Partitions per topic, as locally: replicas of a consumer share the work. */
const partitions = 4;
/** One copy on each of the three brokers; two must have a write (min.insync.replicas). */
const replicas = 3;

/** The Secret and key that hold an app's Kafka password (made by `npm run k8s:prepare`). */
export const kafkaPasswordRef = (app: string) => ({ name: `${app}-sidecar`, key: 'kafka-password' });

interface StrimziAcl {
  type: 'allow';
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' };
  operations: ('Read' | 'Write')[];
  host: string;
}

function strimziAcl(acl: AclEntry): StrimziAcl {
  const type =
    acl.resourceType === AclResourceTypes.TOPIC ? 'topic' : acl.resourceType === AclResourceTypes.GROUP ? 'group' : '';
  const operation =
    acl.operation === AclOperationTypes.READ ? 'Read' : acl.operation === AclOperationTypes.WRITE ? 'Write' : '';
  if (!type || !operation) throw new Error(`no Strimzi form for ACL ${JSON.stringify(acl)}`);
  return {
    type: 'allow',
    resource: { type, name: acl.resourceName, patternType: 'literal' },
    operations: [operation],
    host: '*',
  };
}

/** KafkaTopic for every topic that exists (allowedTopics), KafkaUser for every app with its ACLs. */
export function kafkaAccess(scopes: PubsubScopes): object[] {
  const labels = { 'strimzi.io/cluster': kafkaCluster };
  const topics = scopes.topics.map((topic) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    // Kubernetes names are lower case; the topic keeps its own.
    metadata: { name: topic.toLowerCase(), labels },
    spec: { topicName: topic, partitions, replicas, config: { 'min.insync.replicas': 2 } },
  }));
  const acls = desiredAcls(scopes);
  const users = scopes.apps.map((app) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name: app, labels },
    spec: {
      authentication: { type: 'scram-sha-512', password: { valueFrom: { secretKeyRef: kafkaPasswordRef(app) } } },
      authorization: {
        type: 'simple',
        acls: acls.filter((acl) => acl.principal === `User:${app}`).map(strimziAcl),
      },
    },
  }));
  return [...topics, ...users];
}

export function renderKafkaAccess(scopes: PubsubScopes): string {
  const header = [
    '# Made by `npm run k8s:kafka-access` from the scopes of components/pubsub.yaml',
    '# (tools/k8s/kafka-access.ts): every topic and dead-letter topic, and per app',
    '# a SCRAM user whose password is its own Secret, allowed to write the topics it',
    '# publishes and read those it subscribes to, in its own consumer group. Do not',
    '# edit: change the scopes and run the command again.',
  ].join('\n');
  return `${header}\n${kafkaAccess(scopes)
    .map((document) => stringify(document, { lineWidth: 0 }))
    .join('---\n')}`;
}
