import net from 'node:net';

/** One outgoing TCP connection, as it was asked for. */
export interface ConnectAttempt {
  /** The host the socket was asked to reach: a name or an address. */
  readonly host: string;
  /**
   * The address it would have connected to: the host itself when it is one, else what the request's own
   * `lookup` answered. Undefined when the request brought no lookup (the system resolver would be asked).
   */
  readonly address: string | undefined;
}

type ConnectOptions = net.TcpNetConnectOpts & { lookup?: net.LookupFunction };

/**
 * While active, sends every outgoing TCP connection of this process to `port` on 127.0.0.1 instead,
 * recording where it was headed. SSRF tests use it so that an address the filter wrongly let through
 * reaches (and is counted by) their own listener, and no test ever sends a packet to a private or
 * public address.
 */
export function redirectConnections(port: number) {
  const original = net.Socket.prototype.connect;
  const attempts: ConnectAttempt[] = [];
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const options = (Array.isArray(args[0]) ? args[0][0] : args[0]) as ConnectOptions | undefined;
    if (options && typeof options === 'object' && options.port !== undefined) {
      const host = options.host ?? 'localhost';
      let address = net.isIP(host) ? host : undefined;
      // The deliverer's lookup answers at once; a real resolver would not, and leaves `address` unset.
      options.lookup?.(host, { all: true }, (error, found) => {
        if (!error) address = Array.isArray(found) ? found[0]?.address : (found as unknown as string);
      });
      attempts.push({ host, address });
      Object.assign(options, { host: '127.0.0.1', port, family: 4 });
      delete options.lookup;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return {
    attempts,
    restore() {
      net.Socket.prototype.connect = original;
    },
  };
}

/** A TCP listener on 127.0.0.1 that counts connections and answers each with `respond` (default: closes it). */
export async function countingListener(respond: (socket: net.Socket) => void = (socket) => socket.destroy()) {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.on('error', () => {});
    respond(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
