/**
 * The appliance's broker adapter on its own: the same aedes set-up, ACL
 * checks (subscribe and every delivery) and loopback TCP listener the
 * appliance embeds, with a stand-in for the session store, for tests and
 * benchmarks that measure the broker alone (appliance/bench/mqtt-fanout.ts).
 */
import type { LiveSubject } from '@edgecall/contracts';
import { createLiveBroker, type LiveBroker } from '../../src/adapters/mqtt/broker.ts';
import { createLogger } from '../../src/adapters/system/logger.ts';
import { Metrics } from '../../src/lib/metrics.ts';

export interface BareLiveBroker {
  broker: LiveBroker;
  tcpPort: number;
  close(): Promise<void>;
}

/** Every client whose password is `password` connects as `subject`. */
export async function startBareLiveBroker(opts: { subject: LiveSubject; password: string }): Promise<BareLiveBroker> {
  let n = 0;
  const broker = await createLiveBroker({
    authenticate: async (_username, password) => (password === opts.password ? { subject: opts.subject, sessionId: `bench-${++n}` } : null),
    logger: createLogger('silent'),
    metrics: new Metrics(),
  });
  const tcpPort = await broker.listenTcp(0);
  return { broker, tcpPort, close: () => broker.close() };
}
