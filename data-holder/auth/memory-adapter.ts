import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * The sandbox data holder's oidc-provider storage: in memory, one store per server (oidc-provider's own
 * development adapter is shared process-wide and warns on every start). Nothing survives a restart;
 * a deployed data holder with more than one instance needs a shared store behind this same interface.
 */
export function memoryAdapter(): new (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const grants = new Map<string, Set<string>>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  let writes = 0;
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [grantId, keys] of grants) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) grants.delete(grantId);
    }
  };

  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      // Expired entries are dropped on read; a periodic sweep keeps unread ones from piling up.
      if (++writes % 1000 === 0) sweep();
      const key = this.key(id);
      entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
      if (payload.grantId) grants.set(payload.grantId, (grants.get(payload.grantId) ?? new Set()).add(key));
      if (payload.uid) entries.set(`${this.model}:uid:${payload.uid}`, { payload: { ...payload, jti: id } as AdapterPayload, expiresAt: entries.get(key)!.expiresAt });
      if (payload.userCode) entries.set(`${this.model}:userCode:${payload.userCode}`, { payload: { ...payload, jti: id } as AdapterPayload, expiresAt: entries.get(key)!.expiresAt });
    }

    async find(id: string) {
      return live(this.key(id))?.payload;
    }

    async findByUid(uid: string) {
      const id = live(`${this.model}:uid:${uid}`)?.payload.jti;
      return id ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string) {
      const id = live(`${this.model}:userCode:${userCode}`)?.payload.jti;
      return id ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = live(this.key(id));
      if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) entries.delete(key);
      grants.delete(grantId);
    }
  };
}
