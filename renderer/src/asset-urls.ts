import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostFiles } from './transport.js';

/**
 * URLs of the photos (`issue-assets/<id>`) for the page and its thumbnails. The
 * loopback host serves photos only with the launch token in a header, which an `<image>`
 * cannot send: there each photo is fetched once with the page's credentials and shown from a
 * blob URL (the function changes when one arrives, so the pages repaint with it). In Electron
 * the app's own protocol serves them to the page directly.
 */
export function useAssetUrls(files: HostFiles, viaFetch: boolean): (assetId: string) => string {
  const direct = useCallback((id: string) => new URL(`issue-assets/${encodeURIComponent(id)}`, files.base).href, [files]);
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
    (id: string) => {
      if (!viaFetch) return direct(id);
      const got = blobs.current.get(id);
      if (got && got !== 'loading' && got !== 'failed') return got;
      if (!got) {
        blobs.current.set(id, 'loading');
        void files.fetch(new URL(direct(id))).then(
          async (res) => {
            if (!res.ok) throw new Error(`${res.status}`);
            blobs.current.set(id, URL.createObjectURL(await res.blob()));
            setVersion((v) => v + 1);
          },
          // A photo the host cannot serve (missing, outside the folder): the painter's broken-image box.
          () => blobs.current.set(id, 'failed'),
        ).catch(() => blobs.current.set(id, 'failed'));
      }
      // Until it has arrived (or when it cannot): no picture yet.
      return '';
    },
    [viaFetch, direct, files, version],
  );
}
