/** How many deliveries may be in flight at once, in all and per application and endpoint. */
export interface DeliveryLimits {
  readonly global: number;
  readonly perApp: number;
  readonly perEndpoint: number;
}

/**
 * 16 in all, 4 per application: one partner's slow or dead endpoints can hold at most 4 of 16 slots, so
 * others' deliveries keep flowing. 1 per endpoint: a healthy endpoint receives its events in the order
 * they were recorded, and one endpoint never holds more than one slot.
 */
export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = { global: 16, perApp: 4, perEndpoint: 1 };

interface Slot {
  readonly appId: string;
  readonly endpointId: string;
}

/** Counts the deliveries in flight against the limits. */
export class DeliverySlots {
  private total = 0;
  private readonly apps = new Map<string, number>();
  private readonly endpoints = new Map<string, number>();

  constructor(readonly limits: DeliveryLimits) {}

  get free(): number {
    return Math.max(0, this.limits.global - this.total);
  }

  canTake(slot: Slot): boolean {
    return this.free > 0 && (this.apps.get(slot.appId) ?? 0) < this.limits.perApp && (this.endpoints.get(slot.endpointId) ?? 0) < this.limits.perEndpoint;
  }

  take(slot: Slot): void {
    this.total++;
    this.apps.set(slot.appId, (this.apps.get(slot.appId) ?? 0) + 1);
    this.endpoints.set(slot.endpointId, (this.endpoints.get(slot.endpointId) ?? 0) + 1);
  }

  release(slot: Slot): void {
    this.total--;
    decrement(this.apps, slot.appId);
    decrement(this.endpoints, slot.endpointId);
  }

  /** Applications and endpoints with no slot left: the outbox query skips their deliveries. */
  full(): { apps: string[]; endpoints: string[] } {
    return {
      apps: [...this.apps].filter(([, n]) => n >= this.limits.perApp).map(([id]) => id),
      endpoints: [...this.endpoints].filter(([, n]) => n >= this.limits.perEndpoint).map(([id]) => id),
    };
  }
}

function decrement(counts: Map<string, number>, key: string) {
  const n = (counts.get(key) ?? 0) - 1;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
