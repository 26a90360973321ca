import type { Overview } from './overview.js';

/**
 * A service page: `services/<service>/index.md` (current) or
 * `providers/<provider>/<service>/index.md` (legacy, with an Overview whose
 * Type is `Service` and Name `okta.application`). Only its name is used: the
 * resources come from their own pages.
 */
export function serviceName(path: string, overview: Overview | null): string {
  const segments = path.split('/');
  const fromPath = segments.length >= 2 ? segments[segments.length - 2] : undefined;
  if (fromPath) return fromPath;
  const fromOverview = overview?.name?.split('.').pop();
  return fromOverview ?? '';
}
