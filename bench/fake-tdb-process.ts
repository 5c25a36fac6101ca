import { startFakeTdb } from '../test/fakes/dsa-tdb.js';

/**
 * The fake Transparency Database in a process of its own, for the DSA bench: on a machine with two cores the fake
 * answers on one while Docket works on the other, as a real database would answer from its own machine, instead of
 * sharing Docket's event loop. Its first argument, when given, delays every answer by that many milliseconds (a
 * stand-in for the network and the real database's own work). It says where it listens, answers `statements` with how many it keeps and the key of
 * the first, and stops when the bench disconnects. The requests the tests read are dropped as they come.
 */
const answerDelayMs = Number(process.argv[2] ?? 0);
const tdb = await startFakeTdb({ token: 'bench', limits: null, answerDelayMs });
const drop = setInterval(() => (tdb.requests.length = 0), 100);

export interface FakeTdbMessage {
  url?: string;
  statements?: { size: number; first: string | null };
}

const send = (message: FakeTdbMessage) => process.send?.(message);
process.on('message', (message) => {
  if (message === 'statements') {
    const [first] = tdb.statements.keys();
    send({ statements: { size: tdb.statements.size, first: first ?? null } });
  }
});
process.on('disconnect', () => {
  clearInterval(drop);
  void tdb.close().then(() => process.exit(0));
});
send({ url: tdb.url });
