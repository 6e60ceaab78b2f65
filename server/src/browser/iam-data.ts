/// <reference lib="webworker" />
// The IAM data in a browser: the extension's own dist/iam-data folder, fetched from the URL the client
// passes (the extension's location on vscode.dev and github.dev), one file at a time with a synchronous
// XMLHttpRequest. Synchronous because the analysis is (as with node:fs on the desktop), and it blocks only
// this worker, which does nothing but the analysis; the browser's HTTP cache keeps the files. A file that
// cannot be fetched reads as absent, so the analysis treats its service as unknown and never crashes.
import type { IamDataReader } from '../core/iam/data';

export function fetchIamDataReader(baseUrl: string, log: (message: string) => void): IamDataReader {
  const base = baseUrl.replace(/\/+$/, '');
  let failures = 0;
  return {
    location: base,
    read(file) {
      try {
        const request = new XMLHttpRequest();
        request.open('GET', `${base}/${file}`, false);
        request.send();
        if (request.status === 200) return request.responseText;
        if (request.status !== 404 && failures++ < 5) log(`IAM data: ${file}: HTTP ${request.status}`);
      } catch (error) {
        if (failures++ < 5) log(`IAM data: ${file}: ${error instanceof Error ? error.message : String(error as string)}`);
      }
      return undefined;
    },
  };
}
