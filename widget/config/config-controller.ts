import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config } from '../../schema/index.js';
import { isLocaleLoaded, loadLocale } from '../i18n/catalogue.js';
import { completeConfig, type PartialConfig } from './complete-config.js';

/** Why a config could not be loaded, as the `consent-error` event reports it. */
export class ConfigLoadError extends Error {
  constructor(
    readonly code: 'config-not-found' | 'config-unavailable' | 'config-missing-app' | 'session-invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface ConfigSource {
  readonly config: PartialConfig | undefined;
  readonly app: string | undefined;
  readonly service: string;
  readonly locale: string | undefined;
  /** With no `app`, the session tells which application's config to render. */
  readonly session?: string | undefined;
}

/** `GET /v1/session`: the published config of the session's application (a partner may set only `session`). */
export async function fetchSessionConfig(service: string, session: string, signal: AbortSignal): Promise<Config> {
  let response: Response;
  try {
    response = await fetch(new URL('/v1/session', service), { signal, headers: { accept: 'application/json', authorization: `Bearer ${session}` } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ConfigLoadError('config-unavailable', `Could not reach ${service}: ${String(error)}`);
  }
  const body = (await response.json().catch(() => ({}))) as { config?: PartialConfig; detail?: string };
  if (response.status === 401) throw new ConfigLoadError('session-invalid', body.detail ?? 'This session has expired; ask the application for a new one.');
  if (!response.ok || !body.config) throw new ConfigLoadError('config-unavailable', `The service answered ${response.status} for this session.`);
  return completeConfig(body.config);
}

/** Fetches an application's published config; errors say what a partner should check. */
export async function fetchPublishedConfig(service: string, app: string, signal: AbortSignal): Promise<Config> {
  let response: Response;
  try {
    response = await fetch(new URL(`/v1/apps/${encodeURIComponent(app)}/config`, service), { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ConfigLoadError('config-unavailable', `Could not reach ${service}: ${String(error)}`);
  }
  if (response.status === 404) throw new ConfigLoadError('config-not-found', `No published config for application "${app}".`);
  if (!response.ok) throw new ConfigLoadError('config-unavailable', `The service answered ${response.status} for the config of "${app}".`);
  return completeConfig((await response.json()) as PartialConfig);
}

export const LoadStatus = { Pending: 1, Complete: 2, Error: 3 } as const;
export type LoadStatus = (typeof LoadStatus)[keyof typeof LoadStatus];

/**
 * Loads what a journey renders from: the `config` property when set (the editor preview), otherwise the
 * published config of `app`; and the messages of `locale`. Re-runs when any of them changes; a stale
 * load is aborted. A small controller rather than @lit/task: it keeps the bundle within its budget.
 */
export class ConfigLoader implements ReactiveController {
  status: LoadStatus = LoadStatus.Pending;
  value: Config | undefined;
  error: unknown;
  #key: readonly unknown[] = [];
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => ConfigSource,
  ) {
    host.addController(this);
  }

  hostUpdate() {
    const { config, app, service, locale, session } = this.source();
    const key = [config, app, service, locale, session];
    if (this.#abort && key.every((v, i) => v === this.#key[i])) return;
    this.#key = key;
    void this.run(true);
  }

  hostDisconnected() {
    this.#abort?.abort();
    this.#abort = undefined;
  }

  /** Loads again (the error state's "Try again"). `inUpdate`: called from the host's own update. */
  async run(inUpdate = false) {
    const { config, app, service, locale, session } = this.source();
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const wasComplete = this.status === LoadStatus.Complete;
    // A config set by hand renders in this very update when its locale is here: no "Loading…" frame,
    // and no second update to render it again.
    if (config && isLocaleLoaded(locale)) {
      Object.assign(this, { status: LoadStatus.Complete, value: completeConfig(config), error: undefined });
      if (!inUpdate) this.host.requestUpdate();
      return;
    }
    // Settled either way, so an error is explained in the end user's language too; a locale file that
    // cannot be loaded leaves the journey in en-AU rather than failing it.
    const messages = loadLocale(locale).catch(() => undefined);
    try {
      const [value] = await Promise.all([
        config
          ? completeConfig(config)
          : app
            ? fetchPublishedConfig(service, app, abort.signal)
            : session
              ? fetchSessionConfig(service, session, abort.signal)
              : Promise.reject(new ConfigLoadError('config-missing-app', 'Set the "session" or "app" attribute, or the "config" property.')),
        messages,
      ]);
      if (abort.signal.aborted) return;
      Object.assign(this, { status: LoadStatus.Complete, value, error: undefined });
    } catch (error) {
      await messages;
      if (abort.signal.aborted) return;
      Object.assign(this, { status: LoadStatus.Error, error, value: wasComplete ? this.value : undefined });
    }
    this.host.requestUpdate();
  }
}
