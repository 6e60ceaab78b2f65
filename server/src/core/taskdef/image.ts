// Container image references: split into registry, repository, tag and digest, recognise private ECR
// (with its account, region and partition), ECR Public and Docker Hub, and list what makes a reference
// unusable. ECS passes the string to the container runtime, which applies Docker's reference grammar;
// ECS itself adds a length limit and accepts only sha256 digests. Pure: no I/O.
import { IMAGE_PATTERNS, LIMITS } from './limits';

type RegistryKind = 'ecr' | 'ecr-public' | 'docker-hub' | 'other';

export interface ImageReference {
  /** The reference as written. */
  text: string;
  /** The registry host as written (with its port), or undefined when the reference names none. */
  host?: string;
  registryKind: RegistryKind;
  /** Private ECR only: the registry's account, region and partition. */
  account?: string;
  region?: string;
  partition?: string;
  /** Private ECR only: the FIPS endpoint (dkr.ecr-fips) or the dual-stack one (dkr-ecr, .on.aws). */
  fips?: boolean;
  dualStack?: boolean;
  /** The repository path after the host, as written (`nginx`, `amazon/aws-for-fluent-bit`). */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, without the `@`. */
  digest?: string;
}

type ImageProblemCode = 'empty' | 'whitespace' | 'too-long' | 'digest' | 'host' | 'uppercase' | 'repository' | 'tag' | 'identifier';

export interface ImageProblem {
  code: ImageProblemCode;
  message: string;
}

const DOCKER_HUB_HOSTS = new Set(LIMITS.image.dockerHubHosts);
const PARTITION_BY_DOMAIN: Record<string, string> = LIMITS.image.partitionByDomain;

/** Splits a reference the way Docker does. Never throws; a malformed reference still gets its parts. */
export function parseImage(text: string): ImageReference {
  const at = text.indexOf('@');
  const name = at >= 0 ? text.slice(0, at) : text;
  const digest = at >= 0 ? text.slice(at + 1) : undefined;

  // The first path component is a registry host when it looks like one (a dot, a port, localhost, or
  // uppercase, which a repository path cannot have); otherwise the reference is on Docker Hub.
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const host = isHost ? first : undefined;
  const rest = isHost ? name.slice(slash + 1) : name;

  const colon = rest.lastIndexOf(':');
  const repository = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;

  const reference: ImageReference = { text, host, registryKind: 'other', repository, tag, digest };
  classifyRegistry(reference);
  return reference;
}

function classifyRegistry(reference: ImageReference): void {
  const host = reference.host;
  if (host === undefined || DOCKER_HUB_HOSTS.has(host.toLowerCase())) {
    reference.registryKind = 'docker-hub';
    return;
  }
  if (host.toLowerCase() === LIMITS.image.ecrPublicHost) {
    reference.registryKind = 'ecr-public';
    return;
  }
  const ecr = IMAGE_PATTERNS.ecrHost.exec(host);
  if (!ecr) return;
  const [, account, fips, region, domain] = ecr;
  reference.registryKind = 'ecr';
  reference.account = account;
  reference.region = region;
  reference.fips = fips !== undefined;
  reference.dualStack = host.includes('.dkr-ecr') || domain.startsWith('on.');
  reference.partition = partitionOf(domain, region);
}

function partitionOf(domain: string, region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return Object.hasOwn(PARTITION_BY_DOMAIN, domain) ? PARTITION_BY_DOMAIN[domain] : 'aws';
}

/** What makes the reference unusable for ECS (registration or the image pull). Empty when it is fine. */
export function imageProblems(text: string): ImageProblem[] {
  if (text.trim() === '') return [{ code: 'empty', message: 'the image is empty' }];
  if (/\s/.test(text)) return [{ code: 'whitespace', message: 'an image reference cannot contain spaces or line breaks' }];
  const reference = parseImage(text);
  const problems: ImageProblem[] = [];
  const max = LIMITS.image.maxLength;
  const measured = reference.digest === undefined ? text : text.slice(0, text.indexOf('@'));
  if (measured.length > max) {
    const part = reference.digest === undefined ? 'the image reference' : 'the part before "@"';
    problems.push({ code: 'too-long', message: `${part} is ${measured.length} characters long; ECS accepts at most ${max}` });
  }
  if (reference.digest !== undefined && !IMAGE_PATTERNS.digest.test(reference.digest)) {
    problems.push({
      code: 'digest',
      message: `the digest "${reference.digest}" is not "sha256:" followed by exactly 64 hexadecimal digits, the only digest form ECS accepts`,
    });
  }
  if (reference.host !== undefined && !validHost(reference.host)) {
    problems.push({ code: 'host', message: `"${reference.host}" is not a valid registry host name` });
  }
  problems.push(...repositoryProblems(reference.repository));
  if (reference.tag !== undefined && !IMAGE_PATTERNS.tag.test(reference.tag)) {
    problems.push({
      code: 'tag',
      message: `the tag "${reference.tag}" is not valid: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`,
    });
  }
  return problems;
}

function validHost(host: string): boolean {
  const match = /^(\[[0-9A-Fa-f:]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match) return false;
  const name = match[1];
  return name.startsWith('[') || name.split('.').every((component) => IMAGE_PATTERNS.domainComponent.test(component));
}

function repositoryProblems(repository: string): ImageProblem[] {
  if (repository === '') return [{ code: 'repository', message: 'the repository name is missing' }];
  if (/^[a-f0-9]{64}$/.test(repository)) {
    return [{ code: 'identifier', message: 'a 64-character hexadecimal string is an image ID, not a repository name' }];
  }
  const components = repository.split('/');
  if (components.every((c) => IMAGE_PATTERNS.pathComponent.test(c))) return [];
  if (components.every((c) => IMAGE_PATTERNS.pathComponent.test(c.toLowerCase()))) {
    return [
      {
        code: 'uppercase',
        message: `the repository name "${repository}" has uppercase letters; Docker and containerd accept only lowercase repository names, so the pull fails`,
      },
    ];
  }
  return [
    {
      code: 'repository',
      message: `the repository name "${repository}" is not valid: each "/"-separated part is lowercase letters and digits, joined by ".", "_", "__" or dashes`,
    },
  ];
}
