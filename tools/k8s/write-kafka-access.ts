// `npm run k8s:kafka-access`: writes k8s/kafka-access.yaml from components/pubsub.yaml.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { say } from '../lib/log.ts';
import { repoRoot } from '../lib/paths.ts';
import { readPubsubScopes } from '../stack/pubsub-scopes.ts';
import { renderKafkaAccess } from './kafka-access.ts';

const file = join(repoRoot, 'k8s', 'kafka-access.yaml');
await writeFile(file, renderKafkaAccess(await readPubsubScopes()));
say('k8s', `wrote ${file}`);
