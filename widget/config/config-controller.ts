import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { Config } from '../../schema/index.js';
import { completeConfig, type PartialConfig } from './complete-config.js';

/** Why a config could not be loaded, as the `consent-error` event reports it. */
export class ConfigLoadError extends Error {
  constructor(
    readonly code: 'config-not-found' | 'config-unavailable' | 'config-missing-app',
    message: string,
  ) {
    super(message);
  }
}

export interface ConfigSource {
  readonly config: PartialConfig | undefined;
  readonly app: string | undefined;
  readonly service: string;
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

/**
 * Loads the config a journey renders: the `config` property when set (the editor preview), otherwise
 * the published config of `app`. Re-runs when any of them changes; a stale fetch is aborted.
 */
export function configTask(host: ReactiveControllerHost & HTMLElement, source: () => ConfigSource) {
  return new Task(host, {
    args: () => {
      const { config, app, service } = source();
      return [config, app, service] as const;
    },
    task: async ([config, app, service], { signal }) => {
      if (config) return completeConfig(config);
      if (!app) throw new ConfigLoadError('config-missing-app', 'Set the "app" attribute or the "config" property.');
      return fetchPublishedConfig(service, app, signal);
    },
  });
}
