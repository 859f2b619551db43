import { ImageProblem, imageForPdf, loadImageLibrary } from './images.js';
import type { ConverterReply, ConverterRequest } from './image-converter.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * Entry of the image converter process (image-converter.ts starts it with MALLOC_ARENA_MAX=2):
 * runs imageForPdf — the same function the export would run in its own process — for each
 * request and sends the bytes back over the IPC channel. libvips' memory (glibc arenas grown by
 * its threads) lives and dies with this process, not with the export's.
 *
 * It loads sharp first and says `ready`; it exits when its parent closes the channel (the export
 * ended, failed, was cancelled, or the parent died), so it never outlives the export.
 */

const send = (m: ConverterReply) => process.send!(m);

process.on('disconnect', () => process.exit(0));
// Ctrl-C in a terminal reaches the whole process group: the export cancels and then ends this process
// (were it to die of the SIGINT first, the cancel would look like a crash).
process.on('SIGINT', () => {});
process.on('message', (m: ConverterRequest) => {
  imageForPdf(m.path, m.opts).then(
    (bytes) => send({ type: 'converted', id: m.id, bytes }),
    (err: unknown) => send({ type: 'failed', id: m.id, problem: err instanceof ImageProblem, message: errorMessage(err) }),
  );
});

loadImageLibrary().then(
  () => send({ type: 'ready' }),
  (err: unknown) => {
    process.stderr.write(`image converter: sharp cannot be loaded: ${errorMessage(err)}\n`);
    process.exit(70);
  },
);
