// Collects the figure each cluster test records (test/cluster/support/report.ts)
// into reports/cluster/latest.md and latest.json, linked from the README.
import { cpus, totalmem } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeHead } from '../../chaos-report.ts';
import { say } from '../../lib/log.ts';
import { dataDir, repoRoot } from '../../lib/paths.ts';

/** Where the tests append their figures (one JSON line each); handed to them as ROOMSTAY_CLUSTER_FIGURES. */
export const clusterFigures = join(dataDir, 'cluster', 'figures.jsonl');
const out = join(repoRoot, 'reports', 'cluster');

interface Figure {
  test: string;
  line: string;
  data: Record<string, unknown>;
}

export async function startClusterReport(): Promise<void> {
  await rm(clusterFigures, { force: true });
  await mkdir(join(dataDir, 'cluster'), { recursive: true });
}

export async function writeClusterReport(passed: boolean, timings: Record<string, number>): Promise<void> {
  const figures = (await readFile(clusterFigures, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Figure)
    .sort((a, b) => a.test.localeCompare(b.test));
  if (figures.length === 0) return;
  const commit = describeHead();
  const machine = { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'latest.json'),
    `${JSON.stringify({ commit, machine, at: new Date().toISOString(), passed, timings, figures }, null, 2)}\n`,
  );
  const md = [
    '# Cluster report',
    '',
    `Commit ${commit}, ${new Date().toISOString()}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    'Written by `npm run test:cluster`: one Kubernetes 1.32.13 node of our own (etcd, kube-apiserver,',
    'kube-controller-manager, kube-scheduler, the kubelet on containerd 1.6 and runc, kube-proxy in iptables mode,',
    "the bridge CNI), with CoreDNS, metrics-server and Dapr's control plane (Helm, the pinned module's chart),",
    "running the image built here from the project's Dockerfile. The whole suite",
    `${passed ? 'passed' : 'FAILED'}. Steps (s): ${Object.entries(timings)
      .map(([step, s]) => `${step} ${s.toFixed(1)}`)
      .join(', ')}.`,
    '',
    '| test | figures |',
    '| --- | --- |',
    ...figures.map((f) => `| ${f.test} | ${f.line} |`),
    '',
  ].join('\n');
  await writeFile(join(out, 'latest.md'), md);
  say('test', `cluster report: ${join('reports', 'cluster', 'latest.md')}`);
}
