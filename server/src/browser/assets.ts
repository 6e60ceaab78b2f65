/// <reference lib="webworker" />
// The files the sources load before they parse (the HCL parser's WebAssembly) in a browser: fetched once,
// when the first Terraform file reaches the server, from the extension's dist folder, whose URL the client passes.
import type { SourcePlatform } from '../sources';

export function fetchAssets(baseUrl: string): SourcePlatform {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async asset(name) {
      const response = await fetch(`${base}/${name}`);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
