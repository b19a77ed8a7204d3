// The whole stack under one supervisor: infrastructure, then every app with its
// sidecar, plus a small control API on loopback through which tests (in other
// processes) kill, pause, restart and scale single processes.
import type { Server } from 'node:http';
import { say } from '../lib/log.ts';
import type { Runtime } from '../provision.ts';
import {
  appNamespace,
  appSpec,
  appTrustDomain,
  daprdSpec,
  instanceName,
  layoutPorts,
  prepareDataDirs,
  readLayout,
  replicaOf,
  takenPorts,
  type AppDefinition,
  type Credentials,
  type StackLayout,
} from './apps.ts';
import { controlPort, removeControlToken, serveControl, writeControlToken } from './control.ts';
import { ports, restartWithFaults, startInfra, type InfraFault } from './infra.ts';
import { keepDataPrivate } from './private-data.ts';
import { appSecrets, sentryTokens, type AppSecretsById } from './secrets.ts';
import { sentry, sentryId, sentrySpec, trustAnchors } from './sentry.ts';
import { writeRunSecrets } from './run-secrets.ts';
import { reapLeftovers, Supervisor } from './supervisor.ts';

/** The ingress (every instance of it): stopped first, so that requests it holds finish against services still up. */
const ingressFirst = (names: readonly string[]): string[] =>
  names.filter((name) => name === 'app-gateway' || name.startsWith('app-gateway#'));

export { controlPort };

export interface StackOptions {
  /** Extra environment for apps, e.g. the test profile's fault injection switch. */
  appEnv?: Record<string, string>;
  /** Start only these apps (default: every app of the run file). */
  apps?: readonly string[];
}

export class Stack {
  readonly supervisor = new Supervisor();
  private control: Server | undefined;

  private trustAnchors = '';
  /** Environment given to every instance of one app from now on (the prove run's faults). */
  private readonly appOverrides = new Map<string, Record<string, string>>();
  /** Faults of the infrastructure from now on (the prove run's). */
  private readonly infraFaults = new Set<InfraFault>();

  private constructor(
    readonly runtime: Runtime,
    readonly layout: StackLayout,
    private readonly secrets: AppSecretsById,
    private readonly options: StackOptions,
  ) {}

