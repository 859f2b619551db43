import { openNewsroomDb } from '../../node/newsroom/db.js';
import { newsroomSuite } from './suite.js';
import { processSuite } from './processes.js';

// The newsroom suite on the embedded database (PGlite): in memory in-process, in a data folder
// for the tests that run the server as its own process.
newsroomSuite({ name: 'PGlite', open: () => openNewsroomDb({}) });
processSuite({ name: 'PGlite', kind: 'pglite' });
