import { after, before } from 'node:test';
import { openNewsroomDb } from '../../node/newsroom/db.js';
import { startCluster, type Cluster } from './pg-cluster.js';
import { processSuite } from './processes.js';
import { newsroomSuite } from './suite.js';

// The newsroom suite on a real PostgreSQL server: a throwaway cluster of Debian's postgresql
// (initdb + pg_ctl on a free loopback port), removed when the tests end.
let cluster: Cluster;
before(async () => {
  cluster = await startCluster();
});
after(async () => {
  await cluster?.stop();
});

newsroomSuite({ name: 'PostgreSQL', open: async () => openNewsroomDb({ url: await cluster.database('suite') }) });
processSuite({ name: 'PostgreSQL', kind: 'postgres', url: () => cluster.database('processes') });
