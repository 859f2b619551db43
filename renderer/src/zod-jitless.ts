// Imported first by main.tsx. zod 4 probes for `new Function` (to compile fast parsers) the
// first time it parses an object; under the page's CSP (no 'unsafe-eval') that probe is a
// reported violation even though zod catches it. The renderer validates little, so it runs
// zod without the compiler.
import { z } from 'zod';

z.config({ jitless: true });
