// Who may publish and subscribe to which topic, as components/pubsub.yaml
// declares it for the sidecars. The launcher turns the same declaration into
// the broker's ACLs and creates exactly these topics, so the sidecars and Kafka
// enforce one list.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../lib/paths.ts';

export interface PubsubScopes {
  /** The apps the component is scoped to: each one is a Kafka user. */
  apps: string[];
  publishes: Record<string, string[]>;
  subscribes: Record<string, string[]>;
  /** Every topic that exists: allowedTopics. */
  topics: string[];
}

interface ComponentFile {
  spec: { metadata: { name: string; value?: string }[] };
  scopes?: string[];
}

/** "a=t1,t2;b=;c=t3" (spaces ignored, as Dapr reads it) -> { a: [t1, t2], b: [], c: [t3] } */
export function parseScopes(value: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const entry of value.replace(/\s+/g, '').split(';')) {
    const [app, topics] = entry.split('=');
    if (!app || topics === undefined) continue;
    result[app] = topics.split(',').filter(Boolean);
  }
  return result;
}

export async function readPubsubScopes(): Promise<PubsubScopes> {
  const file = parse(await readFile(join(repoRoot, 'components', 'pubsub.yaml'), 'utf8')) as ComponentFile;
  const value = (name: string) => file.spec.metadata.find((m) => m.name === name)?.value ?? '';
  return {
    apps: file.scopes ?? [],
    publishes: parseScopes(value('publishingScopes')),
    subscribes: parseScopes(value('subscriptionScopes')),
    topics: value('allowedTopics').replace(/\s+/g, '').split(',').filter(Boolean),
  };
}
