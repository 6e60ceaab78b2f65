// runtimePlatform values and whether Fargate runs them (facts/runtime-platforms.json).
import table from '../facts/runtime-platforms.json';

export interface OsFamilyInfo {
  name: string;
  fargate: 'yes' | 'no' | 'undocumented';
  replacement?: string;
  description: string;
}

export interface CpuArchitectureInfo {
  name: string;
  description: string;
}

export const OS_FAMILIES = table.operatingSystemFamilies as OsFamilyInfo[];
export const CPU_ARCHITECTURES: readonly CpuArchitectureInfo[] = table.cpuArchitectures;

export function osFamily(name: unknown): OsFamilyInfo | undefined {
  return OS_FAMILIES.find((f) => f.name === name);
}
