export declare function verifyWebhook(secret: string, body: string, header: string | undefined, toleranceSeconds?: number): boolean;
export declare function startPartnerServer(options: { service: string; apiKey: string; port?: number; host?: string; webhookSecret?: string; userReference?: string }): Promise<{
  url: string;
  api: (path: string, body?: unknown, method?: string) => Promise<any>;
  readonly userId: string;
  webhooks: { id: string; type: string; data: Record<string, unknown> }[];
  stop(): Promise<void>;
}>;
