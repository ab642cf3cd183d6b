import { yieldToPage } from './yield';

/** A file to save: its name, type and text in chunks. */
export interface SavedFile {
  fileName: string;
  mimeType: string;
  chunks: Iterable<string>;
}

/**
 * Saves a file through the browser's own download flow (a Blob and a download link), building it
 * from chunks in small slices so the W&B page stays responsive: each slice's text is encoded into
 * its own Blob as it is made (a Blob of Blobs references them rather than copying), so no single
 * task encodes the whole file. Needs no `downloads` permission.
 */
export async function saveFile(
  file: SavedFile,
  container: Node,
  signal?: AbortSignal,
  sliceMs = 12,
): Promise<void> {
  const blobs: Blob[] = [];
  let pending: string[] = [];
  let sliceStart = performance.now();
  for (const chunk of file.chunks) {
    if (signal?.aborted) throw new DOMException('Export cancelled', 'AbortError');
    pending.push(chunk);
    if (performance.now() - sliceStart > sliceMs) {
      blobs.push(new Blob(pending));
      pending = [];
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
  blobs.push(new Blob(pending));
  const url = URL.createObjectURL(new Blob(blobs, { type: file.mimeType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.hidden = true;
    container.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // The download holds its own reference once started; revoke after it has had time to begin.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
