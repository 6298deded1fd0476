import type { Network } from '@tandem/shared'
import { useApiResource } from './use-api-resource.ts'

/** One network from the public directory (there is no single-network endpoint): `null` once known not to exist. */
export function useNetwork(slug: string): { network: Network | null | undefined; error: unknown } {
  const { data, error } = useApiResource<Network[]>('/networks')
  return { network: data === undefined ? undefined : (data.find((n) => n.slug === slug) ?? null), error }
}
