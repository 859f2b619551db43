import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostFiles } from './transport.js';

/**
 * URLs of the issue's photos (`issue-assets/<id>`) for the page and its thumbnails. The
 * loopback host serves photos only with the launch token in a header, which an `<image>`
 * cannot send: there each photo is fetched once with the page's credentials and shown from a
 * blob URL (the function changes when one arrives, so the pages repaint with it). In Electron
 * the app's own protocol serves them to the page directly.
 */
export function useAssetUrls(files: HostFiles, viaFetch: boolean): (assetId: string, rev?: string) => string {
  // `rev` (the link's content hash, or its acceptance) makes a relinked or newly accepted photo a new URL: fetched again.
  const direct = useCallback((id: string, rev?: string) => new URL(`issue-assets/${encodeURIComponent(id)}${rev ? `?v=${encodeURIComponent(rev)}` : ''}`, files.base).href, [files]);
  const blobs = useRef(new Map<string, string | 'loading' | 'failed'>());
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const held = blobs.current;
    return () => {
      for (const url of held.values()) if (url.startsWith('blob:')) URL.revokeObjectURL(url);
      held.clear();
    };
  }, [files]);
  return useCallback(
    (id: string, rev?: string) => {
      if (!viaFetch) return direct(id, rev);
      const key = `${id}\u0000${rev ?? ''}`;
      const got = blobs.current.get(key);
      if (got && got !== 'loading' && got !== 'failed') return got;
      if (!got) {
        blobs.current.set(key, 'loading');
        void files.fetch(new URL(direct(id, rev))).then(
          async (res) => {
            if (!res.ok) throw new Error(`${res.status}`);
            blobs.current.set(key, URL.createObjectURL(await res.blob()));
            setVersion((v) => v + 1);
          },
          // A photo the host cannot serve (missing, outside the folder): the painter's broken-image box.
          () => blobs.current.set(key, 'failed'),
        ).catch(() => blobs.current.set(key, 'failed'));
      }
      // Until it has arrived (or when it cannot): no picture yet.
      return '';
    },
    [viaFetch, direct, files, version],
  );
}
