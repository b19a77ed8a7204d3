// `npm run k8s:prepare -- --image <registry>/roomstay:<tag>`: see prepare.ts.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { say } from '../lib/log.ts';
import { repoRoot } from '../lib/paths.ts';
import { prepareDeployment } from './prepare.ts';

const { values } = parseArgs({ options: { image: { type: 'string' } } });
// Without --image: the image `docker build -t roomstay:<commit> .` makes of this commit.
const image =
  values.image ??
  `roomstay:${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim()}`;
const dir = await prepareDeployment(join(repoRoot, 'k8s'), image);
say('k8s', `secrets and image ${image} in ${dir}; now: kubectl apply -k k8s`);