  /**
   * Infrastructure and Sentry, then every app with its sidecar (or the ones
   * named), each given only its own secrets, all keeping .data to its owner.
   */
  static async start(runtime: Runtime, options: StackOptions = {}): Promise<Stack> {
    // First: everything the stack writes from here on, by any process, is its owner's alone.
    await keepDataPrivate();
    await reapLeftovers();
    const layout = await readLayout();
    const taken = await takenPorts([
      ports.kafka,
      ports.kafkaController,
      ports.redis,
      ports.postgres,
      sentry.port,
      sentry.healthzPort,
      controlPort,
      ...layoutPorts(layout),
    ]);
    if (taken.length) {
      throw new Error(`ports ${taken.join(', ')} are taken by other processes; stop them and start again`);
    }
    const appIds = layout.apps.map((app) => app.appId);
    const stack = new Stack(runtime, layout, await appSecrets(appIds), options);
    try {
      await stack.up();
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** Infrastructure, Sentry and the apps, then their sidecars. */
  private async up(): Promise<void> {
    await prepareDataDirs();
    const started = Date.now();
    const appIds = this.layout.apps.map((app) => app.appId);
    const apps = this.layout.apps.filter((app) => !this.options.apps || this.options.apps.includes(app.appId));
    // The apps need nothing of the infrastructure to start (their clients connect when first used, as
    // on Kubernetes, where app and sidecar start together): they load while Kafka starts.
    await Promise.all([
      startInfra(this.supervisor, this.runtime, this.secrets, this.infraFaults),
      this.layout.mtls ? this.startSentry(appIds) : Promise.resolve(),
      ...apps.map((app) => this.startApp(app.appId)),
    ]);
    const appsAt = Date.now();
    await Promise.all(apps.map((app) => this.startSidecar(app.appId)));
    say(
      'stack',
      `${apps.length} apps healthy in ${((appsAt - started) / 1000).toFixed(1)}s with the infrastructure, their sidecars ${((Date.now() - appsAt) / 1000).toFixed(1)}s later`,
    );
  }

  /**
   * Everything stopped and started again, the control API aside: with SIGTERM
   * as Ctrl-C stops it (apps and sidecars first, then the infrastructure, each
   * given time to finish), with SIGKILL as a crash of every process at once.
   */
  async restartAll(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    if (signal === 'SIGTERM') await this.supervisor.stopAll(ingressFirst);
    else await this.supervisor.killAll();
    await this.up();
  }

  /**
   * A proving fault of the infrastructure (the prove run's): the store is
   * restarted with it on, or, given undefined, with none again.
   */
  async setInfraFault(fault: InfraFault | undefined): Promise<void> {
    const before = [...this.infraFaults];
    this.infraFaults.clear();
    if (fault) this.infraFaults.add(fault);
    for (const changed of new Set([...before, ...this.infraFaults])) {
      await restartWithFaults(this.supervisor, this.runtime, this.secrets, this.infraFaults, changed);
    }
  }

  private async startSentry(appIds: readonly string[]): Promise<void> {
    await sentryTokens(appIds, { trustDomain: appTrustDomain, namespace: appNamespace, sentryId });
    await this.supervisor.start(await sentrySpec(this.runtime));
    this.trustAnchors = await trustAnchors();
  }

  /** What one app and its sidecar are given. */
  credentials(appId: string): Credentials {
    const app = this.secrets[appId];
    if (!app) throw new Error(`no secrets for app ${appId}`);
    return { app, trustAnchors: this.trustAnchors };
  }

  app(appId: string): AppDefinition {
    const app = this.layout.apps.find((a) => a.appId === appId);
    if (!app) throw new Error(`no app ${appId} in dapr.yaml`);
    return app;
  }

  /** Starts instance n of an app (0 is the one in the run file) with its sidecar. */
  async startInstance(
    appId: string,
    n = 0,
    env: Record<string, string> = {},
    options: { resiliency?: boolean } = {},
  ): Promise<void> {
    await this.startApp(appId, n, env);
    await this.startSidecar(appId, n, options);
  }

  /** Starts instance n of an app, without its sidecar. */
  private async startApp(appId: string, n = 0, env: Record<string, string> = {}): Promise<void> {
    const app = n === 0 ? this.app(appId) : replicaOf(this.app(appId), n);
    const overrides = this.appOverrides.get(appId) ?? {};
    await this.supervisor.start(
      appSpec(app, this.credentials(appId), n, { ...this.options.appEnv, ...overrides, ...env }),
    );
  }

  /** Starts the sidecar of instance n of an app (after Sentry, whose trust anchors it is given). */
  private async startSidecar(appId: string, n = 0, options: { resiliency?: boolean } = {}): Promise<void> {
    const app = n === 0 ? this.app(appId) : replicaOf(this.app(appId), n);
    await this.supervisor.start(daprdSpec(this.runtime.daprd, this.layout, app, this.credentials(appId), n, options));
  }

  /** Restarts only the sidecar of an app instance, e.g. without resiliency policies. */
  async restartSidecar(appId: string, n = 0, options: { resiliency?: boolean } = {}): Promise<void> {
    const app = n === 0 ? this.app(appId) : replicaOf(this.app(appId), n);
    await this.supervisor.stop(`daprd-${instanceName(app, n)}`);
    await this.supervisor.start(daprdSpec(this.runtime.daprd, this.layout, app, this.credentials(appId), n, options));
  }

  /**
   * Gives every instance of an app this environment from now on (empty: none
   * beyond the stack's), and restarts instance 0 with it.
   */
  async setAppEnv(appId: string, env: Record<string, string>): Promise<void> {
    this.appOverrides.set(appId, env);
    await this.stopInstance(appId, 0);
    await this.startInstance(appId, 0);
  }

  /**
   * Each app's secrets in a file of its own (run-secrets.ts), for `dapr run -f .`
   * to start the apps and sidecars on this infrastructure.
   */
  async writeRunSecrets(): Promise<void> {
    await writeRunSecrets(
      this.layout.apps.map((app) => app.appId),
      (appId) => this.credentials(appId),
    );
  }

  async stopInstance(appId: string, n = 0): Promise<void> {
    const name = instanceName(this.app(appId), n);
    await this.supervisor.stop(`daprd-${name}`);
    await this.supervisor.stop(`app-${name}`);
  }

  /**
   * Serves the control API used by tests running in other processes
   * (control.ts), for the bearer of a token made for this start.
   */
  async serveControl(): Promise<void> {
    const supervisor = this.supervisor;
    this.control = await serveControl(
      {
        processes: () => supervisor.status(),
        has: (name) => supervisor.has(name),
        appIds: () => this.layout.apps.map((app) => app.appId),
        signal: (name, signal) => supervisor.signal(name, signal),
        exited: (name) => supervisor.exited(name),
        restart: (name) => supervisor.restart(name),
        stop: (name) => supervisor.stop(name),
        restartAll: (signal) => this.restartAll(signal),
        startInstance: (appId, n, options) => this.startInstance(appId, n, definedOnly(options)),
        stopInstance: (appId, n) => this.stopInstance(appId, n),
      },
      { token: await writeControlToken() },
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.control ? this.control.close(() => resolve()) : resolve()));
    if (this.control) await removeControlToken();
    await this.supervisor.stopAll(ingressFirst);
  }
}

/** An environment of the options given, without the absent ones. */
function definedOnly(options: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
